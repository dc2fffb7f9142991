// SPDX-License-Identifier: MIT
#pragma once

// Internal: the resolution the system clock's coarse cell must keep (see Clock). Window
// counters on Clock::system() ask for their bucket width while they exist; other clocks need
// nothing (a ManualClock's cell is its time), and are never called, so that a counter that
// outlives its ManualClock (kept for a grace period after unregistering) stays harmless.

#include <QtGlobal>

namespace counters::detail {

void requestSystemClockResolution(qint64 resolutionNs);
void releaseSystemClockResolution(qint64 resolutionNs);

} // namespace counters::detail
