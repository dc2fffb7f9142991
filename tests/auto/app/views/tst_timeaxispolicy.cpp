// SPDX-License-Identifier: MIT
// Where a following chart's time axis goes: the window's newest data, round ticks, room for
// what comes, and what one report or a fresh connection look like.

#include "views/timeaxispolicy.h"

#include <QDateTime>
#include <QTest>

using dashboard::TimeAxisPolicy;

namespace {

// Noon of a day in epoch milliseconds, local time, so that snapping to round local times is
// visible in the expectations.
double localNoon()
{
    return double(QDateTime(QDate(2026, 12, 5), QTime(12, 0)).toMSecsSinceEpoch());
}

} // namespace

class TimeAxisPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldPickRoundTimeSteps_data()
    {
        QTest::addColumn<double>("raw");
        QTest::addColumn<double>("step");
        QTest::newRow("below a second") << 10.0 << 1e3;
        QTest::newRow("exactly 10 s") << 10e3 << 10e3;
        QTest::newRow("just above 10 s") << 10001.0 << 15e3;
        QTest::newRow("40 min") << 2400e3 << 3600e3;
        QTest::newRow("5 h") << 18000e3 << 21600e3;
        QTest::newRow("3 days") << 259200e3 << 604800e3;
        QTest::newRow("whole weeks beyond") << 1000000e3 << 2 * 604800e3;
    }
    void shouldPickRoundTimeSteps()
    {
        QFETCH(double, raw);
        QFETCH(double, step);
        QCOMPARE(TimeAxisPolicy::niceStep(raw), step);
    }

    void shouldShowTheWindowsNewestDataOnRoundTicks()
    {
        const double noon = localNoon();
        // Two hours of data, a 15-minute window.
        const auto span = TimeAxisPolicy::followed(noon - 7200e3, noon, 900e3);
        QVERIFY(span.from <= noon - 900e3);
        QVERIFY(span.from > noon - 900e3 - span.step); // one tick of room at most
        QVERIFY(span.to >= noon);
        QCOMPARE(std::fmod(noon - span.from, span.step), 0.0); // ticks on round local times
        QVERIFY((span.to - span.from) / span.step <= 8);
    }

    void shouldShowEverythingWithoutAWindow()
    {
        const double noon = localNoon();
        const auto span = TimeAxisPolicy::followed(noon - 3 * 86400e3, noon, 0);
        QVERIFY(span.from <= noon - 3 * 86400e3);
        QVERIFY(span.to >= noon);
        QCOMPARE(span.step, 86400e3);
    }

    void shouldCenterOneReportInAMinute()
    {
        const double noon = localNoon();
        const auto span = TimeAxisPolicy::followed(noon, noon, 300e3);
        QCOMPARE(span.from, noon - 30e3);
        QCOMPARE(span.to, noon + 30e3);
    }

    void shouldStartAFreshConnectionAtTheRight()
    {
        const double noon = localNoon();
        // Ten seconds of data: following a window, the newest at the right of a minute;
        const auto following = TimeAxisPolicy::followed(noon - 10e3, noon, 300e3);
        QVERIFY(following.from <= noon - 60e3);
        QVERIFY(following.to >= noon && following.to <= noon + following.step + 1e3);
        // showing everything, from the first point on.
        const auto everything = TimeAxisPolicy::followed(noon - 10e3, noon, 0);
        QVERIFY(everything.from <= noon - 10e3);
        QVERIFY(everything.to >= noon - 10e3 + 60e3);
    }
};

QTEST_GUILESS_MAIN(TimeAxisPolicyTest)
#include "tst_timeaxispolicy.moc"
