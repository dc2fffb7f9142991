// SPDX-License-Identifier: MIT
#include "seriesstats.h"

#include "counterhistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dashboard {

SeriesStats SeriesStats::compute(const CounterHistory &history, double from, double to)
{
    return compute(history, from, to, PointField::Value);
}

SeriesStats SeriesStats::compute(const CounterHistory &history, double from, double to,
                                 PointField field)
{
    SeriesStats stats;
    if (history.isEmpty() || !(from <= to))
        return stats;
    const bool isValue = field == PointField::Value;
    double sum = 0;
    const int first = history.lowerBound(from);
    const int end = history.lowerBound(std::nextafter(to, std::numeric_limits<double>::infinity()));
    history.visit(first, end, [&](const HistoryPoint &point) {
        const double v = point.field(field);
        if (std::isnan(v) || point.count == 0)
            return;
        const double low = isValue ? point.low : v;
        const double high = isValue ? point.high : v;
        const int weight = isValue ? int(point.count) : 1;
        if (stats.count == 0) {
            stats.min = low;
            stats.max = high;
        } else {
            stats.min = std::min(stats.min, low);
            stats.max = std::max(stats.max, high);
        }
        sum += v * weight;
        stats.current = v;
        stats.count += weight;
    });
    if (stats.count > 0)
        stats.avg = sum / stats.count;
    return stats;
}

} // namespace dashboard
