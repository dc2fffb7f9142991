// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/format/frame.h>
#include <counters/format/hello.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace counters {

/**
 * The handshake of a multi-process group (docs/formats.md), in which both ends prove that they
 * know the group's shared token without sending it:
 *
 * 1. The peer (a node, a viewer, an upgrade probe) sends `Hello {"protocol": 2, …, "nonce": Np}`.
 * 2. A leader without a token answers `Ack`. A leader with one answers
 *    `Challenge {"protocol": 2, "leader": id, "level": n, "port": p, "nonce": Nl, "proof": Pl}`
 *    where Pl = HMAC-SHA256(token, "counters-group-leader\n" ‖ Np ‖ Nl ‖ n "\n" p "\n" ‖ id),
 *    n and p in decimal, id in UTF-8, the nonces as raw bytes.
 * 3. The peer checks Pl, and that the leader listens on the port it dialled (and, when it
 *    dialled address n of its group's list, leads at level n), so that a process at one
 *    address cannot pass off the proof of the real leader at another; then it answers
 *    `Response {"proof": Pp}` where Pp = HMAC-SHA256(token, "counters-group-" role "\n" ‖ Nl
 *    ‖ Np ‖ peer id), role being the hello's ("node", "viewer", "ping").
 * 4. The leader checks Pp and answers `Ack` (the peer is in), or `Error` and closes.
 *
 * Nonces are 32 bytes from the system's secure generator, fresh per connection, so that no
 * proof can be replayed, and the two proofs differ in their labels, so that neither can be
 * reflected. A peer with a token refuses a leader that does not challenge it; a peer without
 * one cannot answer a challenge. What follows the handshake is neither signed nor encrypted:
 * the token keeps strangers out of the group and keeps a node from reporting to an impostor,
 * it does not hide the reports from someone who can read the network.
 */
class COUNTERS_CORE_EXPORT GroupAuth
{
public:
    GroupAuth() = delete;

    /// Bytes in a nonce.
    static constexpr int NonceSize = 32;

    /// NonceSize bytes from QRandomGenerator::system().
    static QByteArray makeNonce();
    /// Pl of step 2.
    static QByteArray leaderProof(const QString &token, const QByteArray &peerNonce,
                                  const QByteArray &leaderNonce, int level, quint16 port,
                                  const QString &leaderId);
    /// Pp of step 3; `peerId` is the hello's node id (empty for viewers).
    static QByteArray peerProof(const QString &token, const QByteArray &peerNonce,
                                const QByteArray &leaderNonce, Hello::Role role,
                                const QString &peerId);
    /// Compares in time independent of where the two differ.
    static bool proofsEqual(const QByteArray &a, const QByteArray &b);
};

/// The payload of a Challenge frame (step 2). A plain value; functions are pure.
struct COUNTERS_CORE_EXPORT GroupChallenge
{
    int protocol = kGroupProtocolVersion;
    QString leader;
    int level = 0;
    quint16 port = 0; ///< Where the leader listens.
    QByteArray nonce; ///< NonceSize bytes (base64 on the wire).
    QByteArray proof;

    QByteArray toJson() const;
    /// std::nullopt and `*error` for a payload that is not a challenge of this version.
    static std::optional<GroupChallenge> fromJson(const QByteArray &json, QString *error = nullptr);
};

/// The payload of a Response frame (step 3). A plain value; functions are pure.
struct COUNTERS_CORE_EXPORT GroupResponse
{
    QByteArray proof;

    QByteArray toJson() const;
    static std::optional<GroupResponse> fromJson(const QByteArray &json, QString *error = nullptr);
};

/**
 * The peer's side of the handshake: says hello, answers the challenge, and tells when the
 * leader accepted or refused. Feed it every frame from the leader until it is done. No I/O of
 * its own; not thread-safe.
 */
class COUNTERS_CORE_EXPORT GroupHandshake
{
public:
    enum class Step {
        Reply,    ///< Send reply() and wait for the next frame.
        Accepted, ///< The leader acknowledged: ack() tells who it is.
        Failed,   ///< Refused or not trustworthy: errorString() says why; send reply() if
                  ///< there is one (an Error that tells the leader why), then close.
    };

    /**
     * `hello` is sent with the group protocol and a fresh nonce (its role is Node, Viewer or
     * Ping). `expectedPort` is the port the leader must prove to listen on (the dialled one;
     * 0: any). `expectedLevel` is the index of the dialled address in the group's list, or -1
     * when any level will do (a viewer).
     */
    GroupHandshake(Hello hello, const QString &token, quint16 expectedPort, int expectedLevel = -1);

    /// The first frame to send.
    Frame helloFrame() const;
    /// Takes one frame from the leader.
    Step handle(const Frame &frame);
    /// What to send after the last handle(), if anything.
    const std::optional<Frame> &reply() const { return m_reply; }

    /// The leader's acknowledgement once Accepted.
    const HelloAck &ack() const { return m_ack; }
    QString errorString() const { return m_error; }

private:
    Step fail(const QString &error);
    /// fail(), telling the leader why in an Error frame (its operator sees the refusal too).
    Step refuse(const QByteArray &toLeader, const QString &error);

    Hello m_hello;
    QString m_token;
    quint16 m_expectedPort = 0;
    int m_expectedLevel = -1;
    bool m_challenged = false;
    HelloAck m_ack;
    std::optional<Frame> m_reply;
    QString m_error;
};

} // namespace counters
