// SPDX-License-Identifier: MIT
#include "recordingreporter.h"

#include <counters/base/clock.h>
#include <counters/counter/registry.h>
#include <counters/report/reportingcontroller.h>

#include <QSignalSpy>
#include <QTest>

#include <stdexcept>

using namespace counters;

namespace {

Snapshot someSnapshot(double time = 1.7e9)
{
    CounterRow row;
    row.name = QStringLiteral("requests");
    row.type = CounterType::Event;
    row.value = 3;
    row.count = 3;
    return Snapshot(
        time, SnapshotSource{QStringLiteral("svc"), QStringLiteral("host"), 42, 1.0, {}}, {row});
}

/// A reporter whose write() moves a manual clock forward, so its duration is exact.
class SlowReporter : public RecordingReporter
{
public:
    explicit SlowReporter(ManualClock *clock) : m_clock(clock)
    {
        setClock(clock);
        hook = [this] { m_clock->advance(step); };
    }
    Seconds step{0.25};

private:
    ManualClock *m_clock;
};

class ThrowingReporter : public Reporter
{
protected:
    bool write(const Snapshot &, QString *) override { throw std::runtime_error("boom"); }
};

} // namespace

class ReporterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldPassTheSnapshotToWriteUnchanged()
    {
        RecordingReporter reporter;
        const Snapshot snapshot = someSnapshot();
        QVERIFY(reporter.report(snapshot));
        QCOMPARE(reporter.snapshots().size(), 1);
        QCOMPARE(reporter.last(), snapshot);
    }

    void shouldCountSuccessfulReports()
    {
        RecordingReporter reporter;
        QCOMPARE(reporter.reportCount(), 0u);
        for (int i = 0; i < 3; ++i)
            QVERIFY(reporter.report(someSnapshot()));
        QCOMPARE(reporter.reportCount(), 3u);
        QCOMPARE(reporter.failureCount(), 0u);
        QVERIFY(reporter.errorString().isEmpty());
    }

    void shouldCountFailuresAndKeepTheReason()
    {
        RecordingReporter reporter;
        reporter.fail = true;
        const MessageCapture capture;
        QVERIFY(!reporter.report(someSnapshot()));
        QVERIFY(!reporter.report(someSnapshot()));
        reporter.fail = false;
        QVERIFY(reporter.report(someSnapshot()));
        QCOMPARE(reporter.failureCount(), 2u);
        QCOMPARE(reporter.reportCount(), 1u);
        // The last failure's reason stays after a later success.
        QCOMPARE(reporter.errorString(), QStringLiteral("disk on fire"));
    }

    void shouldEmitErrorOccurredForEveryFailure()
    {
        RecordingReporter reporter;
        QSignalSpy spy(&reporter, &Reporter::errorOccurred);
        const MessageCapture capture;
        QVERIFY(reporter.report(someSnapshot()));
        QCOMPARE(spy.count(), 0);
        reporter.fail = true;
        QVERIFY(!reporter.report(someSnapshot()));
        QVERIFY(!reporter.report(someSnapshot()));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("disk on fire"));
    }

    void shouldGiveAReasonWhenWriteGivesNone()
    {
        RecordingReporter reporter;
        reporter.fail = true;
        reporter.failMessage.clear();
        const MessageCapture capture;
        QVERIFY(!reporter.report(someSnapshot()));
        QVERIFY(!reporter.errorString().isEmpty());
    }

    void shouldTimeEachWrite()
    {
        ManualClock clock;
        SlowReporter reporter(&clock);
        QCOMPARE(reporter.lastDuration().count(), 0.0);
        QVERIFY(reporter.report(someSnapshot()));
        QCOMPARE(reporter.lastDuration().count(), 0.25);
        reporter.step = Seconds(1.5);
        QVERIFY(reporter.report(someSnapshot()));
        QCOMPARE(reporter.lastDuration().count(), 1.5);
    }

    void shouldTimeFailingWritesToo()
    {
        ManualClock clock;
        SlowReporter reporter(&clock);
        reporter.fail = true;
        reporter.step = Seconds(0.125);
        const MessageCapture capture;
        QVERIFY(!reporter.report(someSnapshot()));
        QCOMPARE(reporter.lastDuration().count(), 0.125);
    }

    void shouldMeasureRealTimeByDefault()
    {
        RecordingReporter reporter;
        reporter.delayMs = 30;
        QVERIFY(reporter.report(someSnapshot()));
        QVERIFY2(reporter.lastDuration().count() >= 0.029,
                 qPrintable(QString::number(reporter.lastDuration().count())));
    }

    void shouldWarnAtMostOncePerSecond()
    {
        ManualClock clock;
        RecordingReporter reporter;
        reporter.setClock(&clock);
        reporter.setObjectName(QStringLiteral("metrics-file"));
        reporter.fail = true;
        const MessageCapture capture;

        // Given three failures within the same second, when reporting, then one warning.
        QVERIFY(!reporter.report(someSnapshot()));
        clock.advance(Seconds(0.5));
        QVERIFY(!reporter.report(someSnapshot()));
        clock.advance(Seconds(0.4));
        QVERIFY(!reporter.report(someSnapshot()));
        QStringList warnings = capture.texts(QStringLiteral("counters.report"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QLatin1String("metrics-file")),
                 qPrintable(warnings.first()));
        QVERIFY(warnings.first().contains(QLatin1String("disk on fire")));

        // One second after the first warning, the next failure warns again and says how many
        // were suppressed.
        clock.advance(Seconds(0.1));
        QVERIFY(!reporter.report(someSnapshot()));
        warnings = capture.texts(QStringLiteral("counters.report"));
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings.last().contains(QLatin1String("2 similar warnings suppressed")),
                 qPrintable(warnings.last()));
        for (const MessageCapture::Message &m : capture.messages())
            QCOMPARE(m.type, QtWarningMsg);
        // Every failure is still counted and signalled.
        QCOMPARE(reporter.failureCount(), 4u);
    }

    void warningLimitShouldBePerReporter()
    {
        ManualClock clock;
        RecordingReporter first;
        RecordingReporter second;
        first.setClock(&clock);
        second.setClock(&clock);
        first.fail = true;
        second.fail = true;
        const MessageCapture capture;
        QVERIFY(!first.report(someSnapshot()));
        QVERIFY(!second.report(someSnapshot()));
        QCOMPARE(capture.texts(QStringLiteral("counters.report")).size(), 2);
    }

    void shouldNameTheClassWhenTheReporterHasNoName()
    {
        ThrowingReporter reporter;
        const MessageCapture capture;
        QVERIFY(!reporter.report(someSnapshot()));
        const QStringList warnings = capture.texts(QStringLiteral("counters.report"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QLatin1String("counters::Reporter")),
                 qPrintable(warnings.first()));
    }

    void shouldContainExceptionsThrownByWrite()
    {
        ThrowingReporter reporter;
        QSignalSpy spy(&reporter, &Reporter::errorOccurred);
        const MessageCapture capture;
        QVERIFY(!reporter.report(someSnapshot()));
        QCOMPARE(reporter.failureCount(), 1u);
        QCOMPARE(spy.count(), 1);
        QVERIFY2(reporter.errorString().contains(QLatin1String("boom")),
                 qPrintable(reporter.errorString()));
    }

    void shouldNeverRunTwoWritesAtOnce()
    {
        RecordingReporter reporter;
        reporter.delayMs = 1;
        std::thread other([&] {
            for (int i = 0; i < 50; ++i)
                reporter.report(someSnapshot());
        });
        for (int i = 0; i < 50; ++i)
            reporter.report(someSnapshot());
        other.join();
        QVERIFY(!reporter.overlapped);
        QCOMPARE(reporter.reportCount(), 100u);
    }

    void oneFailingReporterShouldNotStopAnother()
    {
        ManualClock clock;
        Registry registry(&clock);
        ReportingController controller(registry);
        auto failing = std::make_shared<RecordingReporter>();
        auto working = std::make_shared<RecordingReporter>();
        auto throwing = std::make_shared<ThrowingReporter>();
        failing->fail = true;
        QVERIFY(controller.registerReporter(failing));
        QVERIFY(controller.registerReporter(throwing));
        QVERIFY(controller.registerReporter(working));
        const MessageCapture capture;

        QVERIFY(!controller.outputReport());
        QCOMPARE(working->reportCount(), 1u);
        QCOMPARE(failing->failureCount(), 1u);
        QCOMPARE(throwing->failureCount(), 1u);
        QVERIFY2(controller.errorString().contains(QLatin1String("disk on fire")),
                 qPrintable(controller.errorString()));
        QVERIFY2(controller.errorString().contains(QLatin1String("2 of 3")),
                 qPrintable(controller.errorString()));
    }
};

QTEST_GUILESS_MAIN(ReporterTest)
#include "tst_reporter.moc"
