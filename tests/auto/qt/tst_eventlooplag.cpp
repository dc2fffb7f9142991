// SPDX-License-Identifier: MIT
#include <counters/counter/registry.h>
#include <counters/qt/eventlooplag.h>

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace counters;
using namespace Qt::StringLiterals;

class EventLoopLagMonitorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anIdleLoopShouldHardlyLag();
    void aBusyLoopShouldLagByHowLongItWasBusy();
    void anotherThreadsLoopShouldBeWatchedInThatThread();
    void aNameInUseShouldBeRefused();
};

void EventLoopLagMonitorTest::anIdleLoopShouldHardlyLag()
{
    Registry registry;
    EventLoopLagMonitor monitor(u"event_loop_lag"_s, nullptr, Seconds(0.01), registry);
    QVERIFY(monitor.isValid());
    QTRY_VERIFY(monitor.samples() >= 10);
    const Snapshot snapshot = registry.collect();
    const CounterRow *row = snapshot.row(u"event_loop_lag");
    QVERIFY(row);
    QCOMPARE(row->unit, Unit::Second);
    QCOMPARE(row->type, CounterType::PercentileWindow);
    QVERIFY(row->value);
    // A median of well under the 10 ms interval, even on a loaded machine.
    QVERIFY2(*row->value < 0.01, qPrintable(QString::number(*row->value)));
}

void EventLoopLagMonitorTest::aBusyLoopShouldLagByHowLongItWasBusy()
{
    Registry registry;
    EventLoopLagMonitor monitor(u"event_loop_lag"_s, nullptr, Seconds(0.01), registry);
    QTRY_VERIFY(monitor.samples() >= 2);
    // A slot that keeps the loop for 200 ms, as a slow handler would.
    QTimer::singleShot(0, this, [] {
        QElapsedTimer busy;
        busy.start();
        while (busy.elapsed() < 200) {
        }
    });
    const quint64 before = monitor.samples();
    QTRY_VERIFY(monitor.samples() >= before + 3);
    const Snapshot snapshot = registry.collect();
    const CounterRow *row = snapshot.row(u"event_loop_lag");
    QVERIFY(row);
    const double max = row->subValues.value(u"max"_s);
    QVERIFY2(max >= 0.15 && max < 1.0, qPrintable(QString::number(max)));
}

void EventLoopLagMonitorTest::anotherThreadsLoopShouldBeWatchedInThatThread()
{
    Registry registry;
    QThread worker;
    auto *inWorker = new QObject; // a context in the worker's thread
    inWorker->moveToThread(&worker);
    connect(&worker, &QThread::finished, inWorker, &QObject::deleteLater);
    worker.start();
    {
        EventLoopLagMonitor monitor(u"worker_loop_lag"_s, &worker, Seconds(0.01), registry);
        QTRY_VERIFY(monitor.samples() >= 3);
        // Busy in the worker, not here: this thread's loop runs on meanwhile.
        QMetaObject::invokeMethod(
            inWorker,
            [] {
                QElapsedTimer busy;
                busy.start();
                while (busy.elapsed() < 200) {
                }
            },
            Qt::QueuedConnection);
        const quint64 before = monitor.samples();
        QTRY_VERIFY(monitor.samples() >= before + 3);
        QVERIFY(registry.collect().row(u"worker_loop_lag")->subValues.value(u"max"_s) >= 0.15);
    } // destroyed while the worker runs: the worker deletes the timer
    QVERIFY(!registry.collect().row(u"worker_loop_lag")); // unregistered with the monitor
    worker.quit();
    worker.wait();
}

void EventLoopLagMonitorTest::aNameInUseShouldBeRefused()
{
    Registry registry;
    EventLoopLagMonitor first(u"lag"_s, nullptr, Seconds(0.1), registry);
    EventLoopLagMonitor second(u"lag"_s, nullptr, Seconds(0.1), registry);
    QVERIFY(first.isValid());
    QVERIFY(!second.isValid());
    QVERIFY(!second.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(EventLoopLagMonitorTest)
#include "tst_eventlooplag.moc"
