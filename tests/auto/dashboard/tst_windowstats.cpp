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
        QTest::newRow("total: the event's siblings, no band")
            << report << QStringLiteral("requests_data_len") << std::optional(3.0)
            << std::optional(12.0) << std::optional(40.0) << false;
        QTest::newRow("max window: itself and siblings")
            << report << QStringLiteral("requests_data_len_max") << std::optional(3.0)
            << std::optional(12.0) << std::optional(40.0) << false;
        QTest::newRow("frequency: nothing")
            << report << QStringLiteral("requests_frequency") << none << none << none << false;

        const auto flat = snapshot(1000,
                                   {row(QStringLiteral("lat_avg"), CounterType::Unknown, 5),
                                    row(QStringLiteral("lat_min"), CounterType::Unknown, 1),
                                    row(QStringLiteral("lat_max"), CounterType::Unknown, 9),
                                    row(QStringLiteral("q.mean"), CounterType::Unknown, 2),
                                    row(QStringLiteral("q.max"), CounterType::Unknown, 4)});
        QTest::newRow("PyCounters names: _avg with _min/_max")
            << flat << QStringLiteral("lat_avg") << std::optional(1.0) << std::optional(5.0)
            << std::optional(9.0) << true;
        QTest::newRow("PyCounters names: dotted, no min")
            << flat << QStringLiteral("q.mean") << none << std::optional(2.0) << std::optional(4.0)
            << false;

        const auto typed = snapshot(1000,
                                    {row(QStringLiteral("x_avg"), CounterType::AverageWindow, 5),
                                     row(QStringLiteral("x_min"), CounterType::Total, 1)});
        QTest::newRow("a sibling of the wrong type is no minimum")
            << typed << QStringLiteral("x_avg") << none << std::optional(5.0) << none << false;

        const auto empty =
            snapshot(1000,
                     {row(QStringLiteral("e_avg"), CounterType::AverageWindow, std::nullopt),
                      row(QStringLiteral("e_min"), CounterType::MinWindow, 1),
                      row(QStringLiteral("e_max"), CounterType::MaxWindow, 2)});
        QTest::newRow("an empty average window has no statistics")
            << empty << QStringLiteral("e_avg") << none << none << none << false;
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
        const WindowStats stats = WindowStats::of(report, *r);
        QCOMPARE(stats.min, min);
        QCOMPARE(stats.avg, avg);
        QCOMPARE(stats.max, max);
        QCOMPARE(stats.hasBand(), band);
    }
};

QTEST_GUILESS_MAIN(WindowStatsTest)
#include "tst_windowstats.moc"
