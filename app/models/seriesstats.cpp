// SPDX-License-Identifier: MIT
#include "seriesstats.h"

#include "counterhistory.h"

#include <algorithm>

namespace dashboard {

SeriesStats SeriesStats::compute(const CounterHistory &history, double from, double to)
{
    SeriesStats stats;
    if (history.isEmpty() || !(from <= to))
        return stats;
    // Times increase strictly: bisect for the first point of the range.
    int low = 0;
    int high = history.size();
    while (low < high) {
        const int middle = low + (high - low) / 2;
        if (history.at(middle).time < from)
            low = middle + 1;
        else
            high = middle;
    }
    double sum = 0;
    for (int i = low; i < history.size(); ++i) {
        const HistoryPoint &point = history.at(i);
        if (point.time > to)
            break;
        if (!point.hasValue())
            continue;
        if (stats.count == 0) {
            stats.min = point.value;
            stats.max = point.value;
        } else {
            stats.min = std::min(stats.min, point.value);
            stats.max = std::max(stats.max, point.value);
        }
        sum += point.value;
        stats.current = point.value;
        ++stats.count;
    }
    if (stats.count > 0)
        stats.avg = sum / stats.count;
    return stats;
}

} // namespace dashboard
