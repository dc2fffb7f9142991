// SPDX-License-Identifier: MIT
#include "defaultcharts.h"

#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"

#include <algorithm>
#include <numeric>

namespace dashboard {

QList<QList<SeriesKey>> DefaultCharts::groups(const CounterListModel &list,
                                              const QStringList &sourceOrder)
{
    QList<SeriesKey> percentiles, durations, averages, rates, others;
    QList<int> rows(list.rowCount());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(), [&list](int a, int b) {
        return list.index(a, 0).data(CounterListModel::NameRole).toString()
            < list.index(b, 0).data(CounterListModel::NameRole).toString();
    });
    for (int row : std::as_const(rows)) {
        const QModelIndex index = list.index(row, 0);
        if (!index.data(CounterListModel::NodeRole).toString().isEmpty()
            || !index.data(CounterListModel::ValueRole).isValid())
            continue;
        // A labelled family charts as one line, its total, not a line per series.
        if (!index.data(CounterListModel::FamilyRole).toString().isEmpty()
            && !isTotal(index.data(CounterListModel::NameRole).toString()))
            continue;
        const SeriesKey key = index.data(CounterListModel::SeriesKeyRole).value<SeriesKey>();
        const auto unit = counters::Unit(index.data(CounterListModel::UnitRole).toInt());
        const auto statistic =
            counters::Statistic(index.data(CounterListModel::StatisticRole).toInt());
        if (statistic == counters::Statistic::Median)
            percentiles.append(key);
        else if (unit == counters::Unit::Second)
            durations.append(key);
        else if (statistic == counters::Statistic::Mean
                 && index.data(CounterListModel::HasBandRole).toBool())
            averages.append(key);
        else if (unit == counters::Unit::PerSecond)
            rates.append(key);
        else
            others.append(key);
    }
    const auto firstSourceOnly = [&sourceOrder](const QList<SeriesKey> &group) {
        QString first;
        for (const SeriesKey &key : group) {
            if (first.isEmpty() || sourceOrder.indexOf(key.sourceId) < sourceOrder.indexOf(first))
                first = key.sourceId;
        }
        QList<SeriesKey> kept;
        for (const SeriesKey &key : group) {
            if (key.sourceId == first && kept.size() < MaxSeries)
                kept.append(key);
        }
        return kept;
    };
    QList<QList<SeriesKey>> groups;
    // Percentiles (a median line with p90 and p99 bands) tell more than mean durations.
    for (const QList<SeriesKey> &group :
         {percentiles.isEmpty() ? durations : percentiles, averages, rates}) {
        if (!group.isEmpty())
            groups.append(firstSourceOnly(group));
    }
    if (groups.isEmpty() && !others.isEmpty())
        groups.append(firstSourceOnly(others));
    if (groups.size() > 2)
        groups.remove(1); // durations and rates say the most; averages stay one click away
    return groups;
}

} // namespace dashboard
