// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QLatin1String>
#include <QString>
#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QDebug;
QT_END_NAMESPACE

namespace counters {

/**
 * The wire frames of the local-socket transport and of multi-process collection
 * (docs/formats.md). One frame on the wire is
 *
 *     [quint32 big-endian N][quint8 version][quint8 type][N - 2 bytes of payload]
 *
 * where N, the *frame size*, counts the version and type bytes plus the payload (not the four
 * bytes of N itself). Frame limits (kDefaultMaxFrameSize, FrameReader, FrameWriter) apply to N.
 * At this layer the payload is opaque bytes; the transports put the JSON of the report schema
 * there.
 */

/// The protocol version this library writes and the only one it reads.
constexpr quint8 kProtocolVersion = 1;
/// The default largest frame size N accepted or sent: 16 MiB.
constexpr qint64 kDefaultMaxFrameSize = 16 * 1024 * 1024;
/// Bytes in front of the payload: the length prefix, the version and the type.
constexpr int kFrameHeaderSize = 6;

/**
 * What a frame means. The numbers are part of the wire format: never renumber, only append
 * (and a receiver of an older version rejects types it does not know).
 */
enum class FrameType : quint8 {
    /// First frame on a connection, both ways: who is talking. Payload: node id (multi-process:
    /// host_pid_seq_time) or service information (local socket: service, host, pid, counters
    /// and their types), and optionally the shared token a leader may require.
    Hello = 1,
    /// One snapshot in the report schema: a node's answer to a CollectRequest, or a live or
    /// backfilled snapshot pushed by a service to an attached dashboard.
    Snapshot = 2,
    /// The leader asks a node for its snapshot now. Payload: empty or a round identifier the
    /// answer may echo, so a late answer is not taken for the next round's.
    CollectRequest = 3,
    /// Liveness check (also the election's "is a leader there?" probe). Answered with Ack.
    Ping = 4,
    /// Acknowledgement of a Hello (registration accepted) or a Ping. Payload: empty.
    Ack = 5,
    /// The sender refuses or failed something. Payload: a human-readable reason (UTF-8),
    /// e.g. a wrong token; the sender usually closes the connection after it.
    Error = 6,
    /// Orderly goodbye: the sender closes the connection on purpose (shutdown, leader handing
    /// over), so the peer need not treat the EOF as a failure. Payload: optional reason.
    Bye = 7,
    /// A multi-process leader that requires the group's token answers a Hello with this: its
    /// nonce and its proof that it knows the token (groupauth.h).
    Challenge = 8,
    /// The peer's proof that it knows the token, after it checked the leader's (groupauth.h).
    Response = 9,
};

/**
 * One frame: its type and its opaque payload. A plain value; a default Frame is an empty Ping.
 */
struct Frame
{
    FrameType type = FrameType::Ping;
    QByteArray payload;

    friend bool operator==(const Frame &a, const Frame &b)
    {
        return a.type == b.type && a.payload == b.payload;
    }
    friend bool operator!=(const Frame &a, const Frame &b) { return !(a == b); }
};

/// Whether `value` is a FrameType of protocol version kProtocolVersion.
COUNTERS_CORE_EXPORT bool isKnownFrameType(quint8 value) noexcept;

/// The enumerator's name ("Hello", "CollectRequest", …) for logs; empty for unknown values.
COUNTERS_CORE_EXPORT QLatin1String frameTypeName(FrameType type) noexcept;

/**
 * The bytes of `frame` on the wire, with version kProtocolVersion. Does not check any frame
 * size limit (FrameWriter does); returns an empty array only when the payload cannot be
 * described by a 32-bit length at all (more than 4 GiB − 3 bytes). Thread-safe.
 */
COUNTERS_CORE_EXPORT QByteArray encodeFrame(const Frame &frame);

/**
 * Text a peer sent (an Error's or a Bye's reason, a node id) made safe for a log line: UTF-8
 * decoded, control characters and the backslash escaped (`\n`, `\x1b`), cut to at most
 * `maxLength` characters with "…", "(nothing)" when empty. Thread-safe.
 */
COUNTERS_CORE_EXPORT QString printableText(const QString &text, int maxLength = 200);
/// printableText() of a UTF-8 payload.
COUNTERS_CORE_EXPORT QString printableText(const QByteArray &utf8, int maxLength = 200);

/// Writes "Snapshot" or "FrameType(10)".
COUNTERS_CORE_EXPORT QDebug operator<<(QDebug debug, FrameType type);
/// Writes "Frame(Snapshot, 123 bytes)".
COUNTERS_CORE_EXPORT QDebug operator<<(QDebug debug, const Frame &frame);

} // namespace counters
