// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QElapsedTimer>
#include <QMap>
#include <QModelIndex>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLineEdit;
class QTreeView;
class QToolButton;
QT_END_NAMESPACE

namespace dashboard {

class CounterFilterProxyModel;
class CounterListModel;
class FamilyGroupProxyModel;
class SourceListModel;

/**
 * The filterable counter table: a filter line (text or `label=value`, type, source,
 * per-process rows), the table of CounterListModel through a CounterFilterProxyModel with the
 * series of each labelled family under one family row (FamilyGroupProxyModel), sortable by any
 * column, and the "Add to chart" button. Double-clicking a row or pressing Enter adds it too;
 * a family's row charts the family summed up, and its context menu splits it by a label.
 *
 * Not thread-safe (GUI thread).
 */
class CounterTablePanel : public QWidget
{
    Q_OBJECT
public:
    CounterTablePanel(CounterListModel *counters, SourceListModel *sources,
                      QWidget *parent = nullptr);
    ~CounterTablePanel() override;

    QTreeView *view() const { return m_view; }
    /// The rows shown, flat: filtered and sorted, without the families' rows.
    CounterFilterProxyModel *proxy() const { return m_proxy; }
    FamilyGroupProxyModel *groups() const { return m_groups; }

    /// The series of the selected rows, in table order.
    QList<SeriesKey> selectedSeries() const;

    void setFilterText(const QString &text);
    /**
     * The lines that chart a family's row split by each of its labels: label → one series per
     * value, by value (the family summed up over its other labels, or its series when that is
     * its only label). Empty for other rows.
     */
    QMap<QString, QList<SeriesKey>> splitsOf(const QModelIndex &familyRow) const;
    /// Shows the per-process rows of multi-process reports.
    void setShowNodes(bool show);
    bool showNodes() const;
    /// The columns hidden (CounterListModel::Column), which the header's context menu
    /// chooses; by default p50 (a percentile counter's value is its median).
    QList<int> hiddenColumns() const;
    void setHiddenColumns(const QList<int> &columns);
    /// The columns hidden by default.
    static QList<int> defaultHiddenColumns();

Q_SIGNALS:
    /// The user asked to chart these series (button, double-click, Enter, context menu).
    void addToChartRequested(const QList<dashboard::SeriesKey> &keys);
    /// …in a new chart of their own.
    void addToNewChartRequested(const QList<dashboard::SeriesKey> &keys);
    void showNodesToggled(bool show);
    /// The user asked to edit the thresholds of `key`'s counter.
    void thresholdsRequested(const dashboard::SeriesKey &key);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildSourceFilter();
    void onContextMenu(const QPoint &position);
    void onHeaderMenu(const QPoint &position);
    void updateButtons();
    void fitColumns();
    /// Gives the name column the room the others leave, at least what the names need (within
    /// a readable width and a long name's).
    void fitNameColumn();
    void applyIcons();

    CounterListModel *m_counters;
    SourceListModel *m_sources;
    CounterFilterProxyModel *m_proxy;
    FamilyGroupProxyModel *m_groups;
    QLineEdit *m_filter;
    QComboBox *m_typeBox;
    QComboBox *m_sourceBox;
    QCheckBox *m_nodesBox;
    QToolButton *m_addButton;
    QTreeView *m_view;
    QTimer m_fitTimer;
    QElapsedTimer m_lastFit; ///< Since the last fitColumns().
    int m_namesWidth = 0;    ///< What the widest name shown needs (grows until a model reset).
    QTimer m_ageTimer;
};

} // namespace dashboard
