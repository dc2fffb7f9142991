// SPDX-License-Identifier: MIT
// counters-demo-server: the PyCounters tutorial's server with every reporter on a switch.

#include "demooptions.h"
#include "demoserver.h"

#include <counters/counters.h>

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

namespace {

// SIGINT/SIGTERM end the event loop through a socket pair (the only async-signal-safe way
// into Qt), so that the last report is written on the way out.
int g_signalFds[2] = {-1, -1};

void writeSignalByte(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, writeSignalByte);
    std::signal(SIGTERM, writeSignalByte);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("counters-demo-server"));

    QString message;
    int exitCode = 0;
    const std::optional<DemoOptions> options =
        DemoOptions::parse(app.arguments(), &message, &exitCode);
    if (!options) {
        QTextStream(exitCode == 0 ? stdout : stderr) << message << Qt::endl;
        return exitCode;
    }

    counters::Registry &registry = counters::Registry::global();
    DemoServer::registerTutorialCounters(registry);

    if (!options->jsonFile.isEmpty())
        counters::registerReporter(std::make_shared<counters::JsonFileReporter>(options->jsonFile));
    if (!options->historyFile.isEmpty()) {
        counters::registerReporter(
            std::make_shared<counters::JsonHistoryReporter>(options->historyFile));
    }
    if (options->log)
        counters::registerReporter(std::make_shared<counters::LogReporter>());

    DemoServer server;
    if (!server.listen(options->bind, options->port)) {
        QTextStream(stderr) << "counters-demo-server: cannot listen on " << options->bind.toString()
                            << ':' << options->port << ": " << server.errorString() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "counters-demo-server: serving on " << options->bind.toString() << ':'
                        << server.port() << Qt::endl;

    counters::startAutoReporting(counters::Seconds(options->interval));
    quitOnSignals(app);
    const int result = app.exec();
    counters::stopAutoReporting();
    counters::outputReport(); // the last report, so that nothing counted is lost
    return result;
}
