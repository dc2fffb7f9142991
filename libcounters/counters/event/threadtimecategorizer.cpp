// SPDX-License-Identifier: MIT
#include "threadtimecategorizer.h"

#include <algorithm>

namespace counters {

ThreadTimeCategorizer::ThreadTimeCategorizer(const QString &name, const QStringList &categories,
                                             const Clock *clock)
    : m_name(name), m_clock(clock)
{
    m_categories.reserve(std::size_t(categories.size()));
    for (const QString &category : categories) {
        if (indexOf(Event(category)) >= 0)
            continue; // listed twice
        m_categories.push_back({Event(category), Event(QString(name + u'.' + category)), 0});
    }
    // Blocks nest a few deep; the vector grows (allocating on the event path) only beyond.
    m_open.reserve(16);
    m_since = m_clock->preciseNanoseconds();
    startListening(Scope::ThisThread);
}

ThreadTimeCategorizer::~ThreadTimeCategorizer()
{
    stopListening();
}

QStringList ThreadTimeCategorizer::categories() const
{
    QStringList names;
    for (const Category &c : m_categories)
        names.append(c.event.name());
    return names;
}

int ThreadTimeCategorizer::indexOf(Event event) const noexcept
{
    // A handful of categories: a linear scan of pointers beats any hash.
    for (std::size_t i = 0; i < m_categories.size(); ++i) {
        if (m_categories[i].event == event)
            return int(i);
    }
    return -1;
}

void ThreadTimeCategorizer::accrue() noexcept
{
    const qint64 now = m_clock->preciseNanoseconds();
    if (!m_paused && !m_open.empty())
        m_categories[std::size_t(m_open.back())].nanoseconds += std::max<qint64>(now - m_since, 0);
    m_since = now;
}

int ThreadTimeCategorizer::eventKinds() const noexcept
{
    return EventListener::StartEvents | EventListener::EndEvents;
}

void ThreadTimeCategorizer::onEvent(Event event, EventListener::EventKind kind,
                                    double value) noexcept
{
    Q_UNUSED(value);
    const int index = indexOf(event);
    if (index < 0)
        return;
    if (kind == EventListener::StartEvents) {
        accrue();
        m_open.push_back(index);
        return;
    }
    const auto innermost = std::find(m_open.rbegin(), m_open.rend(), index);
    if (innermost == m_open.rend())
        return; // an end without its start
    accrue();
    m_open.erase(std::prev(innermost.base()), m_open.end());
}

QList<std::pair<QString, double>> ThreadTimeCategorizer::times() const
{
    QList<std::pair<QString, double>> result;
    result.reserve(qsizetype(m_categories.size()));
    for (std::size_t i = 0; i < m_categories.size(); ++i)
        result.append({m_categories[i].total.name(), secondsOf(i)});
    return result;
}

double ThreadTimeCategorizer::time(QStringView category) const
{
    for (std::size_t i = 0; i < m_categories.size(); ++i) {
        if (m_categories[i].event.name() == category)
            return secondsOf(i);
    }
    return 0;
}

double ThreadTimeCategorizer::secondsOf(std::size_t index) const
{
    qint64 ns = m_categories[index].nanoseconds;
    if (!m_paused && !m_open.empty() && std::size_t(m_open.back()) == index)
        ns += std::max<qint64>(m_clock->preciseNanoseconds() - m_since, 0);
    return double(ns) / 1e9;
}

void ThreadTimeCategorizer::raiseValueEvents(bool clear)
{
    accrue();
    for (const Category &c : m_categories)
        c.total.value(double(c.nanoseconds) / 1e9);
    if (clear)
        this->clear();
}

void ThreadTimeCategorizer::clear()
{
    accrue();
    for (Category &c : m_categories)
        c.nanoseconds = 0;
}

void ThreadTimeCategorizer::pause()
{
    if (m_paused)
        return;
    accrue();
    m_paused = true;
}

void ThreadTimeCategorizer::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_since = m_clock->preciseNanoseconds();
}

} // namespace counters
