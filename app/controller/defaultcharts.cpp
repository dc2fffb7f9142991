// SPDX-License-Identifier: MIT
#include "defaultcharts.h"

#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"

#include <algorithm>

namespace dashboard {

QList<QList<SeriesKey>> DefaultCharts::groups(const CounterListModel &list,
                                              const QStringList &sourceOrder)
{
    // Each group charts its first names: a partial sort, as a report may have 400,000 rows.
    struct Candidate
    {
        QString name;
        SeriesKey key;
    };
    QList<Candidate> percentiles, durations, averages, rates, others;
    for (int row = 0; row < list.rowCount(); ++row) {
        const QModelIndex index = list.index(row, 0);
        if (!index.data(CounterListModel::NodeRole).toString().isEmpty()
            || !index.data(CounterListModel::ValueRole).isValid())
            continue;
        const QString name = index.data(CounterListModel::NameRole).toString();
        // A labelled family charts as one line, its total, not a line per series.
        if (!index.data(CounterListModel::FamilyRole).toString().isEmpty() && !isTotal(name))
            continue;
        const Candidate candidate{name,
                                  index.data(CounterListModel::SeriesKeyRole).value<SeriesKey>()};
        const auto unit = counters::Unit(index.data(CounterListModel::UnitRole).toInt());
        const auto statistic =
            counters::Statistic(index.data(CounterListModel::StatisticRole).toInt());
        if (statistic == counters::Statistic::Median)
            percentiles.append(candidate);
        else if (unit == counters::Unit::Second)
            durations.append(candidate);
        else if (statistic == counters::Statistic::Mean
                 && index.data(CounterListModel::HasBandRole).toBool())
            averages.append(candidate);
        else if (unit == counters::Unit::PerSecond)
            rates.append(candidate);
        else
            others.append(candidate);
    }
    const auto firstSourceOnly = [&sourceOrder](QList<Candidate> group) {
        QString first;
        for (const Candidate &candidate : std::as_const(group)) {
            const QString &source = candidate.key.sourceId;
            if (first.isEmpty() || sourceOrder.indexOf(source) < sourceOrder.indexOf(first))
                first = source;
        }
        group.removeIf([&first](const Candidate &c) { return c.key.sourceId != first; });
        const auto shown = group.begin() + std::min<qsizetype>(MaxSeries, group.size());
        std::partial_sort(group.begin(), shown, group.end(),
                          [](const Candidate &a, const Candidate &b) { return a.name < b.name; });
        QList<SeriesKey> kept;
        for (auto it = group.begin(); it != shown; ++it)
            kept.append(it->key);
        return kept;
    };
    QList<QList<SeriesKey>> groups;
    // Percentiles (a median line with p90 and p99 bands) tell more than mean durations.
    for (const QList<Candidate> &group :
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
