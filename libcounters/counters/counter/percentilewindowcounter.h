// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

#include <QList>

#include <memory>

namespace counters {

namespace detail {
class HistogramRing;
struct PercentileShard;
} // namespace detail

/**
 * Percentiles of the values in the window: latencies' p50/p90/p99 over the last minutes.
 *
 * Value events count as they are; start/end pairs count their duration in seconds, measured as
 * by AverageTimeCounter (last in first out per thread; an end without a start is dropped). The
 * value is the median; the row's sub-values are the quantiles asked for ("p50", "p90", "p99" by
 * default: LogHistogram::quantileKey()), "min", "max" and "sum" of the window (while it holds
 * values), and "lifetime_count" and "lifetime_sum", the number and sum of all values since the
 * counter was created or cleared (always; a Prometheus summary's `_count` and `_sum`). The row
 * carries the window's histogram, which mergeRows() combines across processes. The value is
 * empty when the window holds nothing. Values that are not finite are dropped (droppedEvents()).
 *
 * Accuracy: a quantile q of n values is within LogHistogram::relativeError() (0.78 %) of the
 * ⌈q·n⌉-th smallest of them, for values whose magnitude lies in [5.4e-20, 1.8e19] (and exactly
 * 0), before and after merging; clamped to the exact min and max.
 *
 * Window: buckets of window / 6, so a value leaves the window between `window` and
 * `window · 7/6` after it was recorded (coarser than the other windows' 1/30: see memory).
 *
 * Memory: 67 KiB per counter whatever the rate, plus 1.5 KiB per recording thread: one set of
 * histograms whose pages come from a fixed pool (see detail::HistogramRing). Up to four threads
 * record into lanes of their own, so threads recording at once write no common cache line
 * (two threads at full speed cost per value what one does); more threads share lanes, and lanes
 * beyond the first share the first one's pages once half the pool is taken. Values spread over
 * more than 12 binary orders of magnitude per bucket (24 with one thread) may exhaust the pool:
 * octaves without a page are then counted at octave resolution (coarseValues()), never dropped.
 */
class COUNTERS_CORE_EXPORT PercentileWindowCounter final : public WindowedCounter
{
public:
    static constexpr int kSlicesPerWindow = 6;

    /// 0.5, 0.9 and 0.99.
    static QList<double> defaultQuantiles();

    /// `quantiles` in [0, 1]; others (and repeats) are left out, with a warning. The list is
    /// kept sorted.
    explicit PercentileWindowCounter(const QString &name, Seconds window = kDefaultWindow,
                                     const QList<double> &quantiles = defaultQuantiles(),
                                     const QStringList &events = {});
    ~PercentileWindowCounter() override;

    const QList<double> &quantiles() const noexcept { return m_quantiles; }
    int eventKinds() const noexcept override;

    /// Bytes this counter holds: its histograms and its per-thread shards.
    std::size_t memoryUsage() const;
    /// Values counted at octave resolution because the window's spread exhausted the pages.
    quint64 coarseValues() const noexcept;

protected:
    void onValue(double value) noexcept override;
    void onStart() noexcept override;
    void onEnd() noexcept override;
    std::optional<double> valueOf(const Stats &stats) const override;
    void addSubValues(const Stats &stats, CounterRow &row) const override;

private:
    void record(detail::PercentileShard &shard, double value) noexcept;
    void addLifetimeTotals(quint64 generation, CounterRow &row) const;

    const QList<double> m_quantiles;
    const std::unique_ptr<detail::HistogramRing> m_ring;
};

} // namespace counters
