// SPDX-License-Identifier: MIT
#pragma once

// The payloads of multi-process collection (documented in multiprocesscollector.h): building
// and reading the JSON of Hello, Ack and CollectRequest frames and of a node's answer.

#include <counters/base/snapshot.h>

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>

namespace counters {

/// The decoded payload of a Hello frame.
struct HelloMessage
{
    enum class Role { Node, Viewer, Ping };

    int protocol = 1;
    Role role = Role::Node;
    QString node;
    QString token;
    QString service;
    QString host;
    qint64 pid = 0;
    double processStart = 0;
};

/// Pure functions; thread-safe.
class MultiProcessProtocol
{
public:
    MultiProcessProtocol() = delete;

    /// The payload protocol spoken here (the "protocol" field of Hello and Ack).
    static constexpr int Version = 1;
    /// Hello payloads above this size are refused.
    static constexpr qsizetype MaxHelloSize = 64 * 1024;
    /// The key a node adds to its answer to echo the round.
    static constexpr QLatin1String RoundKey{"__round__"};

    static QByteArray encodeHello(const HelloMessage &hello);
    /// std::nullopt and `*error` for a payload that is not a hello of any protocol version;
    /// a hello of another protocol decodes (protocol tells), the caller refuses it.
    static std::optional<HelloMessage> decodeHello(const QByteArray &payload, QString *error);
    static QLatin1String roleName(HelloMessage::Role role);

    static QByteArray encodeAck(const QString &leaderNode, int level);

    static QByteArray encodeCollectRequest(quint64 round);
    /// The round of a CollectRequest; an empty payload is round 0.
    static std::optional<quint64> decodeCollectRequest(const QByteArray &payload);

    /// `snapshot` as JsonCodec JSON with RoundKey added.
    static QByteArray encodeAnswer(const Snapshot &snapshot, quint64 round);
    /// The round and the snapshot of an answer; std::nullopt and `*error` when malformed.
    static std::optional<std::pair<quint64, Snapshot>> decodeAnswer(const QByteArray &payload,
                                                                    QString *error);

    /// Compares in time independent of where the strings differ (a token check must not tell
    /// an attacker how much of a guess was right).
    static bool tokensEqual(const QString &a, const QString &b);

    /// A new process-unique node id: `host_pid_seq_time` as in PyCounters 0.6.
    static QString makeNodeId();
    /// `snapshot` with source().node (and stale) replaced.
    static Snapshot withNode(const Snapshot &snapshot, const QString &node, bool stale = false);
};

} // namespace counters
