// SPDX-License-Identifier: MIT
#pragma once

#include "streamsource.h"

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The leader of a multi-process collection, watched over TCP. URL `tcp://HOST:PORT`, with an
 * optional `?token=SECRET` when the leader requires the shared token.
 *
 * The viewer protocol: the dashboard sends a Hello `{"protocol":1,"role":"viewer",
 * "token":…}`; the leader answers Ack (or Error and closes, e.g. for a wrong token), then
 * sends every merged report as a Snapshot frame whose nodes() hold the per-process
 * snapshots. No Ack within the hello timeout counts as a failure. Reconnects with backoff.
 *
 * Not thread-safe (GUI thread).
 */
class LeaderSource : public StreamSource
{
    Q_OBJECT
public:
    /// `url` must be a tcp:// URL with a host and a port (see SourceFactory).
    explicit LeaderSource(const QUrl &url, QObject *parent = nullptr);
    ~LeaderSource() override;

    Kind kind() const override { return Kind::Leader; }

    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    /// Milliseconds to wait for the leader's Ack (default 5000).
    void setHelloTimeout(int ms) { m_helloTimeoutMs = ms; }
    /// Whether the leader accepted this viewer on the current connection.
    bool isAccepted() const { return m_accepted; }

protected:
    QIODevice *device() const override;
    void openConnection() override;
    void closeConnection() override;
    void onConnectionOpened() override;
    void handleFrame(const counters::Frame &frame) override;

private:
    void onSocketError();
    void onHelloTimeout();
    void accept();

    QString m_host;
    QString m_token;
    quint16 m_port = 0;
    QTcpSocket *m_socket = nullptr;
    QTimer m_helloTimer;
    int m_helloTimeoutMs = 5000;
    bool m_accepted = false;
};

} // namespace dashboard
