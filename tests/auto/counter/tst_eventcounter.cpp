// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/eventcounter.h>

#include <QTest>

#include <memory>
#include <thread>
#include <vector>

using namespace counters;
using namespace counterstest;

class EventCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeNullBeforeAnyEvent();
    void shouldCountEndsAndAddValues_data();
    void shouldCountEndsAndAddValues();
    void shouldReportZeroAfterClear();
    void shouldNotTruncateToIntegers();
    void shouldListenToItsOwnNameUnlessGivenEvents();
    void shouldCountEventsOfManyThreadsExactly_data();
    void shouldCountEventsOfManyThreadsExactly();
};

void EventCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("requests"));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("requests"));
    QCOMPARE(row.type, CounterType::Event);
    COMPARE_VALUE(row.value, Value());
    QCOMPARE(row.window, 0.0);
    QCOMPARE(row.count, quint64(0));
    QVERIFY(row.subValues.isEmpty());
    QCOMPARE(counter->window(), Seconds(0));
}

void EventCounterTest::shouldCountEndsAndAddValues_data()
{
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");

    QTest::newRow("one end") << Steps{endEvent()} << Value(1.0) << quint64(1);
    QTest::newRow("three ends") << Steps{endEvent(), endEvent(), endEvent()} << Value(3.0)
                                << quint64(3);
    QTest::newRow("one value") << Steps{valueEvent(2)} << Value(2.0) << quint64(1);
    // PyCounters 0.6's EventCounter: end (→ 1) then value 2.5 → 3.5.
    QTest::newRow("end then value 2.5")
        << Steps{endEvent(), valueEvent(2.5)} << Value(3.5) << quint64(2);
    QTest::newRow("start is ignored") << Steps{startEvent()} << Value() << quint64(0);
    QTest::newRow("start and end count once")
        << Steps{startEvent(), endEvent()} << Value(1.0) << quint64(1);
    QTest::newRow("non-integer values")
        << Steps{valueEvent(0.25), valueEvent(0.5), valueEvent(0.125)} << Value(0.875)
        << quint64(3);
    QTest::newRow("negative values")
        << Steps{valueEvent(-4), endEvent()} << Value(-3.0) << quint64(2);
    QTest::newRow("a value of zero is a value") << Steps{valueEvent(0)} << Value(0.0) << quint64(1);
    // No window: an event a day old still counts.
    QTest::newRow("never forgets")
        << Steps{endEvent(), after(86400), endEvent()} << Value(2.0) << quint64(2);
    QTest::newRow("clear in between")
        << Steps{endEvent(), endEvent(), clearing(), valueEvent(4)} << Value(4.0) << quint64(1);
}

void EventCounterTest::shouldCountEndsAndAddValues()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);

    ManualClock clock;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
    QCOMPARE(counter->row().count, count);
}

// Port of PyCounters 0.6's test_counted_func on the counter alone: 3 → clear → 0 → 1.
// An unused-but-cleared counter reports 0, a never-used one null.
void EventCounterTest::shouldReportZeroAfterClear()
{
    ManualClock clock;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->clear();
    COMPARE_VALUE(counter->value(), Value(0.0));

    play(*counter, clock, {startEvent(), endEvent(), startEvent(), endEvent(), endEvent()});
    COMPARE_VALUE(counter->value(), Value(3.0));

    counter->clear();
    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));

    counter->reportEnd();
    COMPARE_VALUE(counter->value(), Value(1.0));
    QCOMPARE(counter->count(), quint64(1));
}

// Difference from PyCounters 0.6 (docs/pycounters.md, no integer truncation): PyCounters 0.6
// truncates a value to an integer whenever its running total is 0/None (2.5 + 2.5 → 4.5,
// after clear 1.7 → 1, end then -1 +0.5 → 0). Here totals are plain doubles.
void EventCounterTest::shouldNotTruncateToIntegers()
{
    ManualClock clock;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->reportValue(2.5);
    counter->reportValue(2.5);
    COMPARE_VALUE(counter->value(), Value(5.0));

    counter->clear();
    counter->reportValue(1.7);
    COMPARE_VALUE(counter->value(), Value(1.7));

    counter->clear();
    counter->reportEnd();
    counter->reportValue(-1);
    counter->reportValue(0.5);
    COMPARE_VALUE(counter->value(), Value(0.5));
}

void EventCounterTest::shouldListenToItsOwnNameUnlessGivenEvents()
{
    EventCounter own(QStringLiteral("c"));
    QCOMPARE(own.events(), QStringList{QStringLiteral("c")});

    const QStringList events{QStringLiteral("a"), QStringLiteral("b")};
    EventCounter listed(QStringLiteral("c"), events);
    QCOMPARE(listed.events(), events);
    QCOMPARE(listed.name(), QStringLiteral("c"));
}

void EventCounterTest::shouldCountEventsOfManyThreadsExactly_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("perThread");
    QTest::addColumn<double>("expected"); // each thread: perThread ends + perThread values 0.5

    QTest::newRow("1 thread x 1000") << 1 << 1000 << 1500.0;
    QTest::newRow("4 threads x 10000") << 4 << 10000 << 60000.0;
    QTest::newRow("8 threads x 5000") << 8 << 5000 << 60000.0;
    QTest::newRow("16 threads x 1000") << 16 << 1000 << 24000.0;
}

void EventCounterTest::shouldCountEventsOfManyThreadsExactly()
{
    QFETCH(int, threads);
    QFETCH(int, perThread);
    QFETCH(double, expected);

    ManualClock clock;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&counter, perThread] {
            for (int i = 0; i < perThread; ++i) {
                counter->reportEnd();
                counter->reportValue(0.5);
            }
        });
    }
    for (std::thread &t : pool)
        t.join();

    // The threads have exited; what they counted stays.
    QCOMPARE(counter->count(), quint64(2) * quint64(threads) * quint64(perThread));
    COMPARE_VALUE(counter->value(), Value(expected));
}

QTEST_GUILESS_MAIN(EventCounterTest)
#include "tst_eventcounter.moc"
