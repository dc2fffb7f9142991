// SPDX-License-Identifier: MIT
// counters-demo-server: the PyCounters tutorial's server with every reporter on a switch.

#include "demooptions.h"
#include "demoserver.h"

#include <counters/counters.h>
#include <counters/transport/httpexporter.h>
#include <counters/transport/localsocketreporter.h>
#include <counters/transport/multiprocesscollector.h>

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
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

/// One line per multi-process role change, so that scripts and tests can follow elections.
void printRole(const counters::MultiProcessCollector &collector)
{
    QTextStream out(stdout);
    out << "counters-demo-server: multi-process ";
    const auto role = collector.actualRole();
    const auto address = collector.currentAddress();
    if (role == counters::MultiProcessCollector::Role::Leader && address) {
        out << "leader at " << address->toString() << " (level " << collector.leaderLevel() << ')';
    } else if (role == counters::MultiProcessCollector::Role::Node && address) {
        out << "node of " << address->toString();
    } else {
        out << "electing";
    }
    out << ", node " << collector.nodeId() << Qt::endl;
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
    // Unregistered and destroyed before the application object on every way out, so that its
    // thread stops in order and attached viewers get a Bye.
    std::shared_ptr<counters::LocalSocketReporter> localSocket;
    const auto unpublish = qScopeGuard([&localSocket] {
        if (localSocket)
            counters::unregisterReporter(localSocket);
        localSocket.reset();
    });
    if (!options->localSocket.isEmpty()) {
        localSocket = std::make_shared<counters::LocalSocketReporter>(options->localSocket);
        if (!localSocket->listen()) {
            QTextStream(stderr) << "counters-demo-server: cannot publish on a local socket: "
                                << localSocket->listenErrorString() << Qt::endl;
            return 1;
        }
        counters::registerReporter(localSocket);
    }

    std::shared_ptr<counters::HttpExporter> http;
    const auto unserve = qScopeGuard([&http] {
        if (http)
            counters::unregisterReporter(http);
        http.reset();
    });
    if (options->httpPort) {
        http = std::make_shared<counters::HttpExporter>();
        http->setConstantLabels({{QStringLiteral("service"), app.applicationName()}});
        if (!http->listen(options->bind, *options->httpPort)) {
            QTextStream(stderr) << "counters-demo-server: cannot serve HTTP: "
                                << http->listenErrorString() << Qt::endl;
            return 1;
        }
        counters::registerReporter(http);
    }

    DemoServer server;
    if (!server.listen(options->bind, options->port)) {
        QTextStream(stderr) << "counters-demo-server: cannot listen on " << options->bind.toString()
                            << ':' << options->port << ": " << server.errorString() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "counters-demo-server: serving on " << options->bind.toString() << ':'
                        << server.port() << Qt::endl;
    if (http) {
        QTextStream(stdout) << "counters-demo-server: HTTP exporter on http://"
                            << (options->bind.protocol() == QAbstractSocket::IPv6Protocol
                                    ? QLatin1Char('[') + options->bind.toString() + QLatin1Char(']')
                                    : options->bind.toString())
                            << ':' << http->serverPort() << "/metrics" << Qt::endl;
    }
    if (localSocket) {
        QTextStream(stdout) << "counters-demo-server: publishing on the local socket "
                            << localSocket->socketPath() << Qt::endl;
    }

    if (!options->multiProcess.isEmpty()) {
        // Blocks for the first election, like PyCounters 0.6; only the leader's reporters run.
        if (!counters::configureMultiProcessCollection(
                options->multiProcess, counters::Seconds(120), options->role, options->token)) {
            QTextStream(stderr) << "counters-demo-server: "
                                << counters::multiProcessCollectionErrorString() << Qt::endl;
            return 1;
        }
        const counters::MultiProcessCollector *collector = counters::multiProcessCollector();
        QObject::connect(collector, &counters::MultiProcessCollector::roleChanged, &app,
                         [collector] { printRole(*collector); });
        printRole(*collector);
    }

    // --synthetic-counters: a wave per counter, each with its own phase, fed ten times a second.
    QList<counters::Event> synthetic;
    for (int i = 0; i < options->syntheticCounters; ++i) {
        const QString name = QStringLiteral("synthetic_%1").arg(i, 3, 10, QLatin1Char('0'));
        if (!registry.registerCounter(std::make_shared<counters::AverageWindowCounter>(
                name, counters::Seconds(60), QStringList{name}))) {
            qWarning("%ls", qUtf16Printable(registry.errorString()));
        }
        synthetic.append(counters::Event(name));
    }
    QTimer syntheticTimer;
    if (!synthetic.isEmpty()) {
        QObject::connect(&syntheticTimer, &QTimer::timeout, &app, [&synthetic, t = 0.0]() mutable {
            t += 0.1;
            for (qsizetype i = 0; i < synthetic.size(); ++i)
                synthetic[i].value(50 + 40 * std::sin(t / 5 + double(i)) + (i % 7));
        });
        syntheticTimer.start(100);
    }

    counters::startAutoReporting(counters::Seconds(options->interval));
    quitOnSignals(app);
    const int result = app.exec();
    counters::stopAutoReporting();
    counters::outputReport(); // the last report, so that nothing counted is lost
    return result;
}
