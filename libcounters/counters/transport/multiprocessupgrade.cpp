// SPDX-License-Identifier: MIT
// MultiProcessEngine: the upgrade to a better address (the protocol is in multiprocesscollector.h).
#include "multiprocessengineparts_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

using namespace engine;

void MultiProcessEngine::tryUpgrade()
{
    if (!m_server || m_level <= 0 || m_upgrading || m_shuttingDown)
        return;
    m_upgrading = true;
    const quint64 upgrade = ++m_upgrade;
    if (m_config.role == Role::Auto)
        pingStep(upgrade, 0);
    else
        bindBetterStep(upgrade, 0);
}

void MultiProcessEngine::pingStep(quint64 upgrade, int index)
{
    if (upgrade != m_upgrade)
        return;
    if (index >= m_level) {
        bindBetterStep(upgrade, 0);
        return;
    }
    const CollectionAddress address = m_config.addresses.at(index);
    handshake(index, Hello::Role::Ping,
              [this, upgrade, index, address](std::unique_ptr<Connection>, const QString &error) {
                  if (upgrade != m_upgrade)
                      return;
                  if (!error.isEmpty()) {
                      pingStep(upgrade, index + 1);
                      return;
                  }
                  qCInfo(lcTransport,
                         "multi-process: a leader answers at the better address %ls; handing "
                         "over and joining it",
                         qUtf16Printable(address.toString()));
                  stopLeading("reconnect: a better leader is at " + address.toString().toUtf8());
                  Q_EMIT m_collector->roleChanged();
                  startElection(ElectionKind::Handover);
              });
}

void MultiProcessEngine::bindBetterStep(quint64 upgrade, int index)
{
    if (upgrade != m_upgrade)
        return;
    if (index >= m_level) {
        m_upgrading = false;
        return;
    }
    const CollectionAddress address = m_config.addresses.at(index);
    auto *server = new QTcpServer(this);
    if (server->listen(address.host(), address.port())) {
        moveServer(server, index);
        return;
    }
    qCDebug(lcTransport) << "multi-process: the better address" << address.toString()
                         << "is still busy:" << server->errorString();
    delete server;
    bindBetterStep(upgrade, index + 1);
}

void MultiProcessEngine::moveServer(QTcpServer *server, int index)
{
    const QString from = m_config.addresses.at(m_level).toString();
    closeServer();
    m_server = server;
    acceptFrom(server);

    const CollectionAddress address(server->serverAddress(), server->serverPort());
    const QByteArray bye = "reconnect: the leader moved to " + address.toString().toUtf8();
    QStringList nodes;
    for (auto &[key, peer] : m_peers) {
        Q_UNUSED(key);
        if (peer->kind != Connection::Kind::Pending)
            peer->writer.write(Frame{FrameType::Bye, bye});
        if (peer->kind == Connection::Kind::Node)
            nodes.append(peer->nodeId);
        retire(peer->socket);
    }
    m_peers.clear();
    m_level = index;
    m_upgrading = false;
    if (index == 0)
        m_upgradeTimer.stop();
    // The nodes come back to the new address; the next round waits for them a little.
    resetLeaderState(Role::Leader, index, address, true, true);
    qCInfo(lcTransport, "multi-process: moved from %ls to the better address %ls (level %d)",
           qUtf16Printable(from), qUtf16Printable(address.toString()), index);
    for (const QString &node : std::as_const(nodes))
        Q_EMIT m_collector->nodeLeft(node, QString::fromUtf8(bye));
    Q_EMIT m_collector->roleChanged();
}

} // namespace counters
