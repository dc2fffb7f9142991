// SPDX-License-Identifier: MIT
#include "controller/layout.h"
#include "controller/workspace.h"
#include "fakesource.h"
#include "files.h"
#include "main/translations.h"
#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "models/familygroupproxymodel.h"
#include "snapshots.h"
#include "sources/source.h"
#include "views/chartpanel.h"
#include "views/chartstack.h"
#include "views/chartview.h"
#include "views/countertablepanel.h"
#include "views/legendview.h"
#include "views/mainwindow.h"
#include "views/seriesbinder.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using dashboard::ChartPanel;
using dashboard::CounterListModel;
using dashboard::MainWindow;
using dashboard::SeriesKey;
using dashboard::Source;
using dashboard::Translations;
using dashboard::Workspace;
using namespace testdata;

namespace {

using testsupport::writeFile;

// A JSON Lines history of the tutorial's counters, a report a second from 1700000000, with
// values that grow from `from` on.
QByteArray tutorialHistory(int reports, int from = 0)
{
    QByteArray lines;
    for (int i = 0; i < reports; ++i)
        lines += counters::JsonCodec::toJson(testdata::tutorial(1700000000 + i, from + i)) + '\n';
    return lines;
}

/// Points drawn by all line series of all charts.
int plottedPoints(const MainWindow &window)
{
    int points = 0;
    for (const ChartPanel *chart : window.charts()->charts()) {
        for (const SeriesKey &key : chart->seriesKeys())
            points += chart->binder(key)->line()->count();
    }
    return points;
}

QAction *action(const MainWindow &window, const QString &text)
{
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->text().remove(QLatin1Char('&')) == text)
            return a;
    }
    return nullptr;
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void shouldChartASavedReportAndAPyCountersFile()
    {
        const QString ours = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1700000000), ours));
        const QString theirs = m_dir->filePath(QStringLiteral("pycounters.json"));
        QVERIFY(
            writeFile(theirs,
                      QByteArrayLiteral(
                          "{\"__collection_time__\": 1700000000, \"requests_time\": 0.012, "
                          "\"requests_frequency\": 3.5, \"__node_reports__\": {"
                          "\"h_1_0_1\": {\"requests_time\": 0.01, \"requests_frequency\": 1.5},"
                          "\"h_2_0_1\": {\"requests_time\": 0.014, \"requests_frequency\": 2}}}")));

        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        window.openFile(ours);
        window.openFile(theirs);
        QTRY_COMPARE(workspace.counterList()->rowCount(), 6 + 2 + 4);
        for (const Source *source : workspace.sources())
            QCOMPARE(source->state(), Source::State::Offline);

        // Defaults were charted, and they have points.
        QVERIFY(!window.charts()->isEmpty());
        QTRY_VERIFY(plottedPoints(window) > 0);
        const ChartPanel *first = window.charts()->charts().constFirst();
        QVERIFY2(first->title().contains(QLatin1String("requests_time")),
                 qPrintable(first->title()));

        // The per-process rows of the PyCounters leader's report, on demand.
        const int merged = window.table()->proxy()->rowCount();
        window.table()->setShowNodes(true);
        QCOMPARE(window.table()->proxy()->rowCount(), merged + 4);
        QVERIFY(window.charts()->showNodes());
    }

    void shouldChartAWholeHistory()
    {
        const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(50)));

        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        window.openFile(path);
        QTRY_VERIFY(!window.charts()->isEmpty());
        const ChartPanel *first = window.charts()->charts().constFirst();
        const auto *binder = first->binder(first->seriesKeys().constFirst());
        QCOMPARE(binder->line()->count(), 50);
        QVERIFY(binder->band()); // requests_time has its min–max band
    }

    // A labelled family: one row over its series in the table, its total charted by
    // default, and a chart split by one label with a line per value.
    void shouldGroupAndSplitALabelledFamily()
    {
        using counters::CounterType;
        const QString path = m_dir->filePath(QStringLiteral("labelled.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 30; ++i) {
            const auto req = [i](const char *method, const char *status, double base) {
                return series(QStringLiteral("http_request_time"),
                              {{QStringLiteral("method"), QString::fromLatin1(method)},
                               {QStringLiteral("status"), QString::fromLatin1(status)}},
                              CounterType::AverageTime, base + 0.001 * (i % 7), 10);
            };
            lines +=
                counters::JsonCodec::toJson(snapshot(
                    1700000000 + i,
                    {req("GET", "200", 0.010), req("GET", "500", 0.030), req("POST", "200", 0.050),
                     row(QStringLiteral("requests_frequency"), CounterType::Frequency, 3)}))
                + '\n';
        }
        QVERIFY(writeFile(path, lines));
        Workspace workspace;
        MainWindow window(&workspace);
        window.resize(1280, 800);
        window.show();
        window.openFile(path);
        QTRY_VERIFY(!window.charts()->isEmpty());

        auto *groups = window.table()->groups();
        QCOMPARE(groups->rowCount(), 2);
        const QModelIndex family = groups->index(0, 0);
        QCOMPARE(family.data().toString(), QStringLiteral("http_request_time"));
        QCOMPARE(groups->rowCount(family), 3);
        window.table()->view()->expand(family);
        // The default charts show the family as one line, its total.
        QStringList charted;
        for (const ChartPanel *chart : window.charts()->charts()) {
            for (const SeriesKey &key : chart->seriesKeys())
                charted.append(key.counter);
        }
        QVERIFY2(charted.contains(QStringLiteral("http_request_time{*}")),
                 qPrintable(charted.join(u' ')));
        QVERIFY(
            !charted.contains(QStringLiteral("http_request_time{method=\"GET\",status=\"200\"}")));

        const auto splits = window.table()->splitsOf(family);
        QCOMPARE(splits.keys(), QStringList({QStringLiteral("method"), QStringLiteral("status")}));
        const QList<SeriesKey> byMethod = splits.value(QStringLiteral("method"));
        QCOMPARE(byMethod.size(), 2);
        QCOMPARE(byMethod.at(0).counter, QStringLiteral("http_request_time{method=\"GET\",*}"));
        window.charts()->addChart();
        window.addToChart(byMethod);
        const ChartPanel *split = window.charts()->currentChart();
        QCOMPARE(split->seriesKeys(), byMethod);
        QCOMPARE(split->title(),
                 QStringLiteral("http_request_time (method=GET), "
                                "http_request_time (method=POST)"));
        // GET is the count-weighted mean of its two series: (0.010 + 0.030) / 2 at i = 0.
        const auto *get = split->binder(byMethod.at(0));
        QCOMPARE(get->line()->count(), 30);
        QVERIFY(qAbs(get->line()->at(0).y() - 0.020) < 1e-9
                || qAbs(get->line()->at(0).y() - 20) < 1e-6); // seconds, or ms if scaled
        if (qEnvironmentVariableIsSet("DASHBOARD_TEST_PICTURES"))
            window.grab().save(qEnvironmentVariable("DASHBOARD_TEST_PICTURES")
                               + QStringLiteral("/labelled-family.png"));
    }

    void shouldAddTheSelectedCountersToTheCurrentChart()
    {
        const QString path = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1700000000), path));
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        window.openFile(path);
        QTRY_VERIFY(!window.charts()->isEmpty());
        const int charts = window.charts()->charts().size();

        QAction *newChart = action(window, QStringLiteral("New Chart"));
        QVERIFY(newChart);
        newChart->trigger();
        QCOMPARE(window.charts()->charts().size(), charts + 1);
        ChartPanel *current = window.charts()->currentChart();
        QVERIFY(current->isEmpty());

        window.table()->setFilterText(QStringLiteral("data_len_"));
        QCOMPARE(window.table()->proxy()->rowCount(), 3);
        window.table()->view()->selectAll();
        QAction *add = action(window, QStringLiteral("Add to Chart"));
        QVERIFY(add);
        add->trigger();
        QCOMPARE(current->seriesKeys().size(), 3);
        QVERIFY(plottedPoints(window) >= 3);
        // New Chart takes the selected rows along.
        newChart->trigger();
        QCOMPARE(window.charts()->charts().size(), charts + 2);
        QCOMPARE(window.charts()->currentChart()->seriesKeys(), current->seriesKeys());
        window.charts()->setCurrentChart(current);

        // Export the chart and its data.
        const QString png = m_dir->filePath(QStringLiteral("chart.png"));
        const QString csv = m_dir->filePath(QStringLiteral("chart.csv"));
        QString error;
        QVERIFY2(window.exportChart(png, &error), qPrintable(error));
        const QImage exported(png);
        QVERIFY(exported.width() > 100);
        if (qEnvironmentVariableIsSet("DASHBOARD_TEST_PICTURES"))
            exported.save(qEnvironmentVariable("DASHBOARD_TEST_PICTURES")
                          + QStringLiteral("/exported-chart.png"));
        // The plot, a caption above it and the legend's rows under it.
        QVERIFY(exported.height() > current->view()->height() + 3 * window.fontMetrics().height());
        QVERIFY2(window.exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        // Time, then one column per series shown, with the report's values.
        QList<QByteArray> header = lines.at(0).split(',');
        QCOMPARE(header.takeFirst(), QByteArrayLiteral("time"));
        std::sort(header.begin(), header.end());
        QCOMPARE(header,
                 (QList<QByteArray>{"requests_data_len_avg", "requests_data_len_max",
                                    "requests_data_len_min"}));
        QCOMPARE(lines.size(), 3); // header, one line, the empty rest
        QList<QByteArray> values = lines.at(1).split(',');
        QCOMPARE(values.takeFirst(), QByteArrayLiteral("2023-11-14T22:13:20.000Z"));
        std::sort(values.begin(), values.end());
        QCOMPARE(values, (QList<QByteArray>{"12", "3", "40"}));

        // A hidden series is not behind the chart any more.
        current->setSeriesVisible(current->seriesKeys().constFirst(), false);
        QVERIFY2(window.exportCsv(csv, &error), qPrintable(error));
        file.close(); // the export replaced the file
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readLine().split(',').size(), 3);
    }

    void shouldRoundTripALayout()
    {
        // Given a history charted by hand: two charts, a hidden series, a range, thresholds
        const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(20)));
        const QString layoutPath = m_dir->filePath(QStringLiteral("layout.json"));
        dashboard::Layout saved;
        {
            Workspace workspace;
            MainWindow window(&workspace);
            window.show();
            window.openFile(path);
            QTRY_VERIFY(!window.charts()->isEmpty());
            const QString id = workspace.sources().constFirst()->id();
            const auto key = [&](const char *counter) {
                return SeriesKey{id, {}, QLatin1String(counter)};
            };
            window.charts()->clear();
            ChartPanel *first = window.charts()->charts().constFirst();
            first->addSeries(key("requests_time"));
            first->addSeries(key("requests_data_len_avg"));
            first->setSeriesVisible(key("requests_data_len_avg"), false);
            first->setRange(ChartPanel::Range::FiveMinutes);
            window.charts()->addChart()->addSeries(key("requests_frequency"));
            workspace.thresholds()->setThreshold(QStringLiteral("requests_time"),
                                                 dashboard::Threshold{0.05, 0.1});
            window.setHistoryMemory(64);
            QString error;
            QVERIFY2(window.saveLayout(layoutPath, &error), qPrintable(error));
            saved = window.currentLayout();
            QCOMPARE(saved.charts.size(), 2);
            QCOMPARE(saved.charts.at(0).hidden, QList<SeriesKey>{key("requests_data_len_avg")});
            QCOMPARE(saved.charts.at(0).range, QStringLiteral("5m"));
        }

        // When a fresh window loads it, it opens the source and shows the same.
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        QVERIFY(window.loadLayout(layoutPath));
        QCOMPARE(workspace.sources().size(), 1);
        QVERIFY(window.currentLayout() == saved);
        QCOMPARE(window.charts()->charts().size(), 2);
        ChartPanel *first = window.charts()->charts().constFirst();
        QCOMPARE(first->range(), ChartPanel::Range::FiveMinutes);
        QCOMPARE(workspace.history()->memoryBudget(), qint64(64) << 20);
        QTRY_COMPARE(first->binder(first->seriesKeys().constFirst())->line()->count(), 20);
        QVERIFY(!first->binder(first->seriesKeys().at(1))->line()->isVisible());
        // The data arriving later does not replace the layout's charts by defaults.
        QCOMPARE(window.charts()->charts().constFirst()->seriesKeys(), saved.charts.at(0).series);
        QCOMPARE(workspace.thresholds()->threshold(QStringLiteral("requests_time")).critical, 0.1);
    }

    // A layout says which series show their bands: applied while the histories hold data,
    // every series shows them as saved, not as a chart gives a series it adds (the first
    // only).
    void shouldShowTheBandsALayoutSaysOnce()
    {
        const QString path = m_dir->filePath(QStringLiteral("bands.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(5)));
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        window.openFile(path);
        QTRY_VERIFY(!window.charts()->isEmpty());
        const QString id = workspace.sources().constFirst()->id();
        const SeriesKey time{id, {}, QStringLiteral("requests_time")};
        const SeriesKey length{id, {}, QStringLiteral("requests_data_len_avg")};
        QVERIFY(workspace.history()->hasBands(time));
        QVERIFY(workspace.history()->hasBands(length));
        dashboard::Layout layout;
        dashboard::ChartLayout chart;
        chart.series = {time, length};
        layout.charts.append(chart);
        window.applyLayout(layout, MainWindow::LayoutSources::OpenIfNone);
        ChartPanel *panel = window.charts()->charts().constFirst();
        QCOMPARE(panel->seriesKeys(), chart.series);
        QVERIFY(panel->isBandShown(time));
        QVERIFY(panel->isBandShown(length));
        QVERIFY(panel->binder(length)->band());
        QCOMPARE(window.currentLayout().charts.constFirst().withoutBands, QList<SeriesKey>());
    }

    // Charts of a service that discovery found come back with the layout: the service is
    // followed again as a discovered source, which discovery reconnects when it finds it.
    void shouldRestoreTheChartsOfDiscoveredServices()
    {
        dashboard::Layout saved;
        const SeriesKey requests{
            QStringLiteral("LocalService local:shop"), {}, QStringLiteral("requests")};
        const SeriesKey instance{
            QStringLiteral("LocalService local:shop?pid=4242"), {}, QStringLiteral("requests")};
        {
            Workspace workspace;
            MainWindow window(&workspace);
            QVERIFY(workspace.followDiscovered(QStringLiteral("local:shop")));
            QVERIFY(workspace.followDiscovered(QStringLiteral("local:shop?pid=4242")));
            QCOMPARE(workspace.sources().constFirst()->id(), requests.sourceId);
            window.charts()->clear();
            window.charts()->charts().constFirst()->addSeries(requests);
            window.charts()->addChart()->addSeries(instance);
            saved = window.currentLayout();
        }
        QVERIFY(saved.sources.isEmpty());
        // One instance of several (a pid) does not outlive its process: not followed again.
        QCOMPARE(saved.discovered, QStringList{requests.sourceId});
        QCOMPARE(saved.charts.size(), 2);

        Workspace workspace;
        MainWindow window(&workspace);
        window.applyLayout(saved, MainWindow::LayoutSources::OpenIfNone);
        QCOMPARE(workspace.sources().size(), 1);
        Source *source = workspace.sources().constFirst();
        QCOMPARE(source->id(), requests.sourceId);
        QVERIFY(workspace.sourceList()->isDiscovered(source));
        QCOMPARE(window.charts()->charts().size(), 1);
        QCOMPARE(window.charts()->charts().constFirst()->seriesKeys(), QList<SeriesKey>{requests});
        QCOMPARE(window.currentLayout().discovered, saved.discovered);
        // Only local services are discovered.
        QString error;
        QVERIFY(!workspace.followDiscovered(QStringLiteral("http://127.0.0.1:1"), &error));
        QVERIFY2(error.contains(QStringLiteral("not a local service")), qPrintable(error));
        QCOMPARE(workspace.sources().size(), 1);
    }

    void shouldRestoreTheLastLayoutAtStart()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CountersTest"));
        QSettings().clear();
        const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(10)));
        dashboard::Layout saved;
        {
            Workspace workspace;
            MainWindow window(&workspace);
            window.openFile(path);
            QTRY_VERIFY(!window.charts()->isEmpty());
            const QString id = workspace.sources().constFirst()->id();
            window.charts()->clear();
            window.charts()->charts().constFirst()->addSeries(
                SeriesKey{id, {}, QStringLiteral("requests_data_len_avg")});
            window.charts()->charts().constFirst()->setRange(ChartPanel::Range::OneHour);
            workspace.thresholds()->setThreshold(QStringLiteral("requests_data_len_avg"),
                                                 dashboard::Threshold{15, 20});
            window.setHistoryMemory(1024);
            // The table's columns: p50 hidden by default; the user's choice is kept.
            QCOMPARE(window.table()->hiddenColumns(), QList<int>{CounterListModel::P50Column});
            window.table()->setHiddenColumns({CounterListModel::AgeColumn});
            window.saveSettings();
            saved = window.currentLayout();
        }
        // The next start, without sources on its command line, shows the same again.
        Workspace workspace;
        MainWindow window(&workspace);
        window.restoreSettings();
        QCOMPARE(workspace.sources().size(), 1);
        QVERIFY(window.currentLayout() == saved);
        QCOMPARE(workspace.history()->memoryBudget(), qint64(1024) << 20);
        QCOMPARE(window.table()->hiddenColumns(), QList<int>{CounterListModel::AgeColumn});
        // Unless told to keep the layout (--layout).
        Workspace other;
        MainWindow plain(&other);
        plain.restoreSettings(MainWindow::SettingsLayout::KeepLayout);
        QVERIFY(other.sources().isEmpty());
        QVERIFY(other.thresholds()->thresholds().isEmpty());
        QSettings().clear();
    }

    void shouldRefuseABadLayoutInTheStatusBar()
    {
        const QString path = m_dir->filePath(QStringLiteral("bad.json"));
        QVERIFY(writeFile(path, "{\"version\": 1, \"charts\": 3}"));
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        const dashboard::Layout before = window.currentLayout();
        QString error;
        QVERIFY(!window.loadLayout(path, &error));
        QVERIFY2(error.contains(QLatin1String("bad.json"))
                     && error.contains(QLatin1String("charts")),
                 qPrintable(error));
        QVERIFY(window.statusBar()->currentMessage().contains(error));
        QVERIFY(window.currentLayout() == before);
    }

    void shouldExportEveryCounterOfEverySource()
    {
        const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(5)));
        Workspace workspace;
        MainWindow window(&workspace);
        window.openFile(path);
        QTRY_COMPARE(workspace.history()->seriesCount(), 6);
        const QString csv = m_dir->filePath(QStringLiteral("all.csv"));
        QString error;
        QVERIFY2(window.exportAllCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = file.readAll().split('\n');
        QCOMPARE(rows.at(0),
                 QByteArrayLiteral("time,requests_data_len,requests_data_len_avg,"
                                   "requests_data_len_max,requests_data_len_min,"
                                   "requests_frequency,requests_time"));
        QCOMPARE(rows.size(), 1 + 5 + 1);
        // Against the source data: tutorial(t, i) has data_len 100 + i, frequency 2.5 + i…
        for (int i = 0; i < 5; ++i) {
            const QList<QByteArray> fields = rows.at(1 + i).split(',');
            QCOMPARE(fields.size(), 7);
            QCOMPARE(fields.at(1).toDouble(), 100.0 + i);
            QCOMPARE(fields.at(2).toDouble(), 12.0 + i);
            QCOMPARE(fields.at(5).toDouble(), 2.5 + i);
            QCOMPARE(fields.at(6).toDouble(), 0.010 + i * 0.001);
        }
    }

    // Eight charts scroll: the window fits a small screen and the table keeps its height.
    void shouldScrollManyChartsRatherThanGrow()
    {
        const QString path = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1700000000), path));
        Workspace workspace;
        MainWindow window(&workspace);
        window.openFile(path); // (without a source, the welcome page shows instead)
        for (int i = 0; i < 7; ++i)
            window.charts()->addChart();
        QCOMPARE(window.charts()->charts().size(), 8);
        QVERIFY2(window.minimumSizeHint().height() <= 600,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.height(), 600);
        QVERIFY(window.table()->view()->height() >= 100);
        // Each chart keeps a readable height; the area scrolls to the others.
        for (const ChartPanel *chart : window.charts()->charts())
            QVERIFY(chart->height() >= ChartPanel::MinimumHeight);
        const auto *area = window.charts()->findChild<QScrollArea *>();
        QVERIFY(area && area->verticalScrollBar()->maximum() > 0);
        // At 2560×1440 as well.
        window.resize(2560, 1440);
        QTRY_COMPARE(window.height(), 1440);
    }

    // The status bar lists the counters beyond their thresholds, and since when.
    void shouldListTheAlertsInTheStatusBar()
    {
        const QString path = m_dir->filePath(QStringLiteral("alerts.jsonl"));
        QVERIFY(writeFile(path, tutorialHistory(5, 10)));
        Workspace workspace;
        MainWindow window(&workspace);
        window.openFile(path);
        QTRY_VERIFY(workspace.counterList()->rowCount() > 0);
        auto *button = window.findChild<QToolButton *>(QStringLiteral("AlertsButton"));
        QVERIFY(button && !button->isVisibleTo(&window));
        workspace.thresholds()->setThreshold(QStringLiteral("requests_frequency"),
                                             dashboard::Threshold{5, 10});
        QVERIFY(button->isVisibleTo(&window));
        QCOMPARE(button->text(), QStringLiteral("1 critical"));
        const QList<QAction *> items = button->menu()->actions();
        QCOMPARE(items.size(), 1);
        QVERIFY2(items.at(0)->text().contains(QLatin1String("requests_frequency"))
                     && items.at(0)->text().contains(QLatin1String("Critical since")),
                 qPrintable(items.at(0)->text()));
        // Choosing it charts it.
        window.charts()->clear();
        items.at(0)->trigger();
        QVERIFY(window.charts()->currentChart()->contains(SeriesKey{
            workspace.sources().constFirst()->id(), {}, QStringLiteral("requests_frequency")}));
        workspace.thresholds()->clear();
        QVERIFY(!button->isVisibleTo(&window));
    }

    void shouldOfferShortcutsAndTheVersion()
    {
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        QVERIFY(MainWindow::aboutText().contains(QLatin1String("9.8.7")));
        Workspace workspace;
        MainWindow window(&workspace);
        // The common actions have a shortcut, named in their tooltip.
        for (const char *text :
             {"Open Report…", "Connect…", "Export Chart as PNG…", "Export Data as CSV…",
              "Save Layout…", "Load Layout…", "Add to Chart", "New Chart", "Set Thresholds…",
              "Pause Charts", "Back to Live", "Last 5 Minutes", "Quit", "Keyboard Shortcuts"}) {
            QAction *a = action(window, QString::fromUtf8(text));
            QVERIFY2(a, text);
            QVERIFY2(!a->shortcut().isEmpty(), text);
            QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(a->toolTip()));
        }
        // No shortcut is taken twice.
        QHash<QKeySequence, QString> seen;
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->shortcut().isEmpty())
                continue;
            QVERIFY2(!seen.contains(a->shortcut()),
                     qPrintable(a->text() + QStringLiteral(" and ") + seen.value(a->shortcut())));
            seen.insert(a->shortcut(), a->text());
        }
        // The window's shortcuts win over the filter's editing keys (QLineEdit takes Ctrl+E on
        // X11), its own copy, paste and select all stay.
        QLineEdit *filter = nullptr;
        for (QLineEdit *field : window.findChildren<QLineEdit *>()) {
            if (field->placeholderText().startsWith(QLatin1String("Filter counters")))
                filter = field;
        }
        QVERIFY(filter);
        const auto claimedByTheField = [filter](QKeyCombination combination) {
            QKeyEvent override(QEvent::ShortcutOverride, combination.key(),
                               combination.keyboardModifiers());
            override.ignore();
            QCoreApplication::sendEvent(filter, &override);
            return override.isAccepted();
        };
        QVERIFY(!claimedByTheField(Qt::CTRL | Qt::Key_E));
        // Ctrl+End is the field's on every platform: given to a window action, the action wins.
        QVERIFY(claimedByTheField(Qt::CTRL | Qt::Key_End));
        (new QAction(&window))->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
        QVERIFY(!claimedByTheField(Qt::CTRL | Qt::Key_End));
        QVERIFY(claimedByTheField(Qt::CTRL | Qt::Key_A));
        // F1 lists them all.
        QCOMPARE(seen.value(QKeySequence(QKeySequence::HelpContents)),
                 QStringLiteral("&Keyboard Shortcuts"));
    }

    void shouldPauseAndGoLiveFromTheMenu()
    {
        Workspace workspace;
        MainWindow window(&workspace);
        QAction *pause = action(window, QStringLiteral("Pause Charts"));
        QAction *live = action(window, QStringLiteral("Back to Live"));
        QAction *hour = action(window, QStringLiteral("Last Hour"));
        QVERIFY(pause && live && hour);
        // Zooming a chart pauses: the action follows.
        Q_EMIT window.charts()->charts().constFirst()->userZoomed(
            window.charts()->charts().constFirst());
        QVERIFY(window.charts()->isPaused());
        QVERIFY(pause->isChecked());
        // Paused, it says what it does now.
        QCOMPARE(pause->text(), QStringLiteral("&Resume Charts"));
        QCOMPARE(pause->iconText(), QStringLiteral("Resume"));
        live->trigger();
        QVERIFY(!window.charts()->isPaused());
        QVERIFY(!pause->isChecked());
        QCOMPARE(pause->text(), QStringLiteral("&Pause Charts"));
        pause->trigger();
        QVERIFY(window.charts()->isPaused());
        // A range preset applies to every chart and goes live.
        window.charts()->addChart();
        hour->trigger();
        QVERIFY(!window.charts()->isPaused());
        for (const ChartPanel *chart : window.charts()->charts())
            QCOMPARE(chart->range(), ChartPanel::Range::OneHour);
        QVERIFY(hour->isChecked());
        // A new chart takes the range the others show.
        QCOMPARE(window.charts()->addChart()->range(), ChartPanel::Range::OneHour);
        // A chart set to a range of its own: no preset holds for all, none is checked.
        ChartPanel *last = window.charts()->charts().constLast();
        last->setRange(ChartPanel::Range::FiveMinutes);
        const auto checked = [hour] {
            QStringList texts;
            for (QAction *a : hour->actionGroup()->actions()) {
                if (a->isChecked())
                    texts.append(a->text());
            }
            return texts;
        };
        QCOMPARE(checked(), QStringList());
        // Closing it leaves charts that agree again.
        window.charts()->removeChart(last);
        QCOMPARE(checked(), QStringList{hour->text()});
        // Choosing the checked preset again (to go live) keeps it checked.
        hour->trigger();
        QCOMPARE(checked(), QStringList{hour->text()});
        // The history's memory is a menu choice too.
        QAction *memory = nullptr;
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->text().endsWith(QLatin1String("MB")) && a->data() == 64)
                memory = a;
        }
        QVERIFY(memory);
        memory->trigger();
        QCOMPARE(workspace.history()->memoryBudget(), qint64(64) << 20);
        QVERIFY(memory->isChecked());
    }

    void shouldShowAFailedSource()
    {
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        // With no source, an empty chart says how to begin.
        ChartPanel *chart = window.charts()->charts().constFirst();
        QVERIFY2(chart->placeholderText().contains(QLatin1String("No source yet")),
                 qPrintable(chart->placeholderText()));
        // It speaks of local services appearing only while they are looked for.
        const bool discovering = workspace.isDiscoveryEnabled();
        QCOMPARE(chart->placeholderText().contains(QLatin1String("by themselves")), discovering);
        window.openFile(m_dir->filePath(QStringLiteral("missing.json")));
        QTRY_COMPARE(workspace.sources().constFirst()->state(), Source::State::Error);
        QVERIFY(window.charts()->isEmpty());
        // A failing source's chart says why and what to do, not how to chart counters.
        QTRY_VERIFY2(chart->placeholderText().contains(QLatin1String("missing.json")),
                     qPrintable(chart->placeholderText()));
        QVERIFY(chart->placeholderText().contains(QLatin1String("Check")));
        QVERIFY(!chart->placeholderText().contains(QLatin1String("Add to Chart")));
        // A new chart says the same.
        QCOMPARE(window.charts()->addChart()->placeholderText(), chart->placeholderText());
    }

    // Without a source the window says how to begin: buttons for the actions that add one,
    // whether local services are looked for, the files opened lately. A source replaces it
    // with the table and the charts, and it comes back when the last source goes.
    void shouldWelcomeWithoutASource()
    {
        Workspace workspace;
        MainWindow window(&workspace);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *welcome = window.findChild<QWidget *>(QStringLiteral("WelcomePage"));
        QVERIFY(welcome && welcome->isVisible());
        QVERIFY(!window.table()->isVisible());
        QStringList buttons;
        for (const QToolButton *button : welcome->findChildren<QToolButton *>()) {
            if (button->defaultAction())
                buttons.append(button->defaultAction()->text().remove(QLatin1Char('&')));
        }
        QVERIFY2(buttons.contains(QStringLiteral("Open Report…"))
                     && buttons.contains(QStringLiteral("Connect…"))
                     && buttons.contains(QStringLiteral("Load Layout…"))
                     && buttons.contains(QStringLiteral("Discover Local Services")),
                 qPrintable(buttons.join(QStringLiteral(", "))));
        // A button is the menu's action itself.
        QAction *discovery = action(window, QStringLiteral("Discover Local Services"));
        const bool discovering = discovery->isChecked();
        for (QToolButton *button : welcome->findChildren<QToolButton *>()) {
            if (button->defaultAction() == discovery)
                button->click();
        }
        QCOMPARE(discovery->isChecked(), !discovering);
        QCOMPARE(workspace.isDiscoveryEnabled(), !discovering);
        discovery->setChecked(false);
        // (Services of this machine it may have found meanwhile go.)
        for (Source *source : workspace.sources())
            workspace.removeSource(source);

        const QString path = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1700000000), path));
        window.openFile(path);
        QTRY_VERIFY(window.table()->isVisible());
        QVERIFY(!welcome->isVisible());
        workspace.removeSource(workspace.sources().constFirst());
        QTRY_VERIFY(welcome->isVisible());
        // The file is among those opened lately, a click away.
        QToolButton *recent = nullptr;
        for (QToolButton *button : welcome->findChildren<QToolButton *>()) {
            if (!button->defaultAction() && button->text().startsWith(QLatin1String("report.json")))
                recent = button;
        }
        QVERIFY(recent);
        recent->click();
        QTRY_VERIFY(window.table()->isVisible());
        QCOMPARE(workspace.sources().size(), 1);
    }

    // While a dialog is open over a chart (its thresholds, a colour), new data does not
    // replace the default charts: that would delete the chart and the menu the dialog runs in.
    void shouldNotReplaceTheDefaultChartsUnderADialog()
    {
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        auto *source = new FakeSource(QStringLiteral("svc"));
        workspace.addSource(source);
        source->setFakeState(Source::State::Live);
        const auto time = [] {
            return average(QStringLiteral("requests_time"), 0.01, 0.002, 0.04,
                           counters::CounterType::AverageTime);
        };
        source->push(snapshot(1000, {time()}));
        QTRY_VERIFY(!window.charts()->isEmpty());
        const ChartPanel *first = window.charts()->charts().constFirst();
        const auto charted = [&](const QString &counter) {
            for (const ChartPanel *chart : window.charts()->charts()) {
                if (chart->contains(SeriesKey{source->id(), QString(), counter}))
                    return true;
            }
            return false;
        };
        QDialog dialog(&window);
        dialog.setModal(true);
        dialog.show();
        QTRY_COMPARE(QApplication::activeModalWidget(), &dialog);
        const auto frequency =
            row(QStringLiteral("requests_frequency"), counters::CounterType::Frequency, 2.5);
        source->push(snapshot(1001, {time(), frequency}));
        QTest::qWait(500); // a few frames
        QCOMPARE(window.charts()->charts().constFirst(), first);
        QVERIFY(!charted(QStringLiteral("requests_frequency")));
        dialog.close();
        source->push(snapshot(1002, {time(), frequency}));
        QTRY_VERIFY(charted(QStringLiteral("requests_frequency")));
    }

    // In French too, the short columns are as wide as their headers ("Événements") and type
    // names ("Durée moyenne") as soon as the rows arrive, not a moment later (a screenshot
    // taken then showed them cut).
    void shouldFitTheShortColumnsAsSoonAsRowsArrive()
    {
        QCOMPARE(Translations::install(QCoreApplication::instance(), QStringLiteral("fr")),
                 QStringLiteral("fr"));
        // English again afterwards, whatever happens: the tests after this one read English.
        const auto english = qScopeGuard([] {
            for (QTranslator *translator :
                 QCoreApplication::instance()->findChildren<QTranslator *>()) {
                QCoreApplication::removeTranslator(translator);
                delete translator;
            }
            QLocale::setDefault(QLocale::c());
        });
        const QString path = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1700000000), path));
        {
            Workspace workspace;
            MainWindow window(&workspace);
            window.show();
            window.openFile(path);
            QTRY_VERIFY(workspace.counterList()->rowCount() > 0);
            const QTreeView *view = window.table()->view();
            const QHeaderView *header = view->header();
            QCOMPARE(header->model()
                         ->headerData(CounterListModel::CountColumn, Qt::Horizontal)
                         .toString(),
                     QStringLiteral("Événements"));
            for (const int column :
                 {int(CounterListModel::TypeColumn), int(CounterListModel::CountColumn),
                  int(CounterListModel::AgeColumn)}) {
                QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                         qPrintable(QString::number(column)));
            }
        }
        for (QTranslator *translator :
             QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        QLocale::setDefault(QLocale::c());
    }

    // Names that differ only in the middle ("worker_pool.active_threads" and
    // "worker_pool.max_threads", cut in the middle, both read "worker_…threads") show whole,
    // however many columns the others take: the table scrolls sideways instead.
    void shouldShowWholeNamesWhenTheOtherColumnsTakeTheRoom()
    {
        using counters::CounterType;
        const QString path = m_dir->filePath(QStringLiteral("pool.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(
            testdata::snapshot(1700000000,
                               {testdata::row(QStringLiteral("image_worker_pool.active_threads"),
                                              CounterType::Gauge, 1),
                                testdata::row(QStringLiteral("image_worker_pool.max_threads"),
                                              CounterType::Gauge, 4),
                                testdata::row(QStringLiteral("image_worker_pool.queued_tasks"),
                                              CounterType::Gauge, 0)}),
            path));
        Workspace workspace;
        MainWindow window(&workspace);
        window.resize(800, 600); // narrow: the other columns alone are wider than the table
        window.show();
        window.openFile(path);
        QTRY_COMPARE(workspace.counterList()->rowCount(), 3);
        QTreeView *view = window.table()->view();
        const int needed =
            static_cast<QAbstractItemView *>(view)->sizeHintForColumn(CounterListModel::NameColumn);
        // More than the readable minimum the column had before, whatever the font.
        QVERIFY(needed > 24 * view->fontMetrics().averageCharWidth());
        QTRY_VERIFY2(view->header()->sectionSize(CounterListModel::NameColumn) >= needed,
                     qPrintable(QStringLiteral("%1 < %2")
                                    .arg(view->header()->sectionSize(CounterListModel::NameColumn))
                                    .arg(needed)));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
