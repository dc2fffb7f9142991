// SPDX-License-Identifier: MIT
#include "main/stallmonitor.h"

#include <QTest>
#include <QThread>

using dashboard::StallMonitor;

class StallMonitorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A thread busy elsewhere for 300 ms delays the monitor's next tick by about as much.
    void shouldMeasureHowLongTheEventLoopWasBlocked()
    {
        StallMonitor monitor;
        QCOMPARE(monitor.maxStallMs(), 0.0);
        monitor.start();
        QTest::qWait(50);
        QThread::msleep(300); // no event is handled meanwhile
        QTest::qWait(50);     // the late tick comes now
        QVERIFY2(monitor.maxStallMs() >= 250, QByteArray::number(monitor.maxStallMs()));
    }

    void shouldTellThePeakMemory()
    {
        // Linux keeps it in /proc/self/status; a running test takes some MiB at least.
        QVERIFY(StallMonitor::peakResidentMiB() > 1);
    }
};

QTEST_GUILESS_MAIN(StallMonitorTest)
#include "tst_stallmonitor.moc"
