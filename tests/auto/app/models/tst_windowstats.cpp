// SPDX-License-Identifier: MIT
#include "models/windowstats.h"
#include "snapshots.h"

#include <QTest>

using counters::CounterType;
using dashboard::WindowStats;
using namespace testdata;

Q_DECLARE_METATYPE(counters::Snapshot)
Q_DECLARE_METATYPE(std::optional<double>)

class WindowStatsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldFindTheWindowStatistics_data()
    {
        QTest::addColumn<counters::Snapshot>("report");
        QTest::addColumn<QString>("counter");
        QTest::addColumn<std::optional<double>>("min");
        QTest::addColumn<std::optional<double>>("avg");
        QTest::addColumn<std::optional<double>>("max");
        QTest::addColumn<bool>("band");
        const auto none = std::optional<double>();
        const auto report = tutorial(1000);

        QTest::newRow("average time: sub-values")
            << report << QStringLiteral("requests_time") << std::optional(0.002)
            << std::optional(0.010) << std::optional(0.040) << true;
        QTest::newRow("average: sub-values")
            << report << QStringLiteral("requests_data_len_avg") << std::optional(3.0)
            << std::optional(12.0) << std::optional(40.0) << true;
        QTest::newRow("total: a sum, no statistics (siblings are not guessed)")
            << report << QStringLiteral("requests_data_len") << none << none << none << false;
        QTest::newRow("max window: itself") << report << QStringLiteral("requests_data_len_max")
                                            << none << none << std::optional(40.0) << false;
        QTest::newRow("min window: itself") << report << QStringLiteral("requests_data_len_min")
                                            << std::optional(3.0) << none << none << false;
        QTest::newRow("frequency: nothing")
            << report << QStringLiteral("requests_frequency") << none << none << none << false;

        // A PyCounters row after the report reader filled in its meaning.
        counters::CounterRow pycounters = row(QStringLiteral("lat_avg"), CounterType::Unknown, 5);
        pycounters.statistic = counters::Statistic::Mean;
        pycounters.subValues = {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 9}};
        const auto flat = snapshot(1000, {pycounters});
        QTest::newRow("an untyped mean with min and max")
            << flat << QStringLiteral("lat_avg") << std::optional(1.0) << std::optional(5.0)
            << std::optional(9.0) << true;

        counters::CounterRow untyped = row(QStringLiteral("x_avg"), CounterType::Unknown, 5);
        QTest::newRow("an untyped row that says nothing has no statistics")
            << snapshot(1000, {untyped}) << QStringLiteral("x_avg") << none << none << none
            << false;

        const auto empty = snapshot(1000, {average(QStringLiteral("e"), 0, 1, 2)});
        counters::CounterRow emptyRow = empty.rows().first();
        emptyRow.value.reset();
        QTest::newRow("an empty average window has no statistics")
            << snapshot(1000, {emptyRow}) << QStringLiteral("e") << none << none << none << false;

        counters::CounterRow percentile =
            row(QStringLiteral("p"), CounterType::PercentileWindow, 0.02);
        percentile.subValues = {{QStringLiteral("min"), 0.001},
                                {QStringLiteral("max"), 0.5},
                                {QStringLiteral("p90"), 0.1}};
        QTest::newRow("a median: extremes, no average, no min-max band")
            << snapshot(1000, {percentile}) << QStringLiteral("p") << std::optional(0.001) << none
            << std::optional(0.5) << false;
    }
    void shouldFindTheWindowStatistics()
    {
        QFETCH(counters::Snapshot, report);
        QFETCH(QString, counter);
        QFETCH(std::optional<double>, min);
        QFETCH(std::optional<double>, avg);
        QFETCH(std::optional<double>, max);
        QFETCH(bool, band);
        const counters::CounterRow *r = report.row(counter);
        QVERIFY(r);
        const WindowStats stats = WindowStats::of(*r);
        QCOMPARE(stats.min, min);
        QCOMPARE(stats.avg, avg);
        QCOMPARE(stats.max, max);
        QCOMPARE(stats.hasBand(), band);
    }

    // A percentile counter's row: its percentiles, and its window's mean from its sum.
    void shouldReadAPercentileCountersNumbers()
    {
        counters::CounterRow p = row(QStringLiteral("p"), CounterType::PercentileWindow, 0.02);
        p.count = 4;
        p.subValues = {{QStringLiteral("min"), 0.001}, {QStringLiteral("max"), 0.5},
                       {QStringLiteral("p50"), 0.02},  {QStringLiteral("p90"), 0.1},
                       {QStringLiteral("p99"), 0.4},   {QStringLiteral("sum"), 0.6}};
        const WindowStats stats = WindowStats::of(p);
        QCOMPARE(stats.p50, std::optional(0.02));
        QCOMPARE(stats.p90, std::optional(0.1));
        QCOMPARE(stats.p99, std::optional(0.4));
        QCOMPARE(stats.avg, std::optional(0.15));
        QVERIFY(!stats.fromReadings);
        // An empty window has no mean.
        p.count = 0;
        QCOMPARE(WindowStats::of(p).avg, std::optional<double>());
        // Other rows have no percentiles.
        QCOMPARE(WindowStats::of(*tutorial(1000).row(QStringLiteral("requests_time"))).p90,
                 std::optional<double>());
    }

    // A rate's window has no extremes: its readings over the window stand in.
    void shouldTakeARatesStatisticsFromItsReadings()
    {
        const counters::Snapshot report = tutorial(1000);
        const counters::CounterRow *rate = report.row(QStringLiteral("requests_frequency"));
        QVERIFY(rate && rate->window > 0);
        dashboard::SeriesStats readings;
        readings.count = 3;
        readings.current = 4;
        readings.min = 1;
        readings.avg = 2.5;
        readings.max = 4;
        const WindowStats stats = WindowStats::ofReadings(*rate, readings);
        QVERIFY(stats.fromReadings);
        QCOMPARE(stats.min, std::optional(1.0));
        QCOMPARE(stats.avg, std::optional(2.5));
        QCOMPARE(stats.max, std::optional(4.0));
        QVERIFY(!stats.hasBand()); // not a band around the rate's own value
        // No readings, or not a rate: the row's own.
        QVERIFY(!WindowStats::ofReadings(*rate, dashboard::SeriesStats()).fromReadings);
        const counters::CounterRow *time = report.row(QStringLiteral("requests_time"));
        QCOMPARE(WindowStats::ofReadings(*time, readings), WindowStats::of(*time));
    }
};

QTEST_GUILESS_MAIN(WindowStatsTest)
#include "tst_windowstats.moc"
