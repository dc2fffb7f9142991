// SPDX-License-Identifier: MIT
// Where a following chart's time axis goes (the window's newest data, and no more), what one
// report looks like, and round ticks labelled in the locale's formats.

#include "views/timeaxispolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

#include <ctime>

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
        QTest::newRow("below a tenth of a second") << 10.0 << 100.0;
        QTest::newRow("below a second") << 300.0 << 500.0;
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

    void shouldSpanTheWindowsNewestData()
    {
        const double noon = localNoon();
        // Two hours of data, a 15-minute window: from 11:45 to noon, a margin around.
        const auto span = TimeAxisPolicy::followed(noon - 7200e3, noon, 900e3);
        const double margin = 900e3 * TimeAxisPolicy::MarginShare;
        QCOMPARE(span.from, noon - 900e3 - margin);
        QCOMPARE(span.to, noon + margin);
    }

    void shouldShowEverythingWithoutAWindowAndNoMore()
    {
        const double noon = localNoon();
        // 10:14 to 13:14 is shown as such, not as 10:00 to 14:00.
        const double first = noon - 6360e3;
        const double last = noon + 4440e3;
        const auto span = TimeAxisPolicy::followed(first, last, 0);
        const double margin = (last - first) * TimeAxisPolicy::MarginShare;
        QCOMPARE(span.from, first - margin);
        QCOMPARE(span.to, last + margin);
        // Less data than the window: it starts at the first point, not before.
        const auto fresh = TimeAxisPolicy::followed(noon - 10e3, noon, 300e3);
        QVERIFY(fresh.from >= noon - 10e3 - 1e3 && fresh.to <= noon + 1e3);
    }

    void shouldCenterOneReportInAMinute()
    {
        const double noon = localNoon();
        const auto span = TimeAxisPolicy::followed(noon, noon, 300e3);
        QCOMPARE(span.from, noon - 30e3);
        QCOMPARE(span.to, noon + 30e3);
    }

    // Ticks on round local times inside any range, a zoomed one too.
    void shouldTickOnRoundTimes_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<double>("step");
        const double noon = localNoon();
        QTest::newRow("a zoom of 13:16:46 to 13:17:01")
            << noon + 4606e3 << noon + 4621e3 << 6 << 5e3;
        QTest::newRow("three hours") << noon - 6360e3 << noon + 4440e3 << 8 << 1800e3;
        QTest::newRow("three days") << noon - 3 * 86400e3 << noon << 6 << 86400e3;
        QTest::newRow("few ticks fit") << noon << noon + 3600e3 << 2 << 3600e3;
    }
    void shouldTickOnRoundTimes()
    {
        QFETCH(double, from);
        QFETCH(double, to);
        QFETCH(int, maxTicks);
        QFETCH(double, step);
        double used = 0;
        const QList<double> ticks = TimeAxisPolicy::ticks(from, to, maxTicks, &used);
        QCOMPARE(used, step);
        QVERIFY(!ticks.isEmpty() && ticks.size() <= maxTicks);
        for (const double tick : ticks) {
            QVERIFY(tick >= from && tick <= to);
            // Round in local time: a whole multiple of the step since local midnight.
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(qint64(tick));
            const double sinceMidnight = local.time().msecsSinceStartOfDay();
            QCOMPARE(std::fmod(sinceMidnight, std::min(step, 86400e3)), 0.0);
        }
    }

    // Across the end of summer time, day ticks stay at local midnight and name their day.
    void shouldTickOnLocalMidnightAcrossAClockChange()
    {
        const QByteArray zone = qgetenv("TZ");
        qputenv("TZ", "Europe/Berlin");
        tzset();
        const double from =
            double(QDateTime(QDate(2024, 10, 24), QTime(12, 0)).toMSecsSinceEpoch());
        const double to = double(QDateTime(QDate(2024, 10, 31), QTime(12, 0)).toMSecsSinceEpoch());
        double step = 0;
        const QList<double> ticks = TimeAxisPolicy::ticks(from, to, 8, &step);
        QCOMPARE(step, 86400e3);
        QCOMPARE(ticks.size(), 7);
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(qint64(ticks.at(i)));
            QCOMPARE(local.time(), QTime(0, 0));
            QCOMPARE(local.date(), QDate(2024, 10, 25).addDays(i));
        }
        if (zone.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", zone);
        tzset();
    }

    // Zoomed to less than a second: ticks every 100 ms, with milliseconds.
    void shouldTickBelowASecond()
    {
        const double noon = localNoon();
        double step = 0;
        const QList<double> ticks = TimeAxisPolicy::ticks(noon + 10, noon + 600, 6, &step);
        QCOMPARE(step, 100.0);
        QCOMPARE(ticks.size(), 6); // 100 … 600 ms
        QCOMPARE(TimeAxisPolicy::tickLabel(ticks.at(0), step, 590, QLocale(QLocale::German)),
                 QStringLiteral("12:00:00.100"));
    }

    void shouldLabelTicksInTheLocalesFormats()
    {
        const double noon = localNoon();
        const QLocale german(QLocale::German, QLocale::Germany);
        const QLocale american(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(TimeAxisPolicy::tickLabel(noon + 30e3, 10e3, 300e3, german),
                 QStringLiteral("12:00:30"));
        QCOMPARE(TimeAxisPolicy::tickLabel(noon + 1800e3, 600e3, 7200e3, german),
                 QStringLiteral("12:30"));
        QVERIFY(TimeAxisPolicy::tickLabel(noon + 1800e3, 600e3, 7200e3, american)
                    .startsWith(QLatin1String("12:30")));
        QVERIFY(TimeAxisPolicy::tickLabel(noon + 1800e3, 600e3, 7200e3, american)
                    .contains(QLatin1String("PM")));
        // Days: the date, without its year.
        const double midnight = noon - 43200e3;
        QCOMPARE(TimeAxisPolicy::tickLabel(midnight, 86400e3, 3 * 86400e3, german),
                 QStringLiteral("05.12."));
        QCOMPARE(TimeAxisPolicy::tickLabel(midnight, 86400e3, 3 * 86400e3, american),
                 QStringLiteral("12/5"));
        // Hours over days: midnight names its day, other ticks their time.
        QCOMPARE(TimeAxisPolicy::tickLabel(midnight, 21600e3, 3 * 86400e3, german),
                 QStringLiteral("05.12."));
        QCOMPARE(TimeAxisPolicy::tickLabel(noon, 21600e3, 3 * 86400e3, german),
                 QStringLiteral("12:00"));
        // Years leave no stray separators.
        QCOMPARE(TimeAxisPolicy::tickLabel(midnight, 86400e3, 3 * 86400e3,
                                           QLocale(QLocale::French, QLocale::France)),
                 QStringLiteral("05/12"));
        QCOMPARE(TimeAxisPolicy::tickLabel(midnight, 86400e3, 3 * 86400e3,
                                           QLocale(QLocale::Croatian, QLocale::Croatia))
                     .count(QLatin1Char('.')),
                 2);
    }
};

QTEST_GUILESS_MAIN(TimeAxisPolicyTest)
#include "tst_timeaxispolicy.moc"
