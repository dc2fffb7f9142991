// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/counter/registry.h>
#include <counters/counters_qt_export.h>
#include <counters/event/event.h>

#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace counters {

/**
 * What a QThreadPool is doing, as counters named after `name` (by default "thread_pool"):
 * - `<name>.active_threads`: QThreadPool::activeThreadCount(), a gauge sampled at each report;
 * - `<name>.max_threads`: QThreadPool::maxThreadCount(), a gauge sampled at each report;
 * - `<name>.queued_tasks`: tasks started through start() that wait for a thread, a gauge;
 * - `<name>.task_time`: how long each task ran, a PercentileWindowCounter in seconds;
 * - `<name>.queue_time`: how long each task waited for a thread, the same.
 *
 *     counters::ThreadPoolMetrics pool(QThreadPool::globalInstance());
 *     pool.start([] { work(); }); // instead of QThreadPool::start()
 *
 * QThreadPool tells nobody how many tasks wait, nor when one begins: the queue and the times
 * count the tasks started through this object (start() and tryStart()), which wraps each one
 * (about 100 ns, see README, Performance); a task the pool drops unrun (clear(), tryTake())
 * leaves the queue too. Gauges merge across processes by their sum. The pool must outlive
 * this object; the counters are unregistered with it, and a report that samples meanwhile
 * finds the gauges empty.
 */
class COUNTERS_QT_EXPORT ThreadPoolMetrics
{
public:
    explicit ThreadPoolMetrics(QThreadPool *pool,
                               const QString &name = QStringLiteral("thread_pool"),
                               Registry &registry = Registry::global());
    ~ThreadPoolMetrics();
    ThreadPoolMetrics(const ThreadPoolMetrics &) = delete;
    ThreadPoolMetrics &operator=(const ThreadPoolMetrics &) = delete;

    /// False when a counter could not be registered (a name taken): errorString() says why.
    bool isValid() const;
    QString errorString() const;
    QThreadPool *pool() const noexcept { return m_pool; }

    /// QThreadPool::start(), timed.
    void start(std::function<void()> task, int priority = 0);
    /// QThreadPool::tryStart(), timed; false (and nothing queued) when no thread was free.
    bool tryStart(std::function<void()> task);

    /**
     * `task`, counted in queued_tasks from now until it begins (or is dropped unrun) and
     * timed, for starting it some other way: `QtConcurrent::run(pool, metrics.wrap(task))`.
     */
    std::function<void()> wrap(std::function<void()> task);

private:
    /// `task`, timed; `queued`: it counts in queued_tasks until it begins.
    std::function<void()> timed(std::function<void()> task, bool queued);

    QThreadPool *m_pool;
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace counters
