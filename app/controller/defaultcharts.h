// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QList>
#include <QStringList>

namespace dashboard {

class CounterListModel;

/**
 * Which charts the dashboard shows before the user charts anything: the counters of the list
 * sorted into kinds by what their rows say (never by their names), one kind per chart:
 * percentiles (a median with quantile bands; else mean durations), then rates; averages with
 * a min–max band when there are only two kinds; the rest only when nothing else is there.
 * Each chart takes at most MaxSeries counters, all of one source (the first in
 * `sourceOrder` that has some): sources differ in units and times. A source's own rows only
 * (no per-process rows), and only those with a value.
 *
 * A pure function of its inputs.
 */
class DefaultCharts
{
public:
    DefaultCharts() = delete;

    static constexpr int MaxSeries = 3;

    /// The series of each default chart, in order; empty when there is nothing to chart.
    static QList<QList<SeriesKey>> groups(const CounterListModel &list,
                                          const QStringList &sourceOrder);
};

} // namespace dashboard
