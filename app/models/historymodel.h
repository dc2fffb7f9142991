// SPDX-License-Identifier: MIT
#pragma once

#include "counterhistory.h"
#include "serieskey.h"

#include <counters/base/countertype.h>
#include <counters/base/snapshot.h>

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace dashboard {

/**
 * The bounded history of every counter the dashboard has seen: one series per SeriesKey
 * (a source's counter, or one process's values of it in a multi-process report), each a
 * CounterHistory ring of (time, value, min, max).
 *
 * As an item model it is a two-level tree: top-level rows are the series (columns: counter,
 * node, source, points), their children the points, oldest first (columns: time, value, min,
 * max). Charts read the rings directly through history() and refresh on historyChanged().
 *
 * Work happens per frame: appendSnapshots() takes all snapshots of a source that arrived
 * during a frame and emits, per series, at most one removal of old points, one insertion of
 * new ones and one dataChanged of the point count, then historyChanged() once. New series are
 * inserted as one block. Points not newer than a series' last point (a backfill after a
 * reconnection) are skipped.
 *
 * Not thread-safe (GUI thread).
 */
class HistoryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { CounterColumn, NodeColumn, SourceColumn, PointsColumn, ColumnCount };
    Q_ENUM(Column)
    /// The same columns, as the point rows use them.
    enum PointColumn { TimeColumn, ValueColumn, MinColumn, MaxColumn };
    Q_ENUM(PointColumn)

    enum Role {
        SeriesKeyRole = Qt::UserRole + 1, ///< Series rows: the SeriesKey.
        CounterRole,                      ///< Series rows: the counter's name.
        NodeRole,                         ///< Series rows: the node id (empty: merged).
        SourceIdRole,                     ///< Series rows: Source::id().
        TypeRole,                         ///< Series rows: counters::CounterType as int.
        PointCountRole,                   ///< Series rows: points held.
        TimeRole,                         ///< Point rows: epoch seconds.
        ValueRole,                        ///< Point rows: the value (invalid when none).
        MinRole,                          ///< Point rows: the window minimum (invalid: unknown).
        MaxRole,                          ///< Point rows: the window maximum (invalid: unknown).
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    /// Points kept per series (default CounterHistory::DefaultCapacity). Series that hold
    /// more lose their oldest points (one removal per series, then historyChanged()).
    void setCapacity(int points);
    int capacity() const { return m_capacity; }

    /// Adds the points of `snapshots` (any order; the nodes of multi-process reports too).
    void appendSnapshots(const QString &sourceId, const QList<counters::Snapshot> &snapshots);
    /// Forgets every series of a source.
    void removeSource(const QString &sourceId);
    void clear();

    int seriesCount() const { return int(m_series.size()); }
    QList<SeriesKey> keys() const;
    /// The history of `key`, or nullptr when there is none.
    const CounterHistory *history(const SeriesKey &key) const;
    /// The unit of `key`'s values, as its latest row said.
    counters::Unit unit(const SeriesKey &key) const;
    /// The per-process series of `merged`'s counter (same source and counter, any node).
    QList<SeriesKey> nodeKeys(const SeriesKey &merged) const;
    /// The series row of `key`, or an invalid index.
    QModelIndex indexOf(const SeriesKey &key) const;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Once per appendSnapshots() that changed anything: the series that got points.
    void historyChanged(const QList<dashboard::SeriesKey> &keys);
    /// Series that were removed (removeSource(), clear()).
    void seriesRemoved(const QList<dashboard::SeriesKey> &keys);

private:
    struct Series
    {
        SeriesKey key;
        counters::CounterType type = counters::CounterType::Unknown;
        counters::Unit unit = counters::Unit::None;
        CounterHistory history;
        int row = 0;
    };

    Series *seriesAt(const QModelIndex &index) const;
    void renumber();

    std::vector<std::unique_ptr<Series>> m_series;
    QHash<SeriesKey, Series *> m_byKey;
    int m_capacity = CounterHistory::DefaultCapacity;
};

} // namespace dashboard
