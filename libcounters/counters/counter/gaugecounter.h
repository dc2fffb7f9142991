// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/counter.h>

#include <atomic>
#include <functional>
#include <optional>

namespace counters {

/**
 * A level at the time of each report: a queue's length, the threads busy in a pool, the
 * requests in progress (a Prometheus gauge). Not in PyCounters 0.6.
 *
 * The level comes from one of three places:
 * - set(): a value event of the gauge's events sets it too, so `reportValue("queue", n)`
 *   works like set(n);
 * - add(): start events add 1 and end events subtract 1, so a gauge listening to a timed
 *   block's event counts the blocks in progress;
 * - a sampler, called each time the gauge is read (by every report), for levels that
 *   something else keeps: `[&pool] { return pool.activeThreadCount(); }`. It runs on the
 *   threads that take reports (several at once where several controllers report), and may run
 *   once more just after the gauge is unregistered (a report that took the counters before):
 *   what it reads must be safe to read there and then. While a gauge has a sampler, set() and
 *   events change nothing.
 *
 * Empty until first set (or while the sampler returns std::nullopt). A level is not a tally:
 * clear() leaves it as it is. Rows of a gauge from several processes merge by its mergeRule():
 * the sum by default (queued tasks across processes), or the largest, smallest, or newest.
 * Values that are not finite are dropped. No window; count() is 0.
 */
class COUNTERS_CORE_EXPORT GaugeCounter final : public Counter
{
public:
    using Sampler = std::function<std::optional<double>()>;

    explicit GaugeCounter(const QString &name, const QStringList &events = {});
    /// A gauge that reads its level from `sampler` at each report.
    GaugeCounter(const QString &name, Sampler sampler);
    ~GaugeCounter() override;

    void set(double value) noexcept;
    /// Adds `delta` (negative to subtract) to the level; an empty gauge starts from 0.
    void add(double delta) noexcept;

    /**
     * How this gauge's rows from several processes combine: MergeRule::Sum (the default),
     * Max, Min or Last (the newest report's). Other rules are refused (false). Call it before
     * the counter is registered.
     */
    bool setMergeRule(MergeRule rule);
    MergeRule mergeRule() const noexcept { return m_mergeRule.load(std::memory_order_relaxed); }

    int eventKinds() const noexcept override;
    void onValue(double value) noexcept override { set(value); }
    void onStart() noexcept override { add(1); }
    void onEnd() noexcept override { add(-1); }

protected:
    CounterRow read(qint64 now) const override;

private:
    std::atomic<double> m_value{0};
    std::atomic<bool> m_hasValue{false};
    const Sampler m_sampler;
    std::atomic<MergeRule> m_mergeRule{MergeRule::Sum}; ///< read by report threads
};

} // namespace counters
