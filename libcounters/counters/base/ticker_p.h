// SPDX-License-Identifier: MIT
#pragma once

// Internal: the resolution the system clock's coarse cell must keep (see Clock). Window
// counters on Clock::system() ask for their bucket width while they exist; other clocks need
// nothing (a ManualClock's cell is its time), and are never called, so that a counter that
// outlives its ManualClock (kept for a grace period after unregistering) stays harmless.

#include <counters/base/clock.h>
#include <counters/base/platform_p.h>

#include <QtGlobal>

namespace counters::detail {

/// The system clock's precise time (steady_clock's base), read directly, without the virtual
/// call and the library layer (timed blocks read it twice).
inline qint64 systemSteadyNanoseconds() noexcept
{
    return platform::steadyNanoseconds();
}

void requestSystemClockResolution(qint64 resolutionNs);
void releaseSystemClockResolution(qint64 resolutionNs);

/**
 * How timing counters on the system clock measure durations: in ticks of the CPU's time-stamp
 * counter (about 10 ns to read here, against 25 ns for clock_gettime) when it is invariant and
 * the kernel itself keeps time with it, else in CLOCK_MONOTONIC nanoseconds. Decided once and
 * calibrated against CLOCK_MONOTONIC over 5 ms on the first call (a timing counter's
 * construction, never an event); a duration is (end − start) · secondsPerTick.
 */
struct Stopwatch
{
    bool tsc = false;
    double secondsPerTick = 1e-9;

    qint64 ticks() const noexcept
    {
#ifdef COUNTERS_HAVE_RDTSC
        if (tsc)
            return qint64(__rdtsc());
#endif
        return systemSteadyNanoseconds();
    }
};

const Stopwatch &systemStopwatch();

/// A timing counter's stopwatch: the system stopwatch on Clock::system(), else the clock's
/// preciseNanoseconds().
inline qint64 stopwatchTicks(const Clock *clock, bool systemClock) noexcept
{
    return systemClock ? systemStopwatch().ticks() : clock->preciseNanoseconds();
}
inline double stopwatchSecondsPerTick(bool systemClock) noexcept
{
    return systemClock ? systemStopwatch().secondsPerTick : 1e-9;
}

} // namespace counters::detail
