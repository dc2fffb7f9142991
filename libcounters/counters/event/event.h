// SPDX-License-Identifier: MIT
#pragma once

#include <counters/event/eventslot.h>

namespace counters {

/**
 * A handle to a named event: the cheap way to raise events.
 *
 * Construct it once (it interns the name, taking a lock) and keep it, typically as a static or
 * a member: `static const counters::Event requests{u"request"};`. Raising an event then costs
 * one load and one branch when no counter listens, and never blocks, allocates (after a
 * thread's first event) or throws. Counters listening to the name (in any Registry) receive
 * the event; counters registered for one thread only receive that thread's events.
 *
 * - value(x): a value event (averaged, summed, min/max'ed by the counters).
 * - start()/end(): the start and end of a block; timing counters pair them per thread
 *   (nested starts pair last-in first-out), occurrence counters count each end.
 *
 * Handles are trivially copyable and thread-safe; two handles of one name are the same event.
 */
class Event
{
public:
    explicit Event(EventName name) : m_slot(detail::internEvent(name)) { }
    explicit Event(detail::EventSlot *slot) noexcept : m_slot(slot) { }

    QString name() const { return m_slot->name; }

    void value(double x) const noexcept
    {
        if (m_slot->kinds.load(std::memory_order_relaxed) & detail::ValueListeners)
            detail::dispatchValue(*m_slot, x);
    }

    void start() const noexcept
    {
        if (m_slot->kinds.load(std::memory_order_relaxed) & detail::StartListeners)
            detail::dispatchStart(*m_slot);
    }

    void end() const noexcept
    {
        if (m_slot->kinds.load(std::memory_order_relaxed) & detail::EndListeners)
            detail::dispatchEnd(*m_slot);
    }

    /// True when at least one counter or catch-all listener (AllEventsListener, also one of
    /// another thread) listens: useful to skip computing an expensive value.
    bool hasListeners() const noexcept
    {
        return m_slot->kinds.load(std::memory_order_relaxed) != 0;
    }

    detail::EventSlot *slot() const noexcept { return m_slot; }

    /// Two handles are equal when they name the same event.
    friend bool operator==(Event a, Event b) noexcept { return a.m_slot == b.m_slot; }
    friend bool operator!=(Event a, Event b) noexcept { return a.m_slot != b.m_slot; }

private:
    detail::EventSlot *m_slot;
};

/// Raises a value event by name (PyCounters 0.6's report_value). The name→handle lookup is cached
/// per thread, so this costs a few nanoseconds more than Event::value().
inline void reportValue(EventName name, double value) noexcept
{
    Event(detail::cachedEvent(name)).value(value);
}

/// Raises a start event by name (PyCounters 0.6's report_start); pair it with reportEnd().
inline void reportStart(EventName name) noexcept
{
    Event(detail::cachedEvent(name)).start();
}

/// Raises an end event by name (PyCounters 0.6's report_end).
inline void reportEnd(EventName name) noexcept
{
    Event(detail::cachedEvent(name)).end();
}

} // namespace counters
