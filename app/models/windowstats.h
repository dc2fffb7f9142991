// SPDX-License-Identifier: MIT
#pragma once

#include <counters/report/snapshot.h>

#include <optional>

namespace dashboard {

/**
 * The minimum, average and maximum of a counter's window, where the report tells them:
 * - from the row's own sub-values "min"/"max" (AverageWindow and AverageTime counters);
 * - from the row itself: its value is the average of an averaging counter, the minimum of a
 *   MinWindow, the maximum of a MaxWindow (and, for rows without a type, as the name says:
 *   `…_avg`, `…_min`, `…_max`);
 * - from sibling counters of the same event, named as in the PyCounters tutorial:
 *   `base_avg` / `base_min` / `base_max` (also `base_mean`, `base_average`, and with a dot).
 *
 * A plain value; of() is a pure function.
 */
struct WindowStats
{
    std::optional<double> min;
    std::optional<double> avg;
    std::optional<double> max;
    /// The row's own value is the window's average, so a min–max band around its line is
    /// meaningful (not so for a total whose event also has min/max counters).
    bool valueIsAverage = false;

    bool hasBand() const { return valueIsAverage && min && max; }

    static WindowStats of(const counters::Snapshot &snapshot, const counters::CounterRow &row);

    friend bool operator==(const WindowStats &a, const WindowStats &b)
    {
        return a.min == b.min && a.avg == b.avg && a.max == b.max
            && a.valueIsAverage == b.valueIsAverage;
    }
    friend bool operator!=(const WindowStats &a, const WindowStats &b) { return !(a == b); }
};

} // namespace dashboard
