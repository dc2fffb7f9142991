// SPDX-License-Identifier: MIT
#pragma once

namespace dashboard {

/**
 * Where a chart's time axis goes while it follows its data: pure functions of the data's
 * first and newest times (epoch milliseconds) and of the window shown.
 */
class TimeAxisPolicy
{
public:
    TimeAxisPolicy() = delete;

    /// The time axis: from, to and tick step, in epoch milliseconds.
    struct Span
    {
        double from = 0;
        double to = 0;
        double step = 0;
    };

    /// The newest `window` milliseconds of data from `first` to `last` (all of it for a window
    /// of 0) with a little room for what comes, snapped to round ticks in local time. One
    /// report sits in the middle of a minute; less than a minute of data fills the right of a
    /// one-minute axis when following a window, the left when showing everything.
    static Span followed(double first, double last, double window);
    /// The round time step (milliseconds) nearest above `raw`: 1, 2, 5, 10, 15, 30 s, 1, 2, 5,
    /// 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1, 2, 7 days, then whole weeks.
    static double niceStep(double raw);
};

} // namespace dashboard
