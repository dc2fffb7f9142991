// SPDX-License-Identifier: MIT
#include "models/counterhistory.h"
#include "models/decimation.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>

using dashboard::CounterHistory;
using dashboard::DecimatedSeries;
using dashboard::HistoryPoint;

namespace {

constexpr double kStart = 1'800'000'000;

/// `count` readings one second apart from kStart, random values (fixed seed).
CounterHistory randomHistory(int count, int capacity)
{
    CounterHistory history(capacity);
    QRandomGenerator random(7);
    for (int i = 0; i < count; ++i) {
        HistoryPoint point = HistoryPoint::reading(kStart + i, random.bounded(1000.0));
        point.min = point.value - random.bounded(50.0);
        point.max = point.value + random.bounded(50.0);
        history.append(point);
    }
    return history;
}

bool sortedByTime(const QList<QPointF> &points)
{
    return std::is_sorted(points.begin(), points.end(),
                          [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
}

} // namespace

class DecimationTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Ten columns of a thousand readings each: every column's lowest and highest value and
    // band extremes are drawn, with at most four line points per column.
    void shouldKeepTheMinimumAndMaximumOfEveryColumn_data()
    {
        QTest::addColumn<int>("columns");
        QTest::newRow("10 columns") << 10;
        QTest::newRow("333 columns") << 333;
        QTest::newRow("2000 columns") << 2000;
    }
    void shouldKeepTheMinimumAndMaximumOfEveryColumn()
    {
        QFETCH(int, columns);
        const int count = 10000;
        const CounterHistory history = randomHistory(count, 2 * count + 100);
        const double from = kStart * 1000;
        const double to = (kStart + count - 1) * 1000;
        const DecimatedSeries drawn = DecimatedSeries::of(history, from, to, columns);
        QVERIFY(drawn.values.size() <= 4 * columns);
        QVERIFY(sortedByTime(drawn.values));
        QVERIFY(sortedByTime(drawn.bandLows));
        QCOMPARE(drawn.rollUps, 0);

        // The expected extremes per column.
        struct Extremes
        {
            double low = qInf(), high = -qInf(), bandLow = qInf(), bandHigh = -qInf();
        };
        const auto columnOf = [&](double x) {
            return std::min<qint64>(columns - 1, qint64((x - from) / (to - from) * columns));
        };
        std::map<qint64, Extremes> expected;
        for (int i = 0; i < history.size(); ++i) {
            const HistoryPoint &p = history.at(i);
            Extremes &e = expected[columnOf(p.time * 1000)];
            e.low = std::min(e.low, p.value);
            e.high = std::max(e.high, p.value);
            e.bandLow = std::min(e.bandLow, p.min);
            e.bandHigh = std::max(e.bandHigh, p.max);
        }
        std::map<qint64, Extremes> drawnExtremes;
        for (const QPointF &p : drawn.values) {
            Extremes &e = drawnExtremes[columnOf(p.x())];
            e.low = std::min(e.low, p.y());
            e.high = std::max(e.high, p.y());
        }
        for (qsizetype i = 0; i < drawn.bandLows.size(); ++i) {
            Extremes &e = drawnExtremes[columnOf(drawn.bandLows.at(i).x())];
            e.bandLow = std::min(e.bandLow, drawn.bandLows.at(i).y());
            e.bandHigh = std::max(e.bandHigh, drawn.bandHighs.at(i).y());
        }
        QCOMPARE(drawnExtremes.size(), expected.size());
        for (const auto &[column, e] : expected) {
            const Extremes &d = drawnExtremes[column];
            QCOMPARE(d.low, e.low);
            QCOMPARE(d.high, e.high);
            QCOMPARE(d.bandLow, e.bandLow);
            QCOMPARE(d.bandHigh, e.bandHigh);
        }
    }

    void shouldKeepEveryPointWhenZoomedIn()
    {
        const CounterHistory history = randomHistory(10000, 30000);
        // Sixty seconds on a 600 pixel plot: every reading, plus one on either side.
        const double from = (kStart + 5000) * 1000;
        const double to = (kStart + 5059) * 1000;
        const DecimatedSeries drawn = DecimatedSeries::of(history, from, to, 600, 2.0);
        QCOMPARE(drawn.values.size(), 62);
        QCOMPARE(drawn.values.first().x(), (kStart + 4999) * 1000);
        QCOMPARE(drawn.values.last().x(), (kStart + 5060) * 1000);
        const int index = history.lowerBound(kStart + 5000);
        QCOMPARE(drawn.values.at(1).y(), history.at(index).value * 2.0);
        QCOMPARE(drawn.bandLows.at(1).y(), history.at(index).min * 2.0);
    }

    void shouldDrawTheRangeOfRollUpsInTheBand()
    {
        CounterHistory history(16);
        for (int i = 0; i < 40; ++i)
            history.append(HistoryPoint::reading(kStart + i, i == 3 ? 500 : 1));
        QVERIFY(history.first().isRollUp());
        const DecimatedSeries drawn =
            DecimatedSeries::of(history, kStart * 1000, (kStart + 40) * 1000, 0);
        QVERIFY(drawn.rollUps > 0);
        QCOMPARE(drawn.values.size(), history.size());
        QVERIFY(!drawn.bandHighs.isEmpty());
        // The spike is in the first roll-up's band, and its mean on the line.
        QCOMPARE(drawn.bandHighs.first().y(), 500.0);
        QCOMPARE(drawn.bandLows.first().y(), 1.0);
        const HistoryPoint &first = history.first();
        QCOMPARE(drawn.values.first().y(), first.value);
        QCOMPARE(first.value, (500.0 + first.count - 1) / first.count);
    }

    // A stretch of more than two report periods without a value is a gap; one missed report,
    // jitter, or a gap narrower than a pixel column is not.
    void shouldFindTheGaps_data()
    {
        QTest::addColumn<QList<double>>("times"); // seconds after kStart; negative: no value
        QTest::addColumn<int>("columns");
        QTest::addColumn<QList<double>>("gaps"); // from, to pairs, seconds after kStart
        QTest::newRow("steady") << QList<double>{0, 1, 2, 3, 4, 5} << 0 << QList<double>{};
        QTest::newRow("one report missed")
            << QList<double>{0, 1, 2, 4, 5, 6} << 0 << QList<double>{};
        QTest::newRow("jitter") << QList<double>{0, 1, 2, 3.4, 4, 5} << 0 << QList<double>{};
        QTest::newRow("two reports missed")
            << QList<double>{0, 1, 2, 5, 6, 7, 8} << 0 << QList<double>{2, 5};
        QTest::newRow("five minutes")
            << QList<double>{0, 1, 2, 302, 303, 304} << 0 << QList<double>{2, 302};
        QTest::newRow("two gaps") << QList<double>{0, 1, 2, 10, 11, 12, 13, 30, 31} << 0
                                  << QList<double>{2, 10, 13, 30};
        // Readings without a value (a window without events) are no data either.
        QTest::newRow("no value for a while")
            << QList<double>{0, 1, 2, -3, -4, -5, -6, 7, 8, 9} << 0 << QList<double>{2, 7};
        QTest::newRow("no value once") << QList<double>{0, 1, 2, -3, 4, 5} << 0 << QList<double>{};
        // 100 s over 10 columns: 10 s a column. A 5 s gap cannot be seen, a 20 s one can.
        QList<double> columns;
        for (int i = 0; i <= 40; ++i)
            columns.append(i);
        for (int i = 45; i <= 60; ++i)
            columns.append(i);
        for (int i = 80; i <= 100; ++i)
            columns.append(i);
        QTest::newRow("narrower than a column") << columns << 10 << QList<double>{60, 80};
    }

    void shouldFindTheGaps()
    {
        QFETCH(QList<double>, times);
        QFETCH(int, columns);
        QFETCH(QList<double>, gaps);
        CounterHistory history(1000);
        for (const double time : times) {
            history.append(
                HistoryPoint::reading(kStart + std::abs(time), time < 0 ? qQNaN() : 1.0));
        }
        const DecimatedSeries drawn =
            DecimatedSeries::of(history, kStart * 1000, (kStart + 100) * 1000, columns);
        QList<double> found;
        for (const DecimatedSeries::Gap &gap : drawn.gaps)
            found << gap.from / 1000 - kStart << gap.to / 1000 - kStart;
        QCOMPARE(found, gaps);
    }

    // Roll-ups are as far apart as their span: ten-second roll-ups of one-second readings
    // have no gap between them, and a gap among them is found at their scale.
    void shouldFindGapsAmongRollUps()
    {
        CounterHistory history(80);
        for (int i = 0; i < 100; ++i)
            history.append(HistoryPoint::reading(kStart + i, 1));
        for (int i = 400; i < 500; ++i)
            history.append(HistoryPoint::reading(kStart + i, 1));
        QVERIFY(history.first().isRollUp());
        QCOMPARE(history.readingPeriod(), 1.0);
        const DecimatedSeries drawn =
            DecimatedSeries::of(history, kStart * 1000, (kStart + 500) * 1000, 0);
        QCOMPARE(drawn.gaps.size(), 1);
        QVERIFY(drawn.gaps.first().from >= (kStart + 90) * 1000);
        QVERIFY(drawn.gaps.first().from < (kStart + 100) * 1000);
        QCOMPARE(drawn.gaps.first().to, (kStart + 400) * 1000);
    }

    // Each gap costs the chart a line series: only the widest are kept, in time order.
    void shouldKeepOnlyTheWidestGaps()
    {
        CounterHistory history(10000);
        double time = kStart;
        for (int i = 0; i < 100; ++i) {
            history.append(HistoryPoint::reading(time, 1));
            history.append(HistoryPoint::reading(time + 1, 1));
            history.append(HistoryPoint::reading(time + 2, 1));
            time += 2 + 10 + (i % 10 == 5 ? 100 : 0); // every tenth gap is wider
        }
        const DecimatedSeries drawn = DecimatedSeries::of(history, kStart * 1000, time * 1000, 0);
        QCOMPARE(drawn.gaps.size(), DecimatedSeries::MaxGaps);
        QVERIFY(std::is_sorted(drawn.gaps.begin(), drawn.gaps.end(),
                               [](const auto &a, const auto &b) { return a.from < b.from; }));
        const auto wide = std::count_if(drawn.gaps.begin(), drawn.gaps.end(),
                                        [](const auto &gap) { return gap.to - gap.from > 100e3; });
        QCOMPARE(wide, 10);
    }

    // Rolled up, a stretch without values stays without band: no band point lies inside a
    // gap (a roll-up of readings without a value has none).
    void shouldPutNoBandPointInAGapOfRollUps()
    {
        CounterHistory history(8000); // the idle stretch ends up in 10 s roll-ups
        for (int i = 0; i < 8000; ++i) {
            const bool idle = i >= 2000 && i < 2600;
            HistoryPoint point = HistoryPoint::reading(kStart + i, idle ? qQNaN() : 10.0);
            if (!idle) {
                point.min = 1;
                point.max = 20;
            }
            history.append(point);
        }
        QVERIFY(history.first().isRollUp());
        const DecimatedSeries drawn =
            DecimatedSeries::of(history, kStart * 1000, (kStart + 8000) * 1000, 97);
        QCOMPARE(drawn.gaps.size(), 1);
        const DecimatedSeries::Gap gap = drawn.gaps.first();
        // (A roll-up is dated at its first reading, with a value or not: within its 10 s.)
        QVERIFY(gap.from <= (kStart + 2000) * 1000 && gap.to >= (kStart + 2540) * 1000);
        QVERIFY(!drawn.bandHighs.isEmpty());
        for (const QPointF &point : drawn.bandHighs)
            QVERIFY2(!(point.x() > gap.from && point.x() < gap.to),
                     qPrintable(QString::number(point.x() / 1000 - kStart)));
    }

    void shouldDrawNothingOfAnEmptyHistoryOrRange()
    {
        const CounterHistory empty;
        QVERIFY(DecimatedSeries::of(empty, 0, 1e12, 100).values.isEmpty());
        const CounterHistory history = randomHistory(100, 1000);
        // A range after the data still gets the last point (the line reaches the edge).
        const DecimatedSeries after =
            DecimatedSeries::of(history, (kStart + 1000) * 1000, (kStart + 2000) * 1000, 100);
        QCOMPARE(after.values.size(), 1);
    }
};

QTEST_GUILESS_MAIN(DecimationTest)
#include "tst_decimation.moc"
