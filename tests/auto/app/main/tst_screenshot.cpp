// SPDX-License-Identifier: MIT
#include "framepeer.h"
#include "snapshots.h"

#include <counters/format/jsoncodec.h>

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace testdata;

namespace {

/// The first series colour of a light palette (Theme::seriesColor(0)).
const QColor kSeriesColor(0x4e, 0x79, 0xa7);

struct Run
{
    int exitCode = -1;
    QString errors;
};

Run runDashboard(const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DASHBOARD_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.errors = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.errors = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

/// Pixels of `image` within `tolerance` of `color` (per channel).
int pixelsLike(const QImage &image, const QColor &color, int tolerance = 24)
{
    int count = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = line[x];
            if (std::abs(qRed(p) - color.red()) <= tolerance
                && std::abs(qGreen(p) - color.green()) <= tolerance
                && std::abs(qBlue(p) - color.blue()) <= tolerance)
                ++count;
        }
    }
    return count;
}

bool writeHistory(const QString &path, int reports)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (int i = 0; i < reports; ++i)
        file.write(counters::JsonCodec::toJson(tutorial(1700000000 + 10 * i, i % 20)) + '\n');
    return true;
}

/// Pixels of the lower half of `image` (the chart, under the table) that are mostly the critical
/// red (a dashed line of 1.4 px blends into two rows, each half red, depending on where the
/// axis puts it).
int criticalRedPixels(const QImage &image)
{
    int count = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = rgb.height() / 2; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = line[x];
            // (Green and blue alike: not the warning's amber, whose green is far above blue.)
            count += qRed(p) >= 0xc0 && qRed(p) - qGreen(p) >= 0x40 && qRed(p) - qBlue(p) >= 0x40
                && std::abs(qGreen(p) - qBlue(p)) < 0x20;
        }
    }
    return count;
}

} // namespace

class ScreenshotTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void shouldPlotAHistory()
    {
        const QString history = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeHistory(history, 100));
        const QString png = m_dir->filePath(QStringLiteral("shot.png"));
        const Run run =
            runDashboard({QStringLiteral("--open"), history, QStringLiteral("--palette"),
                          QStringLiteral("light"), QStringLiteral("--screenshot"), png});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
        // The lines are drawn in the first series colour: a plotted chart has many such pixels,
        // an empty one none.
        const int plotted = pixelsLike(image, kSeriesColor);
        QVERIFY2(plotted > 300, qPrintable(QString::number(plotted)));
    }

    void shouldPlotALiveService()
    {
        FramePeer peer(FramePeer::Kind::Local);
        const QString socket = m_dir->filePath(QStringLiteral("svc.sock"));
        QVERIFY(peer.listenLocal(socket));
        connect(&peer, &FramePeer::clientConnected, &peer, [&peer] {
            peer.sendHello(FramePeer::serviceHello());
            for (int i = 0; i < 30; ++i)
                peer.sendSnapshot(tutorial(1700000000 + i, i));
        });
        const QString png = m_dir->filePath(QStringLiteral("live.png"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DASHBOARD_EXECUTABLE),
                      {QStringLiteral("--connect"), QStringLiteral("local:") + socket,
                       QStringLiteral("--palette"), QStringLiteral("light"),
                       QStringLiteral("--screenshot"), png});
        // Serve the dashboard from this event loop until it is done.
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60000);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QVERIFY(peer.connections() >= 1);
        QVERIFY(pixelsLike(QImage(png), kSeriesColor) > 300);
    }

    void shouldFailForASourceThatFailed()
    {
        const QString png = m_dir->filePath(QStringLiteral("failed.png"));
        const QString missing = m_dir->filePath(QStringLiteral("missing.json"));
        const Run run =
            runDashboard({QStringLiteral("--open"), missing, QStringLiteral("--screenshot"), png});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errors.contains(QLatin1String("missing.json")), qPrintable(run.errors));
        QVERIFY2(run.errors.contains(QLatin1String("a source failed")), qPrintable(run.errors));
        QVERIFY(QFile::exists(png)); // the picture shows the error
    }

    // Nothing to show: the picture is written, and stderr says why it is empty.
    void shouldSayWhyWithoutASource()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("empty.png"));
        const Run run = runDashboard({QStringLiteral("--screenshot"), png});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errors.contains(QLatin1String("no source to show")), qPrintable(run.errors));
        QVERIFY(QFile::exists(png));
    }

    void shouldGiveUpWaitingAfterTheDeadline()
    {
        const QString png = m_dir->filePath(QStringLiteral("late.png"));
        const Run run =
            runDashboard({QStringLiteral("--connect"), QStringLiteral("local:no-such-service-here"),
                          QStringLiteral("--screenshot"), png, QStringLiteral("--screenshot-after"),
                          QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errors.contains(QLatin1String("no-such-service-here")),
                 qPrintable(run.errors));
    }

    void shouldRejectBadArguments()
    {
        const Run run = runDashboard({QStringLiteral("--screenshot-after"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errors.contains(QLatin1String("--screenshot-after needs --screenshot")),
                 qPrintable(run.errors));
    }

    void shouldAnswerBadOptionsWithoutADisplay()
    {
        // No display and no platform chosen: the usage error, not an abort of QApplication.
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            environment.remove(QString::fromLatin1(name));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DASHBOARD_EXECUTABLE), {QStringLiteral("--bogus")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("bogus"));
    }

    void shouldExportEveryCounterAsCsvAndExit()
    {
        const QString history = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeHistory(history, 30));
        const QString csv = m_dir->filePath(QStringLiteral("all.csv"));
        const Run run =
            runDashboard({QStringLiteral("--open"), history, QStringLiteral("--export-csv"), csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QVERIFY2(lines.at(0).startsWith("time,requests_data_len,"), lines.at(0).constData());
        QCOMPARE(lines.size(), 1 + 30 + 1);
        // Against the source: report i at 1700000000 + 10 i has requests_frequency 2.5 + i.
        const int frequency = lines.at(0).split(',').indexOf("requests_frequency");
        QVERIFY(frequency > 0);
        for (int i = 0; i < 30; ++i) {
            const QList<QByteArray> fields = lines.at(1 + i).split(',');
            QCOMPARE(QDateTime::fromString(QString::fromLatin1(fields.at(0)), Qt::ISODateWithMs)
                         .toSecsSinceEpoch(),
                     qint64(1700000000 + 10 * i));
            QCOMPARE(fields.at(frequency).toDouble(), 2.5 + i % 20);
        }
    }

    void shouldRefuseABadLayoutClearly()
    {
        const QString layout = m_dir->filePath(QStringLiteral("layout.json"));
        QFile file(layout);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 1, \"charts\": [");
        file.close();
        const QString png = m_dir->filePath(QStringLiteral("shot.png"));
        const Run run =
            runDashboard({QStringLiteral("--layout"), layout, QStringLiteral("--screenshot"), png});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errors.contains(QLatin1String("--layout:"))
                     && run.errors.contains(QLatin1String("layout.json"))
                     && run.errors.contains(QLatin1String("invalid JSON")),
                 qPrintable(run.errors));
        QVERIFY(!QFile::exists(png));
    }

    void shouldShowALayoutFromTheCommandLine()
    {
        const QString history = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeHistory(history, 30));
        const QString layout = m_dir->filePath(QStringLiteral("layout.json"));
        QFile file(layout);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QString source =
            QStringLiteral("SavedFile ") + QUrl::fromLocalFile(history).toString();
        file.write(QStringLiteral(R"({"version": 1, "sources": ["%1"], "charts": [
            {"series": [{"source": "%1", "counter": "requests_data_len_max"}]}],
            "thresholds": {"requests_data_len_max": {"warning": 30, "critical": 35}}})")
                       .arg(source)
                       .toUtf8());
        file.close();
        const QString png = m_dir->filePath(QStringLiteral("layout.png"));
        const Run run =
            runDashboard({QStringLiteral("--layout"), layout, QStringLiteral("--palette"),
                          QStringLiteral("light"), QStringLiteral("--screenshot"), png});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
        const QImage image(png);
        // The one chart of the layout, with its critical line (the value 40 crosses it).
        QVERIFY(pixelsLike(image, kSeriesColor) > 300);
        QVERIFY2(criticalRedPixels(image) > 300,
                 qPrintable(QString::number(criticalRedPixels(image))));
    }

    void shouldRenderInGermanAndDark()
    {
        const QString history = m_dir->filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeHistory(history, 60));
        const QString png = m_dir->filePath(QStringLiteral("dark.png"));
        const Run run =
            runDashboard({QStringLiteral("--lang"), QStringLiteral("de"),
                          QStringLiteral("--palette"), QStringLiteral("dark"),
                          QStringLiteral("--open"), history, QStringLiteral("--screenshot"), png});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
        const QImage image(png);
        // Mostly dark…
        const QColor window = QColor(image.pixel(image.width() / 2, image.height() - 3));
        QVERIFY2(window.lightness() < 80, qPrintable(window.name()));
        // …with lines in the lighter series colour.
        QVERIFY(pixelsLike(image, kSeriesColor.lighter(125)) > 300);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(ScreenshotTest)
#include "tst_screenshot.moc"
