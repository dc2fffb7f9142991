// SPDX-License-Identifier: MIT
#include "defaultcharts.h"

#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"

#include <algorithm>

namespace dashboard {

void DefaultCharts::Pick::offer(const SeriesKey &key, qsizetype rank)
{
    if (rank > source || (rank == source && sourceId != key.sourceId))
        return;
    if (rank < source) {
        source = rank;
        sourceId = key.sourceId;
        keys.clear();
    }
    const auto at =
        std::upper_bound(keys.begin(), keys.end(), key, [](const SeriesKey &a, const SeriesKey &b) {
            return a.counter < b.counter;
        });
    if (at - keys.begin() >= MaxSeries)
        return;
    keys.insert(at, key);
    if (keys.size() > MaxSeries)
        keys.removeLast();
}

void DefaultCharts::reset()
{
    for (Pick *pick : {&m_percentiles, &m_durations, &m_averages, &m_rates, &m_levels, &m_others})
        *pick = Pick();
    m_rowsRead = 0;
}

void DefaultCharts::update(const CounterListModel &list, const QStringList &sourceOrder)
{
    if (m_list != &list || m_kindRevision != list.kindRevision() || m_sourceOrder != sourceOrder
        || m_rowsRead > list.rowCount()) {
        reset();
        m_list = &list;
        m_kindRevision = list.kindRevision();
        m_sourceOrder = sourceOrder;
    }
    // Each kind keeps only what it will chart, its first names of its first source, in one
    // pass without copies.
    const QString *lastSource = nullptr;
    qsizetype rank = -1;
    for (int row = m_rowsRead; row < list.rowCount(); ++row) {
        const SeriesKey &key = list.keyAt(row);
        const counters::CounterRow &counter = list.counterRow(row);
        if (key.isNode() || !counter.value)
            continue;
        // A labelled family charts as one line, its total, not a line per series.
        if (!counter.family.isEmpty() && !isTotal(key.counter))
            continue;
        if (!lastSource || *lastSource != key.sourceId) {
            lastSource = &key.sourceId;
            rank = sourceOrder.indexOf(key.sourceId);
        }
        Pick *pick = &m_others;
        if (counter.statistic == counters::Statistic::Median)
            pick = &m_percentiles;
        else if (counter.statistic == counters::Statistic::Current)
            pick = &m_levels; // a gauge: queue lengths, busy threads, whatever its unit
        else if (counter.unit == counters::Unit::Second)
            pick = &m_durations;
        else if (counter.statistic == counters::Statistic::Mean && list.windowStats(row).hasBand())
            pick = &m_averages;
        else if (counter.unit == counters::Unit::PerSecond)
            pick = &m_rates;
        pick->offer(key, rank);
    }
    m_rowsRead = list.rowCount();
}

QList<QList<SeriesKey>> DefaultCharts::groups() const
{
    QList<QList<SeriesKey>> groups;
    // Percentiles (a median line with p90 and p99 bands) tell more than mean durations.
    for (const Pick *pick :
         {m_percentiles.keys.isEmpty() ? &m_durations : &m_percentiles, &m_averages, &m_rates}) {
        if (!pick->keys.isEmpty())
            groups.append(pick->keys);
    }
    if (groups.isEmpty() && !m_others.keys.isEmpty())
        groups.append(m_others.keys);
    if (groups.size() > 2)
        groups.remove(1); // durations and rates say the most; averages stay one click away
    // Levels (gauges) say what the service holds right now: a chart of their own.
    if (!m_levels.keys.isEmpty())
        groups.append(m_levels.keys);
    return groups;
}

QList<QList<SeriesKey>> DefaultCharts::groups(const CounterListModel &list,
                                              const QStringList &sourceOrder)
{
    DefaultCharts charts;
    charts.update(list, sourceOrder);
    return charts.groups();
}

} // namespace dashboard
