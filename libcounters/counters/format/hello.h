// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>
#include <counters/base/unit.h>
#include <counters/counters_core_export.h>
#include <counters/format/frame.h>

#include <QByteArray>
#include <QLatin1String>
#include <QList>
#include <QString>

#include <optional>

namespace counters {

class Snapshot;

/// The version of the multi-process handshake (roles node, viewer and ping, groupauth.h):
/// 2 since the token is proven instead of sent. A service's hello stays at kProtocolVersion.
constexpr int kGroupProtocolVersion = 2;

/**
 * The first frame on every connection of the frame protocol (frame.h): who is talking. One
 * schema and one codec for both transports that speak frames, and for their viewers: a
 * service greeting its viewers over the local socket, a process joining a multi-process
 * leader as a node, a dashboard attaching to a leader as a viewer, an election's ping.
 *
 * The payload is a UTF-8 JSON object (docs/formats.md):
 * ```
 * {"protocol": 1, "role": "service", "service": "counters-demo-server", "pid": 4242,
 *  "host": "build-vm", "process_start": 1718000000.5, "backfill": 120,
 *  "counters": [{"name": "requests_time", "type": "AverageTimeCounter", "window": 300,
 *                "unit": "seconds"}, …]}
 * {"protocol": 2, "role": "node", "node": "build-vm_4242_0_1718000000.00", "nonce": "…",
 *  "service": "shop", "host": "build-vm", "pid": 4242, "process_start": 1718000000.5}
 * ```
 * - `protocol`: the payload protocol of the role (protocolOf(): kProtocolVersion for
 *   `service`, kGroupProtocolVersion for the others); a hello of another version decodes with
 *   its protocol (and role, when known) only, so that its receiver can say which version it
 *   got, and the receiver refuses it.
 * - `role`: `service` (a service to its local-socket viewers), `node` (a process joining a
 *   leader), `viewer` (a dashboard attaching to a leader), `ping` (an election's probe).
 * - `service`, `host`, `pid`, `process_start` (epoch seconds, 0 when unknown): the sender.
 * - `node`: the multi-process node id (`host_pid_seq_time`); required for `node`, at most
 *   MaxNodeIdLength characters without control characters.
 * - `nonce`: the peer's nonce of the group handshake (groupauth.h), GroupAuth::NonceSize
 *   bytes in base64; written when set, required for the group roles.
 * - `backfill`, `counters` (`service` only, ignored for other roles): how many Snapshot frames of
 * recent history follow the hello, oldest first; the counters of the latest snapshot, sorted by
 * name, with their type (counterTypeName()), window in seconds and unit (unitName(); defaultUnit()
 * of the type when absent, as from services of earlier versions).
 *
 * fromJson() requires an object with a protocol number and a known role, a non-empty
 * `service` for `service`, a valid `node` for `node`, a nonce for the group roles, and fields
 * of the right JSON
 * types; other fields default when absent; unknown fields are ignored and an unknown counter
 * type reads as CounterType::Unknown, so newer peers stay readable. The receiver checks that
 * the role is one it expects. A plain value; all functions are pure and thread-safe.
 */
struct COUNTERS_CORE_EXPORT Hello
{
    enum class Role { Service, Node, Viewer, Ping };

    /// Longer node ids are refused (they end up in logs).
    static constexpr int MaxNodeIdLength = 256;

    /// One counter of a service, as its hello describes it.
    struct CounterInfo
    {
        QString name;
        CounterType type = CounterType::Unknown;
        double window = 0; ///< Seconds; 0 for counters without a window.
        Unit unit = Unit::None;

        friend bool operator==(const CounterInfo &a, const CounterInfo &b)
        {
            return a.name == b.name && a.type == b.type && a.window == b.window && a.unit == b.unit;
        }
        friend bool operator!=(const CounterInfo &a, const CounterInfo &b) { return !(a == b); }
    };

    int protocol = kProtocolVersion; ///< protocolOf(role) but when read from another version.
    Role role = Role::Viewer;
    QString service; ///< The sender's service name (a service's discovery name).
    QString host;
    qint64 pid = 0;
    double processStart = 0;     ///< Epoch seconds; 0 when unknown.
    QString node;                ///< Multi-process node id; required for Role::Node.
    QByteArray nonce;            ///< The group handshake's peer nonce (raw bytes).
    int backfill = 0;            ///< Role::Service: Snapshot frames of history that follow.
    QList<CounterInfo> counters; ///< Role::Service: the counters of its latest snapshot.

    /// The counters of `snapshot`'s rows, in the snapshot's (name) order.
    static QList<CounterInfo> countersOf(const Snapshot &snapshot);
    /// "service", "node", "viewer", "ping".
    static QLatin1String roleName(Role role);
    /// The protocol version this library speaks for `role`.
    static int protocolOf(Role role);

    /// The payload (compact UTF-8 JSON).
    QByteArray toJson() const;
    /// Reads a payload; std::nullopt and `*error` when it is not a hello.
    static std::optional<Hello> fromJson(const QByteArray &json, QString *error = nullptr);

    friend COUNTERS_CORE_EXPORT bool operator==(const Hello &a, const Hello &b);
    friend bool operator!=(const Hello &a, const Hello &b) { return !(a == b); }
};

/**
 * A multi-process leader's answer to a hello it accepts (the payload of an Ack frame):
 * `{"protocol": 2, "leader": "<node id>", "level": n}`, who leads and at which address of the
 * group's list (0: the preferred one). A plain value; functions are pure and thread-safe.
 */
struct COUNTERS_CORE_EXPORT HelloAck
{
    int protocol = kGroupProtocolVersion;
    QString leader;
    int level = 0;

    QByteArray toJson() const;
    /// std::nullopt and `*error` for a payload that is not an acknowledgement.
    static std::optional<HelloAck> fromJson(const QByteArray &json, QString *error = nullptr);
};

} // namespace counters
