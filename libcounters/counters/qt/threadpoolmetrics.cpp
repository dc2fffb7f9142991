// SPDX-License-Identifier: MIT
#include "threadpoolmetrics.h"

#include "integration_p.h"

#include <counters/counter/gaugecounter.h>
#include <counters/counter/percentilewindowcounter.h>
#include <counters/transport/threadhandover_p.h>

#include <mutex>
#include <optional>

namespace counters {

// What the tasks in flight and the samplers use: shared with them, so that a task that
// outlives this object (the pool runs it after) still has its counters, and a report that
// samples while this object goes away finds the pool gone rather than freed.
struct ThreadPoolMetrics::Shared
{
    Registry *registry = nullptr;
    std::vector<std::shared_ptr<Counter>> counters;
    std::shared_ptr<GaugeCounter> queued;
    std::shared_ptr<PercentileWindowCounter> taskTime;
    std::shared_ptr<PercentileWindowCounter> queueTime;
    QString errorString;

    std::mutex poolMutex; ///< held while a sampler reads the pool
    QThreadPool *pool = nullptr;

    std::optional<double> sample(int (QThreadPool::*read)() const)
    {
        std::lock_guard lock(poolMutex);
        return pool ? std::optional<double>((pool->*read)()) : std::nullopt;
    }
};

namespace {

// Where a task's start is described to ThreadSanitizer (threadhandover_p.h).
const char kHandover = 0;

// Takes a task out of queued_tasks once: when it begins, or when the pool drops it unrun
// (QThreadPool::clear(), tryTake()) and with it this token.
class QueuedToken
{
public:
    explicit QueuedToken(std::shared_ptr<GaugeCounter> queued) : m_queued(std::move(queued)) { }
    ~QueuedToken() { leave(); }
    QueuedToken(const QueuedToken &) = delete;
    QueuedToken &operator=(const QueuedToken &) = delete;

    void leave()
    {
        if (m_queued)
            m_queued->add(-1);
        m_queued.reset();
    }

private:
    std::shared_ptr<GaugeCounter> m_queued;
};

} // namespace

ThreadPoolMetrics::ThreadPoolMetrics(QThreadPool *pool, const QString &name, Registry &registry)
    : m_pool(pool), m_shared(std::make_shared<Shared>())
{
    Shared &s = *m_shared;
    s.registry = &registry;
    s.queued = std::make_shared<GaugeCounter>(name + QStringLiteral(".queued_tasks"));
    s.queued->set(0);
    s.taskTime = detail::secondsPercentiles(name + QStringLiteral(".task_time"));
    s.queueTime = detail::secondsPercentiles(name + QStringLiteral(".queue_time"));
    s.pool = pool;
    const std::shared_ptr<Shared> shared = m_shared;
    const std::shared_ptr<Counter> all[] = {
        std::make_shared<GaugeCounter>(
            name + QStringLiteral(".active_threads"),
            [shared] { return shared->sample(&QThreadPool::activeThreadCount); }),
        std::make_shared<GaugeCounter>(
            name + QStringLiteral(".max_threads"),
            [shared] { return shared->sample(&QThreadPool::maxThreadCount); }),
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
    // A report that took the counters before they went may still sample: it must not reach
    // the pool, which may go right after this object.
    std::lock_guard lock(m_shared->poolMutex);
    m_shared->pool = nullptr;
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
    auto token = std::make_shared<QueuedToken>(queued ? m_shared->queued : nullptr);
    std::function<void()> wrapped = [shared = m_shared, task = std::move(task), queuedAt, clock,
                                     token] {
        // The pool's QMutex orders this after the start; ThreadSanitizer cannot see it. (One
        // address for every task: the closure's own cannot be read before the acquire.)
        detail::tsanAcquire(&kHandover);
        const qint64 began = clock->preciseNanoseconds();
        token->leave();
        shared->queueTime->reportValue(double(began - queuedAt) / 1e9);
        task();
        shared->taskTime->reportValue(double(clock->preciseNanoseconds() - began) / 1e9);
    };
    detail::tsanRelease(&kHandover);
    return wrapped;
}

std::function<void()> ThreadPoolMetrics::wrap(std::function<void()> task)
{
    m_shared->queued->add(1);
    return timed(std::move(task), true);
}

void ThreadPoolMetrics::start(std::function<void()> task, int priority)
{
    m_pool->start(wrap(std::move(task)), priority);
}

bool ThreadPoolMetrics::tryStart(std::function<void()> task)
{
    // A task tryStart() takes has a thread at once: it never waits in the queue.
    return m_pool->tryStart(timed(std::move(task), false));
}

} // namespace counters
