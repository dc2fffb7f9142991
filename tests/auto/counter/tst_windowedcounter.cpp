// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/averagetimecounter.h>
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/frequencycounter.h>
#include <counters/counter/maxwindowcounter.h>
#include <counters/counter/minwindowcounter.h>
#include <counters/counter/windowcounter.h>
#include <counters/counter/windowedcounter.h>

#include <QRegularExpression>
#include <QTest>

#include <limits>
#include <memory>
#include <thread>
#include <vector>

using namespace counters;
using namespace counterstest;

Q_DECLARE_METATYPE(counters::CounterType)

namespace {

const CounterType kWindowedTypes[] = {
    CounterType::AverageWindow, CounterType::AverageTime, CounterType::Frequency,
    CounterType::Window,        CounterType::MaxWindow,   CounterType::MinWindow,
};

/// A windowed counter of `type`; with the constructor's default window when none is given.
std::shared_ptr<WindowedCounter> makeCounter(CounterType type, std::optional<Seconds> window = {})
{
    const QString name = QStringLiteral("c");
    const Seconds w = window.value_or(Seconds(0));
    switch (type) {
    case CounterType::AverageWindow:
        return window ? std::make_shared<AverageWindowCounter>(name, w)
                      : std::make_shared<AverageWindowCounter>(name);
    case CounterType::AverageTime:
        return window ? std::make_shared<AverageTimeCounter>(name, w)
                      : std::make_shared<AverageTimeCounter>(name);
    case CounterType::Frequency:
        return window ? std::make_shared<FrequencyCounter>(name, w)
                      : std::make_shared<FrequencyCounter>(name);
    case CounterType::Window:
        return window ? std::make_shared<WindowCounter>(name, w)
                      : std::make_shared<WindowCounter>(name);
    case CounterType::MaxWindow:
        return window ? std::make_shared<MaxWindowCounter>(name, w)
                      : std::make_shared<MaxWindowCounter>(name);
    case CounterType::MinWindow:
        return window ? std::make_shared<MinWindowCounter>(name, w)
                      : std::make_shared<MinWindowCounter>(name);
    case CounterType::PercentileWindow: // buckets of window / 6: its own test
    case CounterType::Event:
    case CounterType::Total:
    case CounterType::Gauge:
    case CounterType::Unknown:
        break;
    }
    return nullptr;
}

void addTypeRows()
{
    QTest::addColumn<CounterType>("type");
    for (CounterType type : kWindowedTypes)
        QTest::newRow(qPrintable(counterTypeName(type))) << type;
}

} // namespace

class WindowedCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldDefaultToAWindowOf300Seconds_data();
    void shouldDefaultToAWindowOf300Seconds();
    void shouldClampOrReplaceAnUnusableWindow_data();
    void shouldClampOrReplaceAnUnusableWindow();
    void shouldRoundTheBucketWidthUp_data();
    void shouldRoundTheBucketWidthUp();
    void shouldKeepValuesForTheWindow_data();
    void shouldKeepValuesForTheWindow();
    void shouldDropOldValuesWhileRecordingContinues();
    void shouldUseTheClockItIsGiven();
    void shouldRecordIntoTheNewestBucketWhenTheClockGoesBack();
    void shouldCountValuesOfManyThreadsExactly_data();
    void shouldCountValuesOfManyThreadsExactly();
    void shouldKeepTheValuesOfThreadsThatExited();
    void shouldReuseTheMemoryOfThreadsThatExited();
    void shouldHoldMemoryForLiveThreadsOnly();
    void shouldForgetTheValuesOfAllThreadsOnClear();
    void shouldStayWithinTheMemoryBudget_data();
    void shouldStayWithinTheMemoryBudget();
};

void WindowedCounterTest::shouldDefaultToAWindowOf300Seconds_data()
{
    addTypeRows();
}

void WindowedCounterTest::shouldDefaultToAWindowOf300Seconds()
{
    QFETCH(CounterType, type);

    const auto counter = makeCounter(type);
    QCOMPARE(counter->type(), type);
    QCOMPARE(counter->window(), Seconds(300));
    QCOMPARE(kDefaultWindow, Seconds(300));
    QCOMPARE(toNanoseconds(counter->bucketWidth()), qint64(10'000'000'000));
    QCOMPARE(counter->row().window, 300.0);
}

void WindowedCounterTest::shouldClampOrReplaceAnUnusableWindow_data()
{
    QTest::addColumn<double>("asked");
    QTest::addColumn<double>("used");
    QTest::addColumn<bool>("warns");
    const double max = WindowedCounter::kMaxWindow.count();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("1 ns, the shortest") << 1e-9 << 1e-9 << false;
    QTest::newRow("100 years, the longest") << max << max << false;
    QTest::newRow("a day") << 86400.0 << 86400.0 << false;
    QTest::newRow("1e10 s (overflowed to 1 ns before)") << 1e10 << max << true;
    QTest::newRow("infinity") << inf << max << true;
    QTest::newRow("0.1 ns") << 1e-10 << 1e-9 << true;
    QTest::newRow("zero") << 0.0 << 300.0 << true;
    QTest::newRow("negative") << -5.0 << 300.0 << true;
    QTest::newRow("minus infinity") << -inf << 300.0 << true;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << 300.0 << true;
}

void WindowedCounterTest::shouldClampOrReplaceAnUnusableWindow()
{
    QFETCH(double, asked);
    QFETCH(double, used);
    QFETCH(bool, warns);
    for (CounterType type : kWindowedTypes) {
        if (warns) {
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral("counter .*: a window of .* is "
                                                                   "not usable")));
        }
        const auto counter = makeCounter(type, Seconds(asked));
        QCOMPARE(counter->window().count(), used);
        QCOMPARE(counter->row().window, used);
        // It counts: a value now is in the window now.
        ManualClock clock(Seconds(1000));
        counter->setClock(&clock);
        counter->reportValue(4);
        QVERIFY2(counter->row().value.has_value(), qPrintable(QString::number(used)));
    }
}

void WindowedCounterTest::shouldRoundTheBucketWidthUp_data()
{
    QTest::addColumn<qint64>("windowNs");
    QTest::addColumn<qint64>("bucketNs"); // ceil(window / 30), by hand

    QTest::newRow("0.03 s divides evenly") << qint64(30'000'000) << qint64(1'000'000);
    QTest::newRow("0.05 s") << qint64(50'000'000) << qint64(1'666'667);
    QTest::newRow("0.5 s") << qint64(500'000'000) << qint64(16'666'667);
    QTest::newRow("1 s") << qint64(1'000'000'000) << qint64(33'333'334);
    QTest::newRow("7 s") << qint64(7'000'000'000) << qint64(233'333'334);
    QTest::newRow("300 s") << qint64(300'000'000'000) << qint64(10'000'000'000);
    QTest::newRow("900 s") << qint64(900'000'000'000) << qint64(30'000'000'000);
    QTest::newRow("1 hour") << qint64(3'600'000'000'000) << qint64(120'000'000'000);
    QTest::newRow("31 ns") << qint64(31) << qint64(2);
    QTest::newRow("30 ns") << qint64(30) << qint64(1);
    QTest::newRow("1 ns") << qint64(1) << qint64(1);
}

void WindowedCounterTest::shouldRoundTheBucketWidthUp()
{
    QFETCH(qint64, windowNs);
    QFETCH(qint64, bucketNs);

    for (CounterType type : kWindowedTypes) {
        const auto counter = makeCounter(type, nanoseconds(windowNs));
        QCOMPARE(toNanoseconds(counter->window()), windowNs);
        QCOMPARE(toNanoseconds(counter->bucketWidth()), bucketNs);
    }
}

void WindowedCounterTest::shouldKeepValuesForTheWindow_data()
{
    addWindowEdgeData();
}

void WindowedCounterTest::shouldKeepValuesForTheWindow()
{
    QFETCH(qint64, windowNs);
    QFETCH(qint64, bucketNs);
    QFETCH(qint64, recordAtNs);
    QFETCH(qint64, readAtNs);
    QFETCH(bool, kept);

    // Every windowed counter, fed one value event (all six take value events).
    for (CounterType type : kWindowedTypes) {
        ManualClock clock(nanoseconds(recordAtNs - windowNs));
        const auto counter = makeCounter(type, nanoseconds(windowNs));
        counter->setClock(&clock);
        QCOMPARE(toNanoseconds(counter->bucketWidth()), bucketNs);

        clock.setTime(nanoseconds(recordAtNs));
        counter->reportValue(3);
        clock.setTime(nanoseconds(readAtNs));
        QCOMPARE(counter->count(), quint64(kept ? 1 : 0));
    }
}

void WindowedCounterTest::shouldDropOldValuesWhileRecordingContinues()
{
    // Window 1 s (bucket 33,333,334 ns); one value every 10 ms for 5 s. After each value,
    // those at most 1 s old (101 once a second has passed) must be in, and those more than
    // 1.033333334 s old out: at most 104 in.
    ManualClock clock(Seconds(1000.123));
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"), Seconds(1));
    counter->setClock(&clock);

    for (qint64 k = 0; k <= 500; ++k) {
        if (k > 0)
            clock.advance(Seconds(0.01));
        counter->reportValue(1);
        const quint64 count = counter->count();
        const quint64 low = quint64(std::min<qint64>(k, 100) + 1);
        const quint64 high = quint64(std::min<qint64>(k, 103) + 1);
        if (count < low || count > high) {
            QFAIL(qPrintable(
                QStringLiteral("after value %1: %2 values in the window, expected %3 to %4")
                    .arg(k)
                    .arg(count)
                    .arg(low)
                    .arg(high)));
        }
    }
}

void WindowedCounterTest::shouldUseTheClockItIsGiven()
{
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"), Seconds(10));
    QCOMPARE(counter->clock(), Clock::system());

    ManualClock first(Seconds(1000));
    ManualClock second(Seconds(5000));
    counter->setClock(&first);
    QCOMPARE(counter->clock(), &first);
    counter->setClock(&second);
    QCOMPARE(counter->clock(), &second);

    counter->reportValue(4);
    first.advance(Seconds(100)); // not the counter's clock: nothing leaves
    COMPARE_VALUE(counter->value(), Value(4.0));
    second.advance(Seconds(10)); // exactly a window on the counter's clock: still in
    COMPARE_VALUE(counter->value(), Value(4.0));
    second.advance(Seconds(0.333333335)); // window + bucket + 1 ns: gone
    COMPARE_VALUE(counter->value(), Value());
}

// ManualClock's contract: time set backwards makes counters record into their newest bucket,
// so such a value lives as long as that bucket.
void WindowedCounterTest::shouldRecordIntoTheNewestBucketWhenTheClockGoesBack()
{
    ManualClock clock(Seconds(1000));
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c")); // 300 s, bucket 10 s
    counter->setClock(&clock);

    counter->reportValue(1);
    clock.setTime(Seconds(990));
    counter->reportValue(2);
    COMPARE_VALUE(counter->value(), Value(3.0));
    QCOMPARE(counter->count(), quint64(2));

    clock.setTime(Seconds(1300)); // the bucket of t = 1000 s is exactly a window old
    COMPARE_VALUE(counter->value(), Value(3.0));
    clock.setTime(Seconds(1311));
    COMPARE_VALUE(counter->value(), Value(0.0));
    QCOMPARE(counter->count(), quint64(0));
}

void WindowedCounterTest::shouldCountValuesOfManyThreadsExactly_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("perThread");
    // Each thread reports 0.5, 1.0, ..., perThread / 2: threads * perThread * (perThread + 1) / 4.
    QTest::addColumn<double>("sum");

    QTest::newRow("1 thread x 1000") << 1 << 1000 << 250250.0;
    QTest::newRow("2 threads x 100000") << 2 << 100000 << 5000050000.0;
    QTest::newRow("4 threads x 10000") << 4 << 10000 << 100010000.0;
    QTest::newRow("8 threads x 5000") << 8 << 5000 << 50010000.0;
    QTest::newRow("16 threads x 1000") << 16 << 1000 << 4004000.0;
}

void WindowedCounterTest::shouldCountValuesOfManyThreadsExactly()
{
    QFETCH(int, threads);
    QFETCH(int, perThread);
    QFETCH(double, sum);

    ManualClock clock;
    auto window = std::make_shared<WindowCounter>(QStringLiteral("sum"));
    auto average = std::make_shared<AverageWindowCounter>(QStringLiteral("mean"));
    window->setClock(&clock);
    average->setClock(&clock);

    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, perThread] {
            for (int i = 1; i <= perThread; ++i) {
                window->reportValue(0.5 * i);
                average->reportValue(0.5 * i);
            }
        });
    }
    for (std::thread &t : pool)
        t.join();

    const quint64 n = quint64(threads) * quint64(perThread);
    QCOMPARE(window->count(), n);
    // Every partial sum is a multiple of 0.5 below 2^53: exact in any order.
    QCOMPARE(window->value().value_or(-1), sum);
    const CounterRow row = average->row();
    QCOMPARE(row.count, n);
    COMPARE_VALUE(row.value, Value(sum / double(n)));
    QCOMPARE(row.subValues.value(QStringLiteral("min"), -1), 0.5);
    QCOMPARE(row.subValues.value(QStringLiteral("max"), -1), 0.5 * perThread);
}

void WindowedCounterTest::shouldKeepTheValuesOfThreadsThatExited()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"), Seconds(60));
    counter->setClock(&clock);

    Worker worker;
    worker.run([&] {
        for (int i = 0; i < 100; ++i)
            counter->reportValue(2);
    });
    COMPARE_VALUE(counter->value(), Value(200.0));

    // Given the thread has exited, its values stay...
    worker.stop();
    COMPARE_VALUE(counter->value(), Value(200.0));
    QCOMPARE(counter->count(), quint64(100));

    // ...and leave with the window like any others (60 s window, bucket 2 s).
    clock.advance(Seconds(60));
    COMPARE_VALUE(counter->value(), Value(200.0));
    clock.advance(Seconds(2.5));
    COMPARE_VALUE(counter->value(), Value(0.0));
}

void WindowedCounterTest::shouldReuseTheMemoryOfThreadsThatExited()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);

    const auto feed = [&] {
        std::thread t([&] {
            for (int i = 0; i < 10; ++i)
                counter->reportValue(1);
        });
        t.join();
    };
    feed();
    const std::size_t afterOne = counter->memoryUsage();

    // Twenty more threads, one after the other: each takes over an exited thread's memory.
    for (int i = 0; i < 20; ++i) {
        feed();
        QCOMPARE(counter->memoryUsage(), afterOne);
    }
    QCOMPARE(counter->count(), quint64(210));
    COMPARE_VALUE(counter->value(), Value(210.0));
}

void WindowedCounterTest::shouldHoldMemoryForLiveThreadsOnly()
{
    ManualClock clock;
    auto counter = std::make_shared<WindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    const auto record = [&] { counter->reportValue(1); };

    std::size_t withOne = 0;
    {
        Worker one;
        one.run(record);
        withOne = counter->memoryUsage();
    }
    std::size_t withThree = 0;
    {
        // Three live threads need three shards' worth of memory...
        Worker a, b, c;
        a.run(record);
        b.run(record);
        c.run(record);
        withThree = counter->memoryUsage();
        QVERIFY2(
            withThree > withOne,
            qPrintable(
                QStringLiteral("%1 bytes with 3 threads, %2 with 1").arg(withThree).arg(withOne)));
    }
    {
        // ...and three new ones after those exited need no more.
        Worker a, b, c;
        a.run(record);
        b.run(record);
        c.run(record);
        QCOMPARE(counter->memoryUsage(), withThree);
    }
    QCOMPARE(counter->count(), quint64(7));
}

void WindowedCounterTest::shouldForgetTheValuesOfAllThreadsOnClear()
{
    ManualClock clock;
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("c"));
    counter->setClock(&clock);
    Worker a;
    Worker b;

    a.run([&] { counter->reportValue(10); });
    b.run([&] { counter->reportValue(20); });
    COMPARE_VALUE(counter->value(), Value(15.0));

    counter->clear();
    COMPARE_VALUE(counter->value(), Value());
    QCOMPARE(counter->count(), quint64(0));

    b.run([&] { counter->reportValue(4); });
    COMPARE_VALUE(counter->value(), Value(4.0));
    QCOMPARE(counter->count(), quint64(1));
    a.run([&] { counter->reportValue(6); });
    COMPARE_VALUE(counter->value(), Value(5.0));
    QCOMPARE(counter->count(), quint64(2));
}

void WindowedCounterTest::shouldStayWithinTheMemoryBudget_data()
{
    addTypeRows();
}

// The stated bound (windowedcounter.h): one window counter holds ≤ 8 KiB at any event rate.
void WindowedCounterTest::shouldStayWithinTheMemoryBudget()
{
    QFETCH(CounterType, type);

    ManualClock clock;
    const auto counter = makeCounter(type, Seconds(1));
    counter->setClock(&clock);

    // 10,000,000 events from one thread, one every microsecond: ten windows of 1 s.
    const auto feed = [&](int events) {
        for (int i = 0; i < events; i += 2) {
            if (type == CounterType::AverageTime) {
                counter->reportStart();
                clock.advance(Seconds(1e-6));
                counter->reportEnd();
            } else {
                counter->reportValue(i);
                clock.advance(Seconds(1e-6));
                counter->reportValue(-i);
            }
            clock.advance(Seconds(1e-6));
        }
    };
    feed(2);
    const std::size_t afterFirst = counter->memoryUsage();
    feed(10'000'000 - 2);

    const std::size_t memory = counter->memoryUsage();
    QVERIFY2(memory <= 8 * 1024, qPrintable(QStringLiteral("%1 bytes").arg(memory)));
    QCOMPARE(memory, afterFirst);
    // What the window holds is the last second: 1,000,000 value events (500,000 blocks for
    // AverageTime, which records one duration per start/end pair), plus at most a bucket.
    const quint64 perSecond = type == CounterType::AverageTime ? 500'000 : 1'000'000;
    const quint64 count = counter->count();
    QVERIFY2(count >= perSecond && count <= perSecond + perSecond / 30 + 1,
             qPrintable(QString::number(count)));
}

QTEST_GUILESS_MAIN(WindowedCounterTest)
#include "tst_windowedcounter.moc"
