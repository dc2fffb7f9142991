// SPDX-License-Identifier: MIT
#include "demooptions.h"

#include <counters/transport/localdiscovery.h>
#include <counters/version.h>

#include <QCommandLineParser>

#include <cmath>

namespace {

const QLatin1String kLocalSocketSwitch("--local-socket");

// QCommandLineParser has no options with an optional value: a bare --local-socket (last, or
// followed by another switch) gets the default name spelled out. A following word that is not
// a switch is the name, since the demo server takes no positional arguments.
QStringList withLocalSocketDefault(QStringList arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--"))
            break;
        if (arguments.at(i) != kLocalSocketSwitch)
            continue;
        if (i + 1 == arguments.size() || arguments.at(i + 1).startsWith(QLatin1Char('-')))
            arguments[i] = kLocalSocketSwitch + QLatin1String("=counters-demo-server");
    }
    return arguments;
}

} // namespace

std::optional<DemoOptions> DemoOptions::parse(const QStringList &arguments, QString *message,
                                              int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The PyCounters tutorial's upper-casing TCP server, instrumented with Counters."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port to serve on (default 9999, 0: any)."),
                                  QStringLiteral("N"), QStringLiteral("9999"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Address to serve on, also for --http (default 127.0.0.1)."),
        QStringLiteral("HOST"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write each report to FILE (atomically)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption history(QStringLiteral("history"),
                                     QStringLiteral("Append each report to FILE (JSON Lines)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption log(QStringLiteral("log"),
                                 QStringLiteral("Log each report (category \"counters\")."));
    const QCommandLineOption interval(
        QStringLiteral("interval"),
        QStringLiteral("Seconds between reports (default 300, fractions allowed)."),
        QStringLiteral("SECONDS"), QStringLiteral("300"));
    const QCommandLineOption multiProcess(
        QStringLiteral("multi-process"),
        QStringLiteral("Collect with the other processes of the list: the first to bind an "
                       "address leads and reports for all (HOST:PORT, comma-separated, most "
                       "preferred first; HOST defaults to 127.0.0.1)."),
        QStringLiteral("ADDRESSES"));
    const QCommandLineOption role(
        QStringLiteral("role"),
        QStringLiteral("Multi-process role: auto (default), leader or node."),
        QStringLiteral("ROLE"), QStringLiteral("auto"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QStringLiteral("Multi-process shared secret that every process must prove to know (other "
                       "users can read it in ps: prefer --token-file or COUNTERS_TOKEN)."),
        QStringLiteral("SECRET"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("Read the multi-process shared secret from the first line of FILE. "
                       "Without --token or --token-file, COUNTERS_TOKEN is used, if set."),
        QStringLiteral("FILE"));
    parser.addOptions({help, version, port, bind, json, history, log, interval});
    parser.addOptions({multiProcess, role, token, tokenFile});
    const QCommandLineOption localSocket(
        QStringLiteral("local-socket"),
        QStringLiteral("Publish reports on a local socket for the dashboard, as NAME (default "
                       "counters-demo-server; the value may be left out)."),
        QStringLiteral("NAME"));
    parser.addOption(localSocket);
    const QCommandLineOption http(
        QStringLiteral("http"),
        QStringLiteral("Serve /metrics (Prometheus), /report.json and /healthz over HTTP on "
                       "PORT (0: any free port)."),
        QStringLiteral("PORT"));
    parser.addOption(http);
    const QCommandLineOption synthetic(
        QStringLiteral("synthetic-counters"),
        QStringLiteral("Add N averaging counters (synthetic_000…) fed ten times a second, as "
                       "a load for the dashboard (default 0)."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(synthetic);

    const auto fail = [&](const QString &text) -> std::optional<DemoOptions> {
        *message = text + QLatin1String("\nTry --help.");
        *exitCode = 2;
        return std::nullopt;
    };
    if (!parser.parse(withLocalSocketDefault(arguments)))
        return fail(parser.errorText());
    if (!parser.positionalArguments().isEmpty()) {
        return fail(QStringLiteral("Unexpected argument: %1")
                        .arg(parser.positionalArguments().constFirst()));
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        *exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        *message = QStringLiteral("counters-demo-server " COUNTERS_VERSION_STRING);
        *exitCode = 0;
        return std::nullopt;
    }

    DemoOptions options;
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return fail(QStringLiteral("--port needs a number from 0 to 65535, not \"%1\"")
                        .arg(parser.value(port)));
    options.port = quint16(portValue);
    if (!options.bind.setAddress(parser.value(bind)))
        return fail(
            QStringLiteral("--bind needs an IP address, not \"%1\"").arg(parser.value(bind)));
    options.interval = parser.value(interval).toDouble(&ok);
    if (!ok || !std::isfinite(options.interval) || options.interval <= 0) {
        return fail(QStringLiteral("--interval needs a positive number of seconds, not \"%1\"")
                        .arg(parser.value(interval)));
    }
    const int syntheticValue = parser.value(synthetic).toInt(&ok);
    if (!ok || syntheticValue < 0 || syntheticValue > 100000)
        return fail(QStringLiteral("--synthetic-counters needs a number from 0 to 100000, not "
                                   "\"%1\"")
                        .arg(parser.value(synthetic)));
    options.syntheticCounters = syntheticValue;
    options.jsonFile = parser.value(json);
    options.historyFile = parser.value(history);
    options.log = parser.isSet(log);
    if (parser.isSet(json) && options.jsonFile.isEmpty())
        return fail(QStringLiteral("--json needs a file name"));
    if (parser.isSet(history) && options.historyFile.isEmpty())
        return fail(QStringLiteral("--history needs a file name"));
    if (parser.isSet(multiProcess)) {
        QString error;
        const auto addresses =
            counters::CollectionAddress::listFromString(parser.value(multiProcess), &error);
        if (!addresses)
            return fail(QStringLiteral("--multi-process: ") + error);
        options.multiProcess = *addresses;
    } else if (parser.isSet(role) || parser.isSet(token) || parser.isSet(tokenFile)) {
        return fail(QStringLiteral("--role, --token and --token-file need --multi-process"));
    }
    if (parser.isSet(token) && parser.isSet(tokenFile))
        return fail(QStringLiteral("--token and --token-file exclude each other"));
    const QString roleName = parser.value(role).toLower();
    if (roleName == QLatin1String("leader"))
        options.role = counters::MultiProcessCollector::Role::Leader;
    else if (roleName == QLatin1String("node"))
        options.role = counters::MultiProcessCollector::Role::Node;
    else if (roleName != QLatin1String("auto"))
        return fail(QStringLiteral("--role needs auto, leader or node, not \"%1\"")
                        .arg(parser.value(role)));
    if (parser.isSet(tokenFile)) {
        QString error;
        options.token = counters::MultiProcessCollector::readToken(parser.value(tokenFile), &error);
        if (options.token.isEmpty())
            return fail(QStringLiteral("--token-file: ") + error);
    } else if (parser.isSet(token)) {
        options.token = parser.value(token);
    } else if (parser.isSet(multiProcess)) {
        options.token = qEnvironmentVariable("COUNTERS_TOKEN").trimmed();
    }
    if (parser.isSet(http)) {
        const uint httpPort = parser.value(http).toUInt(&ok);
        if (!ok || httpPort > 65535)
            return fail(QStringLiteral("--http needs a port number from 0 to 65535, not \"%1\"")
                            .arg(parser.value(http)));
        options.httpPort = quint16(httpPort);
    }
    if (parser.isSet(localSocket)) {
        options.localSocket = parser.value(localSocket);
        QString error;
        if (!counters::LocalDiscovery::isValidServiceName(options.localSocket, &error))
            return fail(QStringLiteral("--local-socket: ") + error);
    }
    return options;
}
