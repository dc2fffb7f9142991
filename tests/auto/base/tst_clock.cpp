// SPDX-License-Identifier: MIT
#include "threadnames.h"

#include <counters/base/clock.h>
#include <counters/base/platform_p.h>
#include <counters/counter/averagewindowcounter.h>

#include <QDateTime>
#include <QTest>

#include <thread>
#include <vector>

using namespace counters;
using namespace std::chrono_literals;

class ClockTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manualClockShouldStartAtTheGivenTime();
    void manualClockShouldStandStillUntilMoved();
    void advanceShouldAddUp_data();
    void advanceShouldAddUp();
    void setTimeShouldJumpEvenBackwards();
    void wallTimeShouldFollowManualTime();
    void concurrentAdvancesShouldAllCount();
    void toNanosecondsShouldRoundToNearest_data();
    void toNanosecondsShouldRoundToNearest();

    void systemClockShouldBeOneInstance();
    void stopwatchNameShouldSayWhatTimesBlocks();
    void systemClockShouldBeMonotonic();
    void systemCoarseTimeShouldNotRunAheadOfPreciseTime();
    void systemRefreshShouldBringCoarseTimeUpToDate();
    void systemCoarseTimeShouldTickWhileAResolutionIsRequested();
    void systemWallTimeShouldBeTheEpochTime();
};

void ClockTest::manualClockShouldStartAtTheGivenTime()
{
    const ManualClock byDefault;
    QCOMPARE(byDefault.time().count(), 1000.0);
    QCOMPARE(byDefault.preciseNanoseconds(), Q_INT64_C(1000000000000));
    QCOMPARE(byDefault.coarseNanoseconds(), Q_INT64_C(1000000000000));
    QCOMPARE(byDefault.wallSeconds(), 1.7e9 + 1000.0);

    const ManualClock custom(Seconds(5), 100.0);
    QCOMPARE(custom.time().count(), 5.0);
    QCOMPARE(custom.preciseNanoseconds(), Q_INT64_C(5000000000));
    QCOMPARE(custom.coarseNanoseconds(), Q_INT64_C(5000000000));
    QCOMPARE(custom.wallSeconds(), 105.0);
}

void ClockTest::manualClockShouldStandStillUntilMoved()
{
    ManualClock clock;
    const qint64 before = clock.preciseNanoseconds();
    clock.refresh();
    QCOMPARE(clock.preciseNanoseconds(), before);
    QCOMPARE(clock.coarseNanoseconds(), before);
}

void ClockTest::advanceShouldAddUp_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<QList<double>>("steps");
    QTest::addColumn<qint64>("expectedNs");

    QTest::newRow("no step") << 1000.0 << QList<double>{} << Q_INT64_C(1000000000000);
    QTest::newRow("0.7 s") << 1000.0 << QList<double>{0.7} << Q_INT64_C(1000700000000);
    QTest::newRow("0.7 s twice") << 1000.0 << QList<double>{0.7, 0.7} << Q_INT64_C(1001400000000);
    QTest::newRow("1 ns") << 0.0 << QList<double>{1e-9} << Q_INT64_C(1);
    QTest::newRow("ten times 0.1 s")
        << 0.0 << QList<double>{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}
        << Q_INT64_C(1000000000);
    QTest::newRow("back and forth") << 10.0 << QList<double>{2.5, -1.5} << Q_INT64_C(11000000000);
    QTest::newRow("zero") << 10.0 << QList<double>{0.0} << Q_INT64_C(10000000000);
}

void ClockTest::advanceShouldAddUp()
{
    QFETCH(double, start);
    QFETCH(QList<double>, steps);
    QFETCH(qint64, expectedNs);

    ManualClock clock{Seconds(start)};
    for (double step : steps)
        clock.advance(Seconds(step));

    QCOMPARE(clock.preciseNanoseconds(), expectedNs);
    QCOMPARE(clock.coarseNanoseconds(), expectedNs);
    QCOMPARE(clock.time().count(), expectedNs / 1e9);
}

void ClockTest::setTimeShouldJumpEvenBackwards()
{
    ManualClock clock;
    clock.setTime(Seconds(2000));
    QCOMPARE(clock.preciseNanoseconds(), Q_INT64_C(2000000000000));
    clock.setTime(Seconds(5));
    QCOMPARE(clock.preciseNanoseconds(), Q_INT64_C(5000000000));
    QCOMPARE(clock.coarseNanoseconds(), Q_INT64_C(5000000000));
    QCOMPARE(clock.time().count(), 5.0);
    clock.advance(500ms);
    QCOMPARE(clock.preciseNanoseconds(), Q_INT64_C(5500000000));
}

void ClockTest::wallTimeShouldFollowManualTime()
{
    ManualClock clock(Seconds(0), 1000.0);
    QCOMPARE(clock.wallSeconds(), 1000.0);
    clock.advance(Seconds(0.25));
    QCOMPARE(clock.wallSeconds(), 1000.25);
    clock.setTime(Seconds(60));
    QCOMPARE(clock.wallSeconds(), 1060.0);
}

void ClockTest::concurrentAdvancesShouldAllCount()
{
    constexpr int kThreads = 4;
    constexpr int kSteps = 10000;
    ManualClock clock(Seconds(0));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&clock] {
            for (int i = 0; i < kSteps; ++i)
                clock.advance(std::chrono::nanoseconds(3));
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(clock.preciseNanoseconds(), qint64(kThreads) * kSteps * 3);
}

void ClockTest::toNanosecondsShouldRoundToNearest_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("zero") << 0.0 << Q_INT64_C(0);
    QTest::newRow("one second") << 1.0 << Q_INT64_C(1000000000);
    QTest::newRow("half second") << 0.5 << Q_INT64_C(500000000);
    QTest::newRow("0.7 s (not exact in binary)") << 0.7 << Q_INT64_C(700000000);
    QTest::newRow("300 s") << 300.0 << Q_INT64_C(300000000000);
    QTest::newRow("1 ns") << 1e-9 << Q_INT64_C(1);
    QTest::newRow("1.4 ns rounds down") << 1.4e-9 << Q_INT64_C(1);
    QTest::newRow("1.6 ns rounds up") << 1.6e-9 << Q_INT64_C(2);
    QTest::newRow("-0.5 s") << -0.5 << Q_INT64_C(-500000000);
    QTest::newRow("-1.6 ns rounds away from zero") << -1.6e-9 << Q_INT64_C(-2);
}

void ClockTest::toNanosecondsShouldRoundToNearest()
{
    QFETCH(double, seconds);
    QFETCH(qint64, expected);
    QCOMPARE(toNanoseconds(Seconds(seconds)), expected);
}

void ClockTest::systemClockShouldBeOneInstance()
{
    QVERIFY(Clock::system() != nullptr);
    QCOMPARE(Clock::system(), Clock::system());
    const Clock *fromOtherThread = nullptr;
    std::thread([&] { fromOtherThread = Clock::system(); }).join();
    QCOMPARE(fromOtherThread, Clock::system());
}

void ClockTest::systemClockShouldBeMonotonic()
{
    const Clock *clock = Clock::system();
    qint64 lastPrecise = clock->preciseNanoseconds();
    qint64 lastCoarse = clock->coarseNanoseconds();
    for (int i = 0; i < 100000; ++i) {
        const qint64 precise = clock->preciseNanoseconds();
        const qint64 coarse = clock->coarseNanoseconds();
        if (precise < lastPrecise || coarse < lastCoarse)
            QFAIL(qPrintable(
                QStringLiteral("time went back at read %1: precise %2 -> %3, coarse %4 -> %5")
                    .arg(i)
                    .arg(lastPrecise)
                    .arg(precise)
                    .arg(lastCoarse)
                    .arg(coarse)));
        lastPrecise = precise;
        lastCoarse = coarse;
    }
}

void ClockTest::systemCoarseTimeShouldNotRunAheadOfPreciseTime()
{
    const Clock *clock = Clock::system();
    for (int i = 0; i < 10000; ++i) {
        const qint64 coarse = clock->coarseNanoseconds();
        const qint64 precise = clock->preciseNanoseconds();
        if (coarse > precise)
            QFAIL(qPrintable(QStringLiteral("coarse %1 > precise %2").arg(coarse).arg(precise)));
    }
}

void ClockTest::systemRefreshShouldBringCoarseTimeUpToDate()
{
    const Clock *clock = Clock::system();
    const qint64 before = clock->preciseNanoseconds();
    clock->refresh();
    const qint64 coarse = clock->coarseNanoseconds();
    const qint64 after = clock->preciseNanoseconds();
    QVERIFY2(coarse >= before, "refresh() left the coarse time behind");
    QVERIFY(coarse <= after);
}

void ClockTest::systemCoarseTimeShouldTickWhileAResolutionIsRequested()
{
    // The background ticker keeps the coarse cell moving without any refresh() call while a
    // window counter on the system clock exists (it asks for its bucket width).
    const Clock *clock = Clock::system();
    const AverageWindowCounter counter(QStringLiteral("ticking"), Seconds(0.24)); // 8 ms buckets
    const qint64 target = clock->preciseNanoseconds() + 20'000'000;
    QTRY_VERIFY_WITH_TIMEOUT(clock->coarseNanoseconds() >= target, 5000);
    // It shows as ours in top -H, debuggers and profilers.
    if (!detail::platform::usesPortableFallbacks())
        QVERIFY2(testsupport::threadNames().contains(QStringLiteral("counters-ticker")),
                 qPrintable(testsupport::threadNames().join(u' ')));
}

void ClockTest::systemWallTimeShouldBeTheEpochTime()
{
    const double wall = Clock::system()->wallSeconds();
    const double reference = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    QVERIFY2(
        qAbs(wall - reference) < 1.0,
        qPrintable(QStringLiteral("wall %1 vs %2").arg(wall, 0, 'f', 3).arg(reference, 0, 'f', 3)));
    QVERIFY(wall > 1.6e9); // after 2020: epoch seconds, not a monotonic count
}

QTEST_GUILESS_MAIN(ClockTest)
void ClockTest::stopwatchNameShouldSayWhatTimesBlocks()
{
    const QString name = Clock::stopwatchName();
    QCOMPARE(name == QLatin1String("tsc"), detail::platform::cycleCounterUsable());
    if (name != QLatin1String("tsc")) {
        QVERIFY2(name.startsWith(QLatin1String("CLOCK_MONOTONIC"))
                     || name == QLatin1String("std::chrono::steady_clock"),
                 qPrintable(name));
    }
    QCOMPARE(Clock::stopwatchName(), name); // decided once
}

#include "tst_clock.moc"
