// SPDX-License-Identifier: MIT
#include "threadpoolmetrics.h"

#include <counters/counter/gaugecounter.h>
#include <counters/counter/percentilewindowcounter.h>

namespace counters {

// What the tasks in flight use: shared with them, so that a task that outlives this object
// (the pool runs it after) still has its counters.
struct ThreadPoolMetrics::Shared
{
    Registry *registry = nullptr;
    std::vector<std::shared_ptr<Counter>> counters;
    std::shared_ptr<GaugeCounter> queued;
    std::shared_ptr<PercentileWindowCounter> taskTime;
    std::shared_ptr<PercentileWindowCounter> queueTime;
    QString errorString;
};

namespace {
std::shared_ptr<PercentileWindowCounter> seconds(const QString &name)
{
    auto counter = std::make_shared<PercentileWindowCounter>(name);
    counter->setUnit(Unit::Second);
    return counter;
}
} // namespace

ThreadPoolMetrics::ThreadPoolMetrics(QThreadPool *pool, const QString &name, Registry &registry)
    : m_pool(pool), m_shared(std::make_shared<Shared>())
{
    Shared &s = *m_shared;
    s.registry = &registry;
    s.queued = std::make_shared<GaugeCounter>(name + QStringLiteral(".queued_tasks"));
    s.queued->set(0);
    s.taskTime = seconds(name + QStringLiteral(".task_time"));
    s.queueTime = seconds(name + QStringLiteral(".queue_time"));
    const std::shared_ptr<Counter> all[] = {
        std::make_shared<GaugeCounter>(
            name + QStringLiteral(".active_threads"),
            [pool] { return std::optional<double>(pool->activeThreadCount()); }),
        std::make_shared<GaugeCounter>(
            name + QStringLiteral(".max_threads"),
            [pool] { return std::optional<double>(pool->maxThreadCount()); }),
        s.queued, s.taskTime, s.queueTime};
    for (const std::shared_ptr<Counter> &counter : all) {
        if (!registry.registerCounter(counter)) {
            if (s.errorString.isEmpty())
                s.errorString = registry.errorString();
            continue;
        }
        s.counters.push_back(counter);
    }
}

ThreadPoolMetrics::~ThreadPoolMetrics()
{
    for (const std::shared_ptr<Counter> &counter : m_shared->counters)
        m_shared->registry->unregisterCounter(counter);
}

bool ThreadPoolMetrics::isValid() const
{
    return m_shared->errorString.isEmpty();
}

QString ThreadPoolMetrics::errorString() const
{
    return m_shared->errorString;
}

std::function<void()> ThreadPoolMetrics::timed(std::function<void()> task, bool queued)
{
    const Clock *clock = Clock::system();
    const qint64 queuedAt = clock->preciseNanoseconds();
    return [shared = m_shared, task = std::move(task), queuedAt, clock, queued] {
        const qint64 began = clock->preciseNanoseconds();
        if (queued)
            shared->queued->add(-1);
        shared->queueTime->reportValue(double(began - queuedAt) / 1e9);
        task();
        shared->taskTime->reportValue(double(clock->preciseNanoseconds() - began) / 1e9);
    };
}

void ThreadPoolMetrics::start(std::function<void()> task, int priority)
{
    m_shared->queued->add(1);
    m_pool->start(timed(std::move(task), true), priority);
}

bool ThreadPoolMetrics::tryStart(std::function<void()> task)
{
    // A task tryStart() takes has a thread at once: it never waits in the queue.
    return m_pool->tryStart(timed(std::move(task), false));
}

} // namespace counters
