// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/maxwindowcounter.h>

#include <QTest>

#include <memory>

using namespace counters;
using namespace counterstest;

class MaxWindowCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeNullBeforeAnyEvent();
    void shouldTakeTheLargestValueInTheWindow_data();
    void shouldTakeTheLargestValueInTheWindow();
    void pyCountersTestMaxWindowCounter();
    void shouldBeNullAfterClear();
    void shouldFollowTheMaximumAsValuesLeave();
};

void MaxWindowCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = std::make_shared<MaxWindowCounter>(QStringLiteral("peak"), Seconds(5));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("peak"));
    QCOMPARE(row.type, CounterType::MaxWindow);
    QCOMPARE(row.window, 5.0);
    COMPARE_VALUE(row.value, Value());
}

void MaxWindowCounterTest::shouldTakeTheLargestValueInTheWindow_data()
{
    // Default window 300 s (bucket 10 s).
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");

    QTest::newRow("one value") << Steps{valueEvent(4)} << Value(4.0) << quint64(1);
    QTest::newRow("1 and 2") << Steps{valueEvent(1), valueEvent(2)} << Value(2.0) << quint64(2);
    QTest::newRow("largest first")
        << Steps{valueEvent(9), valueEvent(2), valueEvent(5)} << Value(9.0) << quint64(3);
    QTest::newRow("all negative") << Steps{valueEvent(-3), valueEvent(-1), valueEvent(-2)}
                                  << Value(-1.0) << quint64(3);
    QTest::newRow("non-integer values")
        << Steps{valueEvent(2.25), valueEvent(2.5), valueEvent(2.125)} << Value(2.5) << quint64(3);
    QTest::newRow("zero") << Steps{valueEvent(0), valueEvent(-0.5)} << Value(0.0) << quint64(2);
    QTest::newRow("start and end are ignored")
        << Steps{startEvent(), endEvent()} << Value() << quint64(0);
    QTest::newRow("values around start and end")
        << Steps{valueEvent(1), startEvent(), endEvent(), valueEvent(0.5)} << Value(1.0)
        << quint64(2);
    QTest::newRow("a larger value 311 s old has left")
        << Steps{valueEvent(5), after(311), valueEvent(1)} << Value(1.0) << quint64(1);
    QTest::newRow("a larger value exactly 300 s old stays")
        << Steps{valueEvent(5), after(300), valueEvent(1)} << Value(5.0) << quint64(2);
    QTest::newRow("clear in between")
        << Steps{valueEvent(5), clearing(), valueEvent(1)} << Value(1.0) << quint64(1);
}

void MaxWindowCounterTest::shouldTakeTheLargestValueInTheWindow()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);

    ManualClock clock;
    auto counter = std::make_shared<MaxWindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
}

// Port of PyCounters 0.6's test_max_window_counter, a ManualClock instead of
// time.sleep: window 0.5 s; 1, 2 → 2.0; after 0.6 s → None; then 1 → 1.0.
void MaxWindowCounterTest::pyCountersTestMaxWindowCounter()
{
    ManualClock clock;
    auto counter = std::make_shared<MaxWindowCounter>(QStringLiteral("test"), Seconds(0.5));
    counter->setClock(&clock);

    counter->reportValue(1);
    counter->reportValue(2);
    COMPARE_VALUE(counter->value(), Value(2.0));

    clock.advance(Seconds(0.6));
    COMPARE_VALUE(counter->value(), Value());

    counter->reportValue(1);
    COMPARE_VALUE(counter->value(), Value(1.0));
}

void MaxWindowCounterTest::shouldBeNullAfterClear()
{
    ManualClock clock;
    auto counter = std::make_shared<MaxWindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->clear();
    COMPARE_VALUE(counter->value(), Value());

    counter->reportValue(8);
    counter->clear();
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));

    counter->reportValue(3);
    COMPARE_VALUE(counter->value(), Value(3.0));
}

void MaxWindowCounterTest::shouldFollowTheMaximumAsValuesLeave()
{
    // Window 30 s, bucket 1 s: 9 at 0 s, 7 at 10 s, 3 at 20 s.
    ManualClock clock(Seconds(0));
    auto counter = std::make_shared<MaxWindowCounter>(QStringLiteral("c"), Seconds(30));
    counter->setClock(&clock);
    play(*counter, clock, {valueEvent(9), after(10), valueEvent(7), after(10), valueEvent(3)});
    COMPARE_VALUE(counter->value(), Value(9.0));

    clock.setTime(Seconds(35)); // the 9 is 35 s old
    COMPARE_VALUE(counter->value(), Value(7.0));
    clock.setTime(Seconds(45)); // the 7 is 35 s old
    COMPARE_VALUE(counter->value(), Value(3.0));
    clock.setTime(Seconds(55)); // the 3 is 35 s old
    COMPARE_VALUE(counter->value(), Value());
}

QTEST_GUILESS_MAIN(MaxWindowCounterTest)
#include "tst_maxwindowcounter.moc"
