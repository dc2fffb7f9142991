// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

namespace counters {

/**
 * What the event layer delivers events to. Counters implement it; the event layer knows
 * nothing else about them, so that events sit below counters.
 *
 * Delivery happens on the thread that raised the event, possibly on many threads at once, and
 * must not block or throw: each call is one virtual call on the recording path. Which kinds a
 * listener receives is read once, when it starts listening (eventKinds()).
 *
 * A listener is not owned by the event layer; whoever registers it (a Registry) keeps it alive
 * until no thread can still be delivering to it (see detail::retire()).
 */
class COUNTERS_CORE_EXPORT EventListener
{
public:
    /// The kinds of events: a bit set, as eventKinds() returns it.
    enum EventKind { ValueEvents = 1, StartEvents = 2, EndEvents = 4 };

    /// Which kinds of events this listener wants (EventKind bits).
    virtual int eventKinds() const noexcept = 0;

    /// An event with a value (Event::value(), counters::value()).
    virtual void onValue(double value) noexcept = 0;
    /// The start of a timed block.
    virtual void onStart() noexcept { }
    /// The end of a timed block.
    virtual void onEnd() noexcept { }

protected:
    EventListener() = default;
    EventListener(const EventListener &) = default;
    EventListener &operator=(const EventListener &) = default;
    ~EventListener() = default;
};

} // namespace counters
