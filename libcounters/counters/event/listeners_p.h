// SPDX-License-Identifier: MIT
#pragma once

// Internal: changing who listens to an event (registration is the slow path).

#include <counters/counters_core_export.h>
#include <counters/event/eventslot.h>

#include <memory>

namespace counters {
class AllEventsListener;
}

namespace counters::detail {

/// Adds `listener` to the listeners of `slot` for the kinds of events it wants (a bit set of
/// EventListener::EventKind); `thread` limits it to that thread's events (0: all threads).
void addListener(EventSlot *slot, EventListener *listener, int kinds, quint64 thread);
/// Removes every entry of `listener` from the listeners of `slot`.
void removeListener(EventSlot *slot, EventListener *listener);
/// Adds a catch-all listener (AllEventsListener) for the kinds of events it wants; `thread`
/// limits it to that thread's events (0: all threads).
void addCatchAllListener(AllEventsListener *listener, int kinds, quint64 thread);
/// Removes it (the caller waits for the grace period if it must).
void removeCatchAllListener(AllEventsListener *listener);
/// Keeps `object` alive until no thread can be delivering an event to it any more (a thread
/// may still hold a listener list naming a counter that was just unregistered). Released in
/// batches after a grace period; kept until exit where the system cannot tell (graceperiod_p.h).
void retire(std::shared_ptr<const void> object);
/// Releases everything retired so far, waiting for a grace period (tests, shutdown of a module).
COUNTERS_CORE_EXPORT void reclaimRetired();

} // namespace counters::detail
