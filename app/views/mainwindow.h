// SPDX-License-Identifier: MIT
#pragma once

#include "controller/defaultcharts.h"
#include "models/serieskey.h"

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QLabel;
class QToolButton;
class QMenu;
class QSplitter;
class QStackedWidget;
QT_END_NAMESPACE

namespace dashboard {

class ChartStack;
class CounterTablePanel;
class Layout;
class LoadProgress;
class SourcesPanel;
class WelcomePage;
class Workspace;

/**
 * The dashboard's main window: the sources panel (a dock), the filterable
 * counter table and the stacked charts, with File (open, watch, connect, recent files,
 * layouts, export chart as PNG and data as CSV), View (new chart, add to chart, thresholds,
 * per-process values, pause/live, time range, history memory, discovery) and Help menus, a
 * toolbar and a status line.
 *
 * Without a source, a welcome page (WelcomePage) takes the table's and charts' place.
 *
 * As data arrives the window charts a sensible default (the durations with their min–max
 * band, and the frequencies) so that it never shows empty charts; once the user changes the
 * charts it leaves them alone.
 *
 * Does not own the workspace. Settings (geometry, recent files, toggles, history memory and
 * the last layout) are only read and written when restoreSettings()/saveSettings() are
 * called, so tests and screenshots do not depend on the user's. Not thread-safe (GUI thread).
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

    /// Opens a saved report or history (and remembers it in the recent files).
    void openFile(const QString &path);
    /// Charts `keys` in the current chart.
    void addToChart(const QList<SeriesKey> &keys);

    /// Opens the threshold dialog for `key`'s counter.
    void editThresholds(const SeriesKey &key);

    /// Shows each process's values of multi-process reports (table and charts).
    void setShowPerProcess(bool show);

    /// The memory the history may take, in MiB (HistoryStore::setMemoryBudget()).
    void setHistoryMemory(int mebibytes);
    int historyMemory() const;

    /// What the window shows, as a layout.
    Layout currentLayout() const;
    enum class LayoutSources { Open, OpenIfNone };
    /**
     * Shows `layout`: thresholds, history memory, per-process values, and its charts. Its
     * sources, and the discovered services its charts show (Workspace::followDiscovered()),
     * are opened (`OpenIfNone`: only when the workspace has none yet); charts none of whose
     * sources are open are left out, and the default charts stay when none is left.
     */
    void applyLayout(const Layout &layout, LayoutSources sources = LayoutSources::Open);
    /// Layout::save() of currentLayout(); false and `*error` on failure.
    bool saveLayout(const QString &path, QString *error = nullptr) const;
    /// Loads and applies a layout file; on failure the error shows in the status bar.
    bool loadLayout(const QString &path, QString *error = nullptr);

    /// Restores geometry, recent files, toggles, history memory and, with `RestoreLayout`,
    /// the layout of the last session.
    enum class SettingsLayout { RestoreLayout, KeepLayout };
    void restoreSettings(SettingsLayout layout = SettingsLayout::RestoreLayout);
    void saveSettings() const;

    /// The text of the About box: name, version, Qt versions.
    static QString aboutText();

    /// Writes the current chart as PNG; false and `*error` on failure.
    bool exportChart(const QString &path, QString *error = nullptr) const;
    /// Writes the data behind the current chart (its shown series over the visible range) as
    /// CSV: time, then one column per series.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    /// Writes the whole history of every counter of every source as CSV (`--export-csv`).
    bool exportAllCsv(const QString &path, QString *error = nullptr) const;

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /// Checks the History menu's entry of the history's capacity.
    void updateHistoryMenu();
    void createActions();
    void createMenus();
    /// The pause action's texts, which say Resume while paused.
    void updatePauseTexts();
    void applyIcons();
    void onFrameApplied();
    void autoFillCharts();
    void updateStatus();
    /// The status bar's button of counters in warning or critical state, with its list.
    void updateAlerts();
    /// What empty charts say (no source yet, a source failing, how to chart).
    void updateChartHint();
    /// Checks the View > Time Range preset all charts show, none when they differ.
    void updateRangeActions();
    /// Asks for an absolute time window (TimeRangeDialog) and shows it on every chart.
    void chooseTimeWindow();
    void updateRecentMenu();
    void rememberFile(const QString &path);
    void onOpen();
    void onWatch();
    void onConnect();
    void onExportChart();
    void onExportCsv();
    void onSaveLayout();
    void onLoadLayout();
    void onAbout();
    QHash<QString, QString> sourceNames() const;
    /// The CSV column title of `key`: counter, process, and source when there are several.
    QString csvTitle(const SeriesKey &key, bool severalSources) const;
    /// Writes the CSV of `keys` with a time in [from, to] to `path`: from the saved file they
    /// all come from when they do (every report, a progress dialog), else from the history.
    bool writeCsv(const QList<SeriesKey> &keys, bool severalSources, double from, double to,
                  const QString &path, QString *error) const;

    Workspace *m_workspace;
    SourcesPanel *m_sources;
    CounterTablePanel *m_table;
    ChartStack *m_charts;
    QSplitter *m_splitter;
    QLabel *m_status;
    QToolButton *m_alertsButton;
    LoadProgress *m_loadProgress = nullptr;
    QMenu *m_recentMenu = nullptr;
    QStringList m_recentFiles;
    DefaultCharts m_defaultCharts;
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
    QAction *m_shortcutsAction = nullptr;
    QAction *m_liveAction = nullptr;
    QAction *m_backAction = nullptr;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    QAction *m_timeWindowAction = nullptr;
    QAction *m_thresholdsAction = nullptr;
    QAction *m_saveLayoutAction = nullptr;
    QAction *m_loadLayoutAction = nullptr;
    QActionGroup *m_rangeGroup = nullptr;
    QActionGroup *m_historyGroup = nullptr;
};

} // namespace dashboard
