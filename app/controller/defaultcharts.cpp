// SPDX-License-Identifier: MIT
#include "defaultcharts.h"

#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"

#include <algorithm>
#include <limits>

namespace dashboard {

QList<QList<SeriesKey>> DefaultCharts::groups(const CounterListModel &list,
                                              const QStringList &sourceOrder)
{
    // Each kind keeps only what it will chart, its first names of its first source, in one
    // pass without copies: a report may have 400,000 rows, and this runs every frame.
    struct Pick
    {
        // The source picked, and its rank in sourceOrder (-1: a source not in it; of sources
        // of the same rank the first met).
        QString sourceId;
        qsizetype source = std::numeric_limits<qsizetype>::max();
        QList<SeriesKey> keys; // sorted by name, MaxSeries at most
        void offer(const SeriesKey &key, qsizetype rank)
        {
            if (rank > source || (rank == source && sourceId != key.sourceId))
                return;
            if (rank < source) {
                source = rank;
                sourceId = key.sourceId;
                keys.clear();
            }
            const auto at = std::upper_bound(
                keys.begin(), keys.end(), key,
                [](const SeriesKey &a, const SeriesKey &b) { return a.counter < b.counter; });
            if (at - keys.begin() >= MaxSeries)
                return;
            keys.insert(at, key);
            if (keys.size() > MaxSeries)
                keys.removeLast();
        }
    };
    Pick percentiles, durations, averages, rates, others;
    const QString *lastSource = nullptr;
    qsizetype rank = -1;
    for (int row = 0; row < list.rowCount(); ++row) {
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
        Pick *pick = &others;
        if (counter.statistic == counters::Statistic::Median)
            pick = &percentiles;
        else if (counter.unit == counters::Unit::Second)
            pick = &durations;
        else if (counter.statistic == counters::Statistic::Mean && list.windowStats(row).hasBand())
            pick = &averages;
        else if (counter.unit == counters::Unit::PerSecond)
            pick = &rates;
        pick->offer(key, rank);
    }
    QList<QList<SeriesKey>> groups;
    // Percentiles (a median line with p90 and p99 bands) tell more than mean durations.
    for (const Pick *pick :
         {percentiles.keys.isEmpty() ? &durations : &percentiles, &averages, &rates}) {
        if (!pick->keys.isEmpty())
            groups.append(pick->keys);
    }
    if (groups.isEmpty() && !others.keys.isEmpty())
        groups.append(others.keys);
    if (groups.size() > 2)
        groups.remove(1); // durations and rates say the most; averages stay one click away
    return groups;
}

} // namespace dashboard
