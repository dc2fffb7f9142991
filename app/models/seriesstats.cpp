// SPDX-License-Identifier: MIT
#include "seriesstats.h"

#include "counterhistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dashboard {

SeriesStats SeriesStats::compute(const CounterHistory &history, double from, double to)
{
    SeriesStats stats;
    if (history.isEmpty() || !(from <= to))
        return stats;
    // A roll-up counts as the readings it stands for: its mean weighs by their number, its
    // lowest and highest reading are the extremes.
    double sum = 0;
    const int first = history.lowerBound(from);
    const int end = history.lowerBound(std::nextafter(to, std::numeric_limits<double>::infinity()));
    history.visit(first, end, [&](const HistoryPoint &point) {
        if (!point.hasValue() || point.count == 0)
            return;
        if (stats.count == 0) {
            stats.min = point.low;
            stats.max = point.high;
        } else {
            stats.min = std::min(stats.min, point.low);
            stats.max = std::max(stats.max, point.high);
        }
        sum += point.value * point.count;
        stats.current = point.value;
        stats.count += int(point.count);
    });
    if (stats.count > 0)
        stats.avg = sum / stats.count;
    return stats;
}

} // namespace dashboard
