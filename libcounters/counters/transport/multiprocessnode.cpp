// SPDX-License-Identifier: MIT
// MultiProcessEngine: the node's link to its leader (the protocol is in multiprocesscollector.h).
#include "multiprocessengineparts_p.h"

#include <counters/counter/registry.h>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>

namespace counters {

using namespace engine;

void MultiProcessEngine::becomeNode(std::unique_ptr<Connection> link, int index)
{
    m_link = std::move(link);
    m_linkIndex = index;
    QTcpSocket *socket = m_link->socket;
    m_link->reader->setMaxFrameSize(kDefaultMaxFrameSize);
    socket->setReadBufferSize(kAdmittedReadBuffer);
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
            // A leader that floods Pings and never reads gets no more answers.
            if (m_link->socket->bytesToWrite() < kMaxPingBacklog)
                writeFrame(*m_link, FrameType::Ack, {});
            break;
        case FrameType::Bye:
            linkLost(QStringLiteral("the leader said goodbye: ") + printableText(frame->payload),
                     Severity::Info);
            return;
        case FrameType::Error:
            linkLost(QStringLiteral("the leader reported an error: ")
                         + printableText(frame->payload),
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

} // namespace counters
