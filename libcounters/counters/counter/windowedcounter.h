// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/counter.h>

namespace counters {

/**
 * The base of the six counters that look at a sliding window (AverageWindow, AverageTime,
 * Frequency, Window, MaxWindow, MinWindow).
 *
 * The window is a ring of time buckets (count, sum, min and max of the values in each) of
 * width bucketWidth() = window / 30, so memory stays fixed (under 2 KiB per recording thread)
 * whatever the event rate, and a value leaves the window between `window` and
 * `window + bucketWidth()` after it was recorded (PyCounters 0.6 keeps exactly `window`).
 * Buckets rotate lazily, on write and on read. Thread safety as for Counter.
 *
 * Windows run from kMinWindow (1 ns) to kMaxWindow (100 years). A window outside that range
 * (infinity too) is clamped to it, and one that is not a positive number (zero, negative, NaN)
 * becomes kDefaultWindow (300 s, PyCounters' default); either way with a warning in
 * "counters.counter" naming the counter. window() tells what the counter uses.
 */
class COUNTERS_CORE_EXPORT WindowedCounter : public Counter
{
public:
    static constexpr int kBucketsPerWindow = 30;
    static constexpr Seconds kMinWindow{1e-9};
    static constexpr Seconds kMaxWindow{100 * 365.25 * 86400};

    ~WindowedCounter() override;

    Seconds window() const noexcept override { return Seconds(m_windowNs / 1e9); }
    Seconds bucketWidth() const noexcept { return Seconds(m_widthNs / 1e9); }
    qint64 bucketWidthNs() const noexcept { return m_widthNs; }

    /// Bytes this counter holds, its per-thread shards included.
    std::size_t memoryUsage() const;

protected:
    /// `window` must be positive (asserted; a non-positive window is treated as 1 ns). The
    /// buckets are window / `bucketsPerWindow` wide.
    WindowedCounter(CounterType type, const QString &name, Seconds window,
                    const QStringList &events, int bucketsPerWindow = kBucketsPerWindow);

    struct Stats
    {
        quint64 count = 0;
        double sum = 0;
        double min = 0;
        double max = 0;
        double span = 0;        ///< Seconds the buckets read cover, capped at the time listened.
        qint64 oldestEpoch = 0; ///< The oldest bucket (time / bucket width) read.
        quint64 generation = 0; ///< The clear() generation read.
    };

    /// Every windowed counter records a value event's value as it is (by default).
    void onValue(double value) noexcept override;

    /// Records `value` at the clock's coarse time (the common recording path).
    void record(double value) noexcept;
    /// Records `value` at monotonic time `now` (ns).
    void record(double value, qint64 now) noexcept;

    /// Per-thread start stack for timing counters; false when nested deeper than 16 starts.
    bool pushStart(qint64 now) noexcept;
    /// Pairs `now` (ticks of the same stopwatch as the starts) with this thread's latest
    /// unmatched start and records (now − start) · secondsPerTick at the coarse time; false
    /// when there is no start to pair with.
    bool recordSinceStart(qint64 now, double secondsPerTick) noexcept;

    /// Turns the window's statistics into the counter's value.
    virtual std::optional<double> valueOf(const Stats &stats) const = 0;

    /// For the averaging counters: the mean of the window, empty when it holds nothing.
    static std::optional<double> meanOf(const Stats &stats);
    /// For the averaging counters: the window's "min" and "max" as sub-values, when it has
    /// events.
    static void addMinMax(const Stats &stats, CounterRow &row);
    /// Adds sub-values to a row, also for an empty window (the averaging counters add the
    /// window's min and max when it has events).
    virtual void addSubValues(const Stats &stats, CounterRow &row) const;

private:
    CounterRow read(qint64 now) const final;
    void clockChanged(const Clock *previous) final;

    const qint64 m_windowNs;
    const qint64 m_widthNs;
};

} // namespace counters
