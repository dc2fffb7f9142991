// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

#include <optional>
#include <utility>

QT_BEGIN_NAMESPACE
class QScrollArea;
class QSplitter;
QT_END_NAMESPACE

namespace dashboard {

class ChartPanel;
class HistoryStore;
class ThresholdSet;

/**
 * The charts of the dashboard, stacked vertically in a splitter that scrolls when they do not
 * fit at their minimum height (ChartPanel::minimumSizeHint()). One of them is current:
 * "Add to chart" puts counters there; clicking a chart makes it current. The per-process
 * toggle and pause apply to every chart. There is always at least one chart.
 *
 * Live or paused: zooming or panning a chart pauses them all and shows every chart the same
 * time window; resuming (or a double-click, or a range preset) makes every chart follow the
 * newest data again. Each change of what the charts show (a zoom or pan gesture, a window
 * chosen, going live) can be undone with back(), as a browser's Back does. The crosshair of
 * the chart under the mouse is shown at the same time in the others.
 *
 * Not thread-safe (GUI thread).
 */
class ChartStack : public QWidget
{
    Q_OBJECT
public:
    /// `thresholds` (optional, not owned) is handed to every chart.
    explicit ChartStack(HistoryStore *history, ThresholdSet *thresholds = nullptr,
                        QWidget *parent = nullptr);
    ~ChartStack() override;

    QList<ChartPanel *> charts() const { return m_charts; }
    ChartPanel *currentChart() const { return m_current; }
    void setCurrentChart(ChartPanel *chart);

    /// Appends an empty chart, showing the range all others show, and makes it current.
    ChartPanel *addChart();
    /// Appends a copy of `chart` (ChartPanel::copyFrom()) and makes it current.
    ChartPanel *duplicateChart(ChartPanel *chart);
    /// Removes `chart` (the last one is only emptied).
    void removeChart(ChartPanel *chart);
    /// Leaves one empty chart.
    void clear();

    /// Adds the series to the current chart (`sourceNames` by source id for the legend).
    void addToCurrent(const QList<SeriesKey> &keys, const QHash<QString, QString> &sourceNames);

    /// What empty charts say; empty: how to chart counters.
    void setPlaceholderText(const QString &text);
    void setShowNodes(bool show);
    bool showNodes() const { return m_showNodes; }
    /// Pauses every chart, or goes live: every chart follows the newest data again.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// The same time range preset for every chart (int of ChartPanel::Range), and live.
    void setRange(int range);
    /// Shows every chart [fromMs, toMs] (epoch milliseconds), paused.
    void setTimeWindow(double fromMs, double toMs);
    /// The window every chart shows, std::nullopt while they follow the newest data.
    std::optional<std::pair<double, double>> timeWindow() const { return m_window; }
    /// Goes back to what the charts showed before the last change (a window, or live).
    void back();
    bool canGoBack() const { return !m_back.isEmpty(); }
    /// Whether every chart is empty.
    bool isEmpty() const;
    /// The range all charts show (int of ChartPanel::Range); -1 when they differ. There is
    /// always at least one chart.
    int commonRange() const;

Q_SIGNALS:
    void currentChartChanged(dashboard::ChartPanel *chart);
    /// A chart was added or removed, or its series changed.
    void chartsChanged();
    void pausedChanged(bool paused);
    /// A chart changed its time range (see commonRange()).
    void rangesChanged();
    /// canGoBack() changed.
    void backAvailableChanged(bool available);

private:
    using Window = std::optional<std::pair<double, double>>;

    void onCrosshairMoved(double timeMs);
    void onUserZoomed(ChartPanel *chart);
    /// Remembers what the charts show now for back(), unless the same gesture did already.
    void remember(const ChartPanel *gesture = nullptr);
    /// Shows `window` on every chart (live for std::nullopt) without remembering.
    void showWindow(const Window &window);
    /// Pauses or resumes every chart (a resumed chart follows the newest data).
    void pauseCharts(bool paused);

    HistoryStore *m_history;
    ThresholdSet *m_thresholds;
    QSplitter *m_splitter;
    QScrollArea *m_scrollArea;
    QList<ChartPanel *> m_charts;
    ChartPanel *m_current = nullptr;
    QString m_placeholderText;
    bool m_showNodes = false;
    bool m_paused = false;
    Window m_window;                       ///< What every chart shows; std::nullopt: live.
    QList<Window> m_back;                  ///< What they showed before, the newest last.
    const ChartPanel *m_gesture = nullptr; ///< The chart of the last zoom step remembered.
    QElapsedTimer m_gestureClock;          ///< Since that step.
};

} // namespace dashboard
