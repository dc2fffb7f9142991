// SPDX-License-Identifier: MIT
#pragma once

// Internal: changing who listens to an event (registration is the slow path).

#include <counters/event/eventslot.h>

#include <memory>

namespace counters::detail {

/// Adds `counter` to the listeners of `slot` for the kinds of events it wants (a bit set of
/// Counter::EventKind); `thread` limits it to that thread's events (0: all threads).
void addListener(EventSlot *slot, Counter *counter, int kinds, quint64 thread);
/// Removes every entry of `counter` from the listeners of `slot`.
void removeListener(EventSlot *slot, Counter *counter);
/// Keeps `object` alive until the process exits: a thread may still be delivering an event to
/// a counter that was just unregistered, through a listener list it loaded before.
void retire(std::shared_ptr<const void> object);

} // namespace counters::detail
