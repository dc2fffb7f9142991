// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "chartpanel.h"
#include "chartstack.h"
#include "controller/dashboardsettings.h"
#include "controller/defaultcharts.h"
#include "controller/historycsvexport.h"
#include "controller/layout.h"
#include "controller/workspace.h"
#include "countertablepanel.h"
#include "loadprogress.h"
#include "models/counterhistory.h"
#include "models/counterlistmodel.h"
#include "models/csvexport.h"
#include "models/familyaggregates.h"
#include "models/historystore.h"
#include "models/sourcelistmodel.h"
#include "models/valueformat.h"
#include "shortcutsdialog.h"
#include "sources/savedfilesource.h"
#include "sources/source.h"
#include "sources/sourcefactory.h"
#include "sourcespanel.h"
#include "theme.h"
#include "thresholddialog.h"
#include "timeaxispolicy.h"
#include "timerangedialog.h"
#include "viewslogging.h"
#include "welcomepage.h"
#include "windowshortcuts.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaEnum>
#include <QMimeData>
#include <QPixmap>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTextStream>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

namespace dashboard {

namespace {

constexpr int kMaxRecentFiles = 8;

} // namespace

MainWindow::MainWindow(Workspace *workspace, QWidget *parent)
    : QMainWindow(parent), m_workspace(workspace)
{
    setWindowTitle(tr("Counters Dashboard"));
    setWindowIcon(Theme::applicationIcon());
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    m_table = new CounterTablePanel(workspace->counterList(), workspace->sourceList(), this);
    m_charts = new ChartStack(workspace->history(), workspace->thresholds(), this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("CentralSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({250, 500});
    // Without a source, the window says how to begin instead (the welcome page, below).
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_splitter);
    setCentralWidget(m_pages);

    m_sources = new SourcesPanel(workspace, this);
    auto *dock = new QDockWidget(tr("Sources"), this);
    dock->setObjectName(QStringLiteral("SourcesDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    dock->setWidget(m_sources);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {250}, Qt::Horizontal);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    // The counters in warning or critical state, and since when: a click lists them.
    m_alertsButton = new QToolButton(this);
    m_alertsButton->setObjectName(QStringLiteral("AlertsButton"));
    m_alertsButton->setAutoRaise(true);
    m_alertsButton->setPopupMode(QToolButton::InstantPopup);
    m_alertsButton->setMenu(new QMenu(m_alertsButton));
    m_alertsButton->hide();
    statusBar()->addPermanentWidget(m_alertsButton);
    connect(m_workspace, &Workspace::alertsChanged, this, &MainWindow::updateAlerts);
    m_loadProgress = new LoadProgress(m_workspace, this);
    statusBar()->addPermanentWidget(m_loadProgress);
    statusBar()->setSizeGripEnabled(false);

    createActions();
    createMenus();
    m_sources->addSourceActions({m_openAction, m_watchAction, m_connectAction});
    m_welcome = new WelcomePage({m_openAction, m_watchAction, m_connectAction, m_loadLayoutAction},
                                m_discoveryAction, this);
    m_pages->addWidget(m_welcome);
    connect(m_welcome, &WelcomePage::fileChosen, this, &MainWindow::openFile);
    applyIcons();

    connect(m_table, &CounterTablePanel::addToChartRequested, this, &MainWindow::addToChart);
    connect(m_table, &CounterTablePanel::addToNewChartRequested, this,
            [this](const QList<SeriesKey> &keys) {
                m_charts->addChart();
                addToChart(keys);
            });
    connect(m_table, &CounterTablePanel::showNodesToggled, m_nodesAction, &QAction::setChecked);
    connect(m_table, &CounterTablePanel::thresholdsRequested, this, &MainWindow::editThresholds);
    connect(m_workspace, &Workspace::frameApplied, this, &MainWindow::onFrameApplied);
    connect(m_charts, &ChartStack::chartsChanged, this, [this] {
        if (!m_autoFilling)
            m_userCharted = true;
        updateRangeActions();
    });
    connect(m_charts, &ChartStack::rangesChanged, this, &MainWindow::updateRangeActions);
    connect(m_workspace->sourceList(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::updateStatus);
    connect(m_workspace->sourceList(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::updateStatus);
    connect(m_workspace->sourceList(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::updateStatus);
    // The window's shortcuts work wherever the focus is, the counter filter's too.
    auto *shortcutsFirst = new WindowShortcutsFirst(this);
    for (QLineEdit *field : findChildren<QLineEdit *>())
        field->installEventFilter(shortcutsFirst);
    updateStatus();
    updateRecentMenu();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::updateRangeActions()
{
    const int range = m_charts->commonRange();
    for (QAction *action : m_rangeGroup->actions())
        action->setChecked(action->data().toInt() == range);
}

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open Report…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Open a saved report or a history file (JSON or JSON Lines)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::onOpen);

    m_watchAction = new QAction(tr("&Watch Report File…"), this);
    m_watchAction->setToolTip(tr("Follow a report file that a service keeps rewriting"));
    connect(m_watchAction, &QAction::triggered, this, &MainWindow::onWatch);

    m_connectAction = new QAction(tr("&Connect…"), this);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connectAction->setToolTip(
        tr("Connect to a service, a multi-process leader or an HTTP endpoint"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::onConnect);

    m_exportChartAction = new QAction(tr("Export Chart as &PNG…"), this);
    m_exportChartAction->setToolTip(tr("Save the current chart as an image"));
    connect(m_exportChartAction, &QAction::triggered, this, &MainWindow::onExportChart);

    m_exportCsvAction = new QAction(tr("Export Data as C&SV…"), this);
    m_exportCsvAction->setToolTip(tr("Save the history of the current chart's counters as CSV"));
    connect(m_exportCsvAction, &QAction::triggered, this, &MainWindow::onExportCsv);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(
        QKeySequence(Qt::CTRL | Qt::Key_Q)); // Quit is empty on some platforms
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_addToChartAction = new QAction(tr("&Add to Chart"), this);
    m_addToChartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_addToChartAction->setToolTip(tr("Chart the counters selected in the table"));
    connect(m_addToChartAction, &QAction::triggered, this,
            [this] { addToChart(m_table->selectedSeries()); });

    m_newChartAction = new QAction(tr("&New Chart"), this);
    m_newChartAction->setShortcut(QKeySequence::New);
    m_newChartAction->setToolTip(
        tr("Add a chart below the others, with the counters selected in the table"));
    connect(m_newChartAction, &QAction::triggered, this, [this] {
        const QList<SeriesKey> keys = m_table->selectedSeries();
        m_charts->addChart();
        addToChart(keys); // (none selected: an empty chart)
    });

    m_pauseAction = new QAction(tr("&Pause Charts"), this);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_pauseAction, &QAction::toggled, m_charts, &ChartStack::setPaused);
    // Zooming pauses, a double-click goes live: the action follows the charts.
    connect(m_charts, &ChartStack::pausedChanged, m_pauseAction, &QAction::setChecked);
    connect(m_pauseAction, &QAction::toggled, this, [this] {
        applyIcons();
        updatePauseTexts();
    });

    m_backAction = new QAction(tr("&Back"), this);
    m_backAction->setShortcut(QKeySequence::Back);
    m_backAction->setToolTip(tr("Show what the charts showed before the last zoom, pan or "
                                "window chosen"));
    m_backAction->setEnabled(false);
    connect(m_backAction, &QAction::triggered, m_charts, &ChartStack::back);
    connect(m_charts, &ChartStack::backAvailableChanged, m_backAction, &QAction::setEnabled);

    m_timeWindowAction = new QAction(tr("Time &Window…"), this);
    m_timeWindowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_timeWindowAction->setToolTip(tr("Show every chart from one time to another"));
    connect(m_timeWindowAction, &QAction::triggered, this, &MainWindow::chooseTimeWindow);

    m_nodesAction = new QAction(tr("Show Per-&Process Values"), this);
    m_nodesAction->setCheckable(true);
    m_nodesAction->setToolTip(
        tr("Show each process's values of multi-process reports beside the merged ones"));
    connect(m_nodesAction, &QAction::toggled, m_charts, &ChartStack::setShowNodes);
    connect(m_nodesAction, &QAction::toggled, m_table, &CounterTablePanel::setShowNodes);

    m_discoveryAction = new QAction(tr("&Discover Local Services"), this);
    m_discoveryAction->setCheckable(true);
    m_discoveryAction->setToolTip(
        tr("List the services of this machine that publish on a local socket"));
    connect(m_discoveryAction, &QAction::toggled, m_workspace, &Workspace::setDiscoveryEnabled);
    connect(m_discoveryAction, &QAction::toggled, this, &MainWindow::updateChartHint);
    connect(m_workspace, &Workspace::sourceAdded, this,
            [this] { m_discoveryAction->setChecked(m_workspace->isDiscoveryEnabled()); });

    m_exportChartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportCsvAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    m_liveAction = new QAction(tr("Back to &Live"), this);
    m_liveAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_liveAction->setToolTip(
        tr("Resume the charts and follow the newest data (or double-click a chart)"));
    connect(m_liveAction, &QAction::triggered, this, [this] { m_charts->setPaused(false); });

    m_thresholdsAction = new QAction(tr("Set &Thresholds…"), this);
    m_thresholdsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_thresholdsAction->setToolTip(
        tr("Set the warning and critical levels of the counter selected in the table"));
    connect(m_thresholdsAction, &QAction::triggered, this, [this] {
        const QList<SeriesKey> keys = m_table->selectedSeries();
        if (keys.isEmpty()) {
            statusBar()->showMessage(tr("Select a counter in the table first."), 5000);
            return;
        }
        editThresholds(keys.constFirst());
    });

    m_saveLayoutAction = new QAction(tr("&Save Layout…"), this);
    m_saveLayoutAction->setShortcut(QKeySequence::Save);
    m_saveLayoutAction->setToolTip(
        tr("Save the charts, their counters, thresholds and ranges to a file"));
    connect(m_saveLayoutAction, &QAction::triggered, this, &MainWindow::onSaveLayout);

    m_loadLayoutAction = new QAction(tr("&Load Layout…"), this);
    m_loadLayoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_loadLayoutAction->setToolTip(tr("Show the charts of a saved layout"));
    connect(m_loadLayoutAction, &QAction::triggered, this, &MainWindow::onLoadLayout);

    m_rangeGroup = new QActionGroup(this);
    // No preset is checked while the charts show different ranges.
    m_rangeGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const std::pair<ChartPanel::Range, QString> ranges[] = {
        {ChartPanel::Range::OneMinute, tr("Last &Minute")},
        {ChartPanel::Range::FiveMinutes, tr("Last &5 Minutes")},
        {ChartPanel::Range::FifteenMinutes, tr("Last &15 Minutes")},
        {ChartPanel::Range::OneHour, tr("Last &Hour")},
        {ChartPanel::Range::All, tr("&Everything")},
    };
    int key = Qt::Key_1;
    for (const auto &[range, text] : ranges) {
        QAction *action = m_rangeGroup->addAction(text);
        action->setCheckable(true);
        action->setChecked(range == ChartPanel::Range::All);
        action->setData(int(range));
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(key++)));
        action->setToolTip(tr("Show this time range in every chart, live"));
        connect(action, &QAction::triggered, this, [this, range = range] {
            m_charts->setRange(int(range));
            updateRangeActions(); // triggering the checked preset unchecks it
        });
    }

    m_historyGroup = new QActionGroup(this);
    for (const int mebibytes : {64, 256, 1024, 4096}) {
        QAction *action = m_historyGroup->addAction(QLocale().formattedDataSize(
            qint64(mebibytes) << 20, 0, QLocale::DataSizeTraditionalFormat));
        action->setCheckable(true);
        action->setData(mebibytes);
        action->setChecked(mebibytes == historyMemory());
        action->setToolTip(tr("The memory the charts' history may take: beyond it, older "
                              "readings are rolled up into coarser intervals"));
        connect(action, &QAction::triggered, this,
                [this, mebibytes] { setHistoryMemory(mebibytes); });
    }

    m_shortcutsAction = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcutsAction, &QAction::triggered, this, [this] {
        ShortcutsDialog dialog(ShortcutsDialog::rowsFor(this), this);
        dialog.exec();
    });
    m_aboutAction = new QAction(tr("&About Counters Dashboard"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::onAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_watchAction);
    file->addAction(m_connectAction);
    file->addSeparator();
    file->addAction(m_loadLayoutAction);
    file->addAction(m_saveLayoutAction);
    file->addSeparator();
    file->addAction(m_exportChartAction);
    file->addAction(m_exportCsvAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_addToChartAction);
    view->addAction(m_newChartAction);
    view->addAction(m_thresholdsAction);
    view->addSeparator();
    view->addAction(m_pauseAction);
    view->addAction(m_liveAction);
    view->addAction(m_backAction);
    QMenu *rangeMenu = view->addMenu(tr("Time &Range"));
    rangeMenu->addActions(m_rangeGroup->actions());
    view->addAction(m_timeWindowAction);
    QMenu *historyMenu = view->addMenu(tr("&History Memory"));
    historyMenu->addActions(m_historyGroup->actions());
    view->addAction(m_nodesAction);
    view->addSeparator();
    view->addAction(m_discoveryAction);
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("SourcesDock"))) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setText(tr("Show &Sources"));
        view->addAction(toggle);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addSeparator();
    help->addAction(m_aboutAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("MainToolBar"));
    toolBar->setMovable(false);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_connectAction);
    toolBar->addSeparator();
    toolBar->addAction(m_addToChartAction);
    toolBar->addAction(m_newChartAction);
    toolBar->addSeparator();
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_nodesAction);
    toolBar->addSeparator();
    toolBar->addAction(m_exportChartAction);
    // Toolbar texts short; the menus keep the full ones.
    m_openAction->setIconText(tr("Open"));
    m_connectAction->setIconText(tr("Connect"));
    m_addToChartAction->setIconText(tr("Add to Chart"));
    m_newChartAction->setIconText(tr("New Chart"));
    m_nodesAction->setIconText(tr("Per Process"));
    m_exportChartAction->setIconText(tr("Export"));

    updatePauseTexts();
    // Tooltips name the shortcut, so that the toolbar teaches it.
    for (QAction *action : findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->toolTip().isEmpty() || action == m_pauseAction)
            continue;
        action->setToolTip(tr("%1 (%2)").arg(
            action->toolTip(), action->shortcut().toString(QKeySequence::NativeText)));
    }
}

void MainWindow::updatePauseTexts()
{
    // Paused, the action says what it does now: resume.
    const bool paused = m_pauseAction->isChecked();
    m_pauseAction->setText(paused ? tr("&Resume Charts") : tr("&Pause Charts"));
    m_pauseAction->setIconText(paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setToolTip(
        tr("%1 (%2)").arg(paused ? tr("Follow the newest data again")
                                 : tr("Freeze the charts; data keeps being recorded"),
                          m_pauseAction->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::applyIcons()
{
    const QPalette p = palette();
    m_openAction->setIcon(Theme::icon(QStringLiteral("open"), p));
    m_watchAction->setIcon(Theme::icon(QStringLiteral("watch"), p));
    m_connectAction->setIcon(Theme::icon(QStringLiteral("connect"), p));
    m_exportChartAction->setIcon(Theme::icon(QStringLiteral("export"), p));
    m_exportCsvAction->setIcon(Theme::icon(QStringLiteral("export"), p));
    m_addToChartAction->setIcon(Theme::icon(QStringLiteral("chart-add"), p));
    m_newChartAction->setIcon(Theme::icon(QStringLiteral("chart-new"), p));
    m_pauseAction->setIcon(Theme::icon(
        m_pauseAction->isChecked() ? QStringLiteral("play") : QStringLiteral("pause"), p));
    m_nodesAction->setIcon(Theme::icon(QStringLiteral("processes"), p));
    m_discoveryAction->setIcon(Theme::icon(QStringLiteral("discover"), p));
    m_loadLayoutAction->setIcon(Theme::icon(QStringLiteral("layout"), p));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_openAction)
        applyIcons();
}

void MainWindow::openFile(const QString &path)
{
    if (path.isEmpty())
        return;
    m_workspace->openFile(path);
    rememberFile(path);
}

void MainWindow::addToChart(const QList<SeriesKey> &keys)
{
    if (keys.isEmpty())
        return;
    m_userCharted = true; // the user chose: no more defaults
    m_charts->addToCurrent(keys, sourceNames());
}

void MainWindow::editThresholds(const SeriesKey &key)
{
    // In the unit its charts show (chosen from the same magnitude).
    const CounterHistory *history = m_workspace->history()->history(key.merged());
    ThresholdDialog::edit(this, m_workspace->thresholds(), key.counter,
                          m_workspace->history()->unit(key.merged()),
                          history ? history->largestMagnitude() : 0);
}

void MainWindow::setShowPerProcess(bool show)
{
    m_nodesAction->setChecked(show);
}

QHash<QString, QString> MainWindow::sourceNames() const
{
    QHash<QString, QString> names;
    for (const Source *source : m_workspace->sources())
        names.insert(source->id(), source->displayName());
    return names;
}

void MainWindow::onFrameApplied()
{
    m_lastUpdate = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    if (!m_userCharted)
        autoFillCharts();
    updateStatus();
}

void MainWindow::autoFillCharts()
{
    const CounterListModel *list = m_workspace->counterList();
    if (list->rowCount() == 0)
        return;

    QStringList sourceOrder;
    for (const Source *source : m_workspace->sources())
        sourceOrder.append(source->id());
    m_defaultCharts.update(*list, sourceOrder);
    const QList<QList<SeriesKey>> groups = m_defaultCharts.groups();
    if (groups.isEmpty() || groups == m_autoGroups)
        return;
    // Not under a dialog (thresholds, a colour…): it runs in an event loop nested in a chart's
    // menu, and replacing the charts would delete both under it. The next frame does it.
    if (QApplication::activeModalWidget())
        return;

    // Counters gain values as traffic starts: the defaults grow with them until the user
    // charts something.
    m_autoFilling = true;
    m_charts->clear();
    const QHash<QString, QString> names = sourceNames();
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (i > 0)
            m_charts->addChart();
        m_charts->addToCurrent(groups.at(i), names);
    }
    m_charts->setCurrentChart(m_charts->charts().constFirst());
    m_autoFilling = false;
    m_autoGroups = groups;
    qCDebug(lcViews) << "charted" << groups.size() << "default groups";
}

void MainWindow::chooseTimeWindow()
{
    ChartPanel *chart = m_charts->currentChart();
    const auto [from, to] = chart ? chart->timeWindow() : std::make_pair(0.0, 0.0);
    TimeRangeDialog dialog(from, to, this);
    if (dialog.exec() == QDialog::Accepted)
        m_charts->setTimeWindow(dialog.fromMs(), dialog.toMs());
}

void MainWindow::updateStatus()
{
    const SourceListModel *sources = m_workspace->sourceList();
    int live = 0;
    int stale = 0;
    int failing = 0;
    for (int row = 0; row < sources->rowCount(); ++row) {
        const QModelIndex index = sources->index(row);
        const auto state = Source::State(index.data(SourceListModel::StateRole).toInt());
        const bool silent = index.data(SourceListModel::StaleRole).toBool();
        live += state == Source::State::Live && !silent;
        stale += silent;
        failing += state == Source::State::Error;
    }
    updateChartHint();
    m_pages->setCurrentWidget(sources->rowCount() == 0 ? static_cast<QWidget *>(m_welcome)
                                                       : m_splitter);
    QStringList parts;
    parts.append(tr("%n source(s)", nullptr, sources->rowCount()));
    if (live > 0)
        parts.append(tr("%n live", nullptr, live));
    if (stale > 0)
        parts.append(tr("%n stale", nullptr, stale));
    if (failing > 0)
        parts.append(tr("%n failing", nullptr, failing));
    parts.append(tr("%n counter(s)", nullptr, m_workspace->counterList()->counterCount()));
    if (m_lastUpdate > 0) {
        parts.append(tr("updated %1")
                         .arg(TimeAxisPolicy::tickLabel(m_lastUpdate * 1000, 1000, 0, QLocale())));
    }
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

void MainWindow::updateAlerts()
{
    const QList<Workspace::Alert> &alerts = m_workspace->alerts();
    m_alertsButton->setVisible(!alerts.isEmpty());
    int critical = 0;
    for (const Workspace::Alert &alert : alerts)
        critical += alert.state == ThresholdState::Critical;
    QStringList counts;
    if (critical > 0)
        counts.append(tr("%n critical", nullptr, critical));
    if (alerts.size() > critical)
        counts.append(tr("%n warning(s)", nullptr, int(alerts.size()) - critical));
    m_alertsButton->setText(counts.join(QStringLiteral(" · ")));
    m_alertsButton->setToolTip(tr("Counters beyond their thresholds: click for the list"));
    QPalette palette = m_alertsButton->palette();
    palette.setColor(
        QPalette::ButtonText,
        ThresholdSet::color(critical > 0 ? ThresholdState::Critical : ThresholdState::Warning));
    m_alertsButton->setPalette(palette);
    // The list: each counter with its source, state and since when; choosing one charts it.
    QMenu *menu = m_alertsButton->menu();
    menu->clear();
    const QHash<QString, QString> names = sourceNames();
    const QLocale locale;
    for (const Workspace::Alert &alert : alerts) {
        const QDateTime since = QDateTime::fromMSecsSinceEpoch(qint64(alert.since * 1000));
        const QString when = since.date() == QDate::currentDate()
            ? TimeAxisPolicy::tickLabel(alert.since * 1000, 1000, 0, locale)
            : locale.toString(since, QLocale::ShortFormat);
        QAction *action =
            menu->addAction(tr("%1 (%2): %3 since %4")
                                .arg(alert.key.counter, names.value(alert.key.sourceId),
                                     ThresholdSet::stateText(alert.state), when));
        QPixmap swatch(12, 12);
        swatch.fill(ThresholdSet::color(alert.state));
        action->setIcon(QIcon(swatch));
        const SeriesKey key = alert.key;
        connect(action, &QAction::triggered, this,
                [this, key] { m_charts->addToCurrent({key}, sourceNames()); });
    }
}

void MainWindow::updateChartHint()
{
    // What an empty chart says: how to begin, why nothing comes, or how to chart.
    const SourceListModel *sources = m_workspace->sourceList();
    QString hint;
    if (sources->rowCount() == 0) {
        hint = m_discoveryAction->isChecked()
            ? tr("No source yet.\nOpen a saved report or history (File ▸ Open), connect to a "
                 "service (File ▸ Connect), or start a service that uses Counters: local "
                 "services appear here by themselves.")
            : tr("No source yet.\nOpen a saved report or history (File ▸ Open) or connect to "
                 "a service (File ▸ Connect).");
    } else if (m_workspace->counterList()->rowCount() == 0) {
        for (int row = 0; row < sources->rowCount() && hint.isEmpty(); ++row) {
            const QModelIndex index = sources->index(row);
            if (Source::State(index.data(SourceListModel::StateRole).toInt())
                != Source::State::Error)
                continue;
            hint = tr("%1: %2").arg(index.data(SourceListModel::NameRole).toString(),
                                    index.data(SourceListModel::MessageRole).toString());
            hint += QLatin1Char('\n')
                + (index.data(SourceListModel::WillRetryRole).toBool()
                       ? tr("The dashboard keeps trying. Check that the service runs and "
                            "listens at this address, or remove the source.")
                       : tr("Check the file or the address, then open or connect again."));
        }
    }
    m_charts->setPlaceholderText(hint);
}

void MainWindow::rememberFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recentFiles.removeAll(absolute);
    m_recentFiles.prepend(absolute);
    while (m_recentFiles.size() > kMaxRecentFiles)
        m_recentFiles.removeLast();
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (m_welcome)
        m_welcome->setRecentFiles(m_recentFiles.mid(0, 5));
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    for (const QString &path : std::as_const(m_recentFiles)) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (!m_recentFiles.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            m_recentFiles.clear();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

void MainWindow::onOpen()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open Report"), QString(),
        tr("Reports and histories (*.json *.jsonl *.ndjson *.log);;All files (*)"));
    for (const QString &path : paths)
        openFile(path);
}

void MainWindow::onWatch()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Watch Report File"), QString(),
                                                      tr("Reports (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_workspace->connectTo(QUrl::fromLocalFile(path).toString(), &error))
        QMessageBox::warning(this, tr("Watch Report File"), error);
}

void MainWindow::onConnect()
{
    bool ok = false;
    const QString address = QInputDialog::getText(
        this, tr("Connect"),
        tr("Address of the source:\n"
           "  local:NAME — a service on this machine\n"
           "  tcp://HOST:PORT — a multi-process leader (?token=… if it needs one)\n"
           "  http://HOST:PORT — a service's HTTP endpoint\n"
           "  prometheus://HOST[:PORT] — the Counters series of a Prometheus server\n"
           "  file:///PATH — a report file that a service rewrites"),
        QLineEdit::Normal, QStringLiteral("local:"), &ok);
    if (!ok || address.trimmed().isEmpty())
        return;
    QString error;
    if (!m_workspace->connectTo(address, &error))
        QMessageBox::warning(this, tr("Connect"), error);
}

bool MainWindow::exportChart(const QString &path, QString *error) const
{
    ChartPanel *chart = m_charts->currentChart();
    const QImage image = chart ? chart->toImage(sourceNames()) : QImage();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

QString MainWindow::csvTitle(const SeriesKey &key, bool severalSources) const
{
    QString title = key.counter;
    if (key.isNode())
        title += QStringLiteral(" @ ") + key.node;
    if (severalSources) {
        const Source *source = m_workspace->findSource(key.sourceId);
        title = (source ? source->displayName() : key.sourceId) + QStringLiteral(": ") + title;
    }
    return title;
}

bool MainWindow::exportCsv(const QString &path, QString *error) const
{
    ChartPanel *chart = m_charts->currentChart();
    if (!chart || chart->visibleSeriesKeys().isEmpty()) {
        if (error)
            *error = tr("The current chart is empty");
        return false;
    }
    QList<SeriesKey> keys;
    for (const SeriesKey &key : chart->visibleSeriesKeys()) {
        keys.append(key);
        if (m_charts->showNodes())
            keys += m_workspace->history()->nodeKeys(key);
    }
    bool severalSources = false;
    for (const SeriesKey &key : std::as_const(keys))
        severalSources |= key.sourceId != keys.constFirst().sourceId;
    const auto [from, to] = chart->visibleTimeRange();
    return writeCsv(keys, severalSources, from, to, path, error);
}

bool MainWindow::writeCsv(const QList<SeriesKey> &keys, bool severalSources, double from, double to,
                          const QString &path, QString *error) const
{
    // A saved history is read again: every report at full resolution, whatever the charts
    // rolled up. Anything else comes from the charts' history.
    const SavedFileSource *file = nullptr;
    if (!keys.isEmpty() && std::all_of(keys.cbegin(), keys.cend(), [&](const SeriesKey &key) {
            return key.sourceId == keys.constFirst().sourceId;
        }))
        file = qobject_cast<const SavedFileSource *>(
            m_workspace->findSource(keys.constFirst().sourceId));
    // A percentile counter's p90 and p99 too, beside its median.
    const auto addColumns = [&](auto &csv) {
        for (const SeriesKey &key : keys) {
            const QString title = csvTitle(key, severalSources);
            csv.addColumn(key, title);
            const CounterHistory *history = m_workspace->history()->history(key);
            if (history && !history->isEmpty() && history->last().hasPercentiles()) {
                csv.addColumn(key, title + QStringLiteral(" p90"), PointField::P90);
                csv.addColumn(key, title + QStringLiteral(" p99"), PointField::P99);
            }
        }
    };
    if (!file) {
        CsvExport csv(m_workspace->history());
        addColumns(csv);
        csv.setRange(from, to);
        if (!csv.write(path)) {
            if (error)
                *error = csv.errorString();
            return false;
        }
        return true;
    }
    HistoryCsvExport csv(file->path());
    addColumns(csv);
    csv.setRange(from, to);
    // A progress dialog when the window is shown (not for --export-csv), and only when it
    // takes a while.
    std::unique_ptr<QProgressDialog> progress;
    if (isVisible() && !testAttribute(Qt::WA_DontShowOnScreen)) {
        progress = std::make_unique<QProgressDialog>(
            tr("Writing %1…").arg(QDir::toNativeSeparators(path)), tr("Cancel"), 0, 1000,
            const_cast<MainWindow *>(this));
        progress->setWindowTitle(tr("Export Data"));
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(500);
        connect(&csv, &HistoryCsvExport::progressChanged, progress.get(),
                [&](double done) { progress->setValue(int(done * 1000)); });
        connect(progress.get(), &QProgressDialog::canceled, &csv, &HistoryCsvExport::cancel);
    }
    const bool ok = csv.exec(path);
    if (!ok && error)
        *error = csv.errorString();
    return ok;
}

bool MainWindow::exportAllCsv(const QString &path, QString *error) const
{
    // Every source's counters, sources in the order opened, counters by name; not the sums
    // of families, which their series add up to.
    QList<SeriesKey> keys;
    const QList<SeriesKey> all = m_workspace->history()->keys();
    for (const Source *source : m_workspace->sources()) {
        QList<SeriesKey> own;
        for (const SeriesKey &key : all) {
            if (key.sourceId == source->id() && !key.isNode() && !isAggregate(key.counter))
                own.append(key);
        }
        std::sort(own.begin(), own.end());
        keys += own;
    }
    const bool severalSources = m_workspace->sources().size() > 1;
    return writeCsv(keys, severalSources, -std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::infinity(), path, error);
}

void MainWindow::setHistoryMemory(int mebibytes)
{
    m_workspace->history()->setMemoryBudget(qint64(std::max(1, mebibytes)) << 20);
    updateHistoryMenu();
}

void MainWindow::updateHistoryMenu()
{
    for (QAction *action : m_historyGroup->actions())
        action->setChecked(action->data().toInt() == historyMemory());
}

int MainWindow::historyMemory() const
{
    return int(m_workspace->history()->memoryBudget() >> 20);
}

Layout MainWindow::currentLayout() const
{
    Layout layout;
    for (const ChartPanel *chart : m_charts->charts()) {
        if (chart->isEmpty())
            continue;
        ChartLayout chartLayout;
        chartLayout.series = chart->seriesKeys();
        for (const SeriesKey &key : std::as_const(chartLayout.series)) {
            if (!chart->isSeriesVisible(key))
                chartLayout.hidden.append(key);
            if (!chart->isBandShown(key))
                chartLayout.withoutBands.append(key);
            if (const QColor color = chart->seriesColor(key); color.isValid())
                chartLayout.colors.insert(key, color);
            if (const QString label = chart->seriesLabel(key); !label.isEmpty())
                chartLayout.labels.insert(key, label);
        }
        chartLayout.range = ChartPanel::rangeName(chart->range());
        chartLayout.logScale = chart->isLogScale();
        chartLayout.fromZero = chart->fromZero();
        layout.charts.append(chartLayout);
    }
    layout.perProcess = m_nodesAction->isChecked();
    m_workspace->captureInto(layout);
    return layout;
}

void MainWindow::applyLayout(const Layout &layout, LayoutSources sources)
{
    const QList<ChartLayout> charts = m_workspace->restore(layout, sources == LayoutSources::Open);
    updateHistoryMenu(); // the history's budget is the layout's now
    setShowPerProcess(layout.perProcess);
    if (charts.isEmpty())
        return;
    m_userCharted = true;
    m_charts->clear();
    const QHash<QString, QString> names = sourceNames();
    for (qsizetype i = 0; i < charts.size(); ++i) {
        const ChartLayout &chartLayout = charts.at(i);
        ChartPanel *chart = i == 0 ? m_charts->charts().constFirst() : m_charts->addChart();
        chart->addSeries(chartLayout.series, names);
        for (const SeriesKey &key : chartLayout.hidden)
            chart->setSeriesVisible(key, false);
        // As saved, whatever a chart gives a series it adds.
        QList<SeriesKey> withBands;
        for (const SeriesKey &key : chartLayout.series) {
            if (!chartLayout.withoutBands.contains(key))
                withBands.append(key);
        }
        chart->setBandsShown(withBands, true);
        chart->setBandsShown(chartLayout.withoutBands, false);
        for (auto it = chartLayout.colors.cbegin(); it != chartLayout.colors.cend(); ++it)
            chart->setSeriesColor(it.key(), it.value());
        for (auto it = chartLayout.labels.cbegin(); it != chartLayout.labels.cend(); ++it)
            chart->setSeriesLabel(it.key(), it.value());
        chart->setLogScale(chartLayout.logScale);
        chart->setFromZero(chartLayout.fromZero);
        chart->setRange(
            ChartPanel::rangeFromName(chartLayout.range).value_or(ChartPanel::Range::All));
    }
    m_charts->setCurrentChart(m_charts->charts().constFirst());
    m_charts->setPaused(false);
}

bool MainWindow::saveLayout(const QString &path, QString *error) const
{
    Layout layout = currentLayout();
    if (!layout.save(path)) {
        if (error)
            *error = layout.errorString();
        return false;
    }
    return true;
}

bool MainWindow::loadLayout(const QString &path, QString *error)
{
    Layout layout;
    if (!layout.load(path)) {
        statusBar()->showMessage(tr("Layout not loaded: %1").arg(layout.errorString()), 15000);
        if (error)
            *error = layout.errorString();
        return false;
    }
    applyLayout(layout);
    statusBar()->showMessage(tr("Layout %1 loaded").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::onSaveLayout()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Layout"), QStringLiteral("layout.json"), tr("Layouts (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveLayout(path, &error))
        QMessageBox::warning(this, tr("Save Layout"), error);
}

void MainWindow::onLoadLayout()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Layout"), QString(),
                                                      tr("Layouts (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadLayout(path);
}

void MainWindow::onExportChart()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), QStringLiteral("chart.png"), tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportChart(path, &error))
        QMessageBox::warning(this, tr("Export Chart"), error);
}

void MainWindow::onExportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Data"), QStringLiteral("counters.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export Data"), error);
}

QString MainWindow::aboutText()
{
    return tr("<h3>Counters Dashboard %1</h3>"
              "<p>Live charts of the counters of C++/Qt services: local services, "
              "multi-process leaders, HTTP endpoints, report files and histories, including "
              "those written by PyCounters.</p>")
               .arg(QApplication::applicationVersion())
        + tr("<p>Built with Qt %1, running on Qt %2. MIT licence.</p>")
              .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void MainWindow::onAbout()
{
    QMessageBox::about(this, tr("About Counters Dashboard"), aboutText());
}

void MainWindow::restoreSettings(SettingsLayout restoreLayout)
{
    const DashboardSettings settings = DashboardSettings::load();
    restoreGeometry(settings.windowGeometry);
    restoreState(settings.windowState);
    m_splitter->restoreState(settings.splitterState);
    if (settings.hiddenColumns) {
        const QMetaEnum columns = QMetaEnum::fromType<CounterListModel::Column>();
        QList<int> hidden;
        for (const QString &name : *settings.hiddenColumns) {
            bool ok = false;
            const int column = columns.keyToValue(name.toLatin1().constData(), &ok);
            if (ok)
                hidden.append(column);
        }
        m_table->setHiddenColumns(hidden);
    }
    m_recentFiles = settings.recentFiles;
    // A layout given on the command line brings its own view settings.
    if (restoreLayout == SettingsLayout::RestoreLayout) {
        m_nodesAction->setChecked(settings.perProcess);
        if (settings.historyMemoryMiB > 0)
            setHistoryMemory(settings.historyMemoryMiB);
    }
    updateRecentMenu();
    if (restoreLayout == SettingsLayout::RestoreLayout && !settings.lastLayout.isEmpty()) {
        Layout layout;
        if (layout.fromJson(settings.lastLayout))
            applyLayout(layout, LayoutSources::OpenIfNone);
        else
            qCWarning(lcViews) << "last layout not restored:" << layout.errorString();
    }
}

void MainWindow::saveSettings() const
{
    DashboardSettings settings;
    settings.windowGeometry = saveGeometry();
    settings.windowState = saveState();
    settings.splitterState = m_splitter->saveState();
    const QMetaEnum columns = QMetaEnum::fromType<CounterListModel::Column>();
    QStringList hidden;
    for (const int column : m_table->hiddenColumns())
        hidden.append(QLatin1String(columns.valueToKey(column)));
    settings.hiddenColumns = hidden;
    settings.recentFiles = m_recentFiles;
    settings.perProcess = m_nodesAction->isChecked();
    settings.historyMemoryMiB = historyMemory();
    settings.lastLayout = currentLayout().toJson();
    settings.save();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            openFile(url.toLocalFile());
    }
    event->acceptProposedAction();
}

} // namespace dashboard
