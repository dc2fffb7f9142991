// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/event/alleventslistener.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace counters {

/**
 * Adds up the values of one thread's value events per event name, and raises the sums as
 * value events when asked: at the end of a request, say, how many rows its queries returned in
 * all (PyCounters 0.6's ValueAccumulator).
 *
 *     counters::ValueAccumulator perRequest(QStringLiteral("request"));
 *     ...                                // counters::reportValue("rows", n) a few times
 *     perRequest.raiseValueEvents(true); // "request.rows": the sum; then starts over
 *
 * It listens to the value events of the thread that constructed it, from construction to
 * destruction, and is used on that thread only. Its own raised events are not accumulated.
 * Values that are not finite are skipped.
 */
class COUNTERS_CORE_EXPORT ValueAccumulator final : public AllEventsListener
{
public:
    /**
     * Accumulates the values of `events` (every value event of this thread when empty). The
     * sums are raised as `<prefix>.<event>`, or under the events' own names when `prefix` is
     * empty. Starts listening at once.
     */
    explicit ValueAccumulator(const QString &prefix = {}, const QStringList &events = {});
    ~ValueAccumulator();

    const QString &prefix() const noexcept { return m_prefix; }

    /// The sums so far as (event name, sum), sorted by name.
    QList<std::pair<QString, double>> values() const;
    /// The sum of `event`'s values so far; 0 when it had none.
    double value(QStringView event) const;

    /// Raises each sum, sorted by event name, as a value event (see the constructor), then
    /// forgets the sums when `clear` is true.
    void raiseValueEvents(bool clear = false);
    /// Forgets the sums.
    void clear() noexcept { m_sums.clear(); }

    int eventKinds() const noexcept override;
    void onEvent(Event event, EventListener::EventKind kind, double value) noexcept override;

private:
    struct Sum
    {
        Event event;
        double sum = 0;
    };
    std::vector<Sum> sortedSums() const;
    Event totalOf(Event event);

    QString m_prefix;
    std::vector<Event> m_events; ///< the events to accumulate; empty: all
    std::vector<Sum> m_sums;     ///< in order of first appearance
    /// Each event's `<prefix>.<event>`, kept across clear() (interning takes a lock).
    std::vector<std::pair<Event, Event>> m_totals;
    bool m_raising = false;
};

} // namespace counters
