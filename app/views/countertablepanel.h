// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace dashboard {

class CounterFilterProxyModel;
class CounterListModel;
class SourceListModel;

/**
 * The filterable counter table: a filter line (text, type, source, per-process rows), the
 * table of CounterListModel through a CounterFilterProxyModel, sortable by any column, and
 * the "Add to chart" button. Double-clicking a row or pressing Enter adds it too.
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

    QTableView *view() const { return m_view; }
    CounterFilterProxyModel *proxy() const { return m_proxy; }

    /// The series of the selected rows, in table order.
    QList<SeriesKey> selectedSeries() const;

    void setFilterText(const QString &text);
    /// Shows the per-process rows of multi-process reports.
    void setShowNodes(bool show);
    bool showNodes() const;

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
    void updateButtons();
    void fitColumns();
    void applyIcons();

    CounterListModel *m_counters;
    SourceListModel *m_sources;
    CounterFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_typeBox;
    QComboBox *m_sourceBox;
    QCheckBox *m_nodesBox;
    QToolButton *m_addButton;
    QTableView *m_view;
};

} // namespace dashboard
