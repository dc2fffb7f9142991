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
 * The bounded history of every counter the dashboard has seen: one series per SeriesKey
 * (a source's counter, or one process's values of it in a multi-process report), each a
 * CounterHistory ring of (time, value, min, max, p90, p99) with the unit its rows gave.
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

    /// Points kept per series (default CounterHistory::DefaultCapacity). Series that hold
    /// more lose their oldest points, then historyChanged() names them.
    void setCapacity(int points);
    int capacity() const { return m_capacity; }

    /// Adds the points of `snapshots` (any order; the nodes of multi-process reports too).
    void appendSnapshots(const QString &sourceId, const QList<counters::Snapshot> &snapshots);
    /// Forgets every series of a source.
    void removeSource(const QString &sourceId);
    void clear();

    int seriesCount() const { return int(m_series.size()); }
    /// Every series, in the order they were first seen.
    QList<SeriesKey> keys() const;
    /// The history of `key`, or nullptr when there is none.
    const CounterHistory *history(const SeriesKey &key) const;
    /// The unit of `key`'s values, as its latest row said.
    counters::Unit unit(const SeriesKey &key) const;
    /// The per-process series of `merged`'s counter (same source and counter, any node).
    QList<SeriesKey> nodeKeys(const SeriesKey &merged) const;

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
        CounterHistory history;
    };

    std::vector<std::unique_ptr<Series>> m_series;
    QHash<SeriesKey, Series *> m_byKey;
    int m_capacity = CounterHistory::DefaultCapacity;
};

} // namespace dashboard
