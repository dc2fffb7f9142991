// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "sources/source.h"
#include "sources/sourcefactory.h"
#include "translations.h"

#include <counters/transport/multiprocesscollector.h>

#include <QCommandLineParser>

#include <cmath>
#include <memory>

namespace dashboard {

QString CommandLineOptions::peekLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if ((argument == QLatin1String("--lang") || argument == QLatin1String("-lang"))
            && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return QString();
}

std::optional<CommandLineOptions> CommandLineOptions::parse(const QStringList &arguments,
                                                            QString *message, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Live charts of the counters of services that use Counters (or PyCounters)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"), tr("Show the version and exit."));
    const QCommandLineOption connect(
        QStringLiteral("connect"),
        tr("Follow a source: local:NAME (a service on this machine), tcp://HOST:PORT (a "
           "multi-process leader; see --token-file), http://HOST:PORT (an HTTP "
           "endpoint's /report.json), prometheus://HOST[:PORT] (the Counters series a "
           "Prometheus server holds) or file:///PATH (a report file that a service rewrites). "
           "Repeatable."),
        tr("ADDRESS"));
    const QCommandLineOption open(
        QStringLiteral("open"),
        tr("Open a saved report or a JSON Lines history, also one written by PyCounters. "
           "Repeatable; files may also be given without --open."),
        tr("FILE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        tr("Render the window offscreen once every source has delivered data, write it to "
           "FILE as PNG and exit: 0 when all went well, 1 when a source failed."),
        tr("FILE"));
    const QCommandLineOption exportCsv(
        QStringLiteral("export-csv"),
        tr("Once every source has delivered data, write all their counters to FILE as CSV "
           "(time, then one column per counter) and exit: 0 when all went well, 1 when a "
           "source failed."),
        tr("FILE"));
    const QCommandLineOption screenshotAfter(
        QStringLiteral("screenshot-after"),
        tr("Take the screenshot or export at the latest after SECONDS, even if a source has "
           "not delivered yet (default 30)."),
        tr("SECONDS"));
    const QCommandLineOption layout(
        QStringLiteral("layout"),
        tr("Show the layout saved in FILE (charts, counters, thresholds, ranges, and its "
           "sources) instead of the last session's."),
        tr("FILE"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  tr("Use the language CODE (%1) instead of the system's.")
                                      .arg(Translations::available().join(QStringLiteral(", "))),
                                  tr("CODE"));
    const QCommandLineOption palette(QStringLiteral("palette"),
                                     tr("Colours: system (default), light or dark."), tr("NAME"),
                                     QStringLiteral("system"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        tr("Read the token of multi-process groups (tcp:// sources) from the first line of FILE. "
           "Without it, the environment variable COUNTERS_TOKEN is used, if set."),
        tr("FILE"));
    const QCommandLineOption noDiscovery(
        QStringLiteral("no-discovery"),
        tr("Do not list the local services of this machine by themselves."));
    const QCommandLineOption perProcess(
        QStringLiteral("per-process"),
        tr("Show each process's values of multi-process reports beside the merged ones."));
    const QCommandLineOption reportStalls(
        QStringLiteral("report-stalls"),
        tr("On exit, print how long the window was ever unresponsive (the longest delay of a "
           "10 ms timer, as max_stall_ms=N) and the peak memory (peak_rss_mb=N)."));
    const QCommandLineOption quitAfter(
        QStringLiteral("quit-after"),
        tr("Quit after SECONDS (for measurements, with --report-stalls)."), tr("SECONDS"));
    parser.addOptions({help, version, connect, open, screenshot, exportCsv, screenshotAfter, layout,
                       lang, palette, tokenFile, noDiscovery, perProcess, reportStalls, quitAfter});
    parser.addPositionalArgument(tr("files"), tr("Saved reports or histories to open."),
                                 tr("[FILE...]"));

    const auto fail = [&](const QString &text) -> std::optional<CommandLineOptions> {
        *message = tr("counters-dashboard: %1").arg(text) + QLatin1Char('\n')
            + tr("Try “counters-dashboard --help”.");
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
        *message = QCoreApplication::applicationName() + QLatin1Char(' ')
            + QCoreApplication::applicationVersion();
        *exitCode = 0;
        return std::nullopt;
    }

    CommandLineOptions options;
    if (parser.isSet(tokenFile)) {
        QString error;
        options.token = counters::MultiProcessCollector::readToken(parser.value(tokenFile), &error);
        if (options.token.isEmpty())
            return fail(tr("--token-file: %1").arg(error));
    } else {
        options.token = qEnvironmentVariable("COUNTERS_TOKEN").trimmed();
    }
    for (const QString &address : parser.values(connect)) {
        QString error;
        std::unique_ptr<Source> source(SourceFactory::create(address, nullptr, &error));
        if (!source)
            return fail(tr("--connect: %1").arg(error));
        options.connect.append(address);
    }
    options.open = parser.values(open) + parser.positionalArguments();
    for (const QString &file : std::as_const(options.open)) {
        if (file.isEmpty())
            return fail(tr("--open needs a file name"));
    }

    if (parser.isSet(screenshot)) {
        options.screenshot = parser.value(screenshot);
        if (options.screenshot.isEmpty())
            return fail(tr("--screenshot needs a file name"));
        options.discovery = false;
    }
    if (parser.isSet(exportCsv)) {
        options.exportCsv = parser.value(exportCsv);
        if (options.exportCsv.isEmpty())
            return fail(tr("--export-csv needs a file name"));
        options.discovery = false;
    }
    if (parser.isSet(layout)) {
        options.layout = parser.value(layout);
        if (options.layout.isEmpty())
            return fail(tr("--layout needs a file name"));
    }
    if (parser.isSet(screenshotAfter)) {
        if (!parser.isSet(screenshot) && !parser.isSet(exportCsv))
            return fail(tr("--screenshot-after needs --screenshot or --export-csv"));
        bool ok = false;
        options.screenshotAfter = parser.value(screenshotAfter).toDouble(&ok);
        if (!ok || !std::isfinite(options.screenshotAfter) || options.screenshotAfter <= 0)
            return fail(tr("--screenshot-after needs a positive number of seconds, not “%1”")
                            .arg(parser.value(screenshotAfter)));
    }

    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfter = parser.value(quitAfter).toDouble(&ok);
        if (!ok || !std::isfinite(options.quitAfter) || options.quitAfter <= 0)
            return fail(tr("--quit-after needs a positive number of seconds, not “%1”")
                            .arg(parser.value(quitAfter)));
    }

    if (parser.isSet(lang)) {
        options.language = parser.value(lang);
        if (!Translations::isAvailable(options.language)) {
            return fail(
                tr("--lang: no translation for “%1”; available: %2")
                    .arg(options.language, Translations::available().join(QStringLiteral(", "))));
        }
    }

    const QString paletteName = parser.value(palette).toLower();
    if (paletteName == QLatin1String("system"))
        options.palette = Palette::System;
    else if (paletteName == QLatin1String("light"))
        options.palette = Palette::Light;
    else if (paletteName == QLatin1String("dark"))
        options.palette = Palette::Dark;
    else
        return fail(
            tr("--palette must be system, light or dark, not “%1”").arg(parser.value(palette)));

    if (parser.isSet(noDiscovery))
        options.discovery = false;
    options.perProcess = parser.isSet(perProcess);
    options.reportStalls = parser.isSet(reportStalls);
    return options;
}

} // namespace dashboard
