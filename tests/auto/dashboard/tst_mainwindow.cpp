// SPDX-License-Identifier: MIT
#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "models/workspace.h"
#include "snapshots.h"
#include "sources/source.h"
#include "views/chartpanel.h"
#include "views/chartstack.h"
#include "views/countertablepanel.h"
#include "views/mainwindow.h"
#include "views/seriesbinder.h"

#include <counters/report/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>

#include <QAction>
#include <QFile>
#include <QLineSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using dashboard::ChartPanel;
using dashboard::MainWindow;
using dashboard::SeriesKey;
using dashboard::Source;
using dashboard::Workspace;
using namespace testdata;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
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
        QByteArray lines;
        for (int i = 0; i < 50; ++i)
            lines += counters::JsonCodec::toJson(tutorial(1700000000 + i, i)) + '\n';
        QVERIFY(writeFile(path, lines));

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

        // Export the chart and its data.
        const QString png = m_dir->filePath(QStringLiteral("chart.png"));
        const QString csv = m_dir->filePath(QStringLiteral("chart.csv"));
        QString error;
        QVERIFY2(window.exportChart(png, &error), qPrintable(error));
        QVERIFY(QImage(png).width() > 100);
        QVERIFY2(window.exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.at(0), QByteArrayLiteral("time,counter,process,source,value,min,max"));
        QVERIFY(lines.at(1).startsWith("2023-11-14T22:13:20.000Z,requests_data_len"));
    }

    void shouldShowAFailedSource()
    {
        Workspace workspace;
        MainWindow window(&workspace);
        window.show();
        window.openFile(m_dir->filePath(QStringLiteral("missing.json")));
        QTRY_COMPARE(workspace.sources().constFirst()->state(), Source::State::Error);
        QVERIFY(window.charts()->isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
