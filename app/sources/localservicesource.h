// SPDX-License-Identifier: MIT
#pragma once

#include "streamsource.h"

#include <counters/format/hello.h>

QT_BEGIN_NAMESPACE
class QLocalSocket;
QT_END_NAMESPACE

namespace dashboard {

/**
 * A service on this machine that publishes its snapshots on a local socket
 * (counters::LocalSocketReporter). URL `local:NAME`: the service that listens as NAME in the
 * discovery folder (counters::LocalDiscovery), whatever its pid, so that a restarted service
 * is found again; with a pid, only that instance (`local:NAME?pid=N`). An absolute path
 * (`local:/path/to/socket`) connects to that socket file.
 *
 * On connection the service sends a Hello (counters::Hello of role service: service, pid, host,
 * counters), a backfill of recent snapshots, oldest first, then live snapshots. The source is
 * Live from the hello on, shows "not running" (Offline) while no such service listens, and
 * reconnects with backoff when the service stops or restarts.
 *
 * Not thread-safe (GUI thread).
 */
class LocalServiceSource : public StreamSource
{
    Q_OBJECT
public:
    /// `pid` 0: any instance of the service NAME (the newest when there are several).
    explicit LocalServiceSource(const QString &nameOrPath, qint64 pid = 0,
                                QObject *parent = nullptr);
    ~LocalServiceSource() override;

    Kind kind() const override { return Kind::LocalService; }

    /// NAME as given (or the absolute path).
    QString serviceName() const { return m_name; }
    /// The instance asked for; 0: any.
    qint64 requestedPid() const { return m_requestedPid; }
    /// The socket to connect to now: the path as given, or the newest socket of the service
    /// in the discovery folder; empty when no such service listens.
    QString socketPath() const;

    /// What the service said in its hello (empty before one arrived).
    counters::Hello serviceInfo() const { return m_info; }

protected:
    QIODevice *device() const override;
    void openConnection() override;
    void closeConnection() override;
    bool onHello(const QByteArray &payload, QString *error) override;

private:
    void onSocketError();

    QString m_name;
    qint64 m_requestedPid = 0;
    QLocalSocket *m_socket = nullptr;
    counters::Hello m_info;
};

} // namespace dashboard
