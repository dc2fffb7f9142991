// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <optional>

namespace dashboard {

/**
 * The minimum, average and maximum of a counter's window, as its row says them (what a row's
 * value is travels with it: CounterRow::statistic):
 * - "min"/"max" sub-values are the window's extremes (averaging and percentile counters, and
 *   PyCounters rows whose `_min`/`_max` siblings the report reader folded in);
 * - the value itself is the average of a Mean row, the minimum of a Min row, the maximum of a
 *   Max row.
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

    static WindowStats of(const counters::CounterRow &row);

    friend bool operator==(const WindowStats &a, const WindowStats &b)
    {
        return a.min == b.min && a.avg == b.avg && a.max == b.max
            && a.valueIsAverage == b.valueIsAverage;
    }
    friend bool operator!=(const WindowStats &a, const WindowStats &b) { return !(a == b); }
};

} // namespace dashboard
