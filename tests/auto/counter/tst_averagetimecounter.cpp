// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/averagetimecounter.h>

#include <QTest>

#include <memory>
#include <thread>

using namespace counters;
using namespace counterstest;

class AverageTimeCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTimeRealBlocksOnTheSystemClock();
    void shouldBeNullBeforeAnyEvent();
    void shouldAverageDurationsOfBlocks_data();
    void shouldAverageDurationsOfBlocks();
    void shouldPairNestedStartsLastInFirstOut();
    void shouldIgnoreAnEndWithoutStartAndCountItAsDropped();
    void shouldDropStartsNestedDeeperThanSixteen();
    void shouldPairStartsAndEndsWithinTheirOwnThread();
    void shouldNotPairAnEndWithAnotherThreadsStart();
    void shouldForgetTheOpenStartsOfAnExitedThread();
    void shouldBeNullAfterClear();
    void shouldCarryMinAndMaxWhileTheWindowHasEvents();
    void shouldAverageManyBlocks();
};

void AverageTimeCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter =
        std::make_shared<AverageTimeCounter>(QStringLiteral("request_time"), Seconds(120));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    QCOMPARE(counter->droppedEvents(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("request_time"));
    QCOMPARE(row.type, CounterType::AverageTime);
    QCOMPARE(row.window, 120.0);
    QVERIFY(row.subValues.isEmpty());
}

void AverageTimeCounterTest::shouldAverageDurationsOfBlocks_data()
{
    // Default window 300 s (bucket 10 s). Durations in seconds.
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");
    QTest::addColumn<Value>("min");
    QTest::addColumn<Value>("max");
    QTest::addColumn<quint64>("dropped");

    QTest::newRow("one block of 2 s") << Steps{startEvent(), after(2), endEvent()} << Value(2.0)
                                      << quint64(1) << Value(2.0) << Value(2.0) << quint64(0);
    QTest::newRow("blocks of 1 s and 3 s")
        << Steps{startEvent(), after(1), endEvent(), startEvent(), after(3), endEvent()}
        << Value(2.0) << quint64(2) << Value(1.0) << Value(3.0) << quint64(0);
    QTest::newRow("a quarter of a second")
        << Steps{startEvent(), after(0.25), endEvent()} << Value(0.25) << quint64(1) << Value(0.25)
        << Value(0.25) << quint64(0);
    QTest::newRow("a block of no time is a duration of 0")
        << Steps{startEvent(), endEvent()} << Value(0.0) << quint64(1) << Value(0.0) << Value(0.0)
        << quint64(0);
    QTest::newRow("time between blocks does not count")
        << Steps{startEvent(), after(1), endEvent(), after(50), startEvent(), after(2), endEvent()}
        << Value(1.5) << quint64(2) << Value(1.0) << Value(2.0) << quint64(0);
    QTest::newRow("nested blocks pair last in first out")
        << Steps{startEvent(), after(10), startEvent(), after(10),
                 endEvent(),   after(10), endEvent()}
        << Value(20.0) << quint64(2) << Value(10.0) << Value(30.0) << quint64(0);
    QTest::newRow("a start without end is not a duration")
        << Steps{startEvent(), after(5)} << Value() << quint64(0) << Value() << Value()
        << quint64(0);
    QTest::newRow("an end without start is dropped")
        << Steps{endEvent()} << Value() << quint64(0) << Value() << Value() << quint64(1);
    QTest::newRow("a second end of one block is dropped")
        << Steps{startEvent(), after(1), endEvent(), after(1), endEvent()} << Value(1.0)
        << quint64(1) << Value(1.0) << Value(1.0) << quint64(1);
    QTest::newRow("value events are averaged in as seconds")
        << Steps{valueEvent(2.5), startEvent(), after(0.5), endEvent()} << Value(1.5) << quint64(2)
        << Value(0.5) << Value(2.5) << quint64(0);
    // A duration is recorded when its block ends.
    QTest::newRow("a block longer than the window counts when it ends")
        << Steps{startEvent(), after(400), endEvent()} << Value(400.0) << quint64(1) << Value(400.0)
        << Value(400.0) << quint64(0);
    QTest::newRow("a block that ended 311 s ago is dropped")
        << Steps{startEvent(), after(1), endEvent(), after(311)} << Value() << quint64(0) << Value()
        << Value() << quint64(0);
}

void AverageTimeCounterTest::shouldAverageDurationsOfBlocks()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);
    QFETCH(Value, min);
    QFETCH(Value, max);
    QFETCH(quint64, dropped);

    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    const CounterRow row = counter->row();
    COMPARE_VALUE(row.value, expected);
    QCOMPARE(row.count, count);
    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
    const QString minKey = QStringLiteral("min");
    const QString maxKey = QStringLiteral("max");
    COMPARE_VALUE(row.subValues.contains(minKey) ? Value(row.subValues.value(minKey)) : Value(),
                  min);
    COMPARE_VALUE(row.subValues.contains(maxKey) ? Value(row.subValues.value(maxKey)) : Value(),
                  max);
    QCOMPARE(counter->droppedEvents(), dropped);
}

// Difference from PyCounters 0.6 (docs/pycounters.md, nested timing): starts at 0 and 10, ends at
// 20 and 30. PyCounters 0.6 overwrites its one start time and reports 10 and 20 (mean 15); here the
// inner end pairs with the inner start (10) and the outer end with the outer start (30): mean 20.
void AverageTimeCounterTest::shouldPairNestedStartsLastInFirstOut()
{
    ManualClock clock(Seconds(0));
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->reportStart(); // t = 0
    clock.setTime(Seconds(10));
    counter->reportStart(); // t = 10
    clock.setTime(Seconds(20));
    counter->reportEnd(); // t = 20: 20 - 10 = 10
    clock.setTime(Seconds(30));
    counter->reportEnd(); // t = 30: 30 - 0 = 30

    const CounterRow row = counter->row();
    COMPARE_VALUE(row.value, Value(20.0));
    QCOMPARE(row.count, quint64(2));
    QCOMPARE(row.subValues.value(QStringLiteral("min"), -1), 10.0);
    QCOMPARE(row.subValues.value(QStringLiteral("max"), -1), 30.0);
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

// Difference from PyCounters: an end without a start raises AttributeError in
// PyCounters 0.6 (or reuses a stale start); here it is ignored and counted in droppedEvents().
void AverageTimeCounterTest::shouldIgnoreAnEndWithoutStartAndCountItAsDropped()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->reportEnd();
    QCOMPARE(counter->droppedEvents(), quint64(1));
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));

    // A later block still times correctly; its second end is dropped too.
    counter->reportStart();
    clock.advance(Seconds(3));
    counter->reportEnd();
    clock.advance(Seconds(3));
    counter->reportEnd();
    QCOMPARE(counter->droppedEvents(), quint64(2));
    COMPARE_VALUE(counter->value(), Value(3.0));
    QCOMPARE(counter->count(), quint64(1));
}

void AverageTimeCounterTest::shouldDropStartsNestedDeeperThanSixteen()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    for (int i = 0; i < 17; ++i)
        counter->reportStart();
    QCOMPARE(counter->droppedEvents(), quint64(1)); // the 17th start
    clock.advance(Seconds(1));
    for (int i = 0; i < 17; ++i)
        counter->reportEnd();

    // 16 blocks of 1 s; the 17th end has no start left.
    QCOMPARE(counter->count(), quint64(16));
    COMPARE_VALUE(counter->value(), Value(1.0));
    QCOMPARE(counter->droppedEvents(), quint64(2));
}

// Difference from PyCounters 0.6 (docs/pycounters.md, nested timing): thread A starts at 0,
// thread B at 10, A ends at 40, B at 45. Paired per thread: 40 and 35 (min 35, max 40). Paired
// across threads (last start first) it would be 30 and 45.
void AverageTimeCounterTest::shouldPairStartsAndEndsWithinTheirOwnThread()
{
    ManualClock clock(Seconds(0));
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    Worker a;
    Worker b;

    a.run([&] { counter->reportStart(); });
    clock.setTime(Seconds(10));
    b.run([&] { counter->reportStart(); });
    clock.setTime(Seconds(40));
    a.run([&] { counter->reportEnd(); });
    clock.setTime(Seconds(45));
    b.run([&] { counter->reportEnd(); });

    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(2));
    COMPARE_VALUE(row.value, Value(37.5));
    QCOMPARE(row.subValues.value(QStringLiteral("min"), -1), 35.0);
    QCOMPARE(row.subValues.value(QStringLiteral("max"), -1), 40.0);
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

void AverageTimeCounterTest::shouldNotPairAnEndWithAnotherThreadsStart()
{
    ManualClock clock(Seconds(0));
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    Worker a;
    Worker b;

    a.run([&] { counter->reportStart(); });
    clock.setTime(Seconds(1));
    b.run([&] { counter->reportEnd(); });
    QCOMPARE(counter->droppedEvents(), quint64(1));
    COMPARE_VALUE(counter->value(), Value());

    // A's block is still open and ends normally.
    clock.setTime(Seconds(2));
    a.run([&] { counter->reportEnd(); });
    COMPARE_VALUE(counter->value(), Value(2.0));
    QCOMPARE(counter->droppedEvents(), quint64(1));
}

void AverageTimeCounterTest::shouldForgetTheOpenStartsOfAnExitedThread()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    std::thread starter([&] { counter->reportStart(); });
    starter.join();
    const std::size_t memory = counter->memoryUsage();

    // The next thread takes over the exited thread's memory, but not its open block.
    clock.advance(Seconds(1));
    std::thread ender([&] { counter->reportEnd(); });
    ender.join();
    QCOMPARE(counter->memoryUsage(), memory);
    QCOMPARE(counter->droppedEvents(), quint64(1));
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
}

void AverageTimeCounterTest::shouldBeNullAfterClear()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    play(*counter, clock, {startEvent(), after(2), endEvent(), valueEvent(4)});
    COMPARE_VALUE(counter->value(), Value(3.0));

    counter->clear();
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    QVERIFY(counter->row().subValues.isEmpty());

    play(*counter, clock, {startEvent(), after(0.5), endEvent()});
    COMPARE_VALUE(counter->value(), Value(0.5));
    QCOMPARE(counter->count(), quint64(1));
}

void AverageTimeCounterTest::shouldCarryMinAndMaxWhileTheWindowHasEvents()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"), Seconds(60));
    counter->setClock(&clock);
    const QString minKey = QStringLiteral("min");
    const QString maxKey = QStringLiteral("max");

    QVERIFY(!counter->row().subValues.contains(minKey));
    QVERIFY(!counter->row().subValues.contains(maxKey));

    play(*counter, clock,
         {startEvent(), after(0.2), endEvent(), startEvent(), after(1.4), endEvent()});
    const CounterRow row = counter->row();
    COMPARE_VALUE(row.value, Value(0.8));
    COMPARE_VALUE(Value(row.subValues.value(minKey, -1)), Value(0.2));
    COMPARE_VALUE(Value(row.subValues.value(maxKey, -1)), Value(1.4));

    clock.advance(Seconds(200));
    QVERIFY(!counter->row().subValues.contains(minKey));
    QVERIFY(!counter->row().subValues.contains(maxKey));
}

void AverageTimeCounterTest::shouldAverageManyBlocks()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    // 10,000 blocks of 1, 2, 3, 4, 1, 2, ... ms: 25 s in all, mean 2.5 ms.
    for (int i = 0; i < 10000; ++i) {
        counter->reportStart();
        clock.advance(Seconds(0.001 * (i % 4 + 1)));
        counter->reportEnd();
    }
    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(10000));
    COMPARE_VALUE(row.value, Value(0.0025));
    COMPARE_VALUE(Value(row.subValues.value(QStringLiteral("min"), -1)), Value(0.001));
    COMPARE_VALUE(Value(row.subValues.value(QStringLiteral("max"), -1)), Value(0.004));
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

// The one test on the real clock: on the system clock durations come from the CPU's time-stamp
// counter calibrated against CLOCK_MONOTONIC (or from CLOCK_MONOTONIC itself), so a real wait
// must read as that wait in seconds. The waits are measured, not assumed.
void AverageTimeCounterTest::shouldTimeRealBlocksOnTheSystemClock()
{
    AverageTimeCounter counter(QStringLiteral("real_time"));
    QCOMPARE(counter.clock(), Clock::system());
    const auto monotonic = [] { return std::chrono::steady_clock::now(); };
    double measured = 0;
    for (int i = 0; i < 3; ++i) {
        const auto before = monotonic();
        counter.reportStart();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        counter.reportEnd();
        measured += std::chrono::duration<double>(monotonic() - before).count();
    }
    const double mean = measured / 3;
    const std::optional<double> value = counter.value();
    QVERIFY(value);
    // The counter's blocks lie inside the measured ones, and are at least the 20 ms slept.
    QVERIFY2(*value >= 0.020 && *value <= mean * 1.001,
             qPrintable(QStringLiteral("%1 s vs measured %2 s").arg(*value).arg(mean)));
    QCOMPARE(counter.count(), quint64(3));
}

QTEST_GUILESS_MAIN(AverageTimeCounterTest)
#include "tst_averagetimecounter.moc"
