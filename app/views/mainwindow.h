// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QMenu;
class QSplitter;
QT_END_NAMESPACE

namespace dashboard {

class ChartStack;
class CounterTablePanel;
class SourcesPanel;
class Workspace;

/**
 * The dashboard's main window (DESIGN.md §7): the sources panel (a dock), the filterable
 * counter table and the stacked charts, with File (open, watch, connect, recent files,
 * export chart as PNG and data as CSV), View (new chart, add to chart, per-process values,
 * pause, discovery) and Help menus, a toolbar and a status line.
 *
 * As data arrives the window charts a sensible default (the durations with their min–max
 * band, and the frequencies) so that it never shows empty charts; once the user changes the
 * charts it leaves them alone.
 *
 * Does not own the workspace. Settings (geometry, recent files, toggles) are only read and
 * written when restoreSettings()/saveSettings() are called, so tests and screenshots do not
 * depend on the user's. Not thread-safe (GUI thread).
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workspace *workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    Workspace *workspace() const { return m_workspace; }
    ChartStack *charts() const { return m_charts; }
    CounterTablePanel *table() const { return m_table; }
    SourcesPanel *sourcesPanel() const { return m_sources; }

    /// Opens a saved report or history (and remembers it in the recent files).
    void openFile(const QString &path);
    /// Charts `keys` in the current chart.
    void addToChart(const QList<SeriesKey> &keys);

    /// Shows each process's values of multi-process reports (table and charts).
    void setShowPerProcess(bool show);

    void restoreSettings();
    void saveSettings() const;

    /// Writes the current chart as PNG; false and `*error` on failure.
    bool exportChart(const QString &path, QString *error = nullptr) const;
    /// Writes the history of the current chart's series as CSV.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void applyIcons();
    void onFrameApplied();
    void autoFillCharts();
    void updateStatus();
    void updateRecentMenu();
    void rememberFile(const QString &path);
    void onOpen();
    void onWatch();
    void onConnect();
    void onExportChart();
    void onExportCsv();
    void onAbout();
    QHash<QString, QString> sourceNames() const;

    Workspace *m_workspace;
    SourcesPanel *m_sources;
    CounterTablePanel *m_table;
    ChartStack *m_charts;
    QSplitter *m_splitter;
    QLabel *m_status;
    QMenu *m_recentMenu = nullptr;
    QStringList m_recentFiles;
    QList<QList<SeriesKey>> m_autoGroups; ///< What autoFillCharts() charted last.
    bool m_autoFilling = false;
    bool m_userCharted = false;
    double m_lastUpdate = 0;

    QAction *m_openAction = nullptr;
    QAction *m_watchAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_exportChartAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_addToChartAction = nullptr;
    QAction *m_newChartAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_nodesAction = nullptr;
    QAction *m_discoveryAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace dashboard
