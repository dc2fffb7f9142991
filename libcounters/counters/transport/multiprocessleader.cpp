// SPDX-License-Identifier: MIT
// MultiProcessEngine: the leader's server (the protocol is in multiprocesscollector.h).
#include "acceptor_p.h"
#include "multiprocessengineparts_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

using namespace engine;

void MultiProcessEngine::resetLeaderState(std::optional<Role> role, int level,
                                          std::optional<CollectionAddress> address, bool settle,
                                          bool keepCounts)
{
    const auto settleUntil = SteadyClock::now()
        + (settle ? std::chrono::duration_cast<SteadyClock::duration>(m_config.settleTime)
                  : SteadyClock::duration::zero());
    setShared([&](MultiProcessShared &s) {
        s.role = role;
        s.level = level;
        s.address = std::move(address);
        s.settleUntil = settleUntil;
        if (keepCounts) {
            s.departAll();
        } else {
            s.nodes.clear();
            s.departed.clear();
            s.departureOrder.clear();
            s.retired.clear();
        }
        s.viewers = 0;
        s.waiting.clear();
        s.members.clear();
        s.answers.clear();
    });
}

bool MultiProcessEngine::becomeLeader(QTcpServer *server, int index)
{
    m_server = server;
    m_level = index;
    acceptFrom(server);
    const CollectionAddress address(server->serverAddress(), server->serverPort());
    const bool first = m_electionKind == ElectionKind::First;
    // A leader that took over waits for the other survivors before its first round.
    resetLeaderState(Role::Leader, index, address, !first);
    if (first) {
        setShared([](MultiProcessShared &s) {
            s.electionDone = true;
            s.electionOk = true;
        });
    }
    qCInfo(lcTransport, "multi-process: leading at %ls (level %d) as node %ls",
           qUtf16Printable(address.toString()), index, qUtf16Printable(m_nodeId));
    if (!address.isLoopback() && m_config.token.isEmpty()) {
        qCWarning(lcTransport,
                  "multi-process: %ls is reachable from the network and no token is set: any "
                  "host can join or read the reports",
                  qUtf16Printable(address.toString()));
    }
    if (index > 0 && m_config.upgradeInterval.count() > 0)
        m_upgradeTimer.start(std::max(1, toMs(m_config.upgradeInterval)));
    Q_EMIT m_collector->roleChanged();
    return true;
}

void MultiProcessEngine::acceptFrom(QTcpServer *server)
{
    m_acceptor = nullptr;
    if (detail::Acceptor::isSupported()) {
        server->pauseAccepting();
        m_acceptor = new detail::Acceptor(
            server->socketDescriptor(), QStringLiteral("multi-process leader"),
            [this](qintptr descriptor) {
                if (auto *socket = detail::Acceptor::socketFor<QTcpSocket>(descriptor, this))
                    adoptPeer(socket);
            },
            server);
        return;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            // Our sockets outlive the server when it moves to a better address.
            socket->setParent(this);
            adoptPeer(socket);
        }
    });
    // QTcpServer stops accepting after an error that is not temporary (no descriptor left).
    connect(server, &QTcpServer::acceptError, this, [server] {
        qCWarning(lcTransport,
                  "multi-process leader: cannot accept a connection: %ls; retrying "
                  "in 1 s",
                  qUtf16Printable(server->errorString()));
        server->pauseAccepting();
        QTimer::singleShot(1000, server, [server] { server->resumeAccepting(); });
    });
}

void MultiProcessEngine::closeServer()
{
    if (!m_server)
        return;
    // The acceptor first: its notifier must not outlive the descriptor it watches.
    delete m_acceptor;
    m_acceptor = nullptr;
    m_server->close();
    m_server->deleteLater();
    m_server = nullptr;
}

void MultiProcessEngine::adoptPeer(QTcpSocket *socket)
{
    const QString peer = CollectionAddress(socket->peerAddress(), socket->peerPort()).toString();
    const auto pending = std::count_if(m_peers.cbegin(), m_peers.cend(), [](const auto &entry) {
        return entry.second->kind == Connection::Kind::Pending;
    });
    if (pending >= kMaxPendingHellos)
        evictOldestPending();
    auto connection = std::make_unique<Connection>();
    const quint64 key = ++m_nextKey;
    connection->key = key;
    connection->socket = socket;
    connection->writer.setDevice(socket);
    connection->peer = peer;
    // Until it proves who it is, a peer may send a hello's worth at a time.
    connection->reader->setMaxFrameSize(kPendingFrameSize);
    socket->setReadBufferSize(kPendingReadBuffer);
    m_peers.emplace(key, std::move(connection));

    connect(socket, &QTcpSocket::readyRead, this, [this, key] { onPeerReadyRead(key); });
    connect(socket, &QTcpSocket::disconnected, this, [this, key] {
        dropPeer(key, QStringLiteral("closed the connection"), Severity::Info);
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, key, socket] {
        if (socket->error() != QAbstractSocket::RemoteHostClosedError)
            dropPeer(key, socket->errorString(), Severity::Info);
    });
    QTimer::singleShot(toMs(m_config.helloTimeout), socket, [this, key] {
        const auto it = m_peers.find(key);
        if (it != m_peers.end() && it->second->kind == Connection::Kind::Pending) {
            rejectPeer(key,
                       QStringLiteral("sent no hello within %1 (or did not finish it)")
                           .arg(seconds(m_config.helloTimeout)));
        }
    });
    qCDebug(lcTransport) << "multi-process leader: connection from" << peer;
}

void MultiProcessEngine::evictOldestPending()
{
    // Keys grow with every connection: the first pending one has waited longest. A real peer
    // finishes its hello within a round trip, so only a peer that holds its slot is evicted,
    // and a flood of idle connections cannot lock nodes out (they would lead a second group).
    // One that said hello and waits for its challenge's answer goes last.
    std::optional<quint64> oldest;
    for (const auto &[key, peer] : m_peers) {
        if (peer->kind != Connection::Kind::Pending)
            continue;
        if (!peer->hello) {
            oldest = key;
            break;
        }
        if (!oldest)
            oldest = key;
    }
    if (oldest) {
        rejectPeer(*oldest,
                   QStringLiteral("made room for a new connection: %1 connections were "
                                  "waiting for their hello")
                       .arg(kMaxPendingHellos));
    }
}

void MultiProcessEngine::onPeerReadyRead(quint64 key)
{
    const auto it = m_peers.find(key);
    if (it == m_peers.end())
        return;
    it->second->reader->readFrom(it->second->socket);
    // The frames before a bad header still count (a Bye, say); handling one may drop the peer.
    for (;;) {
        const auto peer = m_peers.find(key);
        if (peer == m_peers.end())
            return;
        const std::optional<Frame> frame = peer->second->reader->nextFrame();
        if (!frame)
            break;
        handlePeerFrame(*peer->second, *frame);
    }
    const auto peer = m_peers.find(key);
    if (peer != m_peers.end() && peer->second->reader->hasError())
        rejectPeer(key, peer->second->reader->errorString());
}

void MultiProcessEngine::handlePeerFrame(Connection &peer, const Frame &frame)
{
    switch (peer.kind) {
    case Connection::Kind::Pending:
        // Nothing is answered before the hello is done but the hello: a stranger cannot make
        // this process queue data for it.
        if (frame.type == FrameType::Hello && !peer.hello)
            handleHello(peer, frame.payload);
        else if (frame.type == FrameType::Response && peer.hello)
            handleResponse(peer, frame.payload);
        else if (frame.type == FrameType::Hello)
            rejectPeer(peer.key, QStringLiteral("sent a second hello"));
        else if (frame.type == FrameType::Error) // e.g. this leader's proof did not hold
            dropPeer(peer.key, QStringLiteral("reported an error: ") + printableText(frame.payload),
                     Severity::Warning);
        else
            rejectPeer(peer.key,
                       QStringLiteral("sent %1 before its hello").arg(frameTypeName(frame.type)));
        return;
    case Connection::Kind::Node:
    case Connection::Kind::Viewer:
        switch (frame.type) {
        case FrameType::Ping:
            // A peer that does not read gets no more answers.
            if (peer.socket->bytesToWrite() < kMaxPingBacklog)
                writeFrame(peer, FrameType::Ack, {});
            return;
        case FrameType::Snapshot:
            if (peer.kind == Connection::Kind::Node)
                handleAnswer(peer, frame.payload);
            else
                rejectPeer(peer.key, QStringLiteral("a viewer sent a snapshot"));
            return;
        case FrameType::Bye:
            dropPeer(peer.key, QStringLiteral("said goodbye: ") + printableText(frame.payload),
                     Severity::Info);
            return;
        case FrameType::Error:
            dropPeer(peer.key, QStringLiteral("reported an error: ") + printableText(frame.payload),
                     Severity::Warning);
            return;
        case FrameType::Hello:
            rejectPeer(peer.key, QStringLiteral("sent a second hello"));
            return;
        default:
            qCDebug(lcTransport) << "multi-process leader: ignoring" << frame.type << "from"
                                 << describe(peer);
            return;
        }
    }
}

void MultiProcessEngine::handleHello(Connection &peer, const QByteArray &payload)
{
    QString error;
    const std::optional<Hello> message = Hello::fromJson(payload, &error);
    if (!message) {
        rejectPeer(peer.key, QStringLiteral("bad hello: ") + error);
        return;
    }
    if (message->protocol != Hello::protocolOf(message->role)) {
        rejectPeer(peer.key,
                   QStringLiteral("unsupported protocol %1 (this leader speaks %2)")
                       .arg(message->protocol)
                       .arg(kGroupProtocolVersion));
        return;
    }
    if (message->role == Hello::Role::Service) {
        rejectPeer(peer.key,
                   QStringLiteral("bad hello: a service's hello is for its viewers, "
                                  "not for a leader"));
        return;
    }
    peer.nodeId = message->node;
    if (m_config.token.isEmpty()) {
        admit(peer, *message);
        return;
    }
    // Prove that this leader knows the token, and ask the peer to prove it too.
    peer.hello = message;
    peer.nonce = GroupAuth::makeNonce();
    GroupChallenge challenge;
    challenge.leader = m_nodeId;
    challenge.level = m_level;
    challenge.port = m_server ? m_server->serverPort() : 0;
    challenge.nonce = peer.nonce;
    challenge.proof = GroupAuth::leaderProof(m_config.token, message->nonce, peer.nonce, m_level,
                                             challenge.port, m_nodeId);
    writeFrame(peer, FrameType::Challenge, challenge.toJson());
}

void MultiProcessEngine::handleResponse(Connection &peer, const QByteArray &payload)
{
    QString error;
    const std::optional<GroupResponse> response = GroupResponse::fromJson(payload, &error);
    if (!response) {
        rejectPeer(peer.key, QStringLiteral("bad response: ") + error);
        return;
    }
    const Hello hello = *peer.hello;
    const QByteArray expected =
        GroupAuth::peerProof(m_config.token, hello.nonce, peer.nonce, hello.role, hello.node);
    if (!GroupAuth::proofsEqual(response->proof, expected)) {
        rejectPeer(peer.key, QStringLiteral("wrong token"));
        return;
    }
    peer.hello.reset();
    admit(peer, hello);
}

void MultiProcessEngine::admit(Connection &peer, const Hello &hello)
{
    HelloAck acknowledgement;
    acknowledgement.leader = m_nodeId;
    acknowledgement.level = m_level;
    const QByteArray ack = acknowledgement.toJson();
    if (hello.role == Hello::Role::Ping) {
        writeFrame(peer, FrameType::Ack, ack);
        std::unique_ptr<Connection> done = std::move(m_peers.at(peer.key));
        m_peers.erase(done->key);
        retire(done->socket);
        return;
    }
    if (hello.role == Hello::Role::Viewer) {
        const auto viewers = std::count_if(m_peers.cbegin(), m_peers.cend(), [](const auto &entry) {
            return entry.second->kind == Connection::Kind::Viewer;
        });
        if (viewers >= m_config.maxViewers) {
            rejectPeer(peer.key,
                       QStringLiteral("too many viewers: %1 are watching already; try "
                                      "again later")
                           .arg(viewers));
            return;
        }
    }
    // In: frames of any size, read at the socket's pace.
    peer.reader->setMaxFrameSize(kDefaultMaxFrameSize);
    peer.socket->setReadBufferSize(kAdmittedReadBuffer);
    if (hello.role == Hello::Role::Viewer) {
        peer.kind = Connection::Kind::Viewer;
        writeFrame(peer, FrameType::Ack, ack);
        connect(peer.socket, &QTcpSocket::bytesWritten, this,
                [this, key = peer.key] { pumpViewer(key); });
        setShared([](MultiProcessShared &s) { ++s.viewers; });
        qCInfo(lcTransport, "multi-process leader: viewer %ls connected",
               qUtf16Printable(describe(peer)));
        return;
    }

    // A node that reconnects before its old connection is noticed dead replaces it.
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it) {
        if (it->second->kind == Connection::Kind::Node && it->second->nodeId == hello.node) {
            dropPeer(it->first, QStringLiteral("replaced by a new connection of the same node"),
                     Severity::Info);
            break;
        }
    }
    peer.kind = Connection::Kind::Node;
    peer.nodeId = hello.node;
    SnapshotSource source;
    source.service = hello.service;
    source.host = hello.host;
    source.pid = hello.pid;
    source.processStart = hello.processStart;
    source.node = hello.node;
    const quint64 key = peer.key;
    setShared([&](MultiProcessShared &s) {
        // Back after leaving: the counts it left stand for it until it answers.
        s.nodes[key] =
            MultiProcessShared::Node{source.node, source, false, 0, s.takeDeparted(source.node)};
    });
    writeFrame(peer, FrameType::Ack, ack);
    qCInfo(lcTransport, "multi-process leader: node %ls joined from %ls",
           qUtf16Printable(peer.nodeId), qUtf16Printable(peer.peer));
    Q_EMIT m_collector->nodeJoined(peer.nodeId);
}

void MultiProcessEngine::handleAnswer(Connection &peer, const QByteArray &payload)
{
    QString error;
    const auto answer = MultiProcessProtocol::decodeAnswer(payload, &error);
    if (!answer) {
        rejectPeer(peer.key, QStringLiteral("unreadable snapshot: ") + error);
        return;
    }
    // The id of the hello is the node's name here, whatever the snapshot says.
    const Snapshot snapshot = MultiProcessProtocol::withNode(answer->second, peer.nodeId);
    const quint64 round = answer->first;
    const quint64 key = peer.key;
    bool revived = false;
    setShared([&](MultiProcessShared &s) {
        const auto node = s.nodes.find(key);
        if (node == s.nodes.end())
            return;
        revived = node->second.stale;
        node->second.stale = false;
        node->second.lastAnswer = snapshot.time();
        node->second.totals.clear();
        for (const CounterRow &row : snapshot.rows()) {
            if (row.type == CounterType::Event || row.type == CounterType::Total)
                node->second.totals.append(row);
        }
        node->second.source = snapshot.source();
        if (s.roundOpen && round == s.round) {
            s.answers[key] = snapshot;
            s.waiting.erase(key);
        }
    });
    if (revived) {
        qCInfo(lcTransport, "multi-process leader: node %ls answers again",
               qUtf16Printable(peer.nodeId));
    }
}

void MultiProcessEngine::rejectPeer(quint64 key, const QString &reason)
{
    const auto it = m_peers.find(key);
    if (it == m_peers.end())
        return;
    Connection &peer = *it->second;
    // The reason may quote what the peer sent.
    const QString printable = printableText(reason, 300);
    // Tell the peer why, in case it is a confused client rather than an attacker.
    if (peer.socket->state() == QAbstractSocket::ConnectedState)
        peer.writer.write(Frame{FrameType::Error, printable.toUtf8()});
    const QString who = peer.peer;
    dropPeer(key, printable, Severity::Warning); // logs first, so a receiver of the signal sees it
    Q_EMIT m_collector->peerRejected(who, printable);
}

void MultiProcessEngine::dropPeer(quint64 key, const QString &reason, Severity severity)
{
    const auto it = m_peers.find(key);
    if (it == m_peers.end())
        return;
    std::unique_ptr<Connection> peer = std::move(it->second);
    m_peers.erase(it);
    const QString who = describe(*peer);
    if (peer->kind == Connection::Kind::Node) {
        setShared([key](MultiProcessShared &s) {
            const auto node = s.nodes.find(key);
            if (node != s.nodes.end())
                s.keepDeparted(node->second);
            s.nodes.erase(key);
            s.waiting.erase(key);
            s.members.erase(key);
            s.answers.erase(key);
        });
    } else if (peer->kind == Connection::Kind::Viewer) {
        setShared([](MultiProcessShared &s) { --s.viewers; });
    }
    retire(peer->socket);
    if (severity == Severity::Warning) {
        if (m_peerLog.allow()) {
            qCWarning(lcTransport, "multi-process leader: dropped %ls: %ls%ls",
                      qUtf16Printable(who), qUtf16Printable(reason),
                      qUtf16Printable(m_peerLog.suffix()));
        }
    } else if (peer->kind == Connection::Kind::Pending) {
        qCDebug(lcTransport, "multi-process leader: %ls left before its hello: %ls",
                qUtf16Printable(who), qUtf16Printable(reason));
    } else {
        qCInfo(lcTransport, "multi-process leader: %ls left: %ls", qUtf16Printable(who),
               qUtf16Printable(reason));
    }
    if (peer->kind == Connection::Kind::Node)
        Q_EMIT m_collector->nodeLeft(peer->nodeId, reason);
}

void MultiProcessEngine::sendCollectRequests(quint64 round)
{
    const QByteArray payload = MultiProcessProtocol::encodeCollectRequest(round);
    for (auto &[key, peer] : m_peers) {
        Q_UNUSED(key);
        if (peer->kind == Connection::Kind::Node && peer->socket->bytesToWrite() < kMaxPendingBytes)
            writeFrame(*peer, FrameType::CollectRequest, payload);
    }
}

void MultiProcessEngine::pushReport(const QByteArray &json)
{
    // A viewer would refuse a frame over the limit and hang up: such a report is not sent.
    if (qint64(json.size()) + 2 > kDefaultMaxFrameSize) {
        if (!m_warnedOversized) {
            qCWarning(lcTransport,
                      "multi-process leader: a merged report takes %lld bytes, more than one "
                      "frame may carry (%lld); viewers do not get such reports",
                      static_cast<long long>(json.size()),
                      static_cast<long long>(kDefaultMaxFrameSize - 2));
            m_warnedOversized = true;
        }
        return;
    }
    // Encoded once, shared by every viewer's queue.
    const QByteArray frame = encodeFrame(Frame{FrameType::Snapshot, json});
    quint64 dropped = 0;
    std::vector<quint64> viewers;
    for (auto &[key, peer] : m_peers) {
        if (peer->kind != Connection::Kind::Viewer)
            continue;
        const bool wasDropping = peer->viewerQueue.dropped() > 0;
        const quint64 pushedOut = peer->viewerQueue.push(frame, m_config.viewerLimits);
        if (pushedOut > 0 && !wasDropping) {
            qCWarning(lcTransport,
                      "multi-process leader: viewer %ls is not keeping up: dropping its oldest "
                      "reports",
                      qUtf16Printable(describe(*peer)));
        }
        dropped += pushedOut;
        viewers.push_back(key);
    }
    if (dropped > 0)
        setShared([dropped](MultiProcessShared &s) { s.droppedFrames += dropped; });
    for (const quint64 key : viewers)
        pumpViewer(key);
}

void MultiProcessEngine::pumpViewer(quint64 key)
{
    const auto it = m_peers.find(key);
    if (it == m_peers.end() || it->second->kind != Connection::Kind::Viewer)
        return;
    Connection &viewer = *it->second;
    if (!viewer.viewerQueue.pump(viewer.socket))
        dropPeer(key, QStringLiteral("cannot write to it: ") + viewer.socket->errorString(),
                 Severity::Info);
}

void MultiProcessEngine::stopLeading(const QByteArray &byeReason)
{
    m_upgradeTimer.stop();
    ++m_upgrade;
    m_upgrading = false;
    // Closed first, so that nodes re-electing on our Bye do not find us again.
    closeServer();
    m_level = -1;
    QStringList nodes;
    for (auto &[key, peer] : m_peers) {
        Q_UNUSED(key);
        // A viewer gets what waits for it, then the Bye (what the kernel takes still arrives).
        peer->viewerQueue.drainInto(peer->socket);
        if (peer->kind != Connection::Kind::Pending)
            peer->writer.write(Frame{FrameType::Bye, byeReason});
        if (peer->kind == Connection::Kind::Node)
            nodes.append(peer->nodeId);
        retire(peer->socket);
    }
    m_peers.clear();
    resetLeaderState(std::nullopt, -1, std::nullopt, false);
    for (const QString &node : std::as_const(nodes))
        Q_EMIT m_collector->nodeLeft(node, QString::fromUtf8(byeReason));
}

} // namespace counters
