// SPDX-License-Identifier: MIT
#include "groupauth.h"

#include "jsonobject_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace counters {

namespace {

const QLatin1String kProtocolKey("protocol");
const QLatin1String kLeaderKey("leader");
const QLatin1String kLevelKey("level");
const QLatin1String kPortKey("port");
const QLatin1String kNonceKey("nonce");
const QLatin1String kProofKey("proof");

// HMAC-SHA256 is 32 bytes.
constexpr int kProofSize = 32;

QByteArray hmac(const QString &token, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, token.toUtf8(), QCryptographicHash::Sha256);
}

// A fixed-size base64 field; false with `*reason` when absent, malformed or of another size.
bool readBytes(const QJsonObject &object, QLatin1String key, int size, QByteArray *out,
               QString *reason)
{
    const QJsonValue value = object.value(key);
    const QByteArray bytes = value.isString()
        ? QByteArray::fromBase64(value.toString().toLatin1(),
                                 QByteArray::AbortOnBase64DecodingErrors)
        : QByteArray();
    if (bytes.size() != size) {
        *reason = QStringLiteral("\"%1\" is not %2 bytes in base64").arg(key).arg(size);
        return false;
    }
    *out = bytes;
    return true;
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

QByteArray GroupAuth::makeNonce()
{
    QByteArray nonce(NonceSize, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()),
                                          NonceSize / int(sizeof(quint32)));
    return nonce;
}

QByteArray GroupAuth::leaderProof(const QString &token, const QByteArray &peerNonce,
                                  const QByteArray &leaderNonce, int level, quint16 port,
                                  const QString &leaderId)
{
    // The nonces have a fixed size, so the concatenation reads only one way.
    return hmac(token,
                QByteArrayLiteral("counters-group-leader\n") + peerNonce + leaderNonce
                    + QByteArray::number(level) + '\n' + QByteArray::number(port) + '\n'
                    + leaderId.toUtf8());
}

QByteArray GroupAuth::peerProof(const QString &token, const QByteArray &peerNonce,
                                const QByteArray &leaderNonce, Hello::Role role,
                                const QString &peerId)
{
    return hmac(token,
                QByteArrayLiteral("counters-group-") + QByteArray(Hello::roleName(role).data())
                    + '\n' + leaderNonce + peerNonce + peerId.toUtf8());
}

bool GroupAuth::proofsEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QByteArray GroupChallenge::toJson() const
{
    return QJsonDocument(QJsonObject{{kProtocolKey, protocol},
                                     {kLeaderKey, leader},
                                     {kLevelKey, level},
                                     {kPortKey, port},
                                     {kNonceKey, base64(nonce)},
                                     {kProofKey, base64(proof)}})
        .toJson(QJsonDocument::Compact);
}

std::optional<GroupChallenge> GroupChallenge::fromJson(const QByteArray &json, QString *error)
{
    const QString what = QStringLiteral("challenge");
    QString reason;
    const std::optional<QJsonObject> parsed = detail::parseJsonObject(json, &reason);
    if (!parsed)
        return detail::invalid<GroupChallenge>(error, what, reason);
    GroupChallenge challenge;
    const QJsonValue protocol = parsed->value(kProtocolKey);
    if (protocol.toInt(-1) != kGroupProtocolVersion) {
        return detail::invalid<GroupChallenge>(
            error, what, QStringLiteral("not of protocol %1").arg(kGroupProtocolVersion));
    }
    const QJsonValue leader = parsed->value(kLeaderKey);
    const QJsonValue level = parsed->value(kLevelKey);
    if (!leader.isString() || leader.toString().size() > Hello::MaxNodeIdLength)
        return detail::invalid<GroupChallenge>(error, what, QStringLiteral("no valid leader id"));
    if (!level.isDouble() || level.toInt(-1) < 0 || level.toInt(-1) > 1024)
        return detail::invalid<GroupChallenge>(error, what,
                                               QStringLiteral("level is not a small integer"));
    const QJsonValue port = parsed->value(kPortKey);
    if (!port.isDouble() || port.toInt(-1) < 0 || port.toInt(-1) > 65535)
        return detail::invalid<GroupChallenge>(error, what,
                                               QStringLiteral("port is not a port number"));
    challenge.leader = leader.toString();
    challenge.level = level.toInt();
    challenge.port = quint16(port.toInt());
    if (!readBytes(*parsed, kNonceKey, GroupAuth::NonceSize, &challenge.nonce, &reason)
        || !readBytes(*parsed, kProofKey, kProofSize, &challenge.proof, &reason))
        return detail::invalid<GroupChallenge>(error, what, reason);
    return challenge;
}

QByteArray GroupResponse::toJson() const
{
    return QJsonDocument(QJsonObject{{kProofKey, base64(proof)}}).toJson(QJsonDocument::Compact);
}

std::optional<GroupResponse> GroupResponse::fromJson(const QByteArray &json, QString *error)
{
    const QString what = QStringLiteral("response");
    QString reason;
    const std::optional<QJsonObject> parsed = detail::parseJsonObject(json, &reason);
    if (!parsed)
        return detail::invalid<GroupResponse>(error, what, reason);
    GroupResponse response;
    if (!readBytes(*parsed, kProofKey, kProofSize, &response.proof, &reason))
        return detail::invalid<GroupResponse>(error, what, reason);
    return response;
}

GroupHandshake::GroupHandshake(Hello hello, const QString &token, quint16 expectedPort,
                               int expectedLevel)
    : m_hello(std::move(hello)),
      m_token(token),
      m_expectedPort(expectedPort),
      m_expectedLevel(expectedLevel)
{
    m_hello.protocol = kGroupProtocolVersion;
    m_hello.nonce = GroupAuth::makeNonce();
}

Frame GroupHandshake::helloFrame() const
{
    return Frame{FrameType::Hello, m_hello.toJson()};
}

GroupHandshake::Step GroupHandshake::fail(const QString &error)
{
    m_error = error;
    return Step::Failed;
}

GroupHandshake::Step GroupHandshake::refuse(const QByteArray &toLeader, const QString &error)
{
    m_reply = Frame{FrameType::Error, toLeader};
    return fail(error);
}

GroupHandshake::Step GroupHandshake::handle(const Frame &frame)
{
    m_reply.reset();
    switch (frame.type) {
    case FrameType::Challenge: {
        if (m_challenged)
            return fail(QStringLiteral("the leader sent a second challenge"));
        if (m_token.isEmpty()) {
            return refuse(QByteArrayLiteral("no token given"),
                          QStringLiteral("the leader requires the group's token and none is set"));
        }
        QString error;
        const std::optional<GroupChallenge> challenge =
            GroupChallenge::fromJson(frame.payload, &error);
        if (!challenge)
            return fail(QStringLiteral("the leader sent an %1").arg(error));
        const QByteArray expected =
            GroupAuth::leaderProof(m_token, m_hello.nonce, challenge->nonce, challenge->level,
                                   challenge->port, challenge->leader);
        if (!GroupAuth::proofsEqual(challenge->proof, expected)) {
            return refuse(QByteArrayLiteral("wrong token: the leader's proof does not hold for "
                                            "this peer's"),
                          QStringLiteral("the leader could not prove that it knows the group's "
                                         "token (another token, or an impostor)"));
        }
        if (m_expectedPort != 0 && challenge->port != m_expectedPort) {
            return refuse(QByteArrayLiteral("the leader's port is not the dialled one"),
                          QStringLiteral("the leader proves to listen on port %1, not on the "
                                         "dialled port %2 (a relay?)")
                              .arg(challenge->port)
                              .arg(m_expectedPort));
        }
        if (m_expectedLevel >= 0 && challenge->level != m_expectedLevel) {
            return refuse(QByteArrayLiteral("the leader's level is not the dialled address's"),
                          QStringLiteral("the leader proves to lead at level %1, not at the "
                                         "dialled address's level %2 (a relay?)")
                              .arg(challenge->level)
                              .arg(m_expectedLevel));
        }
        m_challenged = true;
        m_ack.leader = challenge->leader;
        m_ack.level = challenge->level;
        m_reply = Frame{FrameType::Response,
                        GroupResponse{GroupAuth::peerProof(m_token, m_hello.nonce, challenge->nonce,
                                                           m_hello.role, m_hello.node)}
                            .toJson()};
        return Step::Reply;
    }
    case FrameType::Ack: {
        if (!m_token.isEmpty() && !m_challenged) {
            return fail(QStringLiteral("the leader accepted without asking for the token, so it "
                                       "cannot prove that it belongs to the group"));
        }
        // After a challenge, who leads was proven there; the Ack only confirms.
        if (!m_challenged) {
            if (const std::optional<HelloAck> ack = HelloAck::fromJson(frame.payload))
                m_ack = *ack;
        }
        return Step::Accepted;
    }
    case FrameType::Error:
        return fail(QStringLiteral("refused: ") + printableText(frame.payload));
    default:
        return fail(QStringLiteral("the leader answered %1 instead of Ack or Challenge")
                        .arg(frameTypeName(frame.type)));
    }
}

} // namespace counters
