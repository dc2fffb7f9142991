// SPDX-License-Identifier: MIT
#include "recordingreporter.h"
#include "threadnames.h"

#include <counters/base/clock.h>
#include <counters/base/platform_p.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/event.h>
#include <counters/report/reporting.h>
#include <counters/report/reportingcontroller.h>

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace counters;
using namespace std::chrono_literals;

namespace {

std::optional<double> lastValue(const RecordingReporter &reporter, const QString &name)
{
    return reporter.last().value(name);
}

/// Sleeps while the event loop keeps running (for "nothing happens" checks).
void settle(int ms)
{
    QTest::qWait(ms);
}

} // namespace

class ReportingControllerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A test drives auto reporting with a ManualClock: a report falls due when the clock passes
    // its slot, carries the clock's time, and missed slots are skipped, never burst.
    void autoReportingShouldRunOnTheRegistrysManualClock()
    {
        ManualClock clock(Seconds(100), 1.7e9);
        Registry registry(&clock);
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        const double start = clock.wallSeconds();

        QVERIFY(controller.startAutoReporting(5s));
        QTRY_COMPARE(reporter->writes(), 1); // the first one at once
        QCOMPARE(reporter->last().time(), start);
        clock.advance(4s);
        settle(20); // the worker looks every millisecond
        QCOMPARE(reporter->writes(), 1);
        clock.advance(1s);
        QTRY_COMPARE(reporter->writes(), 2);
        QCOMPARE(reporter->last().time(), start + 5); // not reported at 4 s
        clock.advance(12s);                           // slots 10 and 15 passed: one report, at 17 s
        QTRY_COMPARE(reporter->writes(), 3);
        QCOMPARE(reporter->last().time(), start + 17);
        clock.advance(3s); // the next slot is 20 s
        QTRY_COMPARE(reporter->writes(), 4);
        QCOMPARE(reporter->last().time(), start + 20);
        controller.stopAutoReporting();
        QCOMPARE(reporter->writes(), 4);
    }

    // A test gives the running controller's registry its clock and takes it back: each change
    // starts a new schedule with a report at once, rather than waiting for a slot of the other
    // clock's time.
    void autoReportingShouldStartAgainWhenTheRegistrysClockChanges()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(3600s));
        QTRY_COMPARE(reporter->writes(), 1);

        ManualClock clock(Seconds(10), 1.7e9);
        QVERIFY(registry.setClock(&clock));
        QTRY_COMPARE(reporter->writes(), 2);
        QCOMPARE(reporter->last().time(), 1.7e9 + 10);
        clock.advance(3600s);
        QTRY_COMPARE(reporter->writes(), 3);
        clock.setTime(Seconds(5)); // back in time: a new schedule
        QTRY_COMPARE(reporter->writes(), 4);
        QCOMPARE(reporter->last().time(), 1.7e9 + 5);

        QVERIFY(registry.setClock(Clock::system()));
        QTRY_COMPARE(reporter->writes(), 5);
        controller.stopAutoReporting();
    }

    void registerReporterShouldRejectNullAndDuplicates()
    {
        Registry registry;
        ReportingController controller(registry);
        QVERIFY(!controller.registerReporter(nullptr));
        QVERIFY2(controller.errorString().contains(QLatin1String("null")),
                 qPrintable(controller.errorString()));
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(!controller.registerReporter(reporter));
        QVERIFY2(controller.errorString().contains(QLatin1String("already registered")),
                 qPrintable(controller.errorString()));
        QCOMPARE(controller.reporters().size(), 1);
    }

    void unregisterReporterShouldRejectNullAndUnknown()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(!controller.unregisterReporter(nullptr));
        QVERIFY(controller.errorString().contains(QLatin1String("null")));
        QVERIFY(!controller.unregisterReporter(reporter));
        QVERIFY2(controller.errorString().contains(QLatin1String("not registered")),
                 qPrintable(controller.errorString()));
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.unregisterReporter(reporter));
        QVERIFY(controller.reporters().isEmpty());
        QVERIFY(controller.outputReport());
        QCOMPARE(reporter->writes(), 0);
    }

    void outputReportShouldReportNowInTheCallingThread()
    {
        ManualClock clock;
        Registry registry(&clock);
        auto total = std::make_shared<TotalCounter>(QStringLiteral("rc_total"));
        QVERIFY(registry.registerCounter(total));
        total->reportValue(5);
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));

        QVERIFY(controller.outputReport());
        QCOMPARE(reporter->writes(), 1);
        QCOMPARE(reporter->threads().first(), std::this_thread::get_id());
        QCOMPARE(lastValue(*reporter, QStringLiteral("rc_total")), std::optional<double>(5));
        QCOMPARE(reporter->last().time(), clock.wallSeconds());
    }

    void outputReportShouldGiveEveryReporterTheSameSnapshotInRegistrationOrder()
    {
        Registry registry;
        ReportingController controller(registry);
        QList<int> order;
        QList<std::shared_ptr<RecordingReporter>> reporters;
        for (int i = 0; i < 3; ++i) {
            auto r = std::make_shared<RecordingReporter>();
            r->hook = [&order, i] { order.append(i); };
            reporters.append(r);
            QVERIFY(controller.registerReporter(r));
        }
        QVERIFY(controller.outputReport());
        QCOMPARE(order, QList<int>({0, 1, 2}));
        QCOMPARE(reporters.at(0)->last(), reporters.at(1)->last());
        QCOMPARE(reporters.at(1)->last(), reporters.at(2)->last());
    }

    void collectorReturningNulloptShouldReportNothing()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        std::atomic<int> calls{0};
        controller.setCollector([&]() -> std::optional<Snapshot> {
            ++calls;
            return std::nullopt;
        });
        QVERIFY(controller.outputReport()); // not this process's turn: not a failure
        QCOMPARE(calls.load(), 1);
        QCOMPARE(reporter->writes(), 0);
    }

    void collectorShouldBeReplaceableAndRestorable()
    {
        ManualClock clock;
        Registry registry(&clock);
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        const Snapshot custom(12.5, {}, {});
        controller.setCollector([&] { return std::optional<Snapshot>(custom); });
        QVERIFY(controller.outputReport());
        QCOMPARE(reporter->last(), custom);
        controller.setCollector({});
        QVERIFY(controller.outputReport());
        QCOMPARE(reporter->last().time(), clock.wallSeconds());
    }

    void collectorExceptionsShouldBeContained()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        controller.setCollector(
            []() -> std::optional<Snapshot> { throw std::runtime_error("collector exploded"); });
        QVERIFY(!controller.outputReport());
        QVERIFY2(controller.errorString().contains(QLatin1String("collector exploded")),
                 qPrintable(controller.errorString()));
        QCOMPARE(reporter->writes(), 0);

        // ... also on the auto-reporting thread, which keeps going.
        const MessageCapture capture;
        QVERIFY(controller.startAutoReporting(Seconds(0.01)));
        QTRY_VERIFY(!capture.texts(QStringLiteral("counters.report")).isEmpty());
        // The thread shows as ours in top -H, debuggers and profilers.
        if (!detail::platform::usesPortableFallbacks())
            QVERIFY2(testsupport::threadNames().contains(QStringLiteral("counters-report")),
                     qPrintable(testsupport::threadNames().join(u' ')));
        controller.stopAutoReporting();
        QVERIFY(capture.texts(QStringLiteral("counters.report"))
                    .first()
                    .contains(QLatin1String("collector exploded")));
    }

    void outputReportFromWithinAReportShouldFailInsteadOfDeadlocking()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        bool nested = true;
        reporter->hook = [&] { nested = controller.outputReport(); };
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.outputReport());
        QVERIFY(!nested);
    }

    void autoReportingShouldReportAtOnce()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(controller.startAutoReporting()); // default period: 300 s
        QVERIFY(controller.isAutoReporting());
        QCOMPARE(controller.autoReportingPeriod().count(), 300.0);
        QTRY_COMPARE_WITH_TIMEOUT(reporter->writes(), 1, 2000);
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(reporter->threads().first() != std::this_thread::get_id());
        settle(100);
        QCOMPARE(reporter->writes(), 1);
        controller.stopAutoReporting();
        QVERIFY(!controller.isAutoReporting());
        QCOMPARE(controller.autoReportingPeriod().count(), 0.0);
    }

    void autoReportingShouldRepeatEveryPeriodBelowOneSecond()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(controller.startAutoReporting(Seconds(0.05)));
        QTRY_VERIFY_WITH_TIMEOUT(reporter->writes() >= 6, 5000);
        const qint64 elapsed = timer.elapsed();
        controller.stopAutoReporting();
        // Six reports at 0, 50, ..., 250 ms: not sooner than the schedule allows.
        QVERIFY2(elapsed >= 240, qPrintable(QString::number(elapsed)));
        const auto times = reporter->writeTimes();
        for (qsizetype i = 1; i < times.size(); ++i)
            QVERIFY(times.at(i) - times.at(0) >= (i * 50ms) - 5ms);
    }

    void autoReportingShouldNotDrift()
    {
        // Given reports that take 40 % of the period, when auto reporting, then the reports
        // still start on the grid start + k·period (a "sleep after each report" loop would
        // start the fifth report 4 × 40 ms later).
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        reporter->delayMs = 40;
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.1)));
        QTRY_VERIFY_WITH_TIMEOUT(reporter->writes() >= 5, 5000);
        controller.stopAutoReporting();
        const auto times = reporter->writeTimes();
        const double span = Seconds(times.at(4) - times.at(0)).count();
        QVERIFY2(span >= 0.395 && span < 0.5, qPrintable(QString::number(span)));
    }

    void overrunningReportsShouldSkipSlotsNotBurst()
    {
        // Given a first report that takes four periods, when it ends, then the missed slots
        // are skipped: the following reports keep a period apart instead of catching up in a
        // burst.
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        std::atomic<int> calls{0};
        reporter->hook = [&] {
            if (calls++ == 0)
                std::this_thread::sleep_for(200ms);
        };
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.05)));
        QTRY_VERIFY_WITH_TIMEOUT(reporter->writes() >= 4, 5000);
        controller.stopAutoReporting();
        // A burst would bring the missed reports back to back, well under a millisecond
        // apart; a busy machine may wake the worker late for one slot and so shorten the next
        // gap, by less than half a period. (The slots themselves are checked on a manual clock
        // in autoReportingShouldRunOnTheRegistrysManualClock().)
        const auto times = reporter->writeTimes();
        for (qsizetype i = 2; i < times.size(); ++i) {
            const double gap = Seconds(times.at(i) - times.at(i - 1)).count();
            QVERIFY2(gap >= 0.025, qPrintable(QString::number(gap)));
        }
    }

    void callingStartAgainShouldChangeThePeriod()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(300)));
        QTRY_COMPARE(reporter->writes(), 1);
        // Without the change, the next report would be five minutes away.
        QVERIFY(controller.startAutoReporting(Seconds(0.02)));
        QCOMPARE(controller.autoReportingPeriod().count(), 0.02);
        QTRY_VERIFY_WITH_TIMEOUT(reporter->writes() >= 5, 5000);
        // And back to a long period: no more reports.
        QVERIFY(controller.startAutoReporting(Seconds(300)));
        settle(50);
        const int writes = reporter->writes();
        settle(150);
        QCOMPARE(reporter->writes(), writes);
        controller.stopAutoReporting();
    }

    void startShouldRejectPeriodsThatAreNotPositive_data()
    {
        QTest::addColumn<double>("period");
        QTest::newRow("zero") << 0.0;
        QTest::newRow("negative") << -1.0;
        QTest::newRow("NaN") << std::nan("");
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity();
    }

    void startShouldRejectPeriodsThatAreNotPositive()
    {
        QFETCH(double, period);
        Registry registry;
        ReportingController controller(registry);
        QVERIFY(!controller.startAutoReporting(Seconds(period)));
        QVERIFY(controller.errorString().contains(QLatin1String("period")));
        QVERIFY(!controller.isAutoReporting());
    }

    void stopShouldMeanNoMoreReports()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.01)));
        QTRY_VERIFY(reporter->writes() >= 3);
        controller.stopAutoReporting();
        const int writes = reporter->writes();
        settle(100);
        QCOMPARE(reporter->writes(), writes);
        // Starting again reports at once.
        QVERIFY(controller.startAutoReporting(Seconds(300)));
        QTRY_COMPARE(reporter->writes(), writes + 1);
        controller.stopAutoReporting();
    }

    void stopShouldWaitForAReportInProgress()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        std::atomic<bool> entered{false};
        reporter->hook = [&] { entered = true; };
        reporter->delayMs = 200;
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(300)));
        QTRY_VERIFY(entered.load());
        controller.stopAutoReporting();
        // The write that was running when stop was called has finished.
        QVERIFY(!reporter->inWrite.load());
        QCOMPARE(reporter->writes(), 1);
    }

    void stopFromWithinAReporterShouldNotDeadlock()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        reporter->hook = [&] { controller.stopAutoReporting(); };
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.01)));
        QTRY_COMPARE(reporter->writes(), 1);
        QTRY_VERIFY(!controller.isAutoReporting());
        settle(50);
        QCOMPARE(reporter->writes(), 1);
    }

    void autoReportingWithANulloptCollectorShouldReportNothing()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        std::atomic<int> calls{0};
        controller.setCollector([&]() -> std::optional<Snapshot> {
            ++calls;
            return std::nullopt;
        });
        QVERIFY(controller.startAutoReporting(Seconds(0.01)));
        QTRY_VERIFY(calls.load() >= 3);
        controller.stopAutoReporting();
        QCOMPARE(reporter->writes(), 0);
    }

    void destructorShouldStopAutoReporting()
    {
        Registry registry;
        auto reporter = std::make_shared<RecordingReporter>();
        {
            ReportingController controller(registry);
            QVERIFY(controller.registerReporter(reporter));
            QVERIFY(controller.startAutoReporting(Seconds(0.01)));
            QTRY_VERIFY(reporter->writes() >= 2);
        }
        const int writes = reporter->writes();
        settle(60);
        QCOMPARE(reporter->writes(), writes);
    }

    void outputReportShouldNotOverlapAnAutomaticReport()
    {
        Registry registry;
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        reporter->delayMs = 5;
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.005)));
        QTRY_VERIFY(reporter->writes() >= 1);
        for (int i = 0; i < 20; ++i)
            QVERIFY(controller.outputReport());
        QTRY_VERIFY(reporter->writes() >= 23);
        controller.stopAutoReporting();
        QVERIFY(!reporter->overlapped);
    }

    // PyCounters 0.6's test_basic_reporter.
    void basicReporter()
    {
        Registry registry;
        QVERIFY(registry.registerCounter(std::make_shared<EventCounter>(
            QStringLiteral("test1"), QStringList{QStringLiteral("rc_test_event")})));
        ReportingController controller(registry);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(reporter));
        QVERIFY(controller.startAutoReporting(Seconds(0.01)));

        reportValue("rc_test_event", 2);
        QTRY_COMPARE(lastValue(*reporter, QStringLiteral("test1")), std::optional<double>(2));
        reportValue("rc_test_event", 1);
        QTRY_COMPARE(lastValue(*reporter, QStringLiteral("test1")), std::optional<double>(3));

        controller.stopAutoReporting();
        const int writes = reporter->writes();
        reportValue("rc_test_event", 1);
        settle(50);
        QCOMPARE(lastValue(*reporter, QStringLiteral("test1")), std::optional<double>(3));
        QCOMPARE(reporter->writes(), writes);
    }

    void freeFunctionsShouldDriveTheGlobalController()
    {
        auto counter = std::make_shared<TotalCounter>(QStringLiteral("rc_global_total"));
        QVERIFY(Registry::global().registerCounter(counter));
        counter->reportValue(7);
        auto reporter = std::make_shared<RecordingReporter>();
        QVERIFY(registerReporter(reporter));
        QVERIFY(!registerReporter(nullptr));
        QVERIFY(ReportingController::global().reporters().contains(reporter));

        QVERIFY(outputReport());
        QCOMPARE(lastValue(*reporter, QStringLiteral("rc_global_total")), std::optional<double>(7));

        QVERIFY(startAutoReporting(Seconds(0.01)));
        QTRY_VERIFY(reporter->writes() >= 3);
        stopAutoReporting();
        QVERIFY(!ReportingController::global().isAutoReporting());

        QVERIFY(unregisterReporter(reporter));
        QVERIFY(!unregisterReporter(reporter));
        QVERIFY(Registry::global().unregisterCounter(counter));
    }
};

QTEST_GUILESS_MAIN(ReportingControllerTest)
#include "tst_reportingcontroller.moc"
