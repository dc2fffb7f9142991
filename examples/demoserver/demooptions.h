// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

/// The command line of counters-demo-server.
struct DemoOptions
{
    quint16 port = 9999;
    QHostAddress bind = QHostAddress::LocalHost;
    QString jsonFile;      ///< --json: JsonFileReporter
    QString historyFile;   ///< --history: JsonHistoryReporter
    bool log = false;      ///< --log: LogReporter
    double interval = 300; ///< --interval: auto-reporting period in seconds

    /**
     * Parses `arguments` (argv, program name first). Returns std::nullopt and sets `*message`
     * for --help (`*exitCode` 0, the help text) or bad switches (`*exitCode` 2, a clear error).
     */
    static std::optional<DemoOptions> parse(const QStringList &arguments, QString *message,
                                            int *exitCode);
};
