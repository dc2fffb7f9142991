// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/windowcounter.h>

#include <QTest>

#include <memory>

using namespace counters;
using namespace counterstest;

class WindowCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeZeroBeforeAnyEvent();
    void shouldSumTheWindow_data();
    void shouldSumTheWindow();
    void shouldBeZeroAfterClear();
    void shouldCountManyEvents();
};

void WindowCounterTest::shouldBeZeroBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("jobs"), Seconds(30));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("jobs"));
    QCOMPARE(row.type, CounterType::Window);
    QCOMPARE(row.window, 30.0);
    QVERIFY(row.subValues.isEmpty());
}

void WindowCounterTest::shouldSumTheWindow_data()
{
    // Default window 300 s (bucket 10 s).
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");

    QTest::newRow("one end") << Steps{endEvent()} << Value(1.0) << quint64(1);
    QTest::newRow("three ends") << Steps{endEvent(), endEvent(), endEvent()} << Value(3.0)
                                << quint64(3);
    QTest::newRow("a value") << Steps{valueEvent(2.5)} << Value(2.5) << quint64(1);
    QTest::newRow("an end and a value")
        << Steps{endEvent(), valueEvent(2.5)} << Value(3.5) << quint64(2);
    QTest::newRow("a start is nothing") << Steps{startEvent()} << Value(0.0) << quint64(0);
    QTest::newRow("start and end are one")
        << Steps{startEvent(), endEvent()} << Value(1.0) << quint64(1);
    QTest::newRow("non-integer values")
        << Steps{valueEvent(0.1), valueEvent(0.2)} << Value(0.3) << quint64(2);
    QTest::newRow("negative values")
        << Steps{valueEvent(-3), valueEvent(1)} << Value(-2.0) << quint64(2);
    QTest::newRow("values summing to zero")
        << Steps{valueEvent(-3), valueEvent(3)} << Value(0.0) << quint64(2);
    QTest::newRow("a value 311 s old has left")
        << Steps{valueEvent(5), after(311), valueEvent(1)} << Value(1.0) << quint64(1);
    QTest::newRow("a value exactly 300 s old stays")
        << Steps{valueEvent(5), after(300), valueEvent(1)} << Value(6.0) << quint64(2);
    QTest::newRow("everything has left")
        << Steps{valueEvent(5), endEvent(), after(1000)} << Value(0.0) << quint64(0);
    // Ends at 1001 s ... 1600 s, read at 1600 s: the 301 ends 0 to 300 s old stay; those more
    // than 310 s old have left, and so have those 301 to 309 s old, whose bucket
    // [1290 s, 1300 s) has passed (buckets are aligned on multiples of their width).
    QTest::newRow("one end per second for 10 minutes")
        << repeat(600, {after(1), endEvent()}) << Value(301.0) << quint64(301);
}

void WindowCounterTest::shouldSumTheWindow()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);

    ManualClock clock(Seconds(1000));
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
}

void WindowCounterTest::shouldBeZeroAfterClear()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->clear();
    COMPARE_VALUE(counter->value(), Value(0.0));

    play(*counter, clock, {endEvent(), valueEvent(4)});
    COMPARE_VALUE(counter->value(), Value(5.0));

    counter->clear();
    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));

    counter->reportEnd();
    COMPARE_VALUE(counter->value(), Value(1.0));
}

void WindowCounterTest::shouldCountManyEvents()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"), Seconds(60));
    counter->setClock(&clock);

    // 1,000,000 ends, one every 10 µs: 10 s, all in the window.
    for (int i = 0; i < 1'000'000; ++i) {
        counter->reportEnd();
        clock.advance(Seconds(1e-5));
    }
    COMPARE_VALUE(counter->value(), Value(1'000'000.0));
    QCOMPARE(counter->count(), quint64(1'000'000));
}

QTEST_GUILESS_MAIN(WindowCounterTest)
#include "tst_windowcounter.moc"
