// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace dashboard {

/**
 * The command line of counters-dashboard:
 *
 *     counters-dashboard [--connect ADDRESS]... [--open FILE]... [FILE]...
 *                        [--screenshot PNG] [--export-csv CSV] [--screenshot-after SECONDS]
 *                        [--layout FILE] [--lang CODE] [--palette system|light|dark]
 *                        [--no-discovery] [--per-process]
 *
 * parse() checks everything it can before any window opens: addresses must be valid
 * (SourceFactory), a language must have a translation, numbers must be numbers. Help and
 * version print and exit 0; anything wrong gives a message that names the problem and exit
 * code 2. Files that do not exist are not a command-line error: they show as failed sources
 * (and make --screenshot fail).
 */
struct CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::CommandLineOptions)
public:
    enum class Palette { System, Light, Dark };

    QStringList connect;        ///< --connect, in order.
    QStringList open;           ///< --open and positional files, in order.
    QString screenshot;         ///< --screenshot: PNG to write, then exit.
    QString exportCsv;          ///< --export-csv: CSV of every counter to write, then exit.
    double screenshotAfter = 0; ///< --screenshot-after: seconds; 0: the default timeout.
    QString layout;             ///< --layout: a layout file to show instead of the last one.
    QString language;           ///< --lang; empty: the system's.
    Palette palette = Palette::System;
    /// Local discovery (off with --no-discovery, --screenshot or --export-csv).
    bool discovery = true;
    bool perProcess = false;   ///< --per-process: each process's values shown too.
    bool reportStalls = false; ///< --report-stalls: print the longest stall on exit.
    double quitAfter = 0;      ///< --quit-after: seconds; 0: run until closed.
    /// --token-file's token, else COUNTERS_TOKEN's: for tcp:// sources without one. Secret:
    /// never printed or saved.
    QString token;

    /// The default deadline of --screenshot without --screenshot-after.
    static constexpr double DefaultScreenshotTimeout = 30;

    /// Whether the run renders or exports offscreen and exits (--screenshot, --export-csv).
    bool isBatch() const { return !screenshot.isEmpty() || !exportCsv.isEmpty(); }

    /**
     * Parses `arguments` (program name first). Returns std::nullopt with `*message` and
     * `*exitCode` set for --help/--version (0) or a bad command line (2).
     */
    static std::optional<CommandLineOptions> parse(const QStringList &arguments, QString *message,
                                                   int *exitCode);
    /// The value of --lang in `arguments` before full parsing (to translate the help text).
    static QString peekLanguage(const QStringList &arguments);
};

} // namespace dashboard
