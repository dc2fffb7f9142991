// SPDX-License-Identifier: MIT
#pragma once

#include "counterhistory.h"
#include "serieskey.h"

#include <counters/base/snapshot.h>
#include <counters/base/unit.h>

#include <QHash>
#include <QObject>

#include <memory>
#include <vector>

namespace dashboard {

/**
 * The history of every counter the dashboard has seen, within a memory budget: one series per
 * SeriesKey (a source's counter, or one process's values of it in a multi-process report),
 * each a tiered CounterHistory with the unit its rows gave. The budget is shared evenly by the
 * series: each gets memoryBudget() / (seriesCount() × BytesPerPoint) points, so that more
 * series, or a longer history, means older points rolled up into coarser intervals, never
 * points lost (CounterHistory).
 *
 * A plain store with change signals: charts, the CSV export and the legend read the rings
 * through history() and refresh on historyChanged(). Work happens per frame: appendSnapshots()
 * takes all snapshots of a source that arrived during a frame and emits historyChanged() once,
 * naming every series that got points (new series included). Points not newer than a series'
 * last point (a backfill after a reconnection) are skipped.
 *
 * Not thread-safe (GUI thread).
 */
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    explicit HistoryStore(QObject *parent = nullptr);
    ~HistoryStore() override;

    /// The memory the points of a history take, tiers' bookkeeping included.
    static constexpr qint64 BytesPerPoint = qint64(sizeof(HistoryPoint)) + 8;
    static constexpr qint64 DefaultMemoryBudget = qint64(256) << 20;

    /// The memory all histories may take (at least CounterHistory::MinimumCapacity points per
    /// series). Series that hold more roll their older points up, then historyChanged() names
    /// them.
    void setMemoryBudget(qint64 bytes);
    qint64 memoryBudget() const { return m_budget; }
    /// What the points of every history take now.
    qint64 memoryUsage() const;
    /// Points each series may keep now (in all its tiers).
    int capacityPerSeries() const { return m_capacity; }

    /// Adds the points of `snapshots` (any order; the nodes of multi-process reports too).
    /// `rowsToCome`: the last snapshot is a part of a big report (reportParts()) that parts of
    /// this many rows follow; when it brought new series, room is made for the rest at once.
    void appendSnapshots(const QString &sourceId, const QList<counters::Snapshot> &snapshots,
                         qsizetype rowsToCome = 0);
    /// Forgets every series of a source.
    void removeSource(const QString &sourceId);
    void clear();

    /// While held, historyChanged() is not emitted but the keys it would name are kept, and
    /// emitted once when released: a big load tells its charts once a frame, not per batch.
    void setChangesHeld(bool held);

    int seriesCount() const { return int(m_series.size()); }
    /// Every series, in the order they were first seen.
    QList<SeriesKey> keys() const;
    /// The history of `key`, or nullptr when there is none.
    const CounterHistory *history(const SeriesKey &key) const;
    /// The unit of `key`'s values, as its latest row said.
    counters::Unit unit(const SeriesKey &key) const;
    /// Whether `key`'s rows have carried bands (a percentile counter's, a window's min–max),
    /// even if its window is empty now.
    bool hasBands(const SeriesKey &key) const;
    /// The labelled family `key` belongs to, as its latest row said (empty: none).
    QString family(const SeriesKey &key) const;
    /// The per-process series of `merged`'s counter (same source and counter, any node).
    QList<SeriesKey> nodeKeys(const SeriesKey &merged) const;
    /// The time of the newest report of source `sourceId` (epoch seconds; 0: none): a series
    /// whose history ends long before stopped while its source reports on.
    double newestTime(const QString &sourceId) const { return m_newest.value(sourceId); }

Q_SIGNALS:
    /// Once per call that changed anything: the series that got or lost points.
    void historyChanged(const QList<dashboard::SeriesKey> &keys);
    /// Series that were removed (removeSource(), clear()).
    void seriesRemoved(const QList<dashboard::SeriesKey> &keys);

private:
    struct Series
    {
        SeriesKey key;
        counters::Unit unit = counters::Unit::None;
        QString family;      ///< Of a series of a labelled family (CounterRow::family).
        bool banded = false; ///< hasBands()
        bool held = false;   // among m_heldSeries
        CounterHistory history;
    };

    /// Emits historyChanged() for `series` now, or when changes are no longer held.
    void changed(const std::vector<Series *> &series);
    /// Gives every series its share of the budget; returns the series that rolled points up.
    /// (New series take the share they are given when they are made.)
    std::vector<Series *> rebalance();

    std::vector<std::unique_ptr<Series>> m_series;
    QHash<SeriesKey, Series *> m_byKey;
    QHash<QString, double> m_newest; ///< newestTime() by source
    qint64 m_budget = DefaultMemoryBudget;
    bool m_held = false;
    std::vector<Series *> m_heldSeries; // in the order they changed first
    int m_capacity = int(DefaultMemoryBudget / BytesPerPoint);
};

} // namespace dashboard
