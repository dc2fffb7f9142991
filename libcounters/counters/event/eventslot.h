// SPDX-License-Identifier: MIT
#pragma once

// Internal: the data an Event handle points to. Public only because Event's inline fast path
// reads it; do not use these names directly.

#include <counters/counters_core_export.h>

#include <QAnyStringView>
#include <QByteArray>
#include <QString>

#include <atomic>
#include <vector>

namespace counters {

class Counter;

namespace detail {

/// One counter listening to an event, optionally only to the events of one thread.
struct ListenerEntry
{
    Counter *counter = nullptr;
    const void *thread = nullptr; ///< nullptr: every thread; else the tag of the only thread.
};

/// The immutable set of counters listening to one event, split by the kind of event they want.
/// Published with one atomic store; never changed afterwards.
struct Listeners
{
    std::vector<ListenerEntry> value;
    std::vector<ListenerEntry> start;
    std::vector<ListenerEntry> end;
};

/// An interned event name. Slots live for the whole process, so handles never dangle.
struct EventSlot
{
    QString name;
    QByteArray utf8;
    std::atomic<const Listeners *> listeners{nullptr};
};

/// Finds or creates the slot of `name` (takes a lock; call once per call site).
COUNTERS_CORE_EXPORT EventSlot *internEvent(QAnyStringView name);

/// Like internEvent(), through a per-thread cache keyed by the name's address (content checked).
COUNTERS_CORE_EXPORT EventSlot *cachedEvent(QAnyStringView name);

COUNTERS_CORE_EXPORT void dispatchValue(const Listeners &listeners, double value) noexcept;
COUNTERS_CORE_EXPORT void dispatchStart(const Listeners &listeners) noexcept;
COUNTERS_CORE_EXPORT void dispatchEnd(const Listeners &listeners) noexcept;

/// The identity of the calling thread, as stored in ListenerEntry::thread.
COUNTERS_CORE_EXPORT const void *currentThreadTag() noexcept;

} // namespace detail
} // namespace counters
