// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/unit.h>

#include <QCoreApplication>
#include <QString>

namespace dashboard {

/**
 * How a chart writes the values of one unit on its value axis: the factor the values are
 * multiplied by and the axis title, chosen by the largest magnitude shown with the same
 * prefixes as the values' texts (ValueFormat::prefix(): durations in s/ms/µs/ns, sizes in
 * B…PiB, rates "per second"; no title for plain numbers or series of mixed units; counts and
 * rates of a million or more carry their SI prefix on each tick), and round tick steps. Pure
 * functions.
 */
struct ValueScale
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::ValueScale)
public:
    double factor = 1;
    QString title;
    /// After each tick's number: an SI prefix of counts and rates (" M"), which have no
    /// title to carry it.
    QString suffix;

    /// The scale for values in `unit` whose largest magnitude is `largest` (0 when none).
    static ValueScale of(counters::Unit unit, double largest);
    /// No unit in common: the values as they are, no title.
    static ValueScale plain() { return ValueScale(); }
    /// The smallest "nice" step (1, 2 or 5 times a power of ten) not below `raw`.
    static double niceStep(double raw);
};

} // namespace dashboard
