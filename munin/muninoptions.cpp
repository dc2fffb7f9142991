// SPDX-License-Identifier: MIT
#include "muninoptions.h"

#include <counters/version.h>

#include <QCommandLineParser>

#include <cmath>

std::optional<MuninOptions> MuninOptions::parse(const QStringList &arguments,
                                                const QProcessEnvironment &environment,
                                                QString *message, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Munin plugin for Counters and PyCounters JSON reports. Link it into munin's plugins "
        "folder and set env.config, env.report and env.max_age in plugin-conf.d, or give the "
        "switches."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("The graphs: a JSON list of {id, global, data} (default: $config)."),
        QStringLiteral("FILE"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("The JSON report to read (default: $report)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption maxAge(
        QStringLiteral("max-age"),
        QStringLiteral("Print nothing for a report older than this; 0: no check (default: "
                       "$max_age, else 900)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version and exit."));
    parser.addOptions({help, version, config, report, maxAge});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("config, autoconf or fetch (the default)."),
                                 QStringLiteral("[command]"));

    const auto fail = [&](const QString &text) -> std::optional<MuninOptions> {
        *message = text + QLatin1String("\nTry --help.");
        *exitCode = 2;
        return std::nullopt;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        *message = parser.helpText();
        *exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        *message = QStringLiteral("counters-munin " COUNTERS_VERSION_STRING);
        *exitCode = 0;
        return std::nullopt;
    }

    // A switch, else a non-empty variable of plugin-conf.d.
    const auto setting = [&](const QCommandLineOption &option, const QString &variable) {
        return parser.isSet(option) ? parser.value(option) : environment.value(variable);
    };

    MuninOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("Too many arguments: %1").arg(positional.join(u' ')));
    const QString command = positional.isEmpty() ? QString() : positional.first();
    if (command == QLatin1String("config"))
        options.command = counters::MuninPlugin::Command::Config;
    else if (command == QLatin1String("autoconf"))
        options.command = counters::MuninPlugin::Command::Autoconf;
    else if (!command.isEmpty() && command != QLatin1String("fetch"))
        return fail(
            QStringLiteral("Unknown command \"%1\": use config, autoconf or fetch").arg(command));

    options.configPath = setting(config, QStringLiteral("config"));
    options.reportPath = setting(report, QStringLiteral("report"));
    const QString age = setting(maxAge, QStringLiteral("max_age")).trimmed();
    if (!age.isEmpty()) {
        bool ok = false;
        const double seconds = age.toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds < 0)
            return fail(QStringLiteral("max age needs a number of seconds, 0 or more, not \"%1\"")
                            .arg(age));
        options.maxAge = counters::Seconds(seconds);
    }
    if (options.configPath.isEmpty())
        return fail(QStringLiteral("No graphs: give --config FILE or set env.config in "
                                   "munin's plugin-conf.d"));
    if (options.reportPath.isEmpty() && options.command != counters::MuninPlugin::Command::Config)
        return fail(QStringLiteral("No report: give --report FILE or set env.report in "
                                   "munin's plugin-conf.d"));
    return options;
}
