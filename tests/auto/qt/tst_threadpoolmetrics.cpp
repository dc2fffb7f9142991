// SPDX-License-Identifier: MIT
#include "optionalprinting.h"

#include <counters/counter/registry.h>
#include <counters/qt/threadpoolmetrics.h>

#include <QScopeGuard>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

using namespace counters;
using namespace Qt::StringLiterals;

class ThreadPoolMetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gaugesShouldShowBusyThreadsAndQueuedTasks();
    void tasksShouldBeTimed();
    void tryStartOnAFullPoolShouldQueueNothing();
    void tasksThePoolDropsShouldLeaveTheQueue();
    void aGaugeReadAfterTheMetricsAreGoneShouldNotReachThePool();
    void countersShouldGoWithTheMetrics();
};

void ThreadPoolMetricsTest::gaugesShouldShowBusyThreadsAndQueuedTasks()
{
    Registry registry;
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    ThreadPoolMetrics metrics(&pool, u"workers"_s, registry);
    QVERIFY2(metrics.isValid(), qPrintable(metrics.errorString()));

    QSemaphore release;
    QSemaphore running;
    for (int i = 0; i < 5; ++i) {
        metrics.start([&] {
            running.release();
            release.acquire();
        });
    }
    QVERIFY(running.tryAcquire(2, 5000)); // two run, three wait
    Snapshot snapshot = registry.collect();
    QCOMPARE(snapshot.value(u"workers.active_threads"), std::optional<double>(2));
    QCOMPARE(snapshot.value(u"workers.max_threads"), std::optional<double>(2));
    QCOMPARE(snapshot.value(u"workers.queued_tasks"), std::optional<double>(3));
    QCOMPARE(snapshot.row(u"workers.queued_tasks")->type, CounterType::Gauge);

    release.release(5);
    QVERIFY(pool.waitForDone(5000));
    snapshot = registry.collect();
    QCOMPARE(snapshot.value(u"workers.queued_tasks"), std::optional<double>(0));
    QCOMPARE(snapshot.value(u"workers.active_threads"), std::optional<double>(0));
}

void ThreadPoolMetricsTest::tasksShouldBeTimed()
{
    Registry registry;
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    ThreadPoolMetrics metrics(&pool, u"workers"_s, registry);
    QSemaphore release;
    metrics.start([&] { release.acquire(); }); // holds the only thread
    metrics.start([] {});                      // waits for it
    QTest::qWait(50);
    release.release();
    QVERIFY(pool.waitForDone(5000));
    const Snapshot snapshot = registry.collect();
    const CounterRow *task = snapshot.row(u"workers.task_time");
    const CounterRow *queue = snapshot.row(u"workers.queue_time");
    QVERIFY(task && queue);
    QCOMPARE(task->count, quint64(2));
    QCOMPARE(task->unit, Unit::Second);
    // The first task ran as long as it was held; the second waited that long.
    QVERIFY2(task->subValues.value(u"max"_s) >= 0.045,
             qPrintable(QString::number(task->subValues.value(u"max"_s))));
    QVERIFY2(queue->subValues.value(u"max"_s) >= 0.045,
             qPrintable(QString::number(queue->subValues.value(u"max"_s))));
}

void ThreadPoolMetricsTest::tryStartOnAFullPoolShouldQueueNothing()
{
    Registry registry;
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    ThreadPoolMetrics metrics(&pool, u"workers"_s, registry);
    QSemaphore release;
    QVERIFY(metrics.tryStart([&] { release.acquire(); }));
    QVERIFY(!metrics.tryStart([] {}));
    QCOMPARE(registry.collect().value(u"workers.queued_tasks"), std::optional<double>(0));
    release.release();
    QVERIFY(pool.waitForDone(5000));
}

void ThreadPoolMetricsTest::tasksThePoolDropsShouldLeaveTheQueue()
{
    Registry registry;
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    ThreadPoolMetrics metrics(&pool, u"workers"_s, registry);
    QSemaphore release;
    QSemaphore running;
    const auto released = qScopeGuard([&] {
        release.release();
        pool.waitForDone(5000);
    });
    metrics.start([&] {
        running.release();
        release.acquire();
    });
    QVERIFY(running.tryAcquire(1, 5000));
    metrics.start([] {});
    metrics.start([] {});
    QCOMPARE(registry.collect().value(u"workers.queued_tasks"), std::optional<double>(2));
    pool.clear(); // the two waiting tasks are deleted unrun
    QCOMPARE(registry.collect().value(u"workers.queued_tasks"), std::optional<double>(0));
}

void ThreadPoolMetricsTest::aGaugeReadAfterTheMetricsAreGoneShouldNotReachThePool()
{
    Registry registry;
    std::shared_ptr<Counter> active;
    {
        auto pool = std::make_unique<QThreadPool>();
        ThreadPoolMetrics metrics(pool.get(), u"workers"_s, registry);
        active = registry.counter(u"workers.active_threads"_s); // as a report in progress holds it
        QCOMPARE(active->value(), std::optional<double>(0));
    } // the metrics go, then the pool
    QCOMPARE(active->value(), std::nullopt);
}

void ThreadPoolMetricsTest::countersShouldGoWithTheMetrics()
{
    Registry registry;
    QThreadPool pool;
    {
        ThreadPoolMetrics metrics(&pool, u"workers"_s, registry);
        QCOMPARE(registry.collect().rows().size(), 5);
        ThreadPoolMetrics again(&pool, u"workers"_s, registry);
        QVERIFY(!again.isValid());
        QVERIFY(again.errorString().contains(u"workers."_s));
    }
    QCOMPARE(registry.collect().rows().size(), 0);
}

QTEST_GUILESS_MAIN(ThreadPoolMetricsTest)
#include "tst_threadpoolmetrics.moc"
