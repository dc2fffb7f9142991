// SPDX-License-Identifier: MIT
#include "dashboardapplication.h"

#include "commandline.h"
#include "controller/layout.h"
#include "controller/workspace.h"
#include "screenshotter.h"
#include "sources/leadersource.h"
#include "stallmonitor.h"
#include "translations.h"
#include "views/mainwindow.h"
#include "views/theme.h"

#include <QApplication>
#include <QStyleFactory>
#include <QTextStream>
#include <QTimer>

#include <chrono>

namespace dashboard {

void DashboardApplication::prepareEnvironment(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return;
    // Wrong options are answered with the usage and exit code 2, which needs no window
    // either: QApplication could not even start without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QString message;
    int exitCode = 0;
    if (!CommandLineOptions::parse(arguments, &message, &exitCode)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return;
    }
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        for (const char *windowless :
             {"-h", "--help", "--version", "--screenshot", "--export-csv"}) {
            if (argument == windowless
                || argument.startsWith(QByteArray(QByteArray(windowless) + '='))) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
                return;
            }
        }
    }
}

void DashboardApplication::initialize(QApplication &app)
{
    app.setApplicationName(QStringLiteral("counters-dashboard"));
    app.setOrganizationName(QStringLiteral("Counters"));
    app.setApplicationVersion(QStringLiteral(COUNTERS_DASHBOARD_VERSION));
    app.setDesktopFileName(QStringLiteral("counters-dashboard"));
    app.setWindowIcon(Theme::applicationIcon());
}

int DashboardApplication::run(QApplication &app)
{
    const QStringList arguments = app.arguments();
    // The help text is translated too: the language must be known before parsing.
    const QString peeked = CommandLineOptions::peekLanguage(arguments);
    Translations::install(&app, Translations::isAvailable(peeked) ? peeked : QString());

    QString message;
    int exitCode = 0;
    const std::optional<CommandLineOptions> options =
        CommandLineOptions::parse(arguments, &message, &exitCode);
    if (!options) {
        QTextStream(exitCode == 0 ? stdout : stderr) << message << Qt::endl;
        return exitCode;
    }

    if (options->palette != CommandLineOptions::Palette::System) {
        app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        app.setPalette(options->palette == CommandLineOptions::Palette::Dark
                           ? Theme::darkPalette()
                           : Theme::lightPalette());
    }

    // A bad layout file is refused before any window opens.
    Layout layout;
    if (!options->layout.isEmpty() && !layout.load(options->layout)) {
        QTextStream(stderr) << tr("counters-dashboard: --layout: %1").arg(layout.errorString())
                            << Qt::endl;
        return 2;
    }

    LeaderSource::setDefaultToken(options->token);
    Workspace workspace;
    MainWindow window(&workspace);
    if (options->perProcess)
        window.setShowPerProcess(true);
    for (const QString &address : options->connect)
        workspace.connectTo(address);
    for (const QString &file : options->open)
        window.openFile(file);
    if (!options->layout.isEmpty()) {
        window.applyLayout(layout);
        if (options->perProcess)
            window.setShowPerProcess(true);
    }

    // Measured from the first turn of the event loop: the window's first layout is not a stall.
    StallMonitor stalls;
    if (options->reportStalls)
        QTimer::singleShot(0, &stalls, &StallMonitor::start);
    const auto reportStalls = [&] {
        if (options->reportStalls)
            QTextStream(stdout) << "max_stall_ms=" << QString::number(stalls.maxStallMs(), 'f', 1)
                                << "\npeak_rss_mb="
                                << QString::number(StallMonitor::peakResidentMiB(), 'f', 0)
                                << Qt::endl;
    };

    if (options->isBatch()) {
        // Rendered, never shown: the same picture with or without a display.
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.show();
        const double deadline = options->screenshotAfter > 0
            ? options->screenshotAfter
            : CommandLineOptions::DefaultScreenshotTimeout;
        Screenshotter screenshotter(&window, options->screenshot, deadline);
        screenshotter.setCsvPath(options->exportCsv);
        int result = 0;
        QObject::connect(&screenshotter, &Screenshotter::finished, &app,
                         [&](int code, const QString &text) {
                             if (!text.isEmpty())
                                 QTextStream(stderr) << text << Qt::endl;
                             result = code;
                             app.quit();
                         });
        screenshotter.start();
        app.exec();
        reportStalls();
        return result;
    }

    window.restoreSettings(options->layout.isEmpty() ? MainWindow::SettingsLayout::RestoreLayout
                                                     : MainWindow::SettingsLayout::KeepLayout);
    if (options->perProcess)
        window.setShowPerProcess(true);
    workspace.setDiscoveryEnabled(options->discovery);
    window.show();
    if (options->quitAfter > 0)
        QTimer::singleShot(std::chrono::milliseconds(qint64(options->quitAfter * 1000)), &app,
                           &QApplication::quit);
    const int result = app.exec();
    reportStalls();
    window.saveSettings();
    return result;
}

} // namespace dashboard
