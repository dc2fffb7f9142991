// SPDX-License-Identifier: MIT
#include "counter.h"

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
    return row;
}

void Counter::setUnit(Unit unit)
{
    Q_ASSERT_X(!m_registered.load(std::memory_order_relaxed), "Counter::setUnit",
               "set the unit before registering the counter");
    m_unit = unit;
}

void Counter::setShards(std::shared_ptr<detail::ShardPool> shards)
{
    m_shardIndex = shards->index();
    m_shardSerial = shards->serial();
    m_shards = std::move(shards);
}

void Counter::clear()
{
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    startListening();
}

void Counter::setClock(const Clock *clock)
{
    Q_ASSERT(clock);
    const Clock *previous = m_clock;
    m_clock = clock;
    m_coarse = clock->coarseCell();
    m_systemClock = clock == Clock::system();
    clockChanged(previous);
    startListening();
}

} // namespace counters
