// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QList>
#include <QStringList>

#include <limits>

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
 * Kept up to date frame by frame with update(), which reads only the rows appended since its
 * last call as long as no row was removed or changed its kind: a report of 400,000 counters
 * that comes in parts is read once, not once per frame. groups() of a list is the same
 * answer read whole.
 *
 * Not thread-safe (GUI thread).
 */
class DefaultCharts
{
public:
    static constexpr int MaxSeries = 3;

    /// Brings the charts up to date with `list` (whose first row this reads again when the
    /// list, its kinds (CounterListModel::kindRevision()) or `sourceOrder` changed).
    void update(const CounterListModel &list, const QStringList &sourceOrder);
    /// The series of each default chart, in order; empty when there is nothing to chart.
    QList<QList<SeriesKey>> groups() const;

    /// The default charts of `list`, read whole.
    static QList<QList<SeriesKey>> groups(const CounterListModel &list,
                                          const QStringList &sourceOrder);

private:
    /// The counters of one kind that its chart would take.
    struct Pick
    {
        // The source picked, and its rank in sourceOrder (-1: a source not in it; of sources
        // of the same rank the first met).
        QString sourceId;
        qsizetype source = std::numeric_limits<qsizetype>::max();
        QList<SeriesKey> keys; // sorted by name, MaxSeries at most
        void offer(const SeriesKey &key, qsizetype rank);
    };
    void reset();

    Pick m_percentiles, m_durations, m_averages, m_rates, m_levels, m_others;
    const CounterListModel *m_list = nullptr;
    QStringList m_sourceOrder;
    quint64 m_kindRevision = 0;
    int m_rowsRead = 0;
};

} // namespace dashboard
