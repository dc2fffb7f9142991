// SPDX-License-Identifier: MIT
#pragma once

// Internal: the resolution the system clock's coarse cell must keep (see Clock). Window
// counters on Clock::system() ask for their bucket width while they exist; other clocks need
// nothing (a ManualClock's cell is its time), and are never called, so that a counter that
// outlives its ManualClock (kept for a grace period after unregistering) stays harmless.

#include <QtGlobal>

#include <time.h>

namespace counters::detail {

/// The system clock's precise time: CLOCK_MONOTONIC (steady_clock's base), read directly,
/// without the virtual call and the library layer (timed blocks read it twice).
inline qint64 systemSteadyNanoseconds() noexcept
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void requestSystemClockResolution(qint64 resolutionNs);
void releaseSystemClockResolution(qint64 resolutionNs);

} // namespace counters::detail
