// SPDX-License-Identifier: MIT
#include "windowstats.h"

namespace dashboard {

namespace {

std::optional<double> subValue(const counters::CounterRow &row, const QString &key)
{
    const auto it = row.subValues.constFind(key);
    if (it == row.subValues.cend())
        return std::nullopt;
    return *it;
}

} // namespace

WindowStats WindowStats::of(const counters::CounterRow &row)
{
    using counters::Statistic;
    WindowStats stats;
    stats.min = subValue(row, QStringLiteral("min"));
    stats.max = subValue(row, QStringLiteral("max"));
    switch (row.statistic) {
    case Statistic::Mean:
        stats.avg = row.value;
        stats.valueIsAverage = true;
        // An empty window has no statistics at all.
        if (!row.value) {
            stats.min.reset();
            stats.max.reset();
        }
        break;
    case Statistic::Min:
        if (!stats.min)
            stats.min = row.value;
        break;
    case Statistic::Max:
        if (!stats.max)
            stats.max = row.value;
        break;
    default:
        break;
    }
    return stats;
}

} // namespace dashboard
