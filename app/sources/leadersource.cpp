// SPDX-License-Identifier: MIT
#include "leadersource.h"

#include "sourceslogging.h"

#include <counters/format/frame.h>
#include <counters/format/hello.h>

#include <QCoreApplication>
#include <QSysInfo>
#include <QTcpSocket>
#include <QUrlQuery>

namespace dashboard {

using counters::Frame;
using counters::FrameType;

namespace {

QString &defaultToken()
{
    static QString token;
    return token;
}

} // namespace

void LeaderSource::setDefaultToken(const QString &token)
{
    defaultToken() = token;
}

QUrl LeaderSource::withoutToken(const QUrl &url)
{
    QUrlQuery query(url);
    if (!query.hasQueryItem(QStringLiteral("token")))
        return url;
    query.removeAllQueryItems(QStringLiteral("token"));
    QUrl clean = url;
    clean.setQuery(query);
    return clean;
}

LeaderSource::LeaderSource(const QUrl &url, QObject *parent)
    // Named with the scheme: a leader and an HTTP endpoint may share a host.
    : StreamSource(withoutToken(url),
                   QStringLiteral("tcp://") + url.host() + QLatin1Char(':')
                       + QString::number(url.port()),
                   parent),
      m_host(url.host()),
      m_token(QUrlQuery(url).queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded)),
      m_port(quint16(url.port()))
{
    if (m_token.isEmpty())
        m_token = defaultToken();
    bool ok = false;
    const uint leaderPort =
        QUrlQuery(url).queryItemValue(QStringLiteral("leader-port")).toUInt(&ok);
    m_leaderPort = ok && leaderPort > 0 && leaderPort <= 65535 ? quint16(leaderPort) : m_port;
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, &LeaderSource::onHelloTimeout);
}

LeaderSource::~LeaderSource()
{
    stop();
}

QIODevice *LeaderSource::device() const
{
    return m_socket;
}

void LeaderSource::openConnection()
{
    Q_ASSERT(!m_socket);
    m_accepted = false;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &LeaderSource::connectionOpened);
    connect(m_socket, &QTcpSocket::readyRead, this, &LeaderSource::dataArrived);
    connect(m_socket, &QTcpSocket::disconnected, this, &LeaderSource::connectionClosed);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LeaderSource::onSocketError);
    m_socket->connectToHost(m_host, m_port);
}

void LeaderSource::closeConnection()
{
    m_helloTimer.stop();
    m_accepted = false;
    m_handshake.reset();
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void LeaderSource::onSocketError()
{
    if (!m_socket)
        return;
    if (isConnected()) {
        if (m_socket->error() == QAbstractSocket::RemoteHostClosedError)
            connectionClosed();
        else
            dropConnection(State::Error,
                           tr("The connection to the leader at %1:%2 failed: %3")
                               .arg(m_host)
                               .arg(m_port)
                               .arg(m_socket->errorString()));
        return;
    }
    connectionFailed(tr("Cannot connect to the leader at %1:%2: %3")
                         .arg(m_host)
                         .arg(m_port)
                         .arg(m_socket->errorString()));
}

void LeaderSource::onConnectionOpened()
{
    counters::Hello hello;
    hello.role = counters::Hello::Role::Viewer;
    hello.service = QCoreApplication::applicationName();
    hello.host = QSysInfo::machineHostName();
    hello.pid = QCoreApplication::applicationPid();
    m_handshake = std::make_unique<counters::GroupHandshake>(hello, m_token, m_leaderPort);
    if (!sendFrame(m_handshake->helloFrame()))
        return;
    if (state() == State::Connecting)
        setState(State::Connecting, tr("Waiting for the leader to accept this viewer…"));
    m_helloTimer.start(m_helloTimeoutMs);
}

void LeaderSource::onHelloTimeout()
{
    if (!isConnected() || m_accepted)
        return;
    dropConnection(State::Error,
                   tr("The leader at %1:%2 did not answer the hello within %3 s")
                       .arg(m_host)
                       .arg(m_port)
                       .arg(m_helloTimeoutMs / 1000.0));
}

void LeaderSource::accept()
{
    m_helloTimer.stop();
    if (m_accepted)
        return;
    m_accepted = true;
    markHealthy();
    setState(State::Live, tr("Connected to the leader"));
}

void LeaderSource::handleFrame(const Frame &frame)
{
    if (!m_accepted && m_handshake) {
        // Nothing counts before the handshake is done: not even a snapshot.
        const counters::GroupHandshake::Step step = m_handshake->handle(frame);
        if (const std::optional<Frame> &reply = m_handshake->reply()) {
            if (!sendFrame(*reply))
                return;
        }
        switch (step) {
        case counters::GroupHandshake::Step::Reply:
            return;
        case counters::GroupHandshake::Step::Accepted: {
            accept();
            const counters::HelloAck &ack = m_handshake->ack();
            if (!ack.leader.isEmpty())
                setState(
                    State::Live,
                    tr("Connected to the leader %1 (level %2)").arg(ack.leader).arg(ack.level));
            return;
        }
        case counters::GroupHandshake::Step::Failed:
            dropConnection(State::Error,
                           tr("The leader at %1:%2 refused this viewer or could "
                              "not be trusted: %3")
                               .arg(m_host)
                               .arg(m_port)
                               .arg(m_handshake->errorString()));
            return;
        }
    }
    StreamSource::handleFrame(frame);
}

} // namespace dashboard
