// SPDX-License-Identifier: MIT
#pragma once

#include "serieskey.h"
#include "thresholdset.h"
#include "windowstats.h"

#include <counters/base/snapshot.h>

#include <QAbstractTableModel>
#include <QHash>

#include <functional>

namespace dashboard {

class HistoryStore;

/**
 * The current reading of every counter of every source: one row per SeriesKey (a source's
 * counter, and, for multi-process reports, each process's value of it), with its type,
 * value, window min/avg/max and percentiles where known (WindowStats; for a rate, those of
 * its readings over its window, from the history: setHistory()), window, events in the
 * window, source and age of the reading.
 *
 * applySnapshot() takes one snapshot of one source per frame: rows that changed get one
 * dataChanged each, spanning the changed columns and naming exactly the roles that changed;
 * counters that the source's last report had and this one lacks are removed, new ones
 * appended as one block. A big report can come in parts (reportParts()), whose rows add up.
 * Ages are read from the clock (setClock()) when asked for, and change without a signal
 * unless refreshAges() is called. Rows keep the order they arrived in; sort and filter with
 * CounterFilterProxyModel.
 *
 * Not thread-safe (GUI thread).
 */
class CounterListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TypeColumn,
        ValueColumn,
        MinColumn,
        AvgColumn,
        MaxColumn,
        P50Column,
        P90Column,
        P99Column,
        WindowColumn,
        CountColumn,
        SourceColumn,
        AgeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SeriesKeyRole = Qt::UserRole + 1, ///< SeriesKey
        NameRole,                         ///< The counter's name.
        TypeRole,                         ///< counters::CounterType as int.
        UnitRole,                         ///< counters::Unit of the values, as int.
        StatisticRole,                    ///< counters::Statistic of the value, as int.
        ValueRole,                        ///< double; invalid when the counter has no value.
        MinRole,                          ///< double; invalid when unknown.
        AvgRole,                          ///< double; invalid when unknown.
        MaxRole,                          ///< double; invalid when unknown.
        P50Role,                          ///< double; invalid when unknown.
        P90Role,                          ///< double; invalid when unknown.
        P99Role,                          ///< double; invalid when unknown.
        HasBandRole,                      ///< bool: min and max surround the value (average).
        WindowRole,                       ///< Window length in seconds (0: none).
        CountRole,                        ///< Events in the window.
        SourceIdRole,                     ///< Source::id()
        SourceNameRole,                   ///< The source's display name.
        NodeRole,                         ///< Node id; empty for a source's own values.
        StaleRole,                        ///< bool: the node missed the last collect round.
        TimeRole,                         ///< Collection time, epoch seconds.
        AgeRole,                          ///< Seconds since the collection time.
        ThresholdStateRole,               ///< ThresholdState of the value, as int.
        FamilyRole, ///< A labelled series' (or family aggregate's) family; empty otherwise.
        LabelsRole, ///< Its labels, as counters::Labels.
    };
    Q_ENUM(Role)

    explicit CounterListModel(QObject *parent = nullptr);
    ~CounterListModel() override;

    /// Replaces the rows of `sourceId` by the rows of `snapshot` (and of its nodes). A report
    /// in parts comes as one call per part, each with the rows of the parts after it in
    /// `rowsToCome` (0 for the last): their rows add up, and the rows that the whole report
    /// lacks are removed after its last part. A snapshot of another time than an unfinished
    /// report's begins a new report (the last part of the other never came). A first part of
    /// new rows makes room for all of the report's at once.
    void applySnapshot(const QString &sourceId, const QString &sourceName,
                       const counters::Snapshot &snapshot, qsizetype rowsToCome = 0);
    /// The name shown in the source column for `sourceId`.
    void setSourceName(const QString &sourceId, const QString &name);
    void removeSource(const QString &sourceId);
    void clear();

    /// The row of `key`, or -1.
    int rowOf(const SeriesKey &key) const { return m_rowOf.value(key, -1); }
    /// The key of `row`; an empty key for a row out of range.
    const SeriesKey &keyAt(int row) const;
    /// The counter `row` shows, as the snapshot applied last gave it, and its window's
    /// statistics (`row` in range). For code that reads every row: through data(), a report's
    /// 400,000 rows take a second.
    const counters::CounterRow &counterRow(int row) const { return m_entries.at(row).row(); }
    const WindowStats &windowStats(int row) const { return m_entries.at(row).stats; }
    /// When `row`'s reading was collected (epoch seconds; 0: unknown).
    double timeAt(int row) const { return m_entries.at(row).time(); }
    /// What the source column shows for `row`.
    QString sourceText(int row) const;
    /// Whether `row` sums a labelled family up (withFamilyAggregates()) rather than being a
    /// counter of its own.
    bool isFamilyAggregate(int row) const;
    /// The counters among the rows: not the per-process rows of multi-process reports (the
    /// same counters again), nor a family's sums.
    int counterCount() const { return m_counterCount; }
    /// Changes whenever rows are removed or a row changes what kind of counter it is (type,
    /// unit, statistic, family, having a value, having a band), not when rows are appended or
    /// values change: code that sorts every row into kinds (DefaultCharts) can then read only
    /// the rows appended since.
    quint64 kindRevision() const { return m_kindRevision; }

    /// The thresholds that mark values (not owned; nullptr: none). The value column then
    /// carries the state (ThresholdStateRole, a tinted background and a tooltip).
    void setThresholds(const ThresholdSet *thresholds);
    ThresholdState thresholdState(int row) const;

    /// The histories a rate's min, avg and max come from (not owned; nullptr: none). They are
    /// read as a snapshot is applied: its readings must be in the history by then.
    void setHistory(const HistoryStore *history) { m_history = history; }

    /// The clock for ages, epoch seconds (tests set a fixed one; default: the wall clock).
    void setClock(std::function<double()> now);
    /// Emits dataChanged for the age column of every row. Ages move with the clock without
    /// it: a view that shows them repaints them as time goes by (CounterTablePanel), which
    /// costs the rows on screen rather than every row.
    void refreshAges();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The role that holds the sortable value of `column` (numbers for numeric columns).
    static int sortRole(int column);

Q_SIGNALS:
    /// Around each call that may insert and remove rows, in several blocks (applySnapshot(),
    /// removeSource()): a model built on this one can rebuild once, at rowsChanged(), rather
    /// than for each block.
    void rowsAboutToChange();
    void rowsChanged();

private:
    /// A row: a view of its counter's row in the snapshot that holds it, rather than a copy
    /// (a report may have 400,000 rows).
    struct Entry
    {
        SeriesKey key;
        QString sourceName;
        counters::Snapshot snapshot; ///< The snapshot (a node's, maybe) that holds its row.
        qsizetype index = 0;         ///< Its row in `snapshot`.
        WindowStats stats;
        quint64 report = 0; ///< The number of the source's report that held it last.

        const counters::CounterRow &row() const { return snapshot.rows().at(index); }
        /// When its own snapshot was taken.
        double time() const { return snapshot.time(); }
        /// A node's row, and the node missed the last collect round.
        bool stale() const { return key.isNode() && snapshot.source().stale; }
    };

    static QString nodeLabel(const Entry &entry);
    /// The statistics of `row` of `key`, read at `time`: with a rate's from the history.
    WindowStats windowStats(const SeriesKey &key, const counters::CounterRow &row,
                            double time) const;
    static bool isFamilyAggregate(const Entry &entry);
    /// Whether `entry` counts in counterCount().
    static bool isCounter(const Entry &entry);
    /// Puts `entry` in place of `row`'s, with one dataChanged naming exactly what changed.
    void update(int row, Entry &&entry);
    void rebuildIndex();
    void onThresholdsChanged(const QStringList &counters);

    QList<Entry> m_entries;
    QHash<SeriesKey, int> m_rowOf;
    int m_counterCount = 0;
    quint64 m_kindRevision = 0;
    /// By source: the report applied last, and whether its last part came.
    struct Report
    {
        quint64 number = 0;
        double time = 0;
        bool whole = true;
    };
    QHash<QString, Report> m_reports;
    std::function<double()> m_now;
    const ThresholdSet *m_thresholds = nullptr;
    const HistoryStore *m_history = nullptr;
};

} // namespace dashboard
