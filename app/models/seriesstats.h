// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>

namespace dashboard {

class CounterHistory;

/**
 * What a chart's legend says about one series over the visible time range: the current value
 * (the newest value in the range), and the minimum, mean and maximum of the values plotted
 * there. Missing numbers are NaN (no point with a value in the range). A plain value.
 */
struct SeriesStats
{
    double current = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double avg = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    int count = 0; ///< Readings with a value in the range (those rolled up included).

    bool isEmpty() const { return count == 0; }

    /// The statistics of the values of `history` with a time in [from, to] (epoch seconds).
    static SeriesStats compute(const CounterHistory &history, double from, double to);

    friend bool operator==(const SeriesStats &a, const SeriesStats &b)
    {
        const auto same = [](double x, double y) {
            return x == y || (std::isnan(x) && std::isnan(y));
        };
        return a.count == b.count && same(a.current, b.current) && same(a.min, b.min)
            && same(a.avg, b.avg) && same(a.max, b.max);
    }
    friend bool operator!=(const SeriesStats &a, const SeriesStats &b) { return !(a == b); }
};

} // namespace dashboard
