// SPDX-License-Identifier: MIT
#include "models/counterhistory.h"

#include <QTest>

#include <numeric>
#include <vector>

using dashboard::CounterHistory;
using dashboard::HistoryPoint;

namespace {

HistoryPoint at(double time, double value = 1)
{
    return HistoryPoint::reading(time, value);
}

/// Every point, oldest first, through at().
std::vector<HistoryPoint> points(const CounterHistory &history)
{
    std::vector<HistoryPoint> result;
    for (int i = 0; i < history.size(); ++i)
        result.push_back(history.at(i));
    return result;
}

/// What every point says together: readings, their sum, lowest and highest.
struct Totals
{
    quint64 count = 0;
    double sum = 0;
    double low = qInf();
    double high = -qInf();
};

Totals totalsOf(const CounterHistory &history)
{
    Totals totals;
    for (const HistoryPoint &point : points(history)) {
        if (point.count == 0)
            continue;
        totals.count += point.count;
        totals.sum += point.value * point.count;
        totals.low = std::min(totals.low, point.low);
        totals.high = std::max(totals.high, point.high);
    }
    return totals;
}

} // namespace

class CounterHistoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldKeepReadingsAtFullResolutionWhileTheyFit()
    {
        CounterHistory history(16); // 8 readings, 2 per roll-up tier
        for (int i = 0; i < 8; ++i)
            QVERIFY(history.append(at(i, i * 10)));
        QCOMPARE(history.size(), 8);
        QCOMPARE(history.tierSize(0), 8);
        QCOMPARE(history.first().time, 0.0);
        QCOMPARE(history.at(3).value, 30.0);
        QVERIFY(!history.at(3).isRollUp());
        QCOMPARE(history.at(3).low, 30.0);
        QCOMPARE(history.at(3).high, 30.0);
        QCOMPARE(history.at(3).count, 1u);
    }

    // Readings one second apart leave the full-resolution tier for their 10 s interval.
    void shouldRollUpIntoTenSecondIntervals_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<uint>("count");

        QTest::newRow("constant") << QList<double>{5, 5, 5, 5, 5, 5, 5, 5, 5, 5} << 5.0 << 5.0
                                  << 5.0 << 10u;
        QTest::newRow("ramp") << QList<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9} << 4.5 << 0.0 << 9.0
                              << 10u;
        QTest::newRow("one spike")
            << QList<double>{1, 1, 1, 1, 1000, 1, 1, 1, 1, 1} << 100.9 << 1.0 << 1000.0 << 10u;
        QTest::newRow("gaps have no value")
            << QList<double>{2, qQNaN(), 4, qQNaN(), qQNaN(), 6, qQNaN(), qQNaN(), qQNaN(), 8}
            << 5.0 << 2.0 << 8.0 << 4u;
    }
    void shouldRollUpIntoTenSecondIntervals()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, mean);
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(uint, count);
        CounterHistory history(16);
        // Start at 100 s (a 10 s boundary); 8 more readings push the first ten out.
        for (int i = 0; i < values.size(); ++i)
            history.append(at(100 + i, values.at(i)));
        for (int i = 0; i < 8; ++i)
            history.append(at(110 + i, 0));
        QCOMPARE(history.tierSize(1), 1);
        const HistoryPoint &rolled = history.first();
        QVERIFY(rolled.isRollUp());
        QCOMPARE(rolled.time, 100.0);
        QCOMPARE(rolled.span, 10.0);
        QCOMPARE(rolled.count, count);
        QVERIFY(qFuzzyCompare(rolled.value, mean));
        QCOMPARE(rolled.low, low);
        QCOMPARE(rolled.high, high);
        QCOMPARE(history.tierSize(0), 8);
        QCOMPARE(history.at(1).time, 110.0);
    }

    void shouldDateARollUpAtItsFirstReading()
    {
        CounterHistory history(16);
        for (int i = 0; i < 20; ++i)
            history.append(at(105 + i, i)); // 105…109 in [100, 110), 110…119 in [110, 120)
        QVERIFY(history.first().isRollUp());
        QCOMPARE(history.first().time, 105.0);
        QCOMPARE(history.first().count, 5u);
        QCOMPARE(history.first().value, 2.0);
        QCOMPARE(history.at(1).time, 110.0);
    }

    void shouldKeepTheWindowBandAndPercentileTailsOfARollUp()
    {
        CounterHistory history(16);
        for (int i = 0; i < 18; ++i) {
            HistoryPoint point = at(i, 10);
            point.min = 5 - (i == 3 ? 4 : 0);
            point.max = 20 + (i == 6 ? 80 : 0);
            point.p90 = 12 + (i == 2 ? 30 : 0);
            point.p99 = 15 + (i == 7 ? 300 : 0);
            history.append(point);
        }
        const HistoryPoint &rolled = history.first();
        QVERIFY(rolled.isRollUp());
        QCOMPARE(rolled.min, 1.0);
        QCOMPARE(rolled.max, 100.0);
        QCOMPARE(rolled.p90, 42.0);
        QCOMPARE(rolled.p99, 315.0);
    }

    // A day at one reading a second in a small history: every tier fills up, the last one
    // doubles its interval, and still every reading is counted once, the mean is exact and
    // the one spike of the day is there.
    void aSpikeShouldSurviveEveryTier()
    {
        CounterHistory history(64);
        double sum = 0;
        for (int i = 0; i < 86400 * 3; ++i) {
            const double value = i == 12345 ? 1e6 : double(i % 7);
            sum += value;
            QVERIFY(history.append(at(1'800'000'000 + i, value)));
        }
        QVERIFY(history.size() <= 64);
        QVERIFY(history.tierSeconds(CounterHistory::TierCount - 1) > 3600);
        QCOMPARE(history.readingCount(), quint64(86400 * 3));
        const Totals totals = totalsOf(history);
        QCOMPARE(totals.count, quint64(86400 * 3));
        QVERIFY(qFuzzyCompare(totals.sum, sum));
        QCOMPARE(totals.high, 1e6);
        QCOMPARE(totals.low, 0.0);
        // A roll-up is dated at its first reading: the history starts where the data did,
        // however coarse its oldest interval.
        QCOMPARE(history.first().time, 1'800'000'000.0);
        QCOMPARE(history.last().time, 1'800'000'000.0 + 86400 * 3 - 1);
        QVERIFY(!history.last().isRollUp());
        const std::vector<HistoryPoint> all = points(history);
        for (std::size_t i = 1; i < all.size(); ++i)
            QVERIFY2(all[i].time > all[i - 1].time, qPrintable(QString::number(i)));
        QCOMPARE(history.largestMagnitude(), 1e6);
    }

    void shouldRollUpWhenTheCapacityShrinksAndKeepWhenItGrows()
    {
        CounterHistory history(1000);
        for (int i = 0; i < 400; ++i)
            history.append(at(i, i));
        QCOMPARE(history.size(), 400);
        const quint64 revision = history.revision();
        history.setCapacity(40);
        QVERIFY(history.revision() != revision);
        QVERIFY(history.size() <= 40);
        QCOMPARE(totalsOf(history).count, 400u);
        QCOMPARE(totalsOf(history).sum, 399.0 * 400 / 2);
        QCOMPARE(history.last().time, 399.0);
        // Growing keeps the roll-ups; new readings stay at full resolution.
        history.setCapacity(1000);
        const int size = history.size();
        for (int i = 400; i < 500; ++i)
            history.append(at(i, i));
        QCOMPARE(history.size(), size + 100);
        QCOMPARE(history.capacity(), 1000);
        history.setCapacity(0);
        QCOMPARE(history.capacity(), CounterHistory::MinimumCapacity);
    }

    void shouldFindTimesAndVisitAcrossTiers()
    {
        CounterHistory history(16);
        for (int i = 0; i < 200; ++i)
            history.append(at(i, i));
        const std::vector<HistoryPoint> all = points(history);
        for (const double time : {-5.0, 0.0, 9.5, 10.0, 60.0, 150.0, 191.0, 199.0, 250.0}) {
            const int index = history.lowerBound(time);
            const auto expected =
                std::lower_bound(all.begin(), all.end(), time,
                                 [](const HistoryPoint &p, double t) { return p.time < t; });
            QCOMPARE(index, int(expected - all.begin()));
        }
        std::vector<HistoryPoint> visited;
        history.visit(2, history.size() - 1, [&](const HistoryPoint &p) { visited.push_back(p); });
        QCOMPARE(int(visited.size()), history.size() - 3);
        for (std::size_t i = 0; i < visited.size(); ++i)
            QCOMPARE(visited[i], all[i + 2]);
    }

    // Each tier is a ring that grows, wraps and shrinks: whatever its state, the history reads
    // the same through at(), visit() and lowerBound(), and copies read the same as well.
    void shouldReadTheSameWhereverItsRingsWrap_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("readings");
        QTest::newRow("empty") << 100 << 0;
        QTest::newRow("small, not full") << 100 << 30;
        QTest::newRow("past the small ring") << 1000 << 300;
        QTest::newRow("wrapped many times") << 200 << 5000;
        QTest::newRow("smallest, a day") << CounterHistory::MinimumCapacity << 86400;
    }

    void shouldReadTheSameWhereverItsRingsWrap()
    {
        QFETCH(int, capacity);
        QFETCH(int, readings);
        CounterHistory history(capacity);
        for (int i = 0; i < readings; ++i)
            history.append(at(i, i % 97));
        const std::vector<HistoryPoint> all = points(history);
        QCOMPARE(int(all.size()), history.size());
        for (std::size_t i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1].time < all[i].time);
        std::vector<HistoryPoint> visited;
        history.visit(0, history.size(), [&](const HistoryPoint &p) { visited.push_back(p); });
        QCOMPARE(visited, all);
        for (std::size_t i = 0; i < all.size(); i += 7)
            QCOMPARE(history.lowerBound(all[i].time), int(i));
        QCOMPARE(totalsOf(history).count, quint64(readings));

        const CounterHistory copy = history;
        QCOMPARE(points(copy), all);
        CounterHistory assigned(capacity * 2);
        assigned.append(at(-5));
        assigned = history;
        QCOMPARE(points(assigned), all);

        // Shrunk and grown again, it keeps every reading and its order.
        history.setCapacity(CounterHistory::MinimumCapacity);
        history.setCapacity(capacity);
        QCOMPARE(totalsOf(history).count, quint64(readings));
        for (int i = readings; i < readings + 500; ++i)
            QVERIFY(history.append(at(i, 1)));
        QCOMPARE(history.last().time, double(readings + 499));
        QCOMPARE(totalsOf(history).count, quint64(readings + 500));
    }

    void shouldRefusePointsThatAreNotNewer()
    {
        CounterHistory history(16);
        QVERIFY(history.append(at(10)));
        const quint64 revision = history.revision();
        QVERIFY(!history.append(at(10)));
        QVERIFY(!history.append(at(9)));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.revision(), revision);
        history.clear();
        QVERIFY(history.isEmpty());
        QCOMPARE(history.readingCount(), 0u);
        QVERIFY(history.append(at(1)));
    }

    void shouldTellPointsWithoutAValueOrBand()
    {
        HistoryPoint p;
        QVERIFY(!p.hasValue());
        QVERIFY(!p.hasBand());
        QVERIFY(!p.isRollUp());
        p.min = 1;
        p.max = 2;
        QVERIFY(p.hasBand());
        QCOMPARE(HistoryPoint::reading(1, qQNaN()).count, 0u);
    }

    // The report period is the median of the newest intervals: late or missed reports, and
    // old readings at another period, do not change it.
    void shouldTellTheReadingPeriod_data()
    {
        QTest::addColumn<QList<double>>("times");
        QTest::addColumn<double>("period");
        QTest::newRow("empty") << QList<double>{} << 0.0;
        QTest::newRow("one reading") << QList<double>{100} << 0.0;
        QTest::newRow("two readings") << QList<double>{100, 102} << 2.0;
        QTest::newRow("jitter") << QList<double>{0, 1.1, 1.9, 3.0, 4.0, 5.05} << 1.05;
        QTest::newRow("one missed, one late") << QList<double>{0, 1, 2, 4, 5, 6, 7.5, 8, 9} << 1.0;
        QTest::newRow("a gap of five minutes") << QList<double>{0, 1, 2, 302, 303, 304} << 1.0;
        QList<double> changed;
        for (int i = 0; i < 20; ++i)
            changed.append(i * 10.0); // every 10 s, then every 2 s
        for (int i = 1; i <= 16; ++i)
            changed.append(190 + i * 2.0);
        QTest::newRow("period changed: the newest counts") << changed << 2.0;
    }

    void shouldTellTheReadingPeriod()
    {
        QFETCH(QList<double>, times);
        QFETCH(double, period);
        CounterHistory history(1000);
        for (const double time : times)
            QVERIFY(history.append(HistoryPoint::reading(time, 1)));
        QCOMPARE(history.readingPeriod(), period);
    }
};

QTEST_GUILESS_MAIN(CounterHistoryTest)
#include "tst_counterhistory.moc"
