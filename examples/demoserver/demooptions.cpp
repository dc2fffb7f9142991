// SPDX-License-Identifier: MIT
#include "demooptions.h"

#include <QCommandLineParser>

#include <cmath>

std::optional<DemoOptions> DemoOptions::parse(const QStringList &arguments, QString *message,
                                              int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The PyCounters tutorial's upper-casing TCP server, instrumented with Counters."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port to serve on (default 9999, 0: any)."),
                                  QStringLiteral("N"), QStringLiteral("9999"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Address to serve on (default 127.0.0.1)."),
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
    parser.addOptions({help, port, bind, json, history, log, interval});

    const auto fail = [&](const QString &text) -> std::optional<DemoOptions> {
        *message = text + QLatin1String("\nTry --help.");
        *exitCode = 2;
        return std::nullopt;
    };
    if (!parser.parse(arguments))
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
    options.jsonFile = parser.value(json);
    options.historyFile = parser.value(history);
    options.log = parser.isSet(log);
    if (parser.isSet(json) && options.jsonFile.isEmpty())
        return fail(QStringLiteral("--json needs a file name"));
    if (parser.isSet(history) && options.historyFile.isEmpty())
        return fail(QStringLiteral("--history needs a file name"));
    return options;
}
