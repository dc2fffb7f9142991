// SPDX-License-Identifier: MIT
#include "models/historymodel.h"
#include "snapshots.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using counters::CounterType;
using dashboard::HistoryModel;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src");

SeriesKey key(const QString &counter, const QString &node = QString())
{
    return SeriesKey{kSource, node, counter};
}

} // namespace

class HistoryModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<HistoryModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void shouldCreateOneSeriesPerCounterAsOneBlock()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &HistoryModel::historyChanged);
        m_model->appendSnapshots(kSource, {tutorial(1000), tutorial(1001, 1), tutorial(1002, 2)});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_model->seriesCount(), 6);
        const auto *history = m_model->history(key(QStringLiteral("requests_frequency")));
        QVERIFY(history);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->first().time, 1000.0);
        QCOMPARE(history->last().value, 4.5);
        const QModelIndex series = m_model->indexOf(key(QStringLiteral("requests_frequency")));
        QCOMPARE(m_model->rowCount(series), 3);
        QCOMPARE(m_model->index(2, HistoryModel::ValueColumn, series)
                     .data(HistoryModel::ValueRole)
                     .toDouble(),
                 4.5);
    }

    void shouldKeepTheBandOnlyAroundAverages()
    {
        m_model->appendSnapshots(kSource, {tutorial(1000)});
        const auto *time = m_model->history(key(QStringLiteral("requests_time")));
        QVERIFY(time->last().hasBand());
        QCOMPARE(time->last().min, 0.002);
        QCOMPARE(time->last().max, 0.040);
        QVERIFY(!m_model->history(key(QStringLiteral("requests_data_len")))->last().hasBand());
        QVERIFY(!m_model->history(key(QStringLiteral("requests_frequency")))->last().hasBand());
    }

    void shouldAppendOnePointBlockPerSeriesAndFrame()
    {
        m_model->appendSnapshots(kSource, {tutorial(1000)});
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->appendSnapshots(kSource, {tutorial(1001), tutorial(1002), tutorial(1003)});
        QCOMPARE(inserted.size(), 6); // one per series
        for (const QList<QVariant> &signal : std::as_const(inserted)) {
            QVERIFY(signal.at(0).value<QModelIndex>().isValid());
            QCOMPARE(signal.at(1).toInt(), 1);
            QCOMPARE(signal.at(2).toInt(), 3);
        }
        QCOMPARE(changed.size(), 6);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(),
                 int(HistoryModel::PointsColumn));
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(),
                 (QList<int>{Qt::DisplayRole, HistoryModel::PointCountRole}));
    }

    void shouldSkipPointsThatAreNotNewer()
    {
        m_model->appendSnapshots(kSource, {tutorial(1000), tutorial(1001)});
        QSignalSpy changed(m_model.get(), &HistoryModel::historyChanged);
        // A backfill after a reconnection repeats what we have.
        m_model->appendSnapshots(kSource, {tutorial(999), tutorial(1000), tutorial(1001)});
        QCOMPARE(changed.size(), 0);
        m_model->appendSnapshots(kSource, {tutorial(1001), tutorial(1002, 5)});
        QCOMPARE(changed.size(), 1);
        const auto *history = m_model->history(key(QStringLiteral("requests_frequency")));
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->last().value, 7.5);
    }

    void shouldSortAFrameByTime()
    {
        m_model->appendSnapshots(kSource, {tutorial(1002, 2), tutorial(1000), tutorial(1001, 1)});
        const auto *history = m_model->history(key(QStringLiteral("requests_frequency")));
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).time, 1000.0);
        QCOMPARE(history->at(2).time, 1002.0);
    }

    void shouldDropTheOldestPointsBeyondTheCapacity()
    {
        m_model->setCapacity(4);
        m_model->appendSnapshots(kSource, {tutorial(1000), tutorial(1001), tutorial(1002)});
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->appendSnapshots(kSource, {tutorial(1003), tutorial(1004), tutorial(1005)});
        QCOMPARE(removed.size(), 6);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 1);
        const auto *history = m_model->history(key(QStringLiteral("requests_time")));
        QCOMPARE(history->size(), 4);
        QCOMPARE(history->first().time, 1002.0);
        QCOMPARE(history->last().time, 1005.0);

        // A frame larger than the capacity keeps its newest points.
        m_model->appendSnapshots(kSource,
                                 {tutorial(2000), tutorial(2001), tutorial(2002), tutorial(2003),
                                  tutorial(2004), tutorial(2005)});
        QCOMPARE(history->size(), 4);
        QCOMPARE(history->first().time, 2002.0);
    }

    void shouldShortenEveryHistoryWhenTheCapacityShrinks()
    {
        m_model->appendSnapshots(
            kSource,
            {tutorial(1000), tutorial(1001), tutorial(1002), tutorial(1003), tutorial(1004)});
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(m_model.get(), &HistoryModel::historyChanged);
        m_model->setCapacity(2);
        QCOMPARE(m_model->capacity(), 2);
        QCOMPARE(removed.size(), 6); // one block per series
        QCOMPARE(removed.at(0).at(2).toInt(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        const auto *history = m_model->history(key(QStringLiteral("requests_time")));
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->first().time, 1003.0);
        // Growing keeps what is there and lets more in.
        m_model->setCapacity(10);
        QCOMPARE(removed.size(), 6);
        m_model->appendSnapshots(kSource, {tutorial(1005), tutorial(1006), tutorial(1007)});
        QCOMPARE(history->size(), 5);
    }

    void shouldKeepASeriesPerProcess()
    {
        const auto report =
            snapshot(1000, {row(QStringLiteral("hits"), CounterType::Frequency, 5)},
                     {node(QStringLiteral("n1"), 999,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 2)}),
                      node(QStringLiteral("n2"), 1000,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 3)}),
                      node(QStringLiteral("n3"), 900, {}, true)});
        m_model->appendSnapshots(kSource, {report});
        QCOMPARE(m_model->seriesCount(), 3);
        QCOMPARE(m_model->history(key(QStringLiteral("hits"), QStringLiteral("n1")))->last().value,
                 2.0);
        const QList<SeriesKey> nodes = m_model->nodeKeys(key(QStringLiteral("hits")));
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(m_model->indexOf(key(QStringLiteral("hits"), QStringLiteral("n2")))
                     .data(HistoryModel::NodeRole)
                     .toString(),
                 QStringLiteral("n2"));
    }

    void shouldForgetASource()
    {
        m_model->appendSnapshots(QStringLiteral("other"), {tutorial(1000)});
        m_model->appendSnapshots(kSource, {tutorial(1000)});
        m_model->appendSnapshots(QStringLiteral("third"), {tutorial(1000)});
        QSignalSpy removed(m_model.get(), &HistoryModel::seriesRemoved);
        m_model->removeSource(kSource);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        QCOMPARE(m_model->seriesCount(), 12);
        QVERIFY(!m_model->history(key(QStringLiteral("requests_time"))));
        // Rows after the removed block still map to their series.
        const SeriesKey third{QStringLiteral("third"), {}, QStringLiteral("requests_time")};
        QCOMPARE(m_model->indexOf(third).data(HistoryModel::SeriesKeyRole).value<SeriesKey>(),
                 third);
        QCOMPARE(m_model->parent(m_model->index(0, 0, m_model->indexOf(third))),
                 m_model->indexOf(third));
    }

    void shouldNotPlotNodesThatNeverAnswered()
    {
        const auto report = snapshot(
            1000, {},
            {node(QStringLiteral("n1"), 0, {row(QStringLiteral("x"), CounterType::Total, 1)})});
        m_model->appendSnapshots(kSource, {report});
        QCOMPARE(m_model->seriesCount(), 0);
    }

private:
    std::unique_ptr<HistoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(HistoryModelTest)
#include "tst_historymodel.moc"
