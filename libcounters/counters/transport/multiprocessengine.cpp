// SPDX-License-Identifier: MIT
#include "multiprocessengine_p.h"
#include "transportlogging_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

namespace {

using Role = MultiProcessCollector::Role;
using SteadyClock = std::chrono::steady_clock;

/// A peer with this much unsent data gets no more reports or answers until it reads.
constexpr qint64 kMaxPendingBytes = kDefaultMaxFrameSize;
/// Connections that have not said hello yet, at most; more are refused at once.
constexpr int kMaxPendingHellos = 64;
/// How long a closing connection may take to flush before it is cut.
constexpr int kCloseGraceMs = 1000;
/// Failover jitter: survivors spread their elections over this many milliseconds.
constexpr int kMaxJitterMs = 50;
/// A dropped peer's unread input is capped while it closes.
constexpr qint64 kClosingReadBuffer = 64 * 1024;

int toMs(Seconds s)
{
    return int(std::clamp(s.count() * 1000.0, 0.0, 24.0 * 3600 * 1000));
}

QString seconds(Seconds s)
{
    return QString::number(s.count(), 'g', 3) + QLatin1String(" s");
}

QString payloadText(const QByteArray &payload)
{
    QString text = QString::fromUtf8(payload.left(512)).trimmed();
    return text.isEmpty() ? QStringLiteral("(no reason given)") : text;
}

} // namespace

/// A socket with its frame reader and writer: a leader's peer, a node's link, an attempt.
struct MultiProcessEngine::Connection
{
    enum class Kind { Pending, Node, Viewer };

    quint64 key = 0;
    QTcpSocket *socket = nullptr; ///< A child of the engine; retire() disposes of it.
    std::unique_ptr<FrameReader> reader = std::make_unique<FrameReader>();
    FrameWriter writer;
    detail::ViewerQueue viewerQueue; ///< A viewer's reports waiting for its socket.
    Kind kind = Kind::Pending;
    QString nodeId;
    QString peer; ///< "address:port"
};

/// An election connect or an upgrade ping waiting for its Ack.
struct MultiProcessEngine::Attempt
{
    std::unique_ptr<Connection> connection;
    HandshakeDone done;
    QString address;
    Hello::Role role = Hello::Role::Node;
};

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
    return QStringLiteral("%1 (node %2)").arg(connection.peer, connection.nodeId);
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
    message.token = m_config.token;
    message.service = m_registry.serviceName();
    message.host = QSysInfo::machineHostName();
    message.pid = QCoreApplication::applicationPid();
    return message;
}

// ---------------------------------------------------------------------------------------------
// Election
// ---------------------------------------------------------------------------------------------

void MultiProcessEngine::startFirstElection()
{
    startElection(ElectionKind::First);
}

void MultiProcessEngine::startElection(ElectionKind kind)
{
    if (m_shuttingDown)
        return;
    m_electionKind = kind;
    const quint64 election = ++m_election;
    m_attemptNumber = 0;
    m_electionStart = SteadyClock::now();
    m_warnedLate = false;
    m_lastConnectError.clear();
    m_lastBindError.clear();
    runAttempt(election);
}

void MultiProcessEngine::scheduleElection(ElectionKind kind, int delayMs)
{
    const quint64 election = ++m_election; // cancels whatever was in flight
    QTimer::singleShot(delayMs, this, [this, kind, election] {
        if (election == m_election)
            startElection(kind);
    });
}

void MultiProcessEngine::runAttempt(quint64 election)
{
    if (election != m_election || m_shuttingDown)
        return;
    if (m_config.role == Role::Leader)
        bindStep(election, 0);
    else
        connectStep(election, 0);
}

void MultiProcessEngine::connectStep(quint64 election, int index)
{
    if (election != m_election)
        return;
    if (index >= m_config.addresses.size()) {
        if (m_config.role == Role::Node)
            backOff(election);
        else
            bindStep(election, 0);
        return;
    }
    const CollectionAddress address = m_config.addresses.at(index);
    handshake(
        address, Hello::Role::Node,
        [this, election, index, address](std::unique_ptr<Connection> link, const QString &error) {
            if (election != m_election) {
                if (link)
                    retire(link->socket);
                return;
            }
            if (link) {
                becomeNode(std::move(link), index);
                return;
            }
            m_lastConnectError = address.toString() + QLatin1String(": ") + error;
            connectStep(election, index + 1);
        });
}

void MultiProcessEngine::bindStep(quint64 election, int index)
{
    if (election != m_election)
        return;
    if (index >= m_config.addresses.size()) {
        backOff(election);
        return;
    }
    const CollectionAddress address = m_config.addresses.at(index);
    auto *server = new QTcpServer(this);
    // QTcpServer sets SO_REUSEADDR on Unix: the port of a dead leader whose connections are
    // still in TIME_WAIT can be bound at once, so a failover lands on the preferred address.
    if (server->listen(address.host(), address.port())) {
        becomeLeader(server, index);
        return;
    }
    m_lastBindError = address.toString() + QLatin1String(": ") + server->errorString();
    const bool inUse = server->serverError() == QAbstractSocket::AddressInUseError;
    delete server;
    if (inUse && m_config.role == Role::Auto) {
        // Taken since our connect failed: most likely by a process that won the same race
        // (survivors of a failover elect together). Join it instead of leading a second group
        // on a worse address, PyCounters 0.6's split brain.
        handshake(address, Hello::Role::Node,
                  [this, election, index, address](std::unique_ptr<Connection> link,
                                                   const QString &error) {
                      if (election != m_election) {
                          if (link)
                              retire(link->socket);
                          return;
                      }
                      if (link) {
                          becomeNode(std::move(link), index);
                          return;
                      }
                      m_lastConnectError = address.toString() + QLatin1String(": ") + error;
                      bindStep(election, index + 1);
                  });
        return;
    }
    bindStep(election, index + 1);
}

void MultiProcessEngine::backOff(quint64 election)
{
    if (election != m_election)
        return;
    // PyCounters 0.6's pauses between attempts: 0.1 s, 0.2 s, then 1 s.
    const int delayMs = m_attemptNumber == 0 ? 100 : m_attemptNumber == 1 ? 200 : 1000;
    ++m_attemptNumber;
    const auto elapsed = SteadyClock::now() - m_electionStart;
    // The Leader role binds or fails at once, as in PyCounters 0.6.
    const bool late = m_config.role == Role::Leader
        || elapsed + std::chrono::milliseconds(delayMs)
            > std::chrono::duration_cast<SteadyClock::duration>(m_config.timeout);
    if (late) {
        const QString message = m_config.role == Role::Leader
            ? QStringLiteral("cannot lead: no address could be bound; last bind error: %1")
                  .arg(m_lastBindError)
            : QStringLiteral("failed to elect a leader within %1 after %2 attempts; last connect "
                             "error: %3; last bind error: %4")
                  .arg(seconds(m_config.timeout))
                  .arg(m_attemptNumber)
                  .arg(m_lastConnectError.isEmpty() ? QStringLiteral("none") : m_lastConnectError,
                       m_lastBindError.isEmpty() ? QStringLiteral("none") : m_lastBindError);
        if (m_electionKind == ElectionKind::First) {
            ++m_election;
            setShared([&](MultiProcessShared &s) {
                s.electionDone = true;
                s.electionOk = false;
                s.error = message;
            });
            return;
        }
        if (!m_warnedLate) {
            // A process that lost its leader keeps looking: the group may come back.
            m_warnedLate = true;
            qCWarning(lcTransport, "multi-process: %ls; still trying every second",
                      qUtf16Printable(message));
            setShared([&](MultiProcessShared &s) { s.error = message; });
            Q_EMIT m_collector->errorOccurred(message);
        }
    }
    QTimer::singleShot(delayMs, this, [this, election] { runAttempt(election); });
}

void MultiProcessEngine::handshake(const CollectionAddress &address, Hello::Role role,
                                   HandshakeDone done)
{
    const quint64 key = ++m_nextKey;
    auto attempt = std::make_unique<Attempt>();
    attempt->connection = std::make_unique<Connection>();
    attempt->connection->key = key;
    attempt->connection->peer = address.toString();
    attempt->done = std::move(done);
    attempt->address = address.toString();
    attempt->role = role;
    auto *socket = new QTcpSocket(this);
    attempt->connection->socket = socket;
    attempt->connection->writer.setDevice(socket);
    m_attempts.emplace(key, std::move(attempt));

    connect(socket, &QTcpSocket::connected, this, [this, key] {
        const auto it = m_attempts.find(key);
        if (it == m_attempts.end())
            return;
        Attempt &a = *it->second;
        writeFrame(*a.connection, FrameType::Hello, hello(a.role).toJson());
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, key] {
        const auto it = m_attempts.find(key);
        if (it == m_attempts.end())
            return;
        Connection &c = *it->second->connection;
        c.reader->readFrom(c.socket);
        if (const std::optional<Frame> frame = c.reader->nextFrame()) {
            if (frame->type == FrameType::Ack)
                finishAttempt(key, QString());
            else if (frame->type == FrameType::Error)
                finishAttempt(key, QStringLiteral("refused: ") + payloadText(frame->payload));
            else
                finishAttempt(
                    key,
                    QStringLiteral("answered %1 instead of Ack").arg(frameTypeName(frame->type)));
        } else if (c.reader->hasError()) {
            finishAttempt(key, c.reader->errorString());
        }
    });
    connect(socket, &QTcpSocket::errorOccurred, this,
            [this, key, socket] { finishAttempt(key, socket->errorString()); });
    connect(socket, &QTcpSocket::disconnected, this,
            [this, key] { finishAttempt(key, QStringLiteral("the connection was closed")); });
    QTimer::singleShot(toMs(m_config.connectTimeout), socket, [this, key] {
        finishAttempt(key,
                      QStringLiteral("no answer within %1").arg(seconds(m_config.connectTimeout)));
    });
    socket->connectToHost(address.host(), address.port());
}

void MultiProcessEngine::finishAttempt(quint64 key, const QString &error)
{
    const auto it = m_attempts.find(key);
    if (it == m_attempts.end())
        return;
    std::unique_ptr<Attempt> attempt = std::move(it->second);
    m_attempts.erase(it);
    QTcpSocket *socket = attempt->connection->socket;
    socket->disconnect(this);
    if (!error.isEmpty() || attempt->role == Hello::Role::Ping) {
        retire(socket);
        attempt->connection.reset();
    }
    attempt->done(error.isEmpty() ? std::move(attempt->connection) : nullptr, error);
}

// ---------------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------------

void MultiProcessEngine::becomeNode(std::unique_ptr<Connection> link, int index)
{
    m_link = std::move(link);
    m_linkIndex = index;
    QTcpSocket *socket = m_link->socket;
    connect(socket, &QTcpSocket::readyRead, this, &MultiProcessEngine::onLinkReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        linkLost(QStringLiteral("the leader closed the connection"), Severity::Warning);
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (socket->error() != QAbstractSocket::RemoteHostClosedError)
            linkLost(socket->errorString(), Severity::Warning);
    });

    const CollectionAddress address = m_config.addresses.at(index);
    const bool first = m_electionKind == ElectionKind::First;
    setShared([&](MultiProcessShared &s) {
        s.role = Role::Node;
        s.level = -1;
        s.address = address;
        if (first) {
            s.electionDone = true;
            s.electionOk = true;
        }
    });
    qCInfo(lcTransport, "multi-process: joined the leader at %ls as node %ls",
           qUtf16Printable(address.toString()), qUtf16Printable(m_nodeId));
    Q_EMIT m_collector->roleChanged();
    processLinkFrames(); // frames that came with the Ack
}

void MultiProcessEngine::onLinkReadyRead()
{
    if (!m_link)
        return;
    m_link->reader->readFrom(m_link->socket);
    processLinkFrames();
}

void MultiProcessEngine::processLinkFrames()
{
    if (!m_link)
        return;
    // Several requests waiting (this process was stopped or busy): one answer, to the newest;
    // the older rounds are over anyway.
    std::optional<quint64> request;
    while (const std::optional<Frame> frame = m_link->reader->nextFrame()) {
        switch (frame->type) {
        case FrameType::CollectRequest:
            request = MultiProcessProtocol::decodeCollectRequest(frame->payload);
            if (!request) {
                linkLost(QStringLiteral("the leader sent a malformed CollectRequest"),
                         Severity::Warning);
                return;
            }
            break;
        case FrameType::Ping:
            writeFrame(*m_link, FrameType::Ack, {});
            break;
        case FrameType::Bye:
            linkLost(QStringLiteral("the leader said goodbye: ") + payloadText(frame->payload),
                     Severity::Info);
            return;
        case FrameType::Error:
            linkLost(QStringLiteral("the leader reported an error: ") + payloadText(frame->payload),
                     Severity::Warning);
            return;
        default:
            qCDebug(lcTransport) << "multi-process: ignoring" << frame->type << "from the leader";
            break;
        }
    }
    if (m_link->reader->hasError()) {
        linkLost(QStringLiteral("unreadable frames from the leader: ")
                     + m_link->reader->errorString(),
                 Severity::Warning);
        return;
    }
    if (request)
        answer(*request);
}

void MultiProcessEngine::answer(quint64 round)
{
    if (m_link->socket->bytesToWrite() > kMaxPendingBytes) {
        // The leader does not read: another snapshot would only grow our buffer.
        if (m_skippedAnswers++ % 100 == 0) {
            qCWarning(lcTransport, "multi-process: the leader is not reading; skipped %llu answers",
                      m_skippedAnswers);
        }
        return;
    }
    const Snapshot snapshot = MultiProcessProtocol::withNode(m_registry.collect(), m_nodeId);
    writeFrame(*m_link, FrameType::Snapshot, MultiProcessProtocol::encodeAnswer(snapshot, round));
}

void MultiProcessEngine::linkLost(const QString &reason, Severity severity)
{
    if (!m_link)
        return;
    const QString address = m_link->peer;
    retire(m_link->socket);
    m_link.reset();
    m_linkIndex = -1;
    setShared([](MultiProcessShared &s) {
        s.role.reset();
        s.address.reset();
    });
    if (severity == Severity::Info) {
        qCInfo(lcTransport, "multi-process: left the leader at %ls (%ls); electing a new one",
               qUtf16Printable(address), qUtf16Printable(reason));
    } else {
        qCWarning(lcTransport, "multi-process: lost the leader at %ls (%ls); electing a new one",
                  qUtf16Printable(address), qUtf16Printable(reason));
    }
    Q_EMIT m_collector->roleChanged();
    scheduleElection(ElectionKind::Failover, QRandomGenerator::global()->bounded(kMaxJitterMs + 1));
}

// ---------------------------------------------------------------------------------------------
// Leader
// ---------------------------------------------------------------------------------------------

void MultiProcessEngine::resetLeaderState(std::optional<Role> role, int level,
                                          std::optional<CollectionAddress> address, bool settle)
{
    const auto settleUntil = SteadyClock::now()
        + (settle ? std::chrono::duration_cast<SteadyClock::duration>(m_config.settleTime)
                  : SteadyClock::duration::zero());
    setShared([&](MultiProcessShared &s) {
        s.role = role;
        s.level = level;
        s.address = std::move(address);
        s.settleUntil = settleUntil;
        s.nodes.clear();
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
    connect(server, &QTcpServer::newConnection, this, &MultiProcessEngine::onNewConnection);
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

void MultiProcessEngine::onNewConnection()
{
    if (!m_server)
        return;
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // Our sockets outlive the server when it moves to a better address.
        socket->setParent(this);
        const QString peer =
            CollectionAddress(socket->peerAddress(), socket->peerPort()).toString();
        const auto pending = std::count_if(m_peers.cbegin(), m_peers.cend(), [](const auto &entry) {
            return entry.second->kind == Connection::Kind::Pending;
        });
        if (pending >= kMaxPendingHellos) {
            qCWarning(lcTransport,
                      "multi-process leader: refused %ls: %d connections are waiting for their "
                      "hello already",
                      qUtf16Printable(peer), kMaxPendingHellos);
            retire(socket);
            continue;
        }
        auto connection = std::make_unique<Connection>();
        const quint64 key = ++m_nextKey;
        connection->key = key;
        connection->socket = socket;
        connection->writer.setDevice(socket);
        connection->peer = peer;
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
                rejectPeer(
                    key,
                    QStringLiteral("sent no hello within %1").arg(seconds(m_config.helloTimeout)));
            }
        });
        qCDebug(lcTransport) << "multi-process leader: connection from" << peer;
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
    if (frame.type == FrameType::Ping) {
        writeFrame(peer, FrameType::Ack, {});
        return;
    }
    switch (peer.kind) {
    case Connection::Kind::Pending:
        if (frame.type == FrameType::Hello)
            handleHello(peer, frame.payload);
        else
            rejectPeer(peer.key,
                       QStringLiteral("sent %1 before its hello").arg(frameTypeName(frame.type)));
        return;
    case Connection::Kind::Node:
    case Connection::Kind::Viewer:
        switch (frame.type) {
        case FrameType::Snapshot:
            if (peer.kind == Connection::Kind::Node)
                handleAnswer(peer, frame.payload);
            else
                rejectPeer(peer.key, QStringLiteral("a viewer sent a snapshot"));
            return;
        case FrameType::Bye:
            dropPeer(peer.key, QStringLiteral("said goodbye: ") + payloadText(frame.payload),
                     Severity::Info);
            return;
        case FrameType::Error:
            dropPeer(peer.key, QStringLiteral("reported an error: ") + payloadText(frame.payload),
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
    if (payload.size() > MultiProcessProtocol::MaxHelloSize) {
        rejectPeer(peer.key,
                   QStringLiteral("bad hello: %1 bytes exceed the limit of %2 bytes")
                       .arg(payload.size())
                       .arg(MultiProcessProtocol::MaxHelloSize));
        return;
    }
    QString error;
    const std::optional<Hello> message = Hello::fromJson(payload, &error);
    if (!message) {
        rejectPeer(peer.key, QStringLiteral("bad hello: ") + error);
        return;
    }
    if (message->protocol != kProtocolVersion) {
        rejectPeer(peer.key,
                   QStringLiteral("unsupported protocol %1 (this leader speaks %2)")
                       .arg(message->protocol)
                       .arg(kProtocolVersion));
        return;
    }
    if (message->role == Hello::Role::Service) {
        rejectPeer(peer.key,
                   QStringLiteral("bad hello: a service's hello is for its viewers, "
                                  "not for a leader"));
        return;
    }
    if (!m_config.token.isEmpty()
        && !MultiProcessProtocol::tokensEqual(message->token, m_config.token)) {
        peer.nodeId = message->node;
        rejectPeer(peer.key,
                   message->token.isEmpty() ? QStringLiteral("no token given")
                                            : QStringLiteral("wrong token"));
        return;
    }
    HelloAck acknowledgement;
    acknowledgement.leader = m_nodeId;
    acknowledgement.level = m_level;
    const QByteArray ack = acknowledgement.toJson();
    switch (message->role) {
    case Hello::Role::Ping:
        writeFrame(peer, FrameType::Ack, ack);
        {
            std::unique_ptr<Connection> done = std::move(m_peers.at(peer.key));
            m_peers.erase(done->key);
            retire(done->socket);
        }
        return;
    case Hello::Role::Viewer:
        peer.kind = Connection::Kind::Viewer;
        writeFrame(peer, FrameType::Ack, ack);
        connect(peer.socket, &QTcpSocket::bytesWritten, this,
                [this, key = peer.key] { pumpViewer(key); });
        setShared([](MultiProcessShared &s) { ++s.viewers; });
        qCInfo(lcTransport, "multi-process leader: viewer %ls connected",
               qUtf16Printable(describe(peer)));
        return;
    case Hello::Role::Node:
    case Hello::Role::Service: // refused above
        break;
    }

    // A node that reconnects before its old connection is noticed dead replaces it.
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it) {
        if (it->second->kind == Connection::Kind::Node && it->second->nodeId == message->node) {
            dropPeer(it->first, QStringLiteral("replaced by a new connection of the same node"),
                     Severity::Info);
            break;
        }
    }
    peer.kind = Connection::Kind::Node;
    peer.nodeId = message->node;
    SnapshotSource source;
    source.service = message->service;
    source.host = message->host;
    source.pid = message->pid;
    source.processStart = message->processStart;
    source.node = message->node;
    const quint64 key = peer.key;
    setShared([&](MultiProcessShared &s) {
        s.nodes[key] = MultiProcessShared::Node{source.node, source};
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
    // Tell the peer why, in case it is a confused client rather than an attacker.
    if (peer.socket->state() == QAbstractSocket::ConnectedState)
        peer.writer.write(Frame{FrameType::Error, reason.toUtf8()});
    const QString who = peer.peer;
    dropPeer(key, reason, Severity::Warning); // logs first, so a receiver of the signal sees it
    Q_EMIT m_collector->peerRejected(who, reason);
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
        qCWarning(lcTransport, "multi-process leader: dropped %ls: %ls", qUtf16Printable(who),
                  qUtf16Printable(reason));
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
    if (m_server) {
        // Closed first, so that nodes re-electing on our Bye do not find us again.
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_level = -1;
    QStringList nodes;
    for (auto &[key, peer] : m_peers) {
        Q_UNUSED(key);
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

// ---------------------------------------------------------------------------------------------
// Upgrade
// ---------------------------------------------------------------------------------------------

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
    handshake(address, Hello::Role::Ping,
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
    QTcpServer *old = m_server;
    m_server = server;
    connect(server, &QTcpServer::newConnection, this, &MultiProcessEngine::onNewConnection);
    old->close();
    old->deleteLater();

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
    resetLeaderState(Role::Leader, index, address, true);
    qCInfo(lcTransport, "multi-process: moved from %ls to the better address %ls (level %d)",
           qUtf16Printable(from), qUtf16Printable(address.toString()), index);
    for (const QString &node : std::as_const(nodes))
        Q_EMIT m_collector->nodeLeft(node, QString::fromUtf8(bye));
    Q_EMIT m_collector->roleChanged();
}

// ---------------------------------------------------------------------------------------------
// Shutdown
// ---------------------------------------------------------------------------------------------

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
