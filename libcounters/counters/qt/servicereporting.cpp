// SPDX-License-Identifier: MIT
#include "servicereporting.h"

#include <counters/report/jsonfilereporter.h>
#include <counters/report/reportingcontroller.h>
#include <counters/transport/httpexporter.h>
#include <counters/transport/localsocketreporter.h>

#include <QCoreApplication>

#include <cmath>
#include <vector>

namespace counters {

class ServiceReporting::Private
{
public:
    explicit Private(Registry &r) : registry(r) { }

    // One controller per output, so that each has its own period.
    struct Output
    {
        std::unique_ptr<ReportingController> controller;
        std::shared_ptr<Reporter> reporter;
    };

    bool add(std::shared_ptr<Reporter> reporter, Seconds period, const QString &what)
    {
        Output output;
        output.controller = std::make_unique<ReportingController>(registry);
        output.reporter = reporter;
        if (!output.controller->registerReporter(std::move(reporter))
            || !output.controller->startAutoReporting(period)) {
            errorString = what + QStringLiteral(": ") + output.controller->errorString();
            return false;
        }
        outputs.push_back(std::move(output));
        return true;
    }

    Registry &registry;
    std::vector<Output> outputs;
    std::shared_ptr<JsonFileReporter> json;
    std::shared_ptr<LocalSocketReporter> socket;
    std::shared_ptr<HttpExporter> http;
    QString errorString;
};

namespace {
bool isPeriod(Seconds period)
{
    return std::isfinite(period.count()) && period.count() > 0;
}
} // namespace

ServiceReporting::ServiceReporting(Registry &registry) : d(std::make_unique<Private>(registry)) { }

ServiceReporting::~ServiceReporting()
{
    stop();
}

bool ServiceReporting::start(const Options &options)
{
    stop();
    d->errorString.clear();
    for (const auto &[period, what] :
         {std::pair{options.jsonPeriod, "the JSON report's period"},
          std::pair{options.localSocketPeriod, "the local socket's period"},
          std::pair{options.httpPeriod, "the HTTP exporter's period"}}) {
        if (!isPeriod(period)) {
            d->errorString = QStringLiteral("%1 is not a positive number of seconds: %2")
                                 .arg(QLatin1String(what))
                                 .arg(period.count());
            return false;
        }
    }
    const QString service = QCoreApplication::applicationName();

    // Everything that can fail to bind binds first, so that a failure starts nothing.
    if (options.localSocket) {
        d->socket = std::make_shared<LocalSocketReporter>(
            options.localSocketName.isEmpty() ? service : options.localSocketName);
        if (!d->socket->listen()) {
            d->errorString = QStringLiteral("cannot publish on a local socket: ")
                + d->socket->listenErrorString();
            stop();
            return false;
        }
    }
    if (options.httpPort) {
        d->http = std::make_shared<HttpExporter>();
        if (!service.isEmpty())
            d->http->setConstantLabels({{QStringLiteral("service"), service}});
        if (!d->http->listen(options.httpAddress, *options.httpPort)) {
            d->errorString = QStringLiteral("cannot serve HTTP: ") + d->http->listenErrorString();
            stop();
            return false;
        }
    }
    if (!options.jsonFile.isEmpty())
        d->json = std::make_shared<JsonFileReporter>(options.jsonFile);

    const bool started =
        (!d->json || d->add(d->json, options.jsonPeriod, QStringLiteral("JSON report")))
        && (!d->socket
            || d->add(d->socket, options.localSocketPeriod, QStringLiteral("local socket")))
        && (!d->http || d->add(d->http, options.httpPeriod, QStringLiteral("HTTP exporter")));
    if (!started)
        stop(); // keeps errorString()
    return started;
}

void ServiceReporting::stop()
{
    for (Private::Output &output : d->outputs)
        output.controller->stopAutoReporting();
    // The last JSON report, so that nothing counted since the previous one is lost.
    for (Private::Output &output : d->outputs) {
        if (output.reporter == d->json)
            output.controller->outputReport();
    }
    d->outputs.clear();
    d->json.reset();
    d->socket.reset();
    d->http.reset();
}

bool ServiceReporting::isRunning() const
{
    return !d->outputs.empty();
}

QString ServiceReporting::errorString() const
{
    return d->errorString;
}

QString ServiceReporting::localSocketPath() const
{
    return d->socket ? d->socket->socketPath() : QString();
}

quint16 ServiceReporting::httpPort() const
{
    return d->http ? d->http->serverPort() : 0;
}

} // namespace counters
