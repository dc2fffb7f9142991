// SPDX-License-Identifier: MIT
// counters-example-service: a small HTTP JSON API measured with Counters::Qt.
//
//     counters-example-service --port 8080 --http 9464
//     curl localhost:8080/api/primes/100000; curl localhost:8080/api/summary
//     curl localhost:9464/metrics
//
// The dashboard lists it by itself (local socket); --json writes the JSON report too.

#include "exampleservice.h"

#include <counters/qt/eventlooplag.h>
#include <counters/qt/servicereporting.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <unistd.h>

#include <csignal>

namespace {

// SIGINT and SIGTERM end the event loop, so that the last report is written.
int g_signalPipe[2] = {-1, -1};

void quitOnSignals(QCoreApplication &app)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    struct sigaction action = {};
    action.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

std::optional<quint16> portOption(const QCommandLineParser &parser, const QString &name,
                                  QString *error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const uint port = parser.value(name).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("--%1: not a port: %2").arg(name, parser.value(name));
        return std::nullopt;
    }
    return quint16(port);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("counters-example-service"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A small HTTP JSON API measured with Counters::Qt."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"),
                      QStringLiteral("The API's port (default 8080; 0: any)."),
                      QStringLiteral("port"), QStringLiteral("8080")});
    parser.addOption({QStringLiteral("http"),
                      QStringLiteral("Serve Prometheus metrics on this port (0: any)."),
                      QStringLiteral("port")});
    parser.addOption({QStringLiteral("bind"),
                      QStringLiteral("The address of both (default 127.0.0.1)."),
                      QStringLiteral("address"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Write the JSON report to this file."),
                      QStringLiteral("file")});
    parser.process(app);

    QString error;
    const std::optional<quint16> port = portOption(parser, QStringLiteral("port"), &error);
    const std::optional<quint16> httpPort = portOption(parser, QStringLiteral("http"), &error);
    const QHostAddress address(parser.value(QStringLiteral("bind")));
    if (address.isNull())
        error = QStringLiteral("--bind: not an address: ") + parser.value(QStringLiteral("bind"));
    if (!error.isEmpty()) {
        QTextStream(stderr) << "counters-example-service: " << error << Qt::endl;
        return 2;
    }

    // The main thread's event loop: how late it runs what is due.
    counters::EventLoopLagMonitor lag;

    ExampleService service;
    if (!service.listen(address, port.value_or(8080))) {
        QTextStream(stderr) << "counters-example-service: cannot listen on " << address.toString()
                            << ':' << port.value_or(8080) << ": " << service.errorString()
                            << Qt::endl;
        return 1;
    }

    counters::ServiceReporting reporting;
    counters::ServiceReporting::Options options;
    options.jsonFile = parser.value(QStringLiteral("json"));
    options.httpPort = httpPort;
    options.httpAddress = address;
    if (!reporting.start(options)) {
        QTextStream(stderr) << "counters-example-service: " << reporting.errorString() << Qt::endl;
        return 1;
    }

    QTextStream out(stdout);
    out << "counters-example-service: API on http://" << address.toString() << ':' << service.port()
        << "/api/primes/<n>" << Qt::endl;
    if (reporting.httpPort() != 0) {
        out << "counters-example-service: metrics on http://" << address.toString() << ':'
            << reporting.httpPort() << "/metrics" << Qt::endl;
    }
    if (!reporting.localSocketPath().isEmpty()) {
        out << "counters-example-service: publishing on the local socket "
            << reporting.localSocketPath() << Qt::endl;
    }

    quitOnSignals(app);
    return app.exec();
}
