// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/averagewindowcounter.h>

#include <QTest>

#include <memory>

using namespace counters;
using namespace counterstest;

class AverageWindowCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeNullBeforeAnyEvent();
    void shouldAverageValuesInTheWindow_data();
    void shouldAverageValuesInTheWindow();
    void pyCountersTestAverageWindowCounter();
    void shouldBeNullAfterClear();
    void shouldCarryMinAndMaxWhileTheWindowHasEvents();
    void shouldAverageManyValues();
};

void AverageWindowCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("latency"), Seconds(60));
    counter->setClock(&clock);

    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("latency"));
    QCOMPARE(row.type, CounterType::AverageWindow);
    QCOMPARE(row.window, 60.0);
    COMPARE_VALUE(row.value, Value());
    QVERIFY(row.subValues.isEmpty());
}

void AverageWindowCounterTest::shouldAverageValuesInTheWindow_data()
{
    // Default window 300 s (bucket 10 s).
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");
    QTest::addColumn<Value>("min");
    QTest::addColumn<Value>("max");

    QTest::newRow("one value") << Steps{valueEvent(3)} << Value(3.0) << quint64(1) << Value(3.0)
                               << Value(3.0);
    QTest::newRow("1 and 2") << Steps{valueEvent(1), valueEvent(2)} << Value(1.5) << quint64(2)
                             << Value(1.0) << Value(2.0);
    QTest::newRow("non-integer values") << Steps{valueEvent(0.1), valueEvent(0.2), valueEvent(0.4)}
                                        << Value(0.7 / 3) << quint64(3) << Value(0.1) << Value(0.4);
    QTest::newRow("negative values") << Steps{valueEvent(-2), valueEvent(4)} << Value(1.0)
                                     << quint64(2) << Value(-2.0) << Value(4.0);
    QTest::newRow("start and end are ignored")
        << Steps{startEvent(), endEvent()} << Value() << quint64(0) << Value() << Value();
    QTest::newRow("values around start and end")
        << Steps{valueEvent(4), startEvent(), endEvent(), valueEvent(6)} << Value(5.0) << quint64(2)
        << Value(4.0) << Value(6.0);
    QTest::newRow("value older than window + bucket is dropped")
        << Steps{valueEvent(10), after(311), valueEvent(2)} << Value(2.0) << quint64(1)
        << Value(2.0) << Value(2.0);
    QTest::newRow("value exactly a window old is kept")
        << Steps{valueEvent(10), after(300), valueEvent(2)} << Value(6.0) << quint64(2)
        << Value(2.0) << Value(10.0);
    QTest::newRow("spread over the window")
        << Steps{valueEvent(1), after(100), valueEvent(2), after(100), valueEvent(6)} << Value(3.0)
        << quint64(3) << Value(1.0) << Value(6.0);
    QTest::newRow("clear in between") << Steps{valueEvent(10), clearing(), valueEvent(2)}
                                      << Value(2.0) << quint64(1) << Value(2.0) << Value(2.0);
    QTest::newRow("1000 values") << repeat(500, {valueEvent(1), valueEvent(3)}) << Value(2.0)
                                 << quint64(1000) << Value(1.0) << Value(3.0);
}

void AverageWindowCounterTest::shouldAverageValuesInTheWindow()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);
    QFETCH(Value, min);
    QFETCH(Value, max);

    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"));
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
}

// Port of PyCounters 0.6's test_average_window_counter, a ManualClock instead of
// time.sleep: window 0.5 s; 1, 2 → 1.5; after 0.7 s → None; then 1 → 1.0.
void AverageWindowCounterTest::pyCountersTestAverageWindowCounter()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("test"), Seconds(0.5));
    counter->setClock(&clock);

    counter->reportValue(1);
    counter->reportValue(2);
    COMPARE_VALUE(counter->value(), Value(1.5));

    clock.advance(Seconds(0.7));
    COMPARE_VALUE(counter->value(), Value());

    counter->reportValue(1);
    COMPARE_VALUE(counter->value(), Value(1.0));
}

void AverageWindowCounterTest::shouldBeNullAfterClear()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    counter->clear();
    COMPARE_VALUE(counter->value(), Value());

    counter->reportValue(3);
    counter->reportValue(5);
    counter->clear();
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));
    QVERIFY(counter->row().subValues.isEmpty());

    counter->reportValue(4);
    COMPARE_VALUE(counter->value(), Value(4.0));
    QCOMPARE(counter->count(), quint64(1));
}

void AverageWindowCounterTest::shouldCarryMinAndMaxWhileTheWindowHasEvents()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"), Seconds(30));
    counter->setClock(&clock);
    const QString minKey = QStringLiteral("min");
    const QString maxKey = QStringLiteral("max");

    // Given an empty window, there are no sub-values.
    QVERIFY(!counter->row().subValues.contains(minKey));
    QVERIFY(!counter->row().subValues.contains(maxKey));

    // When values arrive, min and max of the window are reported beside the mean.
    counter->reportValue(8);
    clock.advance(Seconds(10));
    counter->reportValue(-1.5);
    clock.advance(Seconds(10));
    counter->reportValue(2);
    CounterRow row = counter->row();
    COMPARE_VALUE(row.value, Value(8.5 / 3));
    QCOMPARE(row.subValues.value(minKey, 0), -1.5);
    QCOMPARE(row.subValues.value(maxKey, 0), 8.0);

    // When the 8 leaves (35 s old; window 30 s + bucket 1 s), the max follows.
    clock.advance(Seconds(15));
    row = counter->row();
    COMPARE_VALUE(row.value, Value(0.25));
    QCOMPARE(row.subValues.value(minKey, 0), -1.5);
    QCOMPARE(row.subValues.value(maxKey, 0), 2.0);

    // Then the window empties and the sub-values disappear.
    clock.advance(Seconds(100));
    row = counter->row();
    COMPARE_VALUE(row.value, Value());
    QVERIFY(!row.subValues.contains(minKey));
    QVERIFY(!row.subValues.contains(maxKey));
}

void AverageWindowCounterTest::shouldAverageManyValues()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    // 100,000 values 0, 1, ..., 9, 0, 1, ... one per millisecond: 100 s, all in the window.
    for (int i = 0; i < 100000; ++i) {
        counter->reportValue(i % 10);
        clock.advance(Seconds(0.001));
    }
    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(100000));
    COMPARE_VALUE(row.value, Value(4.5));
    QCOMPARE(row.subValues.value(QStringLiteral("min"), -1), 0.0);
    QCOMPARE(row.subValues.value(QStringLiteral("max"), -1), 9.0);
}

QTEST_GUILESS_MAIN(AverageWindowCounterTest)
#include "tst_averagewindowcounter.moc"
