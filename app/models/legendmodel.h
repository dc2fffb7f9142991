// SPDX-License-Identifier: MIT
#pragma once

#include "serieskey.h"
#include "seriesstats.h"
#include "thresholdset.h"

#include <counters/base/unit.h>

#include <QAbstractTableModel>
#include <QColor>

#include <limits>

namespace dashboard {

/**
 * The legend of one chart: a row per charted series with its colour, whether it is shown,
 * and the current, minimum, mean and maximum value over the visible time range (SeriesStats,
 * set by the chart once per frame).
 *
 * The name column is checkable: unchecking hides the series. isolate() shows one series
 * alone, or everything again when that series already is alone. The current value carries
 * the counter's threshold state (ThresholdStateRole, a coloured foreground).
 *
 * dataChanged names exactly the columns and roles that changed. Not thread-safe (GUI thread).
 */
class LegendModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, CurrentColumn, MinColumn, AvgColumn, MaxColumn, ColumnCount };
    Q_ENUM(Column)

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

    /// Appends a row (nothing when `key` is there already).
    void addSeries(const SeriesKey &key, const QString &name, const QColor &color,
                   counters::Unit unit);
    void removeSeries(const SeriesKey &key);
    void clear();

    int rowOf(const SeriesKey &key) const;
    SeriesKey keyAt(int row) const { return m_items.at(row).key; }
    SeriesStats stats(const SeriesKey &key) const;

    /// Between beginUpdate() and endUpdate(), the changes of the setters below are gathered
    /// and emitted as one dataChanged() over the rows and columns they touched: a chart of
    /// hundreds of series updates its legend with one signal, which a view resizing its
    /// columns to their contents then measures once rather than per series.
    void beginUpdate();
    void endUpdate();

    void setName(const SeriesKey &key, const QString &name);
    void setColor(const SeriesKey &key, const QColor &color);
    /// The unit the values are written in.
    void setUnit(const SeriesKey &key, counters::Unit unit);
    /// The statistics over the visible range and the threshold state of the current value.
    void setStats(const SeriesKey &key, const SeriesStats &stats,
                  ThresholdState state = ThresholdState::Normal);

    bool isVisible(const SeriesKey &key) const;
    void setVisible(const SeriesKey &key, bool visible);
    /// Shows `key` alone; when it already is the only one shown, shows every series again.
    void isolate(const SeriesKey &key);
    /// The series that are hidden.
    QList<SeriesKey> hiddenKeys() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// `key` was shown or hidden.
    void visibilityChanged(const dashboard::SeriesKey &key, bool visible);

private:
    void changed(int row, int firstColumn, int lastColumn, const QList<int> &roles);

    struct Item
    {
        SeriesKey key;
        QString name;
        QColor color;
        counters::Unit unit = counters::Unit::None;
        SeriesStats stats;
        ThresholdState state = ThresholdState::Normal;
        bool visible = true;
    };

    double statistic(const Item &item, int column) const;

    QList<Item> m_items;
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
};

} // namespace dashboard
