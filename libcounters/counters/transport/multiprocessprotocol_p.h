// SPDX-License-Identifier: MIT
#pragma once

// The payloads of multi-process collection (documented in multiprocesscollector.h) beyond the
// hello and its acknowledgement (format/hello.h): CollectRequest frames and a node's answer.

#include <counters/base/snapshot.h>

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>

namespace counters {

/// Pure functions; thread-safe.
class MultiProcessProtocol
{
public:
    MultiProcessProtocol() = delete;

    /// Hello payloads above this size are refused (before the peer is authenticated).
    static constexpr qsizetype MaxHelloSize = 64 * 1024;
    /// The key a node adds to its answer to echo the round.
    static constexpr QLatin1String RoundKey{"__round__"};

    static QByteArray encodeCollectRequest(quint64 round);
    /// The round of a CollectRequest; an empty payload is round 0.
    static std::optional<quint64> decodeCollectRequest(const QByteArray &payload);

    /// `snapshot` as JsonCodec JSON with RoundKey added.
    static QByteArray encodeAnswer(const Snapshot &snapshot, quint64 round);
    /// The round and the snapshot of an answer; std::nullopt and `*error` when malformed.
    static std::optional<std::pair<quint64, Snapshot>> decodeAnswer(const QByteArray &payload,
                                                                    QString *error);

    /// A new process-unique node id: `host_pid_seq_time` as in PyCounters 0.6.
    static QString makeNodeId();
    /// `snapshot` with source().node (and stale) replaced.
    static Snapshot withNode(const Snapshot &snapshot, const QString &node, bool stale = false);
};

} // namespace counters
