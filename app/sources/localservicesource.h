// SPDX-License-Identifier: MIT
#pragma once

#include "streamsource.h"

QT_BEGIN_NAMESPACE
class QLocalSocket;
QT_END_NAMESPACE

namespace dashboard {

/**
 * A service on this machine that publishes its snapshots on a local socket
 * (counters::LocalSocketReporter). URL `local:NAME`: NAME is the socket's name in the
 * discovery folder (LocalServiceDiscovery::directory()), or an absolute path to the socket.
 *
 * On connection the service sends a Hello (service, pid, host, counters), a backfill of recent
 * snapshots, oldest first, then live snapshots. The source is Live from the hello on, and
 * reconnects with backoff when the service stops or restarts; a vanished socket file shows as
 * "not running".
 *
 * Not thread-safe (GUI thread).
 */
class LocalServiceSource : public StreamSource
{
    Q_OBJECT
public:
    explicit LocalServiceSource(const QString &nameOrPath, QObject *parent = nullptr);
    ~LocalServiceSource() override;

    Kind kind() const override { return Kind::LocalService; }

    /// NAME as given (or the absolute path).
    QString serviceName() const { return m_name; }
    /// The socket file connected to: the path as given, or NAME in the discovery folder.
    QString socketPath() const;

    /// The service's pid and host from its hello; 0 and empty before one arrived.
    qint64 pid() const { return m_pid; }
    QString host() const { return m_host; }
    /// The counters the hello announced.
    int announcedCounters() const { return m_announcedCounters; }

protected:
    QIODevice *device() const override;
    void openConnection() override;
    void closeConnection() override;
    bool onHello(const QJsonObject &hello, QString *error) override;

private:
    void onSocketError();

    QString m_name;
    QLocalSocket *m_socket = nullptr;
    QString m_host;
    qint64 m_pid = 0;
    int m_announcedCounters = 0;
};

} // namespace dashboard
