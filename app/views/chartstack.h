// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QSplitter;
QT_END_NAMESPACE

namespace dashboard {

class ChartPanel;
class HistoryModel;

/**
 * The charts of the dashboard, stacked vertically in a splitter. One of them is current:
 * "Add to chart" puts counters there; clicking a chart makes it current. The per-process
 * toggle, pause and range apply to every chart. There is always at least one chart.
 *
 * Not thread-safe (GUI thread).
 */
class ChartStack : public QWidget
{
    Q_OBJECT
public:
    explicit ChartStack(HistoryModel *history, QWidget *parent = nullptr);
    ~ChartStack() override;

    QList<ChartPanel *> charts() const { return m_charts; }
    ChartPanel *currentChart() const { return m_current; }
    void setCurrentChart(ChartPanel *chart);

    /// Appends an empty chart and makes it current.
    ChartPanel *addChart();
    /// Removes `chart` (the last one is only emptied).
    void removeChart(ChartPanel *chart);
    /// Leaves one empty chart.
    void clear();

    /// Adds the series to the current chart (`sourceNames` by source id for the legend).
    void addToCurrent(const QList<SeriesKey> &keys, const QHash<QString, QString> &sourceNames);

    void setShowNodes(bool show);
    bool showNodes() const { return m_showNodes; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Whether every chart is empty.
    bool isEmpty() const;

Q_SIGNALS:
    void currentChartChanged(dashboard::ChartPanel *chart);
    /// A chart was added or removed, or its series changed.
    void chartsChanged();

private:
    HistoryModel *m_history;
    QSplitter *m_splitter;
    QList<ChartPanel *> m_charts;
    ChartPanel *m_current = nullptr;
    bool m_showNodes = false;
    bool m_paused = false;
};

} // namespace dashboard
