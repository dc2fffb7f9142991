// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QApplication;
QT_END_NAMESPACE

namespace dashboard {

/**
 * What counters-dashboard's main() does, in the library so that tests can run it: reads the
 * command line (CommandLineOptions), installs the translation and the palette, opens the
 * sources and the main window, and runs the event loop, or takes the --screenshot and exits.
 */
class DashboardApplication
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::DashboardApplication)
public:
    DashboardApplication() = delete;

    /**
     * Before QApplication exists: a run that shows no window (--help, --version,
     * --screenshot, --export-csv) uses the offscreen platform when there is no display, so
     * that it works over ssh and in CI.
     */
    static void prepareEnvironment(int argc, char **argv);
    /// Sets the application's name, version, icon… Call right after constructing `app`.
    static void initialize(QApplication &app);
    /// Runs the dashboard with `app.arguments()`; returns the process exit code.
    static int run(QApplication &app);
};

} // namespace dashboard
