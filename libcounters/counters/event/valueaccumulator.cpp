// SPDX-License-Identifier: MIT
#include "valueaccumulator.h"

#include <algorithm>
#include <cmath>

namespace counters {

ValueAccumulator::ValueAccumulator(const QString &prefix, const QStringList &events)
    : m_prefix(prefix)
{
    for (const QString &name : events)
        m_events.emplace_back(name);
    // A request raises a few names: no allocation on the event path until beyond.
    m_sums.reserve(16);
    startListening(Scope::ThisThread);
}

ValueAccumulator::~ValueAccumulator()
{
    stopListening();
}

int ValueAccumulator::eventKinds() const noexcept
{
    return EventListener::ValueEvents;
}

void ValueAccumulator::onEvent(Event event, EventListener::EventKind kind, double value) noexcept
{
    Q_UNUSED(kind);
    if (m_raising || !std::isfinite(value))
        return;
    if (!m_events.empty()
        && std::find(m_events.cbegin(), m_events.cend(), event) == m_events.cend())
        return;
    for (Sum &s : m_sums) {
        if (s.event == event) {
            s.sum += value;
            return;
        }
    }
    m_sums.push_back({event, value});
}

std::vector<ValueAccumulator::Sum> ValueAccumulator::sortedSums() const
{
    std::vector<Sum> sums = m_sums;
    std::sort(sums.begin(), sums.end(),
              [](const Sum &a, const Sum &b) { return a.event.name() < b.event.name(); });
    return sums;
}

QList<std::pair<QString, double>> ValueAccumulator::values() const
{
    QList<std::pair<QString, double>> result;
    for (const Sum &s : sortedSums())
        result.append({s.event.name(), s.sum});
    return result;
}

double ValueAccumulator::value(QStringView event) const
{
    for (const Sum &s : m_sums) {
        if (s.event.name() == event)
            return s.sum;
    }
    return 0;
}

Event ValueAccumulator::totalOf(Event event)
{
    if (m_prefix.isEmpty())
        return event;
    for (const auto &[accumulated, total] : m_totals) {
        if (accumulated == event)
            return total;
    }
    m_totals.emplace_back(event, Event(QString(m_prefix + u'.' + event.name())));
    return m_totals.back().second;
}

void ValueAccumulator::raiseValueEvents(bool clear)
{
    // Not accumulated again (PyCounters 0.6 meant to do the same, but its flag stayed set, so
    // that it stopped accumulating after the first raise).
    m_raising = true;
    for (const Sum &s : sortedSums())
        totalOf(s.event).value(s.sum);
    m_raising = false;
    if (clear)
        this->clear();
}

} // namespace counters
