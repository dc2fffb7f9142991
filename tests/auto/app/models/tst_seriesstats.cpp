// SPDX-License-Identifier: MIT
#include "models/counterhistory.h"
#include "models/seriesstats.h"

#include <QTest>

#include <cmath>

using dashboard::CounterHistory;
using dashboard::HistoryPoint;
using dashboard::SeriesStats;

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

/// A history with a point every second from t = 100, values as given (NaN: no value).
CounterHistory historyOf(const QList<double> &values, int capacity = 100)
{
    CounterHistory history(capacity);
    for (qsizetype i = 0; i < values.size(); ++i) {
        history.append(HistoryPoint::reading(100 + double(i), values.at(i)));
    }
    return history;
}

} // namespace

class SeriesStatsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldSummariseTheValuesInTheRange_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("current");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("avg");
        QTest::addColumn<double>("max");

        const QList<double> ramp{1, 2, 3, 4, 5, 6};
        QTest::newRow("everything") << ramp << 0.0 << 1000.0 << 6 << 6.0 << 1.0 << 3.5 << 6.0;
        QTest::newRow("edges included") << ramp << 101.0 << 103.0 << 3 << 4.0 << 2.0 << 3.0 << 4.0;
        QTest::newRow("between points") << ramp << 101.5 << 103.5 << 2 << 4.0 << 3.0 << 3.5 << 4.0;
        QTest::newRow("one point") << ramp << 105.0 << 105.0 << 1 << 6.0 << 6.0 << 6.0 << 6.0;
        QTest::newRow("before the data")
            << ramp << 0.0 << 99.0 << 0 << kNone << kNone << kNone << kNone;
        QTest::newRow("after the data")
            << ramp << 200.0 << 300.0 << 0 << kNone << kNone << kNone << kNone;
        QTest::newRow("empty range")
            << ramp << 103.0 << 102.0 << 0 << kNone << kNone << kNone << kNone;
        QTest::newRow("gaps skipped, current is the last value")
            << QList<double>{4, kNone, -2, 10, kNone} << 0.0 << 1000.0 << 3 << 10.0 << -2.0 << 4.0
            << 10.0;
        QTest::newRow("no values") << QList<double>{kNone, kNone} << 0.0 << 1000.0 << 0 << kNone
                                   << kNone << kNone << kNone;
        QTest::newRow("no history")
            << QList<double>{} << 0.0 << 1000.0 << 0 << kNone << kNone << kNone << kNone;
    }
    void shouldSummariseTheValuesInTheRange()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, from);
        QFETCH(double, to);
        QFETCH(int, count);
        QFETCH(double, current);
        QFETCH(double, min);
        QFETCH(double, avg);
        QFETCH(double, max);
        const SeriesStats stats = SeriesStats::compute(historyOf(values), from, to);
        QCOMPARE(stats.count, count);
        QCOMPARE(stats.isEmpty(), count == 0);
        SeriesStats expected;
        expected.count = count;
        expected.current = current;
        expected.min = min;
        expected.avg = avg;
        expected.max = max;
        QVERIFY2(stats == expected,
                 qPrintable(QStringLiteral("current %1 min %2 avg %3 max %4")
                                .arg(stats.current)
                                .arg(stats.min)
                                .arg(stats.avg)
                                .arg(stats.max)));
    }

    void shouldFindTheRangeInAWrappedRing()
    {
        // Given a ring of 4 that has seen 10 points (100…109 → keeps 106…109)
        const CounterHistory history = historyOf({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 4);
        const SeriesStats stats = SeriesStats::compute(history, 107, 1000);
        QCOMPARE(stats.count, 3);
        QCOMPARE(stats.min, 7.0);
        QCOMPARE(stats.avg, 8.0);
        QCOMPARE(stats.current, 9.0);
    }

    // A band's edge (p99 here) is summed up like the value, each point once.
    void shouldSummariseABandsEdge()
    {
        CounterHistory history(100);
        const double p99s[] = {8, kNone, 4, 12};
        for (int i = 0; i < 4; ++i) {
            HistoryPoint point = HistoryPoint::reading(100 + i, 1);
            point.p90 = 2;
            point.p99 = p99s[i];
            history.append(point);
        }
        const SeriesStats stats =
            SeriesStats::compute(history, 100, 200, dashboard::PointField::P99);
        QCOMPARE(stats.count, 3);
        QCOMPARE(stats.current, 12.0);
        QCOMPARE(stats.min, 4.0);
        QCOMPARE(stats.avg, 8.0);
        QCOMPARE(stats.max, 12.0);
        // A number no point has gives nothing.
        QVERIFY(
            SeriesStats::compute(history, 100, 200, dashboard::PointField::WindowMax).isEmpty());
    }
};

QTEST_APPLESS_MAIN(SeriesStatsTest)
#include "tst_seriesstats.moc"
