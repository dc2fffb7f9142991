// SPDX-License-Identifier: MIT
#pragma once

#include "streamsource.h"

#include <counters/format/groupauth.h>

#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The leader of a multi-process collection, watched over TCP. URL `tcp://HOST:PORT`, with an
 * optional `?token=SECRET` when the leader requires the group's token; without one, the token
 * set with setDefaultToken() is used (the dashboard's --token-file or COUNTERS_TOKEN). The
 * token is taken out of the URL at once: url(), the source's id, the summary, layouts and
 * settings never hold it.
 *
 * The viewer protocol is the group handshake (counters/format/groupauth.h) with the role
 * "viewer": a leader with a token proves that it knows it, and that it listens on the port
 * dialled, before this viewer proves it too; a viewer with a token refuses a leader that does
 * not. Through a tunnel or a port forward, the leader's own port differs from the dialled one:
 * say it with `?leader-port=PORT`. The leader then sends every
 * merged report as a Snapshot frame whose nodes() hold the per-process snapshots. Not being
 * accepted within the hello timeout counts as a failure. Reconnects with backoff.
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

    /// The token for leader sources whose URL has none.
    static void setDefaultToken(const QString &token);
    /// `url` without its token.
    static QUrl withoutToken(const QUrl &url);

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
    quint16 m_leaderPort = 0; ///< The port the leader must prove to listen on.
    std::unique_ptr<counters::GroupHandshake> m_handshake;
    QTcpSocket *m_socket = nullptr;
    QTimer m_helloTimer;
    int m_helloTimeoutMs = 5000;
    bool m_accepted = false;
};

} // namespace dashboard
