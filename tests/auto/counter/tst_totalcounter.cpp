// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/totalcounter.h>

#include <QTest>

#include <memory>
#include <thread>
#include <vector>

using namespace counters;
using namespace counterstest;

class TotalCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeNullBeforeAnyEvent();
    void shouldSumValueEvents_data();
    void shouldSumValueEvents();
    void pyCountersTestTotalCounter();
    void shouldReportZeroAfterClear_data();
    void shouldReportZeroAfterClear();
    void shouldNotTruncateToIntegers();
    void shouldHaveNoWindow();
    void shouldSumValuesOfManyThreadsExactly_data();
    void shouldSumValuesOfManyThreadsExactly();
};

void TotalCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("bytes"));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("bytes"));
    QCOMPARE(row.type, CounterType::Total);
    COMPARE_VALUE(row.value, Value());
    QVERIFY(row.subValues.isEmpty());
}

void TotalCounterTest::shouldSumValueEvents_data()
{
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");

    QTest::newRow("1 + 2") << Steps{valueEvent(1), valueEvent(2)} << Value(3.0) << quint64(2);
    QTest::newRow("0.1 + 0.2") << Steps{valueEvent(0.1), valueEvent(0.2)} << Value(0.3)
                               << quint64(2);
    QTest::newRow("negative total")
        << Steps{valueEvent(-5), valueEvent(2)} << Value(-3.0) << quint64(2);
    QTest::newRow("start and end are ignored")
        << Steps{startEvent(), endEvent()} << Value() << quint64(0);
    QTest::newRow("value between start and end")
        << Steps{startEvent(), valueEvent(4), endEvent()} << Value(4.0) << quint64(1);
    QTest::newRow("a value of zero is a value") << Steps{valueEvent(0)} << Value(0.0) << quint64(1);
    QTest::newRow("large and small")
        << Steps{valueEvent(1e12), valueEvent(0.5)} << Value(1000000000000.5) << quint64(2);
    // No window: a value from a day ago still counts.
    QTest::newRow("never forgets")
        << Steps{valueEvent(1), after(86400), valueEvent(2)} << Value(3.0) << quint64(2);
    QTest::newRow("1000 values of 0.25")
        << repeat(1000, {valueEvent(0.25)}) << Value(250.0) << quint64(1000);
}

void TotalCounterTest::shouldSumValueEvents()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);

    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
}

// Port of PyCounters 0.6's test_total_counter: new → None; 1 + 2 → 3;
// clear(dump=False); + 1 → 1.
void TotalCounterTest::pyCountersTestTotalCounter()
{
    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("test"));
    counter->setClock(&clock);
    COMPARE_VALUE(counter->value(), Value());

    counter->reportValue(1);
    counter->reportValue(2);
    COMPARE_VALUE(counter->value(), Value(3.0));

    counter->clear();
    counter->reportValue(1);
    COMPARE_VALUE(counter->value(), Value(1.0));
}

void TotalCounterTest::shouldReportZeroAfterClear_data()
{
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");

    QTest::newRow("never used") << Steps{} << Value();
    QTest::newRow("cleared without events") << Steps{clearing()} << Value(0.0);
    QTest::newRow("cleared after values") << Steps{valueEvent(3), clearing()} << Value(0.0);
    QTest::newRow("cleared twice") << Steps{valueEvent(3), clearing(), clearing()} << Value(0.0);
    QTest::newRow("ends after a clear are ignored")
        << Steps{valueEvent(3), clearing(), startEvent(), endEvent()} << Value(0.0);
    QTest::newRow("value after a clear")
        << Steps{valueEvent(3), clearing(), valueEvent(7)} << Value(7.0);
}

void TotalCounterTest::shouldReportZeroAfterClear()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);

    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
}

// Difference from PyCounters 0.6 (docs/pycounters.md, no integer truncation): PyCounters 0.6
// gives 2.5 + 2.5 → 4.5, after clear 1.7 → 1 and -1 + 1 + 0.5 → 0.
void TotalCounterTest::shouldNotTruncateToIntegers()
{
    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->reportValue(2.5);
    counter->reportValue(2.5);
    COMPARE_VALUE(counter->value(), Value(5.0));

    counter->clear();
    counter->reportValue(1.7);
    COMPARE_VALUE(counter->value(), Value(1.7));

    counter->clear();
    counter->reportValue(-1);
    counter->reportValue(1);
    counter->reportValue(0.5);
    COMPARE_VALUE(counter->value(), Value(0.5));
}

void TotalCounterTest::shouldHaveNoWindow()
{
    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    QCOMPARE(counter->clock(), &clock);
    QCOMPARE(counter->window(), Seconds(0));
    counter->reportValue(1);
    QCOMPARE(counter->row().window, 0.0);
}

void TotalCounterTest::shouldSumValuesOfManyThreadsExactly_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("perThread");
    // Each thread reports 0.5, 1.0, ..., perThread / 2: threads * perThread * (perThread + 1) / 4.
    QTest::addColumn<double>("expected");

    QTest::newRow("1 thread x 1000") << 1 << 1000 << 250250.0;
    QTest::newRow("4 threads x 10000") << 4 << 10000 << 100010000.0;
    QTest::newRow("8 threads x 5000") << 8 << 5000 << 50010000.0;
    QTest::newRow("16 threads x 1000") << 16 << 1000 << 4004000.0;
}

void TotalCounterTest::shouldSumValuesOfManyThreadsExactly()
{
    QFETCH(int, threads);
    QFETCH(int, perThread);
    QFETCH(double, expected);

    ManualClock clock;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&counter, perThread] {
            for (int i = 1; i <= perThread; ++i)
                counter->reportValue(0.5 * i);
        });
    }
    for (std::thread &t : pool)
        t.join();

    QCOMPARE(counter->count(), quint64(threads) * quint64(perThread));
    // Every partial sum is a multiple of 0.5 below 2^53: exact in any order.
    QCOMPARE(counter->value().value_or(-1.0), expected);
}

QTEST_GUILESS_MAIN(TotalCounterTest)
#include "tst_totalcounter.moc"
