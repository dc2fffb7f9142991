// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <limits>

namespace counters {

/// Durations in seconds as a double, so that `300s`, `500ms` and `Seconds(0.5)` all convert.
using Seconds = std::chrono::duration<double>;

/**
 * The time source of counters and registries.
 *
 * A clock answers three questions:
 * - coarseNanoseconds(): monotonic time for placing values into window buckets. It is one
 *   relaxed load of a cell, so the recording path can afford it on every event. The system
 *   clock's cell is refreshed by a background ticker (started with the first window counter)
 *   at a resolution fine enough for the smallest window in use (an eighth of its bucket width,
 *   1 ms to 100 ms); it may lag the precise time by that resolution.
 * - preciseNanoseconds(): monotonic time for measuring durations of timed blocks.
 * - wallSeconds(): epoch seconds for report timestamps.
 *
 * Coarse and precise nanoseconds share one time base. Clocks are never destroyed while a
 * counter uses them: the system clock lives for the whole process; a ManualClock must outlive
 * the counters and registries given it. All members are thread-safe.
 */
class COUNTERS_CORE_EXPORT Clock
{
public:
    virtual ~Clock();
    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;

    /// The process-wide steady/system clock.
    static const Clock *system();
    /**
     * What timing counters on the system clock read to time a block, for logs and benchmarks:
     * "tsc" (the CPU's invariant time-stamp counter, used when the kernel itself keeps time
     * with it) or what clock_gettime reads, such as "CLOCK_MONOTONIC (clocksource kvm-clock)".
     * A timed block costs about 25 ns with the first and 60 ns with kvm-clock (see README,
     * Performance). Whether the TSC is used is decided once per process; otherwise the name
     * is that of the kernel's current clocksource, read at each call.
     */
    static QString stopwatchName();

    qint64 coarseNanoseconds() const noexcept { return m_cell->load(std::memory_order_relaxed); }
    /// The cell behind coarseNanoseconds(), for readers that keep it (lives as long as the clock).
    const std::atomic<qint64> *coarseCell() const noexcept { return m_cell; }
    virtual qint64 preciseNanoseconds() const noexcept = 0;
    virtual double wallSeconds() const noexcept = 0;

    /// Brings the coarse cell up to the precise time (used by readers before they compute).
    virtual void refresh() const noexcept;

protected:
    explicit Clock(std::atomic<qint64> *cell) noexcept;

    std::atomic<qint64> *m_cell;
};

/**
 * A clock that moves only when told to, for tests: coarse and precise time are the same value,
 * the wall clock is `wallOffset` plus that value. Thread-safe; setting time backwards is allowed
 * (counters then record into their newest bucket).
 */
class COUNTERS_CORE_EXPORT ManualClock final : public Clock
{
public:
    explicit ManualClock(Seconds start = Seconds(1000.0), double wallOffset = 1.7e9);
    ~ManualClock() override;

    void setTime(Seconds time) noexcept;
    void advance(Seconds delta) noexcept;
    Seconds time() const noexcept;

    qint64 preciseNanoseconds() const noexcept override;
    double wallSeconds() const noexcept override;

private:
    std::atomic<qint64> m_now;
    double m_wallOffset;
};

/// Seconds → integer nanoseconds, rounded to the nearest nanosecond; saturated at the ends of
/// qint64 (about ±292 years, infinities too), and 0 for NaN.
constexpr qint64 toNanoseconds(Seconds s) noexcept
{
    const double ns = s.count() * 1e9;
    if (ns != ns)
        return 0;
    // 2^63 is exact in a double; anything from there on does not fit.
    if (ns >= 9223372036854775808.0)
        return std::numeric_limits<qint64>::max();
    if (ns <= -9223372036854775808.0)
        return std::numeric_limits<qint64>::min();
    return static_cast<qint64>(ns + (ns >= 0 ? 0.5 : -0.5));
}

} // namespace counters
