// SPDX-License-Identifier: MIT
// MultiProcessEngine: the election (the protocol is in multiprocesscollector.h).
#include "multiprocessengineparts_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

using namespace engine;

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
    handshake(index, Hello::Role::Node, joinElse(election, index, [this, election, index] {
                  connectStep(election, index + 1);
              }));
}

MultiProcessEngine::HandshakeDone MultiProcessEngine::joinElse(quint64 election, int index,
                                                               std::function<void()> otherwise)
{
    const CollectionAddress address = m_config.addresses.at(index);
    return [this, election, index, address, otherwise = std::move(otherwise)](
               std::unique_ptr<Connection> link, const QString &error) {
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
        otherwise();
    };
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
        handshake(index, Hello::Role::Node, joinElse(election, index, [this, election, index] {
                      bindStep(election, index + 1);
                  }));
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

void MultiProcessEngine::handshake(int index, Hello::Role role, HandshakeDone done)
{
    const CollectionAddress address = m_config.addresses.at(index);
    const quint64 key = ++m_nextKey;
    auto attempt = std::make_unique<Attempt>();
    attempt->connection = std::make_unique<Connection>();
    attempt->connection->key = key;
    attempt->connection->peer = address.toString();
    // Whoever answers there must prove that it leads this group at this address.
    attempt->handshake =
        std::make_unique<GroupHandshake>(hello(role), m_config.token, address.port(), index);
    attempt->done = std::move(done);
    attempt->address = address.toString();
    attempt->role = role;
    auto *socket = new QTcpSocket(this);
    attempt->connection->socket = socket;
    attempt->connection->writer.setDevice(socket);
    // Until the leader has proven itself, it may send what a handshake needs, no more.
    attempt->connection->reader->setMaxFrameSize(kPendingFrameSize);
    socket->setReadBufferSize(kPendingReadBuffer);
    m_attempts.emplace(key, std::move(attempt));

    connect(socket, &QTcpSocket::connected, this, [this, key] {
        const auto it = m_attempts.find(key);
        if (it == m_attempts.end())
            return;
        Attempt &a = *it->second;
        a.connection->writer.write(a.handshake->helloFrame());
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, key] {
        const auto it = m_attempts.find(key);
        if (it == m_attempts.end())
            return;
        Attempt &a = *it->second;
        Connection &c = *a.connection;
        c.reader->readFrom(c.socket);
        while (const std::optional<Frame> frame = c.reader->nextFrame()) {
            const GroupHandshake::Step step = a.handshake->handle(*frame);
            if (const std::optional<Frame> &reply = a.handshake->reply())
                writeFrame(c, reply->type, reply->payload);
            switch (step) {
            case GroupHandshake::Step::Reply:
                continue;
            case GroupHandshake::Step::Accepted:
                finishAttempt(key, QString());
                return;
            case GroupHandshake::Step::Failed:
                finishAttempt(key, a.handshake->errorString());
                return;
            }
        }
        if (c.reader->hasError())
            finishAttempt(key, c.reader->errorString());
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

} // namespace counters
