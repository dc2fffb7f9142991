// SPDX-License-Identifier: MIT
#include "counter.h"

#include "counterlogging_p.h"
#include "shardpool_p.h"

namespace counters {

Counter::Counter(CounterType type, const QString &name, const QStringList &events)
    : m_name(name),
      m_events(events.isEmpty() ? QStringList{name} : events),
      m_type(type),
      m_unit(defaultUnit(type)),
      m_clock(Clock::system()),
      m_coarse(m_clock->coarseCell())
{
    startListening();
}

Counter::~Counter() = default;

void Counter::startListening() noexcept
{
    m_clock->refresh();
    m_listeningSince.store(m_clock->coarseNanoseconds(), std::memory_order_relaxed);
}

std::optional<double> Counter::value() const
{
    return row().value;
}

quint64 Counter::count() const
{
    return row().count;
}

CounterRow Counter::row() const
{
    m_clock->refresh();
    CounterRow row = read(m_clock->coarseNanoseconds());
    row.unit = m_unit;
    row.statistic = statisticOf(m_type);
    row.dropped = droppedEvents();
    row.family = m_family;
    row.labels = m_labels;
    if (m_overflowed)
        row.overflowed = m_overflowed->load(std::memory_order_relaxed);
    return row;
}

void Counter::setUnit(Unit unit)
{
    Q_ASSERT_X(!m_registered.load(std::memory_order_relaxed), "Counter::setUnit",
               "set the unit before registering the counter");
    m_unit = unit;
}

void Counter::setSeries(const QString &family, const Labels &labels)
{
    Q_ASSERT_X(!m_registered.load(std::memory_order_relaxed), "Counter::setSeries",
               "make the counter a series before registering it");
    Q_ASSERT(seriesName(family, labels) == m_name);
    m_family = family;
    m_labels = labels;
}

void Counter::setOverflowCount(std::shared_ptr<const std::atomic<quint64>> count)
{
    Q_ASSERT_X(!m_registered.load(std::memory_order_relaxed), "Counter::setOverflowCount",
               "set it before registering the counter");
    m_overflowed = std::move(count);
}

void Counter::setShards(std::shared_ptr<detail::ShardPool> shards)
{
    m_shardIndex = shards->index();
    m_shardSerial = shards->serial();
    m_shards = std::move(shards);
}

void Counter::clear()
{
    m_cleared.store(true, std::memory_order_relaxed);
    forget();
}

void Counter::forget() noexcept
{
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    startListening();
}

bool Counter::setClock(const Clock *clock)
{
    if (!clock || m_registered.load(std::memory_order_acquire)) {
        qCWarning(lcCounter, "counter %ls: %s", qUtf16Printable(m_name),
                  clock ? "cannot change the clock of a registered counter; unregister it first"
                        : "cannot read time from a null clock");
        return false;
    }
    useClock(clock);
    return true;
}

void Counter::useClock(const Clock *clock) noexcept
{
    if (clock == m_clock)
        return;
    const Clock *previous = m_clock;
    m_clock = clock;
    m_coarse = clock->coarseCell();
    m_systemClock = clock == Clock::system();
    clockChanged(previous);
    forget(); // as new: not "cleared", which Event and Total counters report as 0
}

} // namespace counters
