// SPDX-License-Identifier: MIT
#include "models/historystore.h"
#include "snapshots.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using counters::CounterType;
using dashboard::HistoryStore;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src");

SeriesKey key(const QString &counter, const QString &node = QString())
{
    return SeriesKey{kSource, node, counter};
}

} // namespace

class HistoryStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_store = std::make_unique<HistoryStore>(); }
    void cleanup() { m_store.reset(); }

    void shouldCreateOneSeriesPerCounterInOneChange()
    {
        QSignalSpy changed(m_store.get(), &HistoryStore::historyChanged);
        m_store->appendSnapshots(kSource, {tutorial(1000), tutorial(1001, 1), tutorial(1002, 2)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        QCOMPARE(m_store->seriesCount(), 6);
        const auto *history = m_store->history(key(QStringLiteral("requests_frequency")));
        QVERIFY(history);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->first().time, 1000.0);
        QCOMPARE(history->last().value, 4.5);
        QCOMPARE(m_store->keys().first(), key(QStringLiteral("requests_data_len")));
        QCOMPARE(m_store->unit(key(QStringLiteral("requests_time"))), counters::Unit::Second);
        QCOMPARE(m_store->unit(key(QStringLiteral("requests_frequency"))),
                 counters::Unit::PerSecond);
    }

    void shouldKeepTheBandOnlyAroundAverages()
    {
        m_store->appendSnapshots(kSource, {tutorial(1000)});
        const auto *time = m_store->history(key(QStringLiteral("requests_time")));
        QVERIFY(time->last().hasBand());
        QCOMPARE(time->last().min, 0.002);
        QCOMPARE(time->last().max, 0.040);
        QVERIFY(!m_store->history(key(QStringLiteral("requests_data_len")))->last().hasBand());
        QVERIFY(!m_store->history(key(QStringLiteral("requests_frequency")))->last().hasBand());
    }

    // Whether a series has bands is what its rows are: a percentile counter has them while
    // its window is empty too; an average once its window had a min and a max, from then on.
    void shouldKnowWhichSeriesHaveBands()
    {
        m_store->appendSnapshots(
            kSource,
            {snapshot(1000,
                      {row(QStringLiteral("latency"), CounterType::PercentileWindow, std::nullopt),
                       row(QStringLiteral("size"), CounterType::AverageWindow, 3),
                       row(QStringLiteral("rate"), CounterType::Frequency, 2)})});
        QVERIFY(m_store->hasBands(key(QStringLiteral("latency"))));
        QVERIFY(!m_store->hasBands(key(QStringLiteral("size"))));
        QVERIFY(!m_store->hasBands(key(QStringLiteral("rate"))));
        m_store->appendSnapshots(kSource,
                                 {snapshot(1001, {average(QStringLiteral("size"), 3, 1, 5)})});
        QVERIFY(m_store->hasBands(key(QStringLiteral("size"))));
        m_store->appendSnapshots(
            kSource,
            {snapshot(1002, {row(QStringLiteral("size"), CounterType::AverageWindow, 3)})});
        QVERIFY(m_store->hasBands(key(QStringLiteral("size"))));
        QVERIFY(!m_store->hasBands(key(QStringLiteral("unknown"))));
    }

    void shouldSignalOnceAFrame()
    {
        m_store->appendSnapshots(kSource, {tutorial(1000)});
        QSignalSpy changed(m_store.get(), &HistoryStore::historyChanged);
        m_store->appendSnapshots(kSource, {tutorial(1001), tutorial(1002), tutorial(1003)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        QCOMPARE(m_store->history(key(QStringLiteral("requests_time")))->size(), 4);
        m_store->appendSnapshots(kSource, {});
        QCOMPARE(changed.size(), 1);
    }

    // A loading file tells its charts once a frame: held changes name each series once, and
    // not the series removed meanwhile.
    void shouldHoldChangesUntilReleased()
    {
        const QString other = QStringLiteral("src-b");
        QSignalSpy changed(m_store.get(), &HistoryStore::historyChanged);
        m_store->setChangesHeld(true);
        m_store->appendSnapshots(kSource, {tutorial(1000)});
        m_store->appendSnapshots(other, {tutorial(1000)});
        m_store->appendSnapshots(kSource, {tutorial(1001)});
        QCOMPARE(changed.size(), 0);
        m_store->removeSource(other);
        m_store->setChangesHeld(false);
        QCOMPARE(changed.size(), 1);
        const auto keys = changed.at(0).at(0).value<QList<SeriesKey>>();
        QCOMPARE(keys.size(), 6);
        for (const SeriesKey &k : keys)
            QCOMPARE(k.sourceId, kSource);
        QCOMPARE(QSet<SeriesKey>(keys.cbegin(), keys.cend()).size(), 6);
        QCOMPARE(keys, m_store->keys());
        m_store->setChangesHeld(false);
        QCOMPARE(changed.size(), 1);
    }

    void shouldSkipPointsThatAreNotNewer()
    {
        m_store->appendSnapshots(kSource, {tutorial(1000), tutorial(1001)});
        QSignalSpy changed(m_store.get(), &HistoryStore::historyChanged);
        // A backfill after a reconnection repeats what we have.
        m_store->appendSnapshots(kSource, {tutorial(999), tutorial(1000), tutorial(1001)});
        QCOMPARE(changed.size(), 0);
        m_store->appendSnapshots(kSource, {tutorial(1001), tutorial(1002, 5)});
        QCOMPARE(changed.size(), 1);
        const auto *history = m_store->history(key(QStringLiteral("requests_frequency")));
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->last().value, 7.5);
    }

    void shouldSortAFrameByTime()
    {
        m_store->appendSnapshots(kSource, {tutorial(1002, 2), tutorial(1000), tutorial(1001, 1)});
        const auto *history = m_store->history(key(QStringLiteral("requests_frequency")));
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).time, 1000.0);
        QCOMPARE(history->at(2).time, 1002.0);
    }

    // The budget is shared by the series: a small one rolls older points up, never losing a
    // reading, and every series keeps its newest points at full resolution.
    void shouldRollUpWithinTheMemoryBudget()
    {
        const int reports = 2000;
        QList<counters::Snapshot> snapshots;
        for (int i = 0; i < reports; ++i)
            snapshots.append(tutorial(1'800'000'000 + i, i % 3));
        m_store->appendSnapshots(kSource, snapshots);
        const auto *history = m_store->history(key(QStringLiteral("requests_time")));
        QCOMPARE(history->size(), reports);
        QVERIFY(!history->first().isRollUp());

        QSignalSpy changed(m_store.get(), &HistoryStore::historyChanged);
        const qint64 budget = 6 * 100 * HistoryStore::BytesPerPoint; // 100 points per series
        m_store->setMemoryBudget(budget);
        QCOMPARE(m_store->memoryBudget(), budget);
        QCOMPARE(m_store->capacityPerSeries(), 100);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        QVERIFY(m_store->memoryUsage() <= budget);
        QVERIFY(history->size() <= 100);
        QVERIFY(history->first().isRollUp());
        QCOMPARE(history->first().time, 1'800'000'000.0);
        QCOMPARE(history->last().time, 1'800'000'000.0 + reports - 1);
        QCOMPARE(history->readingCount(), quint64(reports));

        // More series share the same budget: each gets less.
        m_store->appendSnapshots(QStringLiteral("other"), {tutorial(1'800'000'000 + reports)});
        QCOMPARE(m_store->seriesCount(), 12);
        QCOMPARE(m_store->capacityPerSeries(), 50);
        QVERIFY(history->size() <= 50);
        QVERIFY(m_store->memoryUsage() <= budget);
        // And fewer series, more again (from now on).
        m_store->removeSource(QStringLiteral("other"));
        QCOMPARE(m_store->capacityPerSeries(), 100);
    }

    void shouldKeepAFewPointsPerSeriesWhateverTheBudget()
    {
        m_store->setMemoryBudget(0);
        m_store->appendSnapshots(kSource, {tutorial(1000), tutorial(1001)});
        QCOMPARE(m_store->capacityPerSeries(), dashboard::CounterHistory::MinimumCapacity);
        QCOMPARE(m_store->history(key(QStringLiteral("requests_time")))->size(), 2);
    }

    // A counter may be named "" (JSON allows it): it is a series like any other.
    void shouldKeepACounterWithAnEmptyName()
    {
        const auto report = [](double time) {
            return snapshot(time,
                            {row(QString(), CounterType::Total, time),
                             row(QStringLiteral("a"), CounterType::Total, -time)});
        };
        m_store->appendSnapshots(kSource, {report(1000), report(1001)});
        m_store->appendSnapshots(kSource, {report(1002)});
        QCOMPARE(m_store->seriesCount(), 2);
        QCOMPARE(m_store->history(key(QString()))->size(), 3);
        QCOMPARE(m_store->history(key(QString()))->last().value, 1002.0);
        QCOMPARE(m_store->history(key(QStringLiteral("a")))->last().value, -1002.0);
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
        m_store->appendSnapshots(kSource, {report});
        QCOMPARE(m_store->seriesCount(), 3);
        QCOMPARE(m_store->history(key(QStringLiteral("hits"), QStringLiteral("n1")))->last().value,
                 2.0);
        const QList<SeriesKey> nodes = m_store->nodeKeys(key(QStringLiteral("hits")));
        QCOMPARE(nodes,
                 (QList<SeriesKey>{key(QStringLiteral("hits"), QStringLiteral("n1")),
                                   key(QStringLiteral("hits"), QStringLiteral("n2"))}));
    }

    void shouldForgetASource()
    {
        m_store->appendSnapshots(QStringLiteral("other"), {tutorial(1000)});
        m_store->appendSnapshots(kSource, {tutorial(1000)});
        m_store->appendSnapshots(QStringLiteral("third"), {tutorial(1000)});
        QSignalSpy removed(m_store.get(), &HistoryStore::seriesRemoved);
        m_store->removeSource(kSource);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).value<QList<SeriesKey>>().size(), 6);
        QCOMPARE(m_store->seriesCount(), 12);
        QVERIFY(!m_store->history(key(QStringLiteral("requests_time"))));
        // Series after the removed ones keep their order and their points.
        const SeriesKey third{QStringLiteral("third"), {}, QStringLiteral("requests_time")};
        QCOMPARE(m_store->keys().at(6).sourceId, QStringLiteral("third"));
        QCOMPARE(m_store->history(third)->size(), 1);
        m_store->removeSource(kSource);
        QCOMPARE(removed.size(), 1);
    }

    void shouldNotPlotNodesThatNeverAnswered()
    {
        const auto report = snapshot(
            1000, {},
            {node(QStringLiteral("n1"), 0, {row(QStringLiteral("x"), CounterType::Total, 1)})});
        m_store->appendSnapshots(kSource, {report});
        QCOMPARE(m_store->seriesCount(), 0);
    }

private:
    std::unique_ptr<HistoryStore> m_store;
};

QTEST_MAIN(HistoryStoreTest)
#include "tst_historystore.moc"
