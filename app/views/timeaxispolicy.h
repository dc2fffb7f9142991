// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QLocale;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Where a chart's time axis goes and where its ticks are: pure functions of times in epoch
 * milliseconds. The axis spans the data (a range never runs past the newest point, nor starts
 * before the first); the ticks sit on round local times (every 10 s, 5 min, 1 h, midnight…)
 * inside it, whatever the span, after a zoom too.
 */
class TimeAxisPolicy
{
public:
    TimeAxisPolicy() = delete;

    /// The time axis: from and to, in epoch milliseconds.
    struct Span
    {
        double from = 0;
        double to = 0;
    };

    /// The newest `window` milliseconds of data from `first` to `last` (all of it for a
    /// window of 0), with a margin of MarginShare of the span on either side so that the
    /// markers at the ends show whole. One report sits in the middle of a minute.
    static Span followed(double first, double last, double window);
    /// The round time step (milliseconds) nearest above `raw`: 100, 200, 500 ms, 1, 2, 5, 10,
    /// 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1, 2, 7 days, then whole weeks.
    static double niceStep(double raw);
    /// The ticks in [from, to]: multiples of the smallest niceStep() that gives at most
    /// `maxTicks` of them, in local time (an hour step ticks at whole local hours, a day step
    /// at local midnight). `step` (optional) receives the step.
    static QList<double> ticks(double from, double to, int maxTicks, double *step = nullptr);
    /// The label of the tick at `time` for ticks `step` apart, in `locale`'s formats: the time
    /// with milliseconds below a second, with seconds below a minute, without them below a
    /// day, else the date; a tick at local
    /// midnight of a span longer than a day (`span`) gives the date too.
    static QString tickLabel(double time, double step, double span, const QLocale &locale);

    static constexpr double MarginShare = 0.015;
};

} // namespace dashboard
