// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/frequencycounter.h>

#include <QTest>

#include <cmath>
#include <memory>

using namespace counters;
using namespace counterstest;

class FrequencyCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeZeroBeforeAnyEvent();
    void shouldDivideOccurrencesByTheTimeCovered_data();
    void shouldDivideOccurrencesByTheTimeCovered();
    void shouldDivideByBetweenWindowAndWindowPlusBucket();
    void pyCountersTestFrequencyCleans();
    void shouldNotDivideByZeroWhenReadAtTheInstantOfTheEvent();
    void shouldNotInflateTheRateRightAfterTheFirstEvent_data();
    void shouldNotInflateTheRateRightAfterTheFirstEvent();
    void shouldMeasureASteadyRate_data();
    void shouldMeasureASteadyRate();
    void shouldBeZeroAfterClearAndListenAnew();
};

void FrequencyCounterTest::shouldBeZeroBeforeAnyEvent()
{
    ManualClock clock;
    auto counter =
        std::make_shared<FrequencyCounter>(QStringLiteral("requests_per_s"), Seconds(10));
    counter->setClock(&clock);
    clock.advance(Seconds(5));

    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("requests_per_s"));
    QCOMPARE(row.type, CounterType::Frequency);
    QCOMPARE(row.window, 10.0);
    COMPARE_VALUE(row.value, Value(0.0));
}

void FrequencyCounterTest::shouldDivideOccurrencesByTheTimeCovered_data()
{
    // Window 300 s, bucket 10 s; the counter listens from t = 1000 s. Buckets are aligned on
    // multiples of their width (window_p.h), so t = 1000 s is a bucket boundary.
    // Value = occurrences / min(time the window covers, time since listening started).
    // Readings past the first window are taken on bucket boundaries, where the window covers
    // exactly 300 s.
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<Value>("expected");
    QTest::addColumn<quint64>("count");

    QTest::newRow("one end 10 s after listening")
        << Steps{after(10), endEvent()} << Value(0.1) << quint64(1);
    QTest::newRow("start and end are one occurrence")
        << Steps{after(10), startEvent(), endEvent()} << Value(0.1) << quint64(1);
    QTest::newRow("a start alone is nothing")
        << Steps{after(10), startEvent()} << Value(0.0) << quint64(0);
    QTest::newRow("a value is that many occurrences")
        << Steps{after(10), valueEvent(5)} << Value(0.5) << quint64(1);
    QTest::newRow("values and ends add up")
        << Steps{after(4), valueEvent(2), endEvent(), valueEvent(3)} << Value(1.5) << quint64(3);
    QTest::newRow("non-integer occurrences")
        << Steps{after(2), valueEvent(0.5)} << Value(0.25) << quint64(1);
    QTest::newRow("20 ends every 0.5 s")
        << repeat(20, {after(0.5), endEvent()}) << Value(2.0) << quint64(20);
    QTest::newRow("read later, the rate decays")
        << Steps{after(10), endEvent(), after(40)} << Value(0.02) << quint64(1);
    QTest::newRow("one end after a silent window")
        << Steps{after(600), endEvent()} << Value(1.0 / 300) << quint64(1);
    QTest::newRow("an end exactly one window old")
        << Steps{after(10), endEvent(), after(300)} << Value(1.0 / 300) << quint64(1);
    QTest::newRow("an end 311 s old has left")
        << Steps{after(10), endEvent(), after(311)} << Value(0.0) << quint64(0);
    QTest::newRow("old ends leave, new ones stay")
        << Steps{after(10), endEvent(), endEvent(), after(590), endEvent(), endEvent(), endEvent()}
        << Value(0.01) << quint64(3);
}

void FrequencyCounterTest::shouldDivideOccurrencesByTheTimeCovered()
{
    QFETCH(Steps, steps);
    QFETCH(Value, expected);
    QFETCH(quint64, count);

    ManualClock clock(Seconds(1000));
    auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, steps);

    COMPARE_VALUE(counter->value(), expected);
    QCOMPARE(counter->count(), count);
}

void FrequencyCounterTest::shouldDivideByBetweenWindowAndWindowPlusBucket()
{
    // Away from bucket boundaries the window covers between 300 s and 310 s.
    ManualClock clock(Seconds(1000));
    auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    play(*counter, clock, {after(600), endEvent(), endEvent(), endEvent(), after(5)});

    const double v = counter->value().value_or(-1);
    QVERIFY2(v >= 3.0 / 310 && v <= 3.0 / 300, qPrintable(QString::number(v, 'g', 17)));
}

// Port of PyCounters 0.6's test_frequency_cleans, a ManualClock instead of the real
// clock: window 0.5 s, two timed calls (f and g, 1 ms each here) → value > 0. The original
// then slept 0.7 s and asserted nothing; the documented value then is 0.
void FrequencyCounterTest::pyCountersTestFrequencyCleans()
{
    ManualClock clock;
    auto counter = std::make_shared<FrequencyCounter>(
        QStringLiteral("c"), Seconds(0.5), QStringList{QStringLiteral("f"), QStringLiteral("g")});
    counter->setClock(&clock);

    play(*counter, clock, {startEvent(), after(0.001), endEvent()}); // g()
    play(*counter, clock, {startEvent(), after(0.001), endEvent()}); // f()
    QVERIFY(counter->value().value_or(0) > 0);

    clock.advance(Seconds(0.7));
    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));
}

// Difference from PyCounters 0.6 (docs/pycounters.md: occurrences ÷ min(window, time
// since listening)): PyCounters 0.6 divides by the age of the oldest event and raises
// ZeroDivisionError when read at the instant of that event. Here the reading is a number.
void FrequencyCounterTest::shouldNotDivideByZeroWhenReadAtTheInstantOfTheEvent()
{
    {
        // Listening from t0, the event at t0 + 5 s, read at once: 1 / 5 s.
        ManualClock clock;
        auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"));
        counter->setClock(&clock);
        clock.advance(Seconds(5));
        counter->reportEnd();
        COMPARE_VALUE(counter->value(), Value(0.2));
    }
    {
        // Degenerate: listening, event and reading at one instant. No time has passed, so no
        // rate can be told; it must still be a finite, non-negative number.
        ManualClock clock;
        auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"));
        counter->setClock(&clock);
        counter->reportEnd();
        const Value v = counter->value();
        QVERIFY(v.has_value());
        QVERIFY(std::isfinite(*v));
        QVERIFY(*v >= 0);
    }
}

void FrequencyCounterTest::shouldNotInflateTheRateRightAfterTheFirstEvent_data()
{
    // The counter listens, stays silent for `idle` seconds, sees one end event and is read
    // `delay` seconds later. PyCounters 0.6 divides by `delay` (1/0, or 1e9/s one nanosecond
    // later); here the divisor is min(window covered, time since listening) = idle + delay while
    // that is under the window, and between window and window + bucket afterwards.
    QTest::addColumn<double>("window");
    QTest::addColumn<double>("idle");
    QTest::addColumn<double>("delay");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");

    QTest::newRow("300 s window, after 10 s, read at once") << 300.0 << 10.0 << 0.0 << 0.1 << 0.1;
    QTest::newRow("300 s window, after 10 s, read 1 ns later")
        << 300.0 << 10.0 << 1e-9 << 1 / 10.000000001 << 1 / 10.000000001;
    QTest::newRow("0.5 s window, after 0.1 s, read at once") << 0.5 << 0.1 << 0.0 << 10.0 << 10.0;
    QTest::newRow("0.5 s window, after 0.1 s, read 1 ms later")
        << 0.5 << 0.1 << 0.001 << 1 / 0.101 << 1 / 0.101;
    // Bucket of a 0.5 s window: 16,666,667 ns.
    QTest::newRow("0.5 s window, after 2 s, read at once")
        << 0.5 << 2.0 << 0.0 << 1 / 0.516666667 << 1 / 0.5;
    // Bucket of a 900 s window: 30 s.
    QTest::newRow("900 s window, after an hour, read 1 ms later")
        << 900.0 << 3600.0 << 0.001 << 1 / 930.0 << 1 / 900.0;
    // Bucket of a 0.05 s window: 1,666,667 ns.
    QTest::newRow("0.05 s window, after 0.01 s, read at once")
        << 0.05 << 0.01 << 0.0 << 100.0 << 100.0;
    QTest::newRow("0.05 s window, after 1 s, read 1 ns later")
        << 0.05 << 1.0 << 1e-9 << 1 / 0.051666667 << 1 / 0.05;
}

// Difference from PyCounters: no inflated rate right after the first event.
void FrequencyCounterTest::shouldNotInflateTheRateRightAfterTheFirstEvent()
{
    QFETCH(double, window);
    QFETCH(double, idle);
    QFETCH(double, delay);
    QFETCH(double, low);
    QFETCH(double, high);

    ManualClock clock(Seconds(1000.123));
    auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"), Seconds(window));
    counter->setClock(&clock);
    clock.advance(Seconds(idle));
    counter->reportEnd();
    clock.advance(Seconds(delay));

    const double v = counter->value().value_or(-1);
    const double eps = 1e-9 * high;
    QVERIFY2(v >= low - eps && v <= high + eps,
             qPrintable(QStringLiteral("%1 not in [%2, %3]")
                            .arg(QString::number(v, 'g', 17), QString::number(low, 'g', 17),
                                 QString::number(high, 'g', 17))));
}

void FrequencyCounterTest::shouldMeasureASteadyRate_data()
{
    QTest::addColumn<double>("rate"); // events per second, a whole number of ns apart
    QTest::addColumn<qint64>("windowNs");
    QTest::addColumn<qint64>("bucketNs"); // ceil(window / 30), by hand
    QTest::addColumn<int>("windows");     // how long to run, in windows

    QTest::newRow("4/s, 300 s window")
        << 4.0 << qint64(300'000'000'000) << qint64(10'000'000'000) << 10;
    QTest::newRow("100/s, 1 s window")
        << 100.0 << qint64(1'000'000'000) << qint64(33'333'334) << 10;
    QTest::newRow("0.5/s, 900 s window")
        << 0.5 << qint64(900'000'000'000) << qint64(30'000'000'000) << 10;
    QTest::newRow("20/s, 0.5 s window") << 20.0 << qint64(500'000'000) << qint64(16'666'667) << 20;
    QTest::newRow("1000/s, 0.05 s window")
        << 1000.0 << qint64(50'000'000) << qint64(1'666'667) << 20;
    QTest::newRow("5/s, 7 s window") << 5.0 << qint64(7'000'000'000) << qint64(233'333'334) << 10;
}

// Difference from PyCounters: a steady rate r reads as r from the first event
// on, and stays within bucket rounding of r over a long time.
void FrequencyCounterTest::shouldMeasureASteadyRate()
{
    QFETCH(double, rate);
    QFETCH(qint64, windowNs);
    QFETCH(qint64, bucketNs);
    QFETCH(int, windows);

    ManualClock clock(Seconds(1000.123));
    auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"), nanoseconds(windowNs));
    counter->setClock(&clock);

    const qint64 periodNs = qRound64(1e9 / rate);
    const qint64 events = windows * windowNs / periodNs;
    // While the counter has listened for less than a window, every reading at an event is
    // k events / k periods = r exactly. Later, the covered span S is in [W, W + w): it holds
    // between S·r and S·r + 1 events, so the reading is in [r·W/(W+w), r + 1/W].
    const double W = double(windowNs) / 1e9;
    const double w = double(bucketNs) / 1e9;
    for (qint64 k = 1; k <= events; ++k) {
        clock.advance(nanoseconds(periodNs));
        counter->reportEnd();
        const double v = counter->value().value_or(-1);
        const bool warm = k * periodNs >= windowNs;
        const double low = warm ? rate * W / (W + w) : rate;
        const double high = warm ? rate + 1 / W : rate;
        if (!(v >= low * (1 - 1e-12) && v <= high * (1 + 1e-12))) {
            QFAIL(qPrintable(QStringLiteral("after event %1: %2 not in [%3, %4]")
                                 .arg(k)
                                 .arg(QString::number(v, 'g', 17), QString::number(low, 'g', 17),
                                      QString::number(high, 'g', 17))));
        }
    }
}

void FrequencyCounterTest::shouldBeZeroAfterClearAndListenAnew()
{
    ManualClock clock;
    auto counter = std::make_shared<FrequencyCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    play(*counter, clock, {after(10), endEvent(), endEvent()});
    COMPARE_VALUE(counter->value(), Value(0.2));

    counter->clear();
    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));

    // Listening starts again at clear(): one end 4 s later is 0.25/s.
    play(*counter, clock, {after(4), endEvent()});
    COMPARE_VALUE(counter->value(), Value(0.25));
    QCOMPARE(counter->count(), quint64(1));
}

QTEST_GUILESS_MAIN(FrequencyCounterTest)
#include "tst_frequencycounter.moc"
