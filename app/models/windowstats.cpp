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
    case Statistic::Median:
        if (const auto sum = subValue(row, QStringLiteral("sum")); sum && row.count > 0)
            stats.avg = *sum / double(row.count);
        stats.p50 = subValue(row, QStringLiteral("p50"));
        if (!stats.p50)
            stats.p50 = row.value;
        stats.p90 = subValue(row, QStringLiteral("p90"));
        stats.p99 = subValue(row, QStringLiteral("p99"));
        break;
    default:
        break;
    }
    return stats;
}

WindowStats WindowStats::ofReadings(const counters::CounterRow &row, const SeriesStats &readings)
{
    WindowStats stats = of(row);
    if (row.statistic != counters::Statistic::Rate || row.window <= 0 || readings.isEmpty())
        return stats;
    stats.min = readings.min;
    stats.avg = readings.avg;
    stats.max = readings.max;
    stats.fromReadings = true;
    return stats;
}

} // namespace dashboard
