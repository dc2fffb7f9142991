// SPDX-License-Identifier: MIT
#pragma once

// PyCounters 0.6's shortcuts as C++ idioms. Each raises events by name and, the first time a name
// is used (and again after its counter was unregistered), makes sure Registry::global() has a
// counter of that name: it adds one of the default type (the template argument; NoCounter adds
// none) or reuses an existing counter of that name, whatever its type.
//
// A counter of another type may ignore what the shortcut raises: `counters::time("x", f)` when
// "x" is an AverageWindowCounter (which hears only values) records nothing, and so does
// `counters::occurrence("x")` when "x" times blocks (an end without a start is dropped). The
// shortcut then warns once per name in "counters.counter" and mismatchedShortcuts() lists the
// name. The check runs when the shortcut looks the name up (once per thread until a counter is
// registered or unregistered), never per event.
//
//     int reply = counters::time("requests_time", [&] { return handle(request); });
//     counters::frequency<counters::WindowCounter>("jobs", [&] { runJob(); });
//     counters::value("queue_length", queue.size());
//     auto rows = counters::timePercentiles("query_time", [&] { return db.query(sql); });
//     counters::occurrence("cache_miss");
//     void handle() { COUNTERS_TIME_SCOPE("requests_time"); ... }
//
// Each shortcut also takes labels after the name: the name is then a counter family's (see
// Family), the labels choose its series. A family of that name in Registry::global() is used
// as it is; otherwise the first call adds one of the default type over the labels' names
// (with Family's series limit), which lives as long as the process.
//
//     counters::value("queue_length", {{"queue", queueName}}, queue.size());
//     counters::time("request_time", {{"route", route}, {"method", method}}, [&] { ... });
//
// The check costs a per-thread cache lookup (a labelled shortcut: a lock and a hash of the
// labels, see labelledEvent()); hold an Event for the cheapest path.

#include <counters/counter/averagetimecounter.h>
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/family.h>
#include <counters/counter/frequencycounter.h>
#include <counters/counter/percentilewindowcounter.h>
#include <counters/event/scopedevent.h>

#include <memory>
#include <type_traits>

namespace counters {

/// As the shortcuts' counter type: raise the events, add no counter.
struct NoCounter
{
};

/**
 * The names for which a shortcut found a counter that records none of the events it raises
 * (see above), in the order found; each is also logged once. Thread-safe.
 */
COUNTERS_CORE_EXPORT QStringList mismatchedShortcuts();

namespace detail {

/// The slot of `name`, after making sure Registry::global() has a counter of that name that
/// hears the events the shortcut raises (`raised`: EventListener::EventKind bits), or warning.
COUNTERS_CORE_EXPORT EventSlot *ensureCounter(EventName name, CounterFactory make, int raised);
/// The same for the series `labels` of family `family` (seriesByName()).
COUNTERS_CORE_EXPORT Event ensureSeries(EventName family, const Labels &labels, CounterFactory make,
                                        int raised);

/// What a shortcut raises: start and end events around a call, an end event, a value event.
inline constexpr int kRaisesBlocks = EventListener::StartEvents | EventListener::EndEvents;
inline constexpr int kRaisesEnd = EventListener::EndEvents;
inline constexpr int kRaisesValue = EventListener::ValueEvents;

template <typename T>
std::shared_ptr<Counter> makeCounter(const QString &name)
{
    return std::make_shared<T>(name);
}

/// A counter for the time shortcuts: one that times blocks (it listens to start events) has
/// durations for values, so its unit is seconds (a PercentileWindowCounter cannot tell).
template <typename T>
std::shared_ptr<Counter> makeTimingCounter(const QString &name)
{
    auto counter = std::make_shared<T>(name);
    if (counter->eventKinds() & EventListener::StartEvents)
        counter->setUnit(Unit::Second);
    return counter;
}

template <typename AutoAdd>
Event timingEvent(EventName name)
{
    if constexpr (std::is_same_v<AutoAdd, NoCounter>)
        return Event(cachedEvent(name));
    else
        return Event(ensureCounter(name, &makeTimingCounter<AutoAdd>, kRaisesBlocks));
}

template <typename AutoAdd>
Event shortcutEvent(EventName name, int raised = kRaisesBlocks)
{
    if constexpr (std::is_same_v<AutoAdd, NoCounter>)
        return Event(cachedEvent(name));
    else
        return Event(ensureCounter(name, &makeCounter<AutoAdd>, raised));
}

template <typename AutoAdd>
Event timingSeries(EventName family, const Labels &labels)
{
    if constexpr (std::is_same_v<AutoAdd, NoCounter>)
        return labelledEvent(family, labels);
    else
        return ensureSeries(family, labels, &makeTimingCounter<AutoAdd>, kRaisesBlocks);
}

template <typename AutoAdd>
Event shortcutSeries(EventName family, const Labels &labels, int raised = kRaisesBlocks)
{
    if constexpr (std::is_same_v<AutoAdd, NoCounter>)
        return labelledEvent(family, labels);
    else
        return ensureSeries(family, labels, &makeCounter<AutoAdd>, raised);
}

} // namespace detail

/// Times `f` (start/end events) into an AverageTimeCounter by default; returns what f returns.
template <typename AutoAdd = AverageTimeCounter, typename F>
decltype(auto) time(EventName name, F &&f)
{
    return reportStartEnd(detail::timingEvent<AutoAdd>(name), std::forward<F>(f));
}

/// time() into the series `labels` of family `family`.
template <typename AutoAdd = AverageTimeCounter, typename F>
decltype(auto) time(EventName family, const Labels &labels, F &&f)
{
    return reportStartEnd(detail::timingSeries<AutoAdd>(family, labels), std::forward<F>(f));
}
/// Times `f` into a PercentileWindowCounter (p50/p90/p99 of the durations over five minutes,
/// in seconds) by default; returns what f returns.
template <typename AutoAdd = PercentileWindowCounter, typename F>
decltype(auto) timePercentiles(EventName name, F &&f)
{
    return reportStartEnd(detail::timingEvent<AutoAdd>(name), std::forward<F>(f));
}

/// timePercentiles() into the series `labels` of family `family`.
template <typename AutoAdd = PercentileWindowCounter, typename F>
decltype(auto) timePercentiles(EventName family, const Labels &labels, F &&f)
{
    return reportStartEnd(detail::timingSeries<AutoAdd>(family, labels), std::forward<F>(f));
}
/// Counts calls of `f` per second into a FrequencyCounter by default.
template <typename AutoAdd = FrequencyCounter, typename F>
decltype(auto) frequency(EventName name, F &&f)
{
    return reportStartEnd(detail::shortcutEvent<AutoAdd>(name), std::forward<F>(f));
}

/// frequency() into the series `labels` of family `family`.
template <typename AutoAdd = FrequencyCounter, typename F>
decltype(auto) frequency(EventName family, const Labels &labels, F &&f)
{
    return reportStartEnd(detail::shortcutSeries<AutoAdd>(family, labels), std::forward<F>(f));
}
/// Counts calls of `f` into an EventCounter by default.
template <typename AutoAdd = EventCounter, typename F>
decltype(auto) count(EventName name, F &&f)
{
    return reportStartEnd(detail::shortcutEvent<AutoAdd>(name), std::forward<F>(f));
}

/// count() into the series `labels` of family `family`.
template <typename AutoAdd = EventCounter, typename F>
decltype(auto) count(EventName family, const Labels &labels, F &&f)
{
    return reportStartEnd(detail::shortcutSeries<AutoAdd>(family, labels), std::forward<F>(f));
}
/// One occurrence (an end event) into a FrequencyCounter by default.
template <typename AutoAdd = FrequencyCounter>
void occurrence(EventName name)
{
    detail::shortcutEvent<AutoAdd>(name, detail::kRaisesEnd).end();
}

/// occurrence() into the series `labels` of family `family`.
template <typename AutoAdd = FrequencyCounter>
void occurrence(EventName family, const Labels &labels)
{
    detail::shortcutSeries<AutoAdd>(family, labels, detail::kRaisesEnd).end();
}
/// A value event into an AverageWindowCounter by default.
template <typename AutoAdd = AverageWindowCounter>
void value(EventName name, double v)
{
    detail::shortcutEvent<AutoAdd>(name, detail::kRaisesValue).value(v);
}
/// value() into the series `labels` of family `family`.
template <typename AutoAdd = AverageWindowCounter>
void value(EventName family, const Labels &labels, double v)
{
    detail::shortcutSeries<AutoAdd>(family, labels, detail::kRaisesValue).value(v);
}

} // namespace counters

#define COUNTERS_CONCAT_IMPL(a, b) a##b
#define COUNTERS_CONCAT(a, b) COUNTERS_CONCAT_IMPL(a, b)

/// Times the rest of the enclosing scope into an AverageTimeCounter named `name`.
#define COUNTERS_TIME_SCOPE(name)                                                                  \
    const ::counters::ScopedEvent COUNTERS_CONCAT(countersScope_, __LINE__)(                       \
        ::counters::detail::timingEvent<::counters::AverageTimeCounter>(name))
/// Times the rest of the enclosing scope into a PercentileWindowCounter named `name` (seconds).
#define COUNTERS_TIME_PERCENTILES_SCOPE(name)                                                      \
    const ::counters::ScopedEvent COUNTERS_CONCAT(countersScope_, __LINE__)(                       \
        ::counters::detail::timingEvent<::counters::PercentileWindowCounter>(name))
/// Counts the enclosing scope's executions per second into a FrequencyCounter named `name`.
#define COUNTERS_FREQUENCY_SCOPE(name)                                                             \
    const ::counters::ScopedEvent COUNTERS_CONCAT(countersScope_, __LINE__)(                       \
        ::counters::detail::shortcutEvent<::counters::FrequencyCounter>(name))
/// Counts the enclosing scope's executions into an EventCounter named `name`.
#define COUNTERS_COUNT_SCOPE(name)                                                                 \
    const ::counters::ScopedEvent COUNTERS_CONCAT(countersScope_, __LINE__)(                       \
        ::counters::detail::shortcutEvent<::counters::EventCounter>(name))
