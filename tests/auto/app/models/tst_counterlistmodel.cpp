// SPDX-License-Identifier: MIT
#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"
#include "models/historystore.h"
#include "models/thresholdset.h"
#include "snapshots.h"
#include "sources/reportfilereader.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using counters::CounterType;
using dashboard::CounterListModel;
using dashboard::SeriesKey;
using dashboard::Threshold;
using dashboard::ThresholdState;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src-a");

QVariant cell(const CounterListModel &model, const QString &counter, int role,
              const QString &node = QString(), const QString &source = kSource)
{
    const int row = model.rowOf(SeriesKey{source, node, counter});
    return row < 0 ? QVariant() : model.index(row, 0).data(role);
}

} // namespace

class CounterListModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<CounterListModel>();
        m_model->setClock([this] { return m_now; });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void shouldInsertTheRowsOfAFirstSnapshotAsOneBlock()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(cell(*m_model, QStringLiteral("requests_frequency"), CounterListModel::ValueRole)
                     .toDouble(),
                 2.5);
        QCOMPARE(
            cell(*m_model, QStringLiteral("requests_time"), CounterListModel::TypeRole).toInt(),
            int(CounterType::AverageTime));
        QCOMPARE(cell(*m_model, QStringLiteral("requests_time"), CounterListModel::SourceNameRole)
                     .toString(),
                 QStringLiteral("A"));
    }

    void shouldSignalExactlyTheChangedColumnsAndRoles()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        auto next = tutorial(1000);
        QList<counters::CounterRow> rows = next.rows();
        for (counters::CounterRow &r : rows) {
            if (r.name == QLatin1String("requests_frequency"))
                r.value = 7.0;
        }
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows));

        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
        const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
        const auto roles = changed.at(0).at(2).value<QList<int>>();
        QCOMPARE(topLeft.row(),
                 m_model->rowOf({kSource, {}, QStringLiteral("requests_frequency")}));
        QCOMPARE(bottomRight.row(), topLeft.row());
        QCOMPARE(topLeft.column(), int(CounterListModel::ValueColumn));
        QCOMPARE(bottomRight.column(), int(CounterListModel::ValueColumn));
        QCOMPARE(QSet<int>(roles.cbegin(), roles.cend()),
                 (QSet<int>{Qt::DisplayRole, CounterListModel::ValueRole}));
        QCOMPARE(topLeft.data(CounterListModel::ValueRole).toDouble(), 7.0);
    }

    // The events column is blank for a counter without a window and without events: a change
    // of the window alone changes it too.
    void shouldSignalTheEventsColumnWhenTheWindowChanges()
    {
        const auto report = [](double window) {
            return snapshot(1000, {row(QStringLiteral("jobs"), CounterType::Total, 3, window, 0)});
        };
        m_model->applySnapshot(kSource, QStringLiteral("A"), report(300));
        const QModelIndex events = m_model->index(0, CounterListModel::CountColumn);
        QCOMPARE(events.data().toString(), QStringLiteral("0"));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applySnapshot(kSource, QStringLiteral("A"), report(0));
        QCOMPARE(events.data().toString(), QString());
        QCOMPARE(changed.size(), 1);
        const int first = changed.at(0).at(0).value<QModelIndex>().column();
        const int last = changed.at(0).at(1).value<QModelIndex>().column();
        QVERIFY(first <= CounterListModel::CountColumn && CounterListModel::CountColumn <= last);
    }

    void shouldSayWhenACounterDroppedEvents()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        const QString name = QStringLiteral("requests_time");
        QVERIFY(!cell(*m_model, name, Qt::ToolTipRole).toString().contains(u"not recorded"));
        QList<counters::CounterRow> rows = tutorial(1000).rows();
        for (counters::CounterRow &r : rows) {
            if (r.name == name)
                r.dropped = 3;
        }
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows));
        QCOMPARE(changed.size(), 1);
        const auto roles = changed.at(0).at(2).value<QList<int>>();
        QCOMPARE(roles, QList<int>{Qt::ToolTipRole});
        QVERIFY2(
            cell(*m_model, name, Qt::ToolTipRole).toString().contains(u"Events not recorded: 3"),
            qPrintable(cell(*m_model, name, Qt::ToolTipRole).toString()));
    }

    void shouldSignalNothingForAnIdenticalSnapshot()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QCOMPARE(changed.size(), 0);
    }

    void shouldRefreshTheAgeWhenTheCollectionTimeMoves()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1001));
        QCOMPARE(changed.size(), m_model->rowCount());
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            QCOMPARE(signal.at(0).value<QModelIndex>().column(), int(CounterListModel::AgeColumn));
            const auto roles = signal.at(2).value<QList<int>>();
            QVERIFY(roles.contains(CounterListModel::AgeRole));
            QVERIFY(roles.contains(CounterListModel::TimeRole));
        }
    }

    void shouldRemoveCountersThatLeftTheSource()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QList<counters::CounterRow> rows = tutorial(1001).rows();
        rows.removeIf([](const counters::CounterRow &r) {
            return r.name == QLatin1String("requests_data_len")
                || r.name == QLatin1String("requests_data_len_avg");
        });
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1001, rows));
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(removed.size(), 1); // the two were neighbours: one block
        QCOMPARE(m_model->rowOf({kSource, {}, QStringLiteral("requests_data_len")}), -1);
        QVERIFY(m_model->rowOf({kSource, {}, QStringLiteral("requests_data_len_max")}) >= 0);
        // The index still finds every remaining row.
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->rowOf(m_model->keyAt(row)), row);
    }

    // A big report comes in parts: they add up, and only its last part removes what the whole
    // report lacks; the next report's first part removes nothing yet.
    void shouldAddUpThePartsOfAReport()
    {
        const QList<counters::CounterRow> rows = tutorial(1000).rows();
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows.mid(0, 3)),
                               /*rowsToCome=*/3);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows.mid(3)));
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(removed.size(), 0);
        // The next report lacks the last two counters.
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1001, rows.mid(0, 3)), 1);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(removed.size(), 0);
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1001, rows.mid(3, 1)));
        QCOMPARE(m_model->rowCount(), 4);
        for (const counters::CounterRow &r : rows.mid(0, 4))
            QVERIFY(m_model->rowOf({kSource, {}, r.name}) >= 0);
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(m_model->rowOf(m_model->keyAt(row)), row);
    }

    // Two whole reports of the same time (a file written twice in a second): the second
    // replaces the first.
    void shouldReplaceAReportOfTheSameTime()
    {
        const QList<counters::CounterRow> rows = tutorial(1000).rows();
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows));
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows.mid(0, 2)));
        QCOMPARE(m_model->rowCount(), 2);
    }

    void shouldKeepSourcesApart()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        m_model->applySnapshot(QStringLiteral("src-b"), QStringLiteral("B"), tutorial(1000, 3));
        QCOMPARE(m_model->rowCount(), 12);
        QCOMPARE(cell(*m_model, QStringLiteral("requests_frequency"), CounterListModel::ValueRole,
                      {}, QStringLiteral("src-b"))
                     .toDouble(),
                 5.5);
        m_model->removeSource(kSource);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->rowOf({kSource, {}, QStringLiteral("requests_time")}), -1);
        QVERIFY(m_model->rowOf({QStringLiteral("src-b"), {}, QStringLiteral("requests_time")})
                >= 0);
    }

    // A PyCounters report says nothing but names and numbers: its reader fills in what the
    // tutorial's names mean, once, and the table shows it like a live service's.
    void shouldShowAPyCountersReportInItsUnits()
    {
        const auto read = dashboard::ReportFileReader::parse(
            R"({"requests_time": 0.0125, "requests_frequency": 2.5, "requests_data_len": 120,
                "requests_data_len_avg": 12, "requests_data_len_max": 40,
                "requests_data_len_min": 3, "__collection_time__": 1700000000})",
            QStringLiteral("pycounters.json"), 1700000000);
        QVERIFY2(read.ok(), qPrintable(read.error));
        m_model->applySnapshot(kSource, QStringLiteral("A"), read.snapshots.last());
        const auto shown = [this](const QString &counter, int column) {
            const int row = m_model->rowOf(SeriesKey{kSource, {}, counter});
            return m_model->index(row, column).data().toString();
        };
        QCOMPARE(shown(QStringLiteral("requests_time"), CounterListModel::ValueColumn),
                 QStringLiteral("12.5 ms"));
        QCOMPARE(shown(QStringLiteral("requests_frequency"), CounterListModel::ValueColumn),
                 QStringLiteral("2.5/s"));
        const QString avg = QStringLiteral("requests_data_len_avg");
        QCOMPARE(shown(avg, CounterListModel::MinColumn), QStringLiteral("3"));
        QCOMPARE(shown(avg, CounterListModel::AvgColumn), QStringLiteral("12"));
        QCOMPARE(shown(avg, CounterListModel::MaxColumn), QStringLiteral("40"));
        QVERIFY(cell(*m_model, avg, CounterListModel::HasBandRole).toBool());
    }

    void shouldShowTheWindowStatisticsTheRowsSay()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        const QString time = QStringLiteral("requests_time");
        QCOMPARE(cell(*m_model, time, CounterListModel::MinRole).toDouble(), 0.002);
        QCOMPARE(cell(*m_model, time, CounterListModel::AvgRole).toDouble(), 0.010);
        QCOMPARE(cell(*m_model, time, CounterListModel::MaxRole).toDouble(), 0.040);
        QVERIFY(cell(*m_model, time, CounterListModel::HasBandRole).toBool());
        // A total is a sum: other counters of its event are not read as its statistics.
        const QString total = QStringLiteral("requests_data_len");
        QVERIFY(!cell(*m_model, total, CounterListModel::MinRole).isValid());
        QVERIFY(!cell(*m_model, total, CounterListModel::AvgRole).isValid());
        QVERIFY(!cell(*m_model, total, CounterListModel::HasBandRole).toBool());
        // A window maximum is its own maximum.
        QCOMPARE(cell(*m_model, QStringLiteral("requests_data_len_max"), CounterListModel::MaxRole)
                     .toDouble(),
                 40.0);
        QCOMPARE(cell(*m_model, time, CounterListModel::UnitRole).toInt(),
                 int(counters::Unit::Second));
        QCOMPARE(cell(*m_model, time, CounterListModel::StatisticRole).toInt(),
                 int(counters::Statistic::Mean));
        // A frequency has none.
        QVERIFY(!cell(*m_model, QStringLiteral("requests_frequency"), CounterListModel::MinRole)
                     .isValid());
    }

    void shouldShowAPercentileCountersPercentiles()
    {
        counters::CounterRow p =
            row(QStringLiteral("latency"), CounterType::PercentileWindow, 0.002);
        p.unit = counters::Unit::Second;
        p.window = 300;
        p.count = 2;
        p.subValues = {{QStringLiteral("p50"), 0.002},
                       {QStringLiteral("p90"), 0.01},
                       {QStringLiteral("p99"), 0.04},
                       {QStringLiteral("sum"), 0.006}};
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, {p}));
        const int r = m_model->rowOf(SeriesKey{kSource, QString(), QStringLiteral("latency")});
        QCOMPARE(m_model->index(r, CounterListModel::P90Column).data().toString(),
                 QStringLiteral("10 ms"));
        QCOMPARE(m_model->index(r, CounterListModel::P99Column).data().toString(),
                 QStringLiteral("40 ms"));
        QCOMPARE(m_model->index(r, CounterListModel::P50Column).data(CounterListModel::P50Role),
                 QVariant(0.002));
        QCOMPARE(m_model->index(r, CounterListModel::AvgColumn).data().toString(),
                 QStringLiteral("3 ms"));
        QCOMPARE(CounterListModel::sortRole(CounterListModel::P99Column),
                 int(CounterListModel::P99Role));
        // A new p99 is signalled in its column.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        p.subValues[QStringLiteral("p99")] = 0.05;
        m_model->applySnapshot(kSource, QStringLiteral("A"), snapshot(1001, {p}));
        bool p99Changed = false;
        for (const auto &args : changed) {
            p99Changed |= args.at(0).toModelIndex().column() <= CounterListModel::P99Column
                && args.at(1).toModelIndex().column() >= CounterListModel::P99Column
                && args.at(2).value<QList<int>>().contains(CounterListModel::P99Role);
        }
        QVERIFY(p99Changed);
    }

    // A rate's min, avg and max are those of its readings over its window (the history).
    void shouldGiveARateTheStatisticsOfItsReadings()
    {
        dashboard::HistoryStore history;
        m_model->setHistory(&history);
        const auto rateAt = [](double time, double value) {
            counters::CounterRow rate = row(QStringLiteral("hits"), CounterType::Frequency, value);
            rate.window = 10;
            return snapshot(time, {rate});
        };
        // Readings 100, 1, 4, 2, 3 at 1000, 1005…1020: the window (10 s) at 1020 holds 2 and 3
        // (the reading of exactly 10 s before has left it).
        const double values[] = {100, 1, 4, 2, 3};
        for (int i = 0; i < 5; ++i) {
            const counters::Snapshot s =
                i == 0 ? rateAt(1000, values[0]) : rateAt(1000 + 5 * i, values[i]);
            history.appendSnapshots(kSource, {s});
            m_model->applySnapshot(kSource, QStringLiteral("A"), s);
        }
        const int r = m_model->rowOf(SeriesKey{kSource, QString(), QStringLiteral("hits")});
        QCOMPARE(m_model->index(r, 0).data(CounterListModel::MinRole), QVariant(2.0));
        QCOMPARE(m_model->index(r, 0).data(CounterListModel::AvgRole), QVariant(2.5));
        QCOMPARE(m_model->index(r, 0).data(CounterListModel::MaxRole), QVariant(3.0));
        // Said so, and set apart.
        QVERIFY(m_model->index(r, CounterListModel::MinColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("rates reported")));
        QVERIFY(m_model->index(r, CounterListModel::MaxColumn)
                    .data(Qt::FontRole)
                    .value<QFont>()
                    .italic());
        QVERIFY(!m_model->index(r, CounterListModel::ValueColumn).data(Qt::FontRole).isValid());
        m_model->setHistory(nullptr);
    }

    void shouldListEachProcessOfAMultiProcessReport()
    {
        using counters::CounterType;
        const auto merged =
            snapshot(1000, {row(QStringLiteral("hits"), CounterType::Frequency, 5)},
                     {node(QStringLiteral("h_1_0_1"), 999,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 2)}),
                      node(QStringLiteral("h_2_0_1"), 998,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 3)}),
                      node(QStringLiteral("h_3_0_1"), 0, {}, true)});
        m_model->applySnapshot(kSource, QStringLiteral("leader"), merged);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(*m_model, QStringLiteral("hits"), CounterListModel::ValueRole).toDouble(),
                 5.0);
        QCOMPARE(cell(*m_model, QStringLiteral("hits"), CounterListModel::ValueRole,
                      QStringLiteral("h_2_0_1"))
                     .toDouble(),
                 3.0);
        const int nodeRow =
            m_model->rowOf({kSource, QStringLiteral("h_1_0_1"), QStringLiteral("hits")});
        QCOMPARE(m_model->index(nodeRow, CounterListModel::SourceColumn).data().toString(),
                 QStringLiteral("leader › h:1"));
    }

    // Levels set on a labelled family's name cover each of its series and its sums; a series'
    // own levels come first; changing the family's levels tells its rows.
    void shouldApplyAFamilysThresholdToItsSeries()
    {
        dashboard::ThresholdSet thresholds;
        m_model->setThresholds(&thresholds);
        const counters::Labels get{{QStringLiteral("method"), QStringLiteral("GET")}};
        const counters::Labels post{{QStringLiteral("method"), QStringLiteral("POST")}};
        m_model->applySnapshot(
            kSource, QStringLiteral("A"),
            dashboard::withFamilyAggregates(
                snapshot(1000,
                         {series(QStringLiteral("req"), get, CounterType::Total, 5, 1),
                          series(QStringLiteral("req"), post, CounterType::Total, 50, 1)})));
        const auto stateOf = [&](const QString &counter) {
            const int row = m_model->rowOf(SeriesKey{kSource, QString(), counter});
            return ThresholdState(m_model->index(row, CounterListModel::ValueColumn)
                                      .data(CounterListModel::ThresholdStateRole)
                                      .toInt());
        };
        const QString getName = counters::seriesName(QStringLiteral("req"), get);
        const QString postName = counters::seriesName(QStringLiteral("req"), post);
        const QString total = dashboard::totalName(QStringLiteral("req"));
        QCOMPARE(stateOf(postName), ThresholdState::Normal);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        thresholds.setThreshold(QStringLiteral("req"), Threshold{10, 40});
        QVERIFY(changed.size() >= 3); // both series and the total
        QCOMPARE(stateOf(getName), ThresholdState::Normal);
        QCOMPARE(stateOf(postName), ThresholdState::Critical);
        QCOMPARE(stateOf(total), ThresholdState::Critical); // 55
        QVERIFY(m_model
                    ->index(m_model->rowOf(SeriesKey{kSource, QString(), postName}),
                            CounterListModel::ValueColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("critical at 40")));
        // A series' own levels win.
        thresholds.setThreshold(postName, Threshold{100, 200});
        QCOMPARE(stateOf(postName), ThresholdState::Normal);
        QCOMPARE(stateOf(total), ThresholdState::Critical);
        m_model->setThresholds(nullptr);
    }

    // The status line's count: a counter of a multi-process report is one counter however
    // many processes have it, and a family's sums are no counters; the count follows rows
    // that come and go.
    void shouldCountCountersNotRows()
    {
        const counters::Labels get{{QStringLiteral("method"), QStringLiteral("GET")}};
        const counters::Labels post{{QStringLiteral("method"), QStringLiteral("POST")}};
        const auto report = [&](double time, bool withPost) {
            QList<counters::CounterRow> rows{
                row(QStringLiteral("hits"), CounterType::Frequency, 5),
                series(QStringLiteral("req"), get, CounterType::Total, 1, 1)};
            if (withPost)
                rows.append(series(QStringLiteral("req"), post, CounterType::Total, 2, 1));
            return dashboard::withFamilyAggregates(
                snapshot(time, rows,
                         {node(QStringLiteral("h_1_0_1"), time - 1,
                               {row(QStringLiteral("hits"), CounterType::Frequency, 2)}),
                          node(QStringLiteral("h_2_0_1"), time - 2,
                               {row(QStringLiteral("hits"), CounterType::Frequency, 3)})}));
        };
        m_model->applySnapshot(kSource, QStringLiteral("leader"), report(1000, true));
        // hits, two series and the family's total; hits of each process.
        QCOMPARE(m_model->rowCount(), 3 + 1 + 2);
        QCOMPARE(m_model->counterCount(), 3);
        m_model->applySnapshot(kSource, QStringLiteral("leader"), report(1001, false));
        QCOMPARE(m_model->counterCount(), 2);
        m_model->applySnapshot(QStringLiteral("src-b"), QStringLiteral("b"), tutorial(1000));
        QCOMPARE(m_model->counterCount(), 2 + tutorial(1000).rows().size());
        m_model->removeSource(kSource);
        QCOMPARE(m_model->counterCount(), tutorial(1000).rows().size());
        m_model->clear();
        QCOMPARE(m_model->counterCount(), 0);
    }

    void shouldShowNoValueAsADash()
    {
        m_model->applySnapshot(
            kSource, QStringLiteral("A"),
            snapshot(1000,
                     {row(QStringLiteral("idle"), CounterType::AverageWindow, std::nullopt)}));
        const int r = m_model->rowOf({kSource, {}, QStringLiteral("idle")});
        QCOMPARE(m_model->index(r, CounterListModel::ValueColumn).data().toString(),
                 QStringLiteral("—"));
        QVERIFY(!m_model->index(r, 0).data(CounterListModel::ValueRole).isValid());
    }

    void shouldFormatAgesFromItsClock()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        m_now = 1045;
        const int r = m_model->rowOf({kSource, {}, QStringLiteral("requests_time")});
        QCOMPARE(m_model->index(r, 0).data(CounterListModel::AgeRole).toDouble(), 45.0);
        QCOMPARE(m_model->index(r, CounterListModel::AgeColumn).data().toString(),
                 QStringLiteral("45 s"));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refreshAges();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(),
                 int(CounterListModel::AgeColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), m_model->rowCount() - 1);
    }

    void shouldRenameTheSourceColumn()
    {
        m_model->applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setSourceName(kSource, QStringLiteral("demo (pid 7)"));
        QCOMPARE(changed.size(), m_model->rowCount());
        QCOMPARE(m_model->index(0, CounterListModel::SourceColumn).data().toString(),
                 QStringLiteral("demo (pid 7)"));
    }

private:
    std::unique_ptr<CounterListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    double m_now = 1000;
};

QTEST_MAIN(CounterListModelTest)
#include "tst_counterlistmodel.moc"
