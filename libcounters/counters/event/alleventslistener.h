// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/event/event.h>
#include <counters/event/eventlistener.h>

namespace counters {

/**
 * A listener that sees every event, whatever its name: of the whole process, or of the one
 * thread that started it (PyCounters 0.6's catch-all and thread-specific listeners). The
 * utilities built on it (EventLogger, ThreadTimeCategorizer, ValueAccumulator) show the use.
 *
 * Subclasses say which kinds of events they want (eventKinds(), read once by
 * startListening()) and receive each in onEvent(), on the thread that raised it, possibly on
 * many threads at once for Scope::Process. Catch-all listeners hear an event before the
 * counters of its name do. onEvent() must not block or throw, and must not take the locks of
 * registration, which wait for deliveries to end: no Registry or Family call of any kind, no
 * Event made from a name (keep handles made before), no starting or stopping listeners. Events
 * raised from it are delivered as usual.
 *
 * Cost. With none listening, raising an event costs what it always did (one load and one
 * branch): starting or stopping a listener updates a flag in every event name instead. While
 * one listens, every event of the kinds it wants takes the call into the library (a few
 * nanoseconds) on every thread, also for a Scope::ThisThread listener, whose thread check
 * happens there (Event::hasListeners() is then true everywhere). Starting and stopping take the
 * registration lock, and walk every event name when they change which kinds some listener
 * wants: do it per request at most, not per event.
 *
 * Lifetime. stopListening() returns once no thread delivers to the listener any more, so the
 * listener may then be destroyed. A subclass must stop listening in its own destructor (the
 * base's would be too late: other threads could be calling the subclass's onEvent()).
 */
class COUNTERS_CORE_EXPORT AllEventsListener
{
public:
    enum class Scope {
        Process,    ///< Every event of every thread.
        ThisThread, ///< Only the events of the thread that called startListening().
    };

    AllEventsListener(const AllEventsListener &) = delete;
    AllEventsListener &operator=(const AllEventsListener &) = delete;

    /// Starts receiving events. False (and nothing changes) when already listening.
    bool startListening(Scope scope);
    /**
     * Stops receiving events; a no-op when not listening. Called from another thread than a
     * ThisThread listener's, or for a Process listener, it waits until no thread is inside
     * onEvent() any more (a grace period: microseconds, plus any onEvent() in progress).
     */
    void stopListening();
    bool isListening() const noexcept { return m_listening; }
    /// The scope of the last startListening().
    Scope scope() const noexcept { return m_scope; }

    /// Which kinds of events this listener wants (EventListener::EventKind bits).
    virtual int eventKinds() const noexcept = 0;
    /// One event: its handle (name() and identity), kind, and value (0 for start and end).
    virtual void onEvent(Event event, EventListener::EventKind kind, double value) noexcept = 0;

protected:
    AllEventsListener() = default;
    /// Warns (in "counters.event") when still listening: the subclass forgot to stop.
    ~AllEventsListener();

private:
    bool m_listening = false;
    Scope m_scope = Scope::Process;
    quint64 m_thread = 0;
};

} // namespace counters
