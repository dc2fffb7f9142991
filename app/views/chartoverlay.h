// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QString>

namespace dashboard {

/// A horizontal line drawn over a chart at a value (in the chart's scaled unit): a threshold.
struct ThresholdLine
{
    double value = 0;
    QColor color;
    QString label;

    friend bool operator==(const ThresholdLine &a, const ThresholdLine &b)
    {
        return a.value == b.value && a.color == b.color && a.label == b.label;
    }
};

/// A tick of a chart's time axis: a vertical grid line at a time (epoch milliseconds) with its
/// label under the plot.
struct TimeTick
{
    double time = 0;
    QString label;

    friend bool operator==(const TimeTick &a, const TimeTick &b)
    {
        return a.time == b.time && a.label == b.label;
    }
};

/// One line of a chart's crosshair box: a series' value under the crosshair, in its colour.
struct CrosshairValue
{
    QString text;
    QColor color;
};

} // namespace dashboard
