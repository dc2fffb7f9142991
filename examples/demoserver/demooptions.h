// SPDX-License-Identifier: MIT
#pragma once

#include <counters/transport/collectionaddress.h>
#include <counters/transport/multiprocesscollector.h>

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
    /// --local-socket [NAME]: publish on a local socket as NAME (LocalSocketReporter);
    /// empty: off. The switch without a name means "counters-demo-server".
    QString localSocket;
    /// --multi-process: collection addresses, most preferred first; empty: single process.
    QList<counters::CollectionAddress> multiProcess;
    /// --role: the multi-process role (needs --multi-process).
    counters::MultiProcessCollector::Role role = counters::MultiProcessCollector::Role::Auto;
    QString token; ///< --token: the multi-process shared secret (needs --multi-process)
    /// --http: serve /metrics, /report.json and /healthz on this port (HttpExporter, on the
    /// --bind address; 0: any free port); empty: off.
    std::optional<quint16> httpPort;
    /// --synthetic-counters: this many extra averaging counters (synthetic_000…) fed with a
    /// wave ten times a second, a load for the dashboard; 0: none.
    int syntheticCounters = 0;

    /**
     * Parses `arguments` (argv, program name first). Returns std::nullopt and sets `*message`
     * for --help (`*exitCode` 0, the help text) or bad switches (`*exitCode` 2, a clear error).
     */
    static std::optional<DemoOptions> parse(const QStringList &arguments, QString *message,
                                            int *exitCode);
};
