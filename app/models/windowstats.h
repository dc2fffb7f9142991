// SPDX-License-Identifier: MIT
#pragma once

#include "seriesstats.h"

#include <counters/base/snapshot.h>

#include <optional>

namespace dashboard {

/**
 * The minimum, average, maximum and percentiles of a counter's window, as its row says them
 * (what a row's value is travels with it: CounterRow::statistic):
 * - "min"/"max" sub-values are the window's extremes (averaging and percentile counters, and
 *   PyCounters rows whose `_min`/`_max` siblings the report reader folded in);
 * - the value itself is the average of a Mean row, the minimum of a Min row, the maximum of a
 *   Max row;
 * - a Median row's (a percentile counter's) average is its window's "sum" over its count, and
 *   its "p50", "p90" and "p99" sub-values are its percentiles.
 *
 * A rate's window has no extremes of its own: ofReadings() gives the smallest, mean and
 * largest of the rates reported during its window instead (`fromReadings`).
 *
 * A plain value; of() is a pure function.
 */
struct WindowStats
{
    std::optional<double> min;
    std::optional<double> avg;
    std::optional<double> max;
    std::optional<double> p50;
    std::optional<double> p90;
    std::optional<double> p99;
    /// min, avg and max are those of the readings of a rate over its window (ofReadings()),
    /// not the window's own.
    bool fromReadings = false;
    /// The row's own value is the window's average, so a min–max band around its line is
    /// meaningful (not so for a total whose event also has min/max counters).
    bool valueIsAverage = false;

    bool hasBand() const { return valueIsAverage && min && max; }

    static WindowStats of(const counters::CounterRow &row);
    /// of(`row`), with min, avg and max from `readings` (the row's values over its window:
    /// SeriesStats of its history) when the row is a rate with a window.
    static WindowStats ofReadings(const counters::CounterRow &row, const SeriesStats &readings);

    friend bool operator==(const WindowStats &a, const WindowStats &b)
    {
        return a.min == b.min && a.avg == b.avg && a.max == b.max && a.p50 == b.p50
            && a.p90 == b.p90 && a.p99 == b.p99 && a.fromReadings == b.fromReadings
            && a.valueIsAverage == b.valueIsAverage;
    }
    friend bool operator!=(const WindowStats &a, const WindowStats &b) { return !(a == b); }
};

} // namespace dashboard
