// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPointF>

namespace dashboard {

class CounterHistory;

/**
 * What a chart draws of one history: a line, the band around it (the window's minimum and
 * maximum, and the lowest and highest reading of each roll-up) and a percentile counter's
 * p50–p90 and p90–p99 bands. x is epoch milliseconds, y the value times a scale.
 */
struct DecimatedSeries
{
    /// A stretch of time without data between two points with a value, in epoch milliseconds.
    struct Gap
    {
        double from = 0; ///< The last point before.
        double to = 0;   ///< The first point after.
        friend bool operator==(const Gap &a, const Gap &b)
        {
            return a.from == b.from && a.to == b.to;
        }
    };
    /// At most this many gaps are kept, the widest: each costs the chart a line series.
    static constexpr int MaxGaps = 31;
    /// Two report periods is one report missing; the half is slack for jitter.
    static constexpr double GapPeriods = 2.5;

    /// The `count` widest of `gaps` (all when fewer), oldest first.
    static QList<Gap> widestGaps(QList<Gap> gaps, qsizetype count);
    /// Whether `gap` lies between two neighbouring points at `before` and `after` (ms). They
    /// may lie inside it: zoomed out, a column's first or last reading may be one without a
    /// value.
    static bool crosses(const Gap &gap, double before, double after)
    {
        return before < gap.to && after > gap.from;
    }

    QList<QPointF> values;
    QList<QPointF> bandLows, bandHighs;
    QList<QPointF> p90Lows, p90Highs;
    QList<QPointF> p99Lows, p99Highs;
    /// The gaps to draw as gaps, oldest first: where two points with a value lie more than
    /// GapPeriods report periods apart (CounterHistory::readingPeriod(), or a roll-up's span
    /// if longer), at least a pixel column wide. Points without a value count as missing.
    QList<Gap> gaps;
    /// How long the newest point stands before its absence is a gap too, in ms: GapPeriods
    /// report periods (0: the period is unknown).
    double gapAfterMs = 0;
    int rollUps = 0;          ///< Roll-ups among the points read.
    double rollUpSeconds = 0; ///< The longest interval of a roll-up read (0: none).

    /// Draws `history` over [fromMs, toMs] (plus the point on either side, so that the line
    /// reaches the edges) in `columns` pixel columns, M4-style: a column holding more than four
    /// points keeps its first, lowest, highest and last value in time order, and its band the
    /// column's extremes, so that every column's minimum and maximum are drawn however many
    /// points it holds; a column of up to four points keeps them all (zoomed in, full
    /// resolution). columns <= 0 keeps every point. The cost is one pass over the points in
    /// range.
    static DecimatedSeries of(const CounterHistory &history, double fromMs, double toMs,
                              int columns, double scale = 1);
};

} // namespace dashboard
