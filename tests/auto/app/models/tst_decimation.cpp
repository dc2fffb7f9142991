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
