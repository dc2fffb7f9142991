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

LeaderSource::LeaderSource(const QUrl &url, QObject *parent)
    : StreamSource(url, url.host() + QLatin1Char(':') + QString::number(url.port()), parent),
      m_host(url.host()),
      m_token(QUrlQuery(url).queryItemValue(QStringLiteral("token"))),
      m_port(quint16(url.port()))
{
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
    hello.token = m_token;
    hello.service = QCoreApplication::applicationName();
    hello.host = QSysInfo::machineHostName();
    hello.pid = QCoreApplication::applicationPid();
    if (!sendFrame(Frame{FrameType::Hello, hello.toJson()}))
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
    switch (frame.type) {
    case FrameType::Ack: {
        const bool first = !m_accepted;
        accept();
        // The leader says who it is (an Ack of a Ping carries nothing).
        const std::optional<counters::HelloAck> ack = counters::HelloAck::fromJson(frame.payload);
        if (first && ack && !ack->leader.isEmpty())
            setState(State::Live,
                     tr("Connected to the leader %1 (level %2)").arg(ack->leader).arg(ack->level));
        return;
    }
    case FrameType::Hello:
        // A leader that introduces itself instead of acknowledging has accepted us too.
        StreamSource::handleFrame(frame);
        if (isConnected())
            accept();
        return;
    case FrameType::Snapshot:
        if (!m_accepted)
            accept();
        StreamSource::handleFrame(frame);
        return;
    case FrameType::Error:
        if (!m_accepted) {
            dropConnection(State::Error,
                           tr("The leader refused this viewer: %1")
                               .arg(QString::fromUtf8(frame.payload).trimmed()));
            return;
        }
        break;
    default:
        break;
    }
    StreamSource::handleFrame(frame);
}

} // namespace dashboard
