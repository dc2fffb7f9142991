// SPDX-License-Identifier: MIT
#pragma once

#include "serieskey.h"
#include "seriesstats.h"
#include "thresholdset.h"

#include <counters/base/unit.h>

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QIcon>
#include <QSet>

#include <limits>
#include <memory>

QT_BEGIN_NAMESPACE
class QCollator;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The legend of one chart: a row per charted series with its colour, whether it is shown,
 * and the current, minimum, mean and maximum value over the visible time range (SeriesStats,
 * set by the chart once per frame). Under a series' row come its detail rows (setDetails()):
 * - one per process of a multi-process report whose lines are drawn (RowKind::Process), with
 *   the process' own statistics;
 * - the key of its bands (RowKind::Band): what each shaded band is (a swatch of its fill)
 *   and the statistics of the number it reaches to (the p90, the p99, the window's minimum
 *   and maximum).
 *
 * The name column is checkable: unchecking a series or process row hides its line, unchecking
 * a band row its series' bands (every band row of the series follows). isolate() shows one
 * series (with its processes) or one process alone, or everything again when it already is
 * alone. The current value carries the counter's threshold state (ThresholdStateRole, a
 * coloured foreground).
 *
 * dataChanged names exactly the columns and roles that changed. Not thread-safe (GUI thread).
 */
class LegendModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, CurrentColumn, MinColumn, AvgColumn, MaxColumn, ColumnCount };
    Q_ENUM(Column)

    enum class RowKind {
        Series,  ///< A charted series (its merged values).
        Process, ///< One process' values of the series above it.
        Band,    ///< A band of the series above it: its key, and the number it reaches to.
    };
    Q_ENUM(RowKind)

    /// A detail row of a series (see setDetails()).
    struct Detail
    {
        SeriesKey key; ///< A process' key (Process), or the series' own (Band).
        PointField field = PointField::Value; ///< A band row's number (not Value).
        QString name;
        QColor color;
        QIcon swatch; ///< Drawn instead of a box of `color`: a dashed line, a band's fill.
        QString toolTip;
    };

    enum Role {
        SeriesKeyRole = Qt::UserRole + 1, ///< The SeriesKey.
        ColorRole,                        ///< The series' colour.
        VisibleRole,                      ///< bool: drawn on the chart.
        ValueRole,                        ///< double of the column's statistic; invalid: none.
        ThresholdStateRole,               ///< ThresholdState of the current value, as int.
    };
    Q_ENUM(Role)

    explicit LegendModel(QObject *parent = nullptr);
    ~LegendModel() override;

    /// Appends a series row (nothing when `key` is there already); `swatch` (optional) is
    /// drawn instead of a box of `color`.
    void addSeries(const SeriesKey &key, const QString &name, const QColor &color,
                   counters::Unit unit, const QIcon &swatch = QIcon());
    /// Removes the row of series `key` and its detail rows.
    void removeSeries(const SeriesKey &key);
    void clear();
    /// Makes `details` the rows under series `series`, in that order, in its unit. Rows that
    /// stay keep their visibility and statistics; when the rows are the same ones, only their
    /// names, colours and swatches are updated (setDetails() once per frame costs no signal).
    /// A new band row starts checked when the series' bands are shown (setBandShown()).
    void setDetails(const SeriesKey &series, const QList<Detail> &details);

    /// The row of `key`'s `field` (a series or process: Value; a band row: its number), or -1.
    int rowOf(const SeriesKey &key, PointField field = PointField::Value) const;
    SeriesKey keyAt(int row) const { return m_items.at(row).key; }
    PointField fieldAt(int row) const { return m_items.at(row).field; }
    RowKind kindAt(int row) const;
    SeriesStats stats(const SeriesKey &key, PointField field = PointField::Value) const;

    /// Between beginUpdate() and endUpdate(), the changes of the setters below are gathered
    /// and emitted as one dataChanged() over the rows and columns they touched: a chart of
    /// hundreds of series updates its legend with one signal, which a view resizing its
    /// columns to their contents then measures once rather than per series.
    void beginUpdate();
    void endUpdate();

    void setName(const SeriesKey &key, const QString &name);
    void setColor(const SeriesKey &key, const QColor &color, const QIcon &swatch = QIcon());
    /// The unit the values are written in.
    void setUnit(const SeriesKey &key, counters::Unit unit);
    /// The statistics over the visible range and the threshold state of the current value.
    void setStats(const SeriesKey &key, const SeriesStats &stats,
                  ThresholdState state = ThresholdState::Normal);
    /// The statistics of a band row.
    void setStats(const SeriesKey &key, PointField field, const SeriesStats &stats);
    /// Marks series or process `key` as stopped since `time` (epoch seconds; 0: it is not):
    /// its source reports on without it. The row is written dimmed in italics, and its tooltip
    /// says since when.
    void setStoppedSince(const SeriesKey &key, double time);
    double stoppedSince(const SeriesKey &key) const;

    /// Whether the line of a series or process row is shown.
    bool isVisible(const SeriesKey &key) const;
    void setVisible(const SeriesKey &key, bool visible);
    /// Shows series `key` and its processes, or process `key`, alone; when it already is alone,
    /// shows every line again.
    void isolate(const SeriesKey &key);
    /// Shows series `key` and its processes, or process `key`, and hides every other line.
    void showOnly(const SeriesKey &key);
    /// Shows every line.
    void showAll();
    /// The series (not processes) that are hidden.
    QList<SeriesKey> hiddenKeys() const;
    /// Whether series `key`'s band rows are checked (its bands drawn).
    bool isBandShown(const SeriesKey &key) const;
    void setBandShown(const SeriesKey &key, bool shown);

    /// Orders the series by `column` (their name, or a statistic: series without one last),
    /// each with its detail rows under it; column -1 (the default): in the order added. The
    /// order is kept as the numbers change (after each endUpdate()) and series come.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The line of `key` (a series or process) was shown or hidden.
    void visibilityChanged(const dashboard::SeriesKey &key, bool visible);
    /// The bands of series `key` were shown or hidden (setBandShown(), a band row's box).
    void bandShownChanged(const dashboard::SeriesKey &key, bool shown);

private:
    void changed(int row, int firstColumn, int lastColumn, const QList<int> &roles);

    struct Item
    {
        SeriesKey key;
        PointField field = PointField::Value;
        QString name;
        QColor color;
        QIcon swatch;
        QString toolTip;
        counters::Unit unit = counters::Unit::None;
        SeriesStats stats;
        ThresholdState state = ThresholdState::Normal;
        double stoppedSince = 0; ///< Epoch seconds; 0: not stopped.
        quint64 added = 0;       ///< A series row's place in the order added.
        bool visible = true;     ///< Its line is shown (series and process rows).

        RowKind kind() const
        {
            return field != PointField::Value ? RowKind::Band
                : key.isNode()                ? RowKind::Process
                                              : RowKind::Series;
        }
    };

    double statistic(const Item &item, int column) const;
    /// The row's box: its line shown, or for a band row its series' bands
    /// (m_bandsHidden, the one place that says).
    bool isChecked(const Item &item) const;
    /// Whether the line of `key` is one of those showOnly(`alone`) shows.
    static bool isWanted(const SeriesKey &alone, const SeriesKey &key);
    void rebuildIndex();
    /// The row of series `key` and one past its last detail row.
    std::pair<int, int> group(const SeriesKey &key) const;
    void setStatsAt(int row, const SeriesStats &stats, ThresholdState state);
    /// Puts the series in the order sort() asked for (no signal when it holds already).
    void applySort();

    QList<Item> m_items;
    QHash<SeriesKey, int> m_rowOf; ///< The rows of lines (series, processes).
    struct Pending
    {
        int firstRow = std::numeric_limits<int>::max();
        int lastRow = -1;
        int firstColumn = std::numeric_limits<int>::max();
        int lastColumn = -1;
        QList<int> roles;
    };
    Pending m_pending;
    int m_updating = 0;
    int m_sortColumn = -1;
    bool m_sortedAsAdded = true;           ///< Rows are in the order added (sort(-1) applied).
    std::unique_ptr<QCollator> m_collator; ///< For names, made once.
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_nextAdded = 0;
    /// Series whose bands are hidden (also while they have no band rows).
    QSet<SeriesKey> m_bandsHidden;
};

} // namespace dashboard
