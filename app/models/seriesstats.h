// SPDX-License-Identifier: MIT
#pragma once

#include "counterhistory.h"

#include <QtGlobal>

#include <cmath>
#include <limits>

namespace dashboard {

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
    int count = 0; ///< Readings with a value in the range (rolled up ones included; points
                   ///< for a band's edge).

    bool isEmpty() const { return count == 0; }

    /// The statistics of the values of `history` with a time in [from, to] (epoch seconds).
    /// A roll-up counts as the readings it stands for: its mean weighs by their number, its
    /// lowest and highest reading are the extremes.
    static SeriesStats compute(const CounterHistory &history, double from, double to);
    /// The same for another of the points' numbers (`field` not Value): a band's edge. A
    /// roll-up counts once, with the extreme it keeps (HistoryPoint::field()), so the minimum
    /// and mean over rolled-up ranges lean to the high side for p90, p99 and the window's
    /// maximum, to the low side for its minimum; the extremes are exact.
    static SeriesStats compute(const CounterHistory &history, double from, double to,
                               PointField field);

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
