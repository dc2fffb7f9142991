// SPDX-License-Identifier: MIT
#include "windowstats.h"

#include <QLatin1String>

namespace dashboard {

namespace {

using counters::CounterRow;
using counters::CounterType;

enum class Stat { Min, Avg, Max };

constexpr QLatin1String kAvgSuffixes[] = {
    QLatin1String("_avg"), QLatin1String("_average"), QLatin1String("_mean"),
    QLatin1String(".avg"), QLatin1String(".average"), QLatin1String(".mean"),
};
constexpr QLatin1String kMinSuffixes[] = {QLatin1String("_min"), QLatin1String(".min")};
constexpr QLatin1String kMaxSuffixes[] = {QLatin1String("_max"), QLatin1String(".max")};

template <std::size_t N>
QLatin1String suffixOf(const QString &name, const QLatin1String (&suffixes)[N])
{
    for (const QLatin1String &suffix : suffixes) {
        if (name.size() > suffix.size() && name.endsWith(suffix))
            return suffix;
    }
    return QLatin1String();
}

/// The event's name as the tutorial's naming spells it: the name without a statistic suffix.
QString baseName(const QString &name)
{
    for (const QLatin1String suffix : {suffixOf(name, kAvgSuffixes), suffixOf(name, kMinSuffixes),
                                       suffixOf(name, kMaxSuffixes)}) {
        if (!suffix.isEmpty())
            return name.left(name.size() - suffix.size());
    }
    return name;
}

bool isAverage(CounterType type)
{
    return type == CounterType::AverageWindow || type == CounterType::AverageTime;
}

bool fits(CounterType type, Stat stat)
{
    switch (stat) {
    case Stat::Min:
        return type == CounterType::MinWindow || type == CounterType::Unknown;
    case Stat::Max:
        return type == CounterType::MaxWindow || type == CounterType::Unknown;
    case Stat::Avg:
        return isAverage(type) || type == CounterType::Unknown;
    }
    return false;
}

template <std::size_t N>
std::optional<double> sibling(const counters::Snapshot &snapshot, const CounterRow &row,
                              const QString &base, const QLatin1String (&suffixes)[N], Stat stat)
{
    for (const QLatin1String &suffix : suffixes) {
        const CounterRow *other = snapshot.row(QString(base + suffix));
        if (other && other->name != row.name && other->value && fits(other->type, stat))
            return other->value;
    }
    return std::nullopt;
}

std::optional<double> subValue(const CounterRow &row, QLatin1String key)
{
    const auto it = row.subValues.constFind(QString(key));
    if (it == row.subValues.cend())
        return std::nullopt;
    return *it;
}

} // namespace

WindowStats WindowStats::of(const counters::Snapshot &snapshot, const CounterRow &row)
{
    WindowStats stats;
    stats.min = subValue(row, QLatin1String("min"));
    stats.max = subValue(row, QLatin1String("max"));

    switch (row.type) {
    case CounterType::AverageWindow:
    case CounterType::AverageTime:
        stats.avg = row.value;
        stats.valueIsAverage = true;
        break;
    case CounterType::MinWindow:
        if (!stats.min)
            stats.min = row.value;
        break;
    case CounterType::MaxWindow:
        if (!stats.max)
            stats.max = row.value;
        break;
    case CounterType::Unknown:
        if (!suffixOf(row.name, kAvgSuffixes).isEmpty()) {
            stats.avg = row.value;
            stats.valueIsAverage = true;
        } else if (!suffixOf(row.name, kMinSuffixes).isEmpty() && !stats.min) {
            stats.min = row.value;
        } else if (!suffixOf(row.name, kMaxSuffixes).isEmpty() && !stats.max) {
            stats.max = row.value;
        }
        break;
    default:
        break;
    }

    const QString base = baseName(row.name);
    if (!stats.min)
        stats.min = sibling(snapshot, row, base, kMinSuffixes, Stat::Min);
    if (!stats.max)
        stats.max = sibling(snapshot, row, base, kMaxSuffixes, Stat::Max);
    if (!stats.avg)
        stats.avg = sibling(snapshot, row, base, kAvgSuffixes, Stat::Avg);
    // An empty window has no statistics at all, whatever the sibling counters say.
    if (stats.valueIsAverage && !row.value) {
        stats.min.reset();
        stats.max.reset();
    }
    return stats;
}

} // namespace dashboard
