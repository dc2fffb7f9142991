// SPDX-License-Identifier: MIT
// MultiProcessEngine: the common plumbing and shutdown (the protocol is in
// multiprocesscollector.h).
#include "multiprocessengineparts_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

using namespace engine;

MultiProcessEngine::MultiProcessEngine(const MultiProcessConfig &config, const Registry &registry,
                                       const QString &nodeId,
                                       std::shared_ptr<MultiProcessShared> shared,
                                       MultiProcessCollector *collector)
    : m_config(config),
      m_registry(registry),
      m_nodeId(nodeId),
      m_shared(std::move(shared)),
      m_collector(collector),
      m_upgradeTimer(this)
{
    connect(&m_upgradeTimer, &QTimer::timeout, this, &MultiProcessEngine::tryUpgrade);
}

MultiProcessEngine::~MultiProcessEngine() = default;

void MultiProcessEngine::setShared(const std::function<void(MultiProcessShared &)> &change)
{
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        change(*m_shared);
    }
    m_shared->changed.notify_all();
}

QString MultiProcessEngine::describe(const Connection &connection) const
{
    if (connection.nodeId.isEmpty())
        return connection.peer;
    // Before its proof, the id is only what the peer claims.
    return QStringLiteral("%1 (node %2)")
        .arg(connection.peer, printableText(connection.nodeId, 64));
}

bool MultiProcessEngine::writeFrame(Connection &connection, FrameType type,
                                    const QByteArray &payload)
{
    if (!connection.writer.write(Frame{type, payload})) {
        qCWarning(lcTransport, "multi-process: cannot send to %ls: %ls",
                  qUtf16Printable(describe(connection)),
                  qUtf16Printable(connection.writer.errorString()));
        return false;
    }
    return true;
}

void MultiProcessEngine::retire(QTcpSocket *socket)
{
    if (!socket)
        return;
    // None of our handlers may see this socket again; it only flushes what we wrote last
    // (a Bye or an Error) and goes.
    socket->disconnect(this);
    socket->setReadBufferSize(kClosingReadBuffer);
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->flush();
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    // A peer that never reads would keep the socket in the closing state for ever.
    QTimer::singleShot(kCloseGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

Hello MultiProcessEngine::hello(Hello::Role role) const
{
    Hello message;
    message.role = role;
    message.node = m_nodeId;
    message.service = m_registry.serviceName();
    message.host = QSysInfo::machineHostName();
    message.pid = QCoreApplication::applicationPid();
    return message;
}

// Shutdown

void MultiProcessEngine::shutdown()
{
    m_shuttingDown = true;
    ++m_election;
    ++m_upgrade;
    m_upgradeTimer.stop();
    while (!m_attempts.empty()) {
        std::unique_ptr<Attempt> attempt = std::move(m_attempts.begin()->second);
        m_attempts.erase(m_attempts.begin());
        retire(attempt->connection->socket);
    }
    if (m_link) {
        m_link->writer.write(Frame{FrameType::Bye, "node shutting down"});
        retire(m_link->socket);
        m_link.reset();
    }
    if (m_server)
        stopLeading("leader shutting down");
    setShared([](MultiProcessShared &s) {
        s.role.reset();
        s.address.reset();
        s.level = -1;
        s.engine = nullptr;
    });
}

} // namespace counters
