// SPDX-License-Identifier: MIT
#pragma once

#include <counters/event/event.h>

#include <functional>
#include <type_traits>
#include <utility>

namespace counters {

/**
 * Raises `event.start()` when constructed and `event.end()` when destroyed, also when the scope
 * is left by an exception. Not copyable or movable: one scope, one block.
 *
 *     void handle() { counters::ScopedEvent timed{requestEvent}; ... }
 */
class ScopedEvent
{
public:
    explicit ScopedEvent(Event event) noexcept : m_event(event) { m_event.start(); }
    ~ScopedEvent() { m_event.end(); }

    ScopedEvent(const ScopedEvent &) = delete;
    ScopedEvent &operator=(const ScopedEvent &) = delete;

private:
    Event m_event;
};

/**
 * Raises start, calls `f`, raises end (also when `f` throws; the exception propagates) and
 * returns what `f` returned: PyCounters 0.6's report_start_end as a wrapper.
 *
 *     auto reply = counters::reportStartEnd("request", [&] { return handle(data); });
 */
template <typename F>
decltype(auto) reportStartEnd(Event event, F &&f)
{
    ScopedEvent scope(event);
    return std::invoke(std::forward<F>(f));
}

template <typename F>
decltype(auto) reportStartEnd(EventName name, F &&f)
{
    return reportStartEnd(Event(detail::cachedEvent(name)), std::forward<F>(f));
}

} // namespace counters
