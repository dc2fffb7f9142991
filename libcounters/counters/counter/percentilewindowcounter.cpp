// SPDX-License-Identifier: MIT
#include "percentilewindowcounter.h"

#include "histogramring_p.h"
#include "window_p.h"

#include <counters/base/ticker_p.h>

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

namespace counters {

namespace detail {

/// A window shard that also keeps the thread's count and sum since the last clear() (a
/// Prometheus summary's `_count` and `_sum`). Owner thread writes, as the buckets.
struct PercentileShard final : WindowShard
{
    std::atomic<quint64> lifetimeCount{0};
    std::atomic<double> lifetimeSum{0};
    int lane = 0; ///< The HistogramRing lane this shard's thread records into.
};

} // namespace detail

namespace {

QList<double> checkedQuantiles(const QString &name, QList<double> quantiles)
{
    const auto invalid = [](double q) { return !(q >= 0 && q <= 1); };
    if (std::any_of(quantiles.cbegin(), quantiles.cend(), invalid)) {
        qWarning("PercentileWindowCounter %s: quantiles must lie in [0, 1]; left out the others",
                 qUtf8Printable(name));
        quantiles.removeIf(invalid);
    }
    std::sort(quantiles.begin(), quantiles.end());
    quantiles.erase(std::unique(quantiles.begin(), quantiles.end(),
                                [](double a, double b) {
                                    return LogHistogram::quantileKey(a)
                                        == LogHistogram::quantileKey(b);
                                }),
                    quantiles.end());
    return quantiles;
}

} // namespace

QList<double> PercentileWindowCounter::defaultQuantiles()
{
    return {0.5, 0.9, 0.99};
}

PercentileWindowCounter::PercentileWindowCounter(const QString &name, Seconds window,
                                                 const QList<double> &quantiles,
                                                 const QStringList &events)
    : WindowedCounter(CounterType::PercentileWindow, name, window, events, kSlicesPerWindow),
      m_quantiles(checkedQuantiles(name, quantiles)),
      m_ring(std::make_unique<detail::HistogramRing>())
{
    // Shards take the ring's lanes in turn (a shard keeps its lane when another thread reuses
    // it), so that up to kLanes threads record without sharing a cache line. The factory runs
    // under the pool's lock.
    setShards(detail::ShardPool::create([next = 0]() mutable {
        auto shard = std::make_unique<detail::PercentileShard>();
        shard->lane = next++ % detail::HistogramRing::kLanes;
        return shard;
    }));
    detail::systemStopwatch(); // calibrates once, here rather than on the first event
}

PercentileWindowCounter::~PercentileWindowCounter() = default;

int PercentileWindowCounter::eventKinds() const noexcept
{
    return ValueEvents | StartEvents | EndEvents;
}

void PercentileWindowCounter::onValue(double value) noexcept
{
    if (acceptValue(value))
        record(localShard<detail::PercentileShard>(), value);
}

void PercentileWindowCounter::onStart() noexcept
{
    if (!pushStart(detail::stopwatchTicks(clock(), usesSystemClock())))
        addDropped();
}

void PercentileWindowCounter::onEnd() noexcept
{
    const qint64 now = detail::stopwatchTicks(clock(), usesSystemClock());
    auto &shard = localShard<detail::PercentileShard>(); // one lookup for the pop and the record
    qint64 start;
    if (!shard.popStart(&start)) {
        addDropped();
        return;
    }
    record(shard, double(now - start) * detail::stopwatchSecondsPerTick(usesSystemClock()));
}

void PercentileWindowCounter::record(detail::PercentileShard &shard, double value) noexcept
{
    // The statistics (count, sum, min, max) go to this thread's shard, the value to the shared
    // histogram of the same bucket, so both cover the same stretch of time.
    const quint64 gen = generation();
    if (Q_UNLIKELY(shard.generation.load(std::memory_order_relaxed) != gen)) {
        shard.reset(gen);
        shard.lifetimeCount.store(0, std::memory_order_relaxed);
        shard.lifetimeSum.store(0, std::memory_order_relaxed);
    }
    shard.add(value, coarseNow(), bucketWidthNs());
    shard.lifetimeCount.store(shard.lifetimeCount.load(std::memory_order_relaxed) + 1,
                              std::memory_order_relaxed);
    shard.lifetimeSum.store(shard.lifetimeSum.load(std::memory_order_relaxed) + value,
                            std::memory_order_relaxed);
    if (Q_UNLIKELY(!m_ring->add(value, shard.currentEpoch, gen, shard.lane)))
        addDropped();
}

std::optional<double> PercentileWindowCounter::valueOf(const Stats &) const
{
    return std::nullopt; // the median, set with the quantiles by addSubValues()
}

void PercentileWindowCounter::addSubValues(const Stats &stats, CounterRow &row) const
{
    addLifetimeTotals(stats.generation, row);
    if (stats.count == 0)
        return;
    addMinMax(stats, row);
    row.subValues.insert(QStringLiteral("sum"), stats.sum);
    for (double q : m_quantiles)
        row.subValues.insert(LogHistogram::quantileKey(q), 0);
    row.histogram = m_ring->read(stats.oldestEpoch, stats.generation);
    recomputeQuantiles(row);
}

void PercentileWindowCounter::addLifetimeTotals(quint64 generation, CounterRow &row) const
{
    quint64 count = 0;
    double sum = 0;
    m_shards->forEach<detail::PercentileShard>([&](const detail::PercentileShard &shard) {
        if (shard.generation.load(std::memory_order_acquire) != generation)
            return;
        count += shard.lifetimeCount.load(std::memory_order_relaxed);
        sum += shard.lifetimeSum.load(std::memory_order_relaxed);
    });
    row.subValues.insert(QStringLiteral("lifetime_count"), double(count));
    row.subValues.insert(QStringLiteral("lifetime_sum"), sum);
}

std::size_t PercentileWindowCounter::memoryUsage() const
{
    return sizeof(*this) + sizeof(detail::ShardPool)
        + m_shards->shardCount() * sizeof(detail::PercentileShard) + sizeof(detail::HistogramRing);
}

quint64 PercentileWindowCounter::coarseValues() const noexcept
{
    return m_ring->coarseValues();
}

} // namespace counters
