// SPDX-License-Identifier: MIT
#pragma once

// Internal: what the parts of MultiProcessEngine share (multiprocessengine.cpp: the common
// plumbing and shutdown; multiprocesselection.cpp, multiprocessnode.cpp,
// multiprocessleader.cpp, multiprocessupgrade.cpp: one role or phase each).

#include "multiprocessengine_p.h"
#include "transportlogging_p.h"

#include <counters/format/groupauth.h>

#include <QTcpSocket>

#include <algorithm>

namespace counters {

namespace engine {

using Role = MultiProcessCollector::Role;
using SteadyClock = std::chrono::steady_clock;

/// A peer with this much unsent data gets no more reports or answers until it reads.
inline constexpr qint64 kMaxPendingBytes = kDefaultMaxFrameSize;
/// Connections that have not finished their hello yet, at most; a new one beyond them takes
/// the place of the one that has waited longest.
inline constexpr int kMaxPendingHellos = 64;
/// What a peer that has not finished its hello may send in one frame, and have read at once.
inline constexpr qint64 kPendingFrameSize = MultiProcessProtocol::MaxHelloSize + 2;
inline constexpr qint64 kPendingReadBuffer = 64 * 1024 + kFrameHeaderSize;
/// What Qt holds of an admitted peer's input: a flood of small frames waits in the kernel and is
/// parsed a little at a time (a 16 MiB snapshot simply takes several reads).
inline constexpr qint64 kAdmittedReadBuffer = 256 * 1024;
/// Pings are answered only while less than this waits for the peer.
inline constexpr qint64 kMaxPingBacklog = 64 * 1024;
/// How long a closing connection may take to flush before it is cut.
inline constexpr int kCloseGraceMs = 1000;
/// Failover jitter: survivors spread their elections over this many milliseconds.
inline constexpr int kMaxJitterMs = 50;
/// A dropped peer's unread input is capped while it closes.
inline constexpr qint64 kClosingReadBuffer = 64 * 1024;

inline int toMs(Seconds s)
{
    return int(std::clamp(s.count() * 1000.0, 0.0, 24.0 * 3600 * 1000));
}

inline QString seconds(Seconds s)
{
    return QString::number(s.count(), 'g', 3) + QLatin1String(" s");
}

} // namespace engine

/// A socket with its frame reader and writer: a leader's peer, a node's link, an attempt.
struct MultiProcessEngine::Connection
{
    enum class Kind { Pending, Node, Viewer };

    quint64 key = 0;
    QTcpSocket *socket = nullptr; ///< A child of the engine; retire() disposes of it.
    std::unique_ptr<FrameReader> reader = std::make_unique<FrameReader>();
    std::optional<Hello> hello; ///< A pending peer's hello while it answers the challenge.
    QByteArray nonce;           ///< The leader's nonce of that challenge.
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
    std::unique_ptr<GroupHandshake> handshake;
    HandshakeDone done;
    QString address;
    Hello::Role role = Hello::Role::Node;
};

} // namespace counters
