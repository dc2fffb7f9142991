// SPDX-License-Identifier: MIT
#include "multiprocessprotocol_p.h"

#include <counters/format/jsoncodec.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSysInfo>

#include <atomic>
#include <cmath>

namespace counters {

namespace {

constexpr QLatin1String kProtocol{"protocol"};
constexpr QLatin1String kRole{"role"};
constexpr QLatin1String kNode{"node"};
constexpr QLatin1String kToken{"token"};
constexpr QLatin1String kService{"service"};
constexpr QLatin1String kHost{"host"};
constexpr QLatin1String kPid{"pid"};
constexpr QLatin1String kProcessStart{"process_start"};
constexpr QLatin1String kLeader{"leader"};
constexpr QLatin1String kLevel{"level"};
constexpr QLatin1String kRound{"round"};

std::optional<QJsonObject> parseObject(const QByteArray &payload, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("invalid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the JSON is not an object");
        return std::nullopt;
    }
    return document.object();
}

/// A non-negative integer that a double holds exactly.
std::optional<quint64> exactCount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!(number >= 0) || number > 9007199254740992.0 || std::floor(number) != number)
        return std::nullopt;
    return quint64(number);
}

} // namespace

QLatin1String MultiProcessProtocol::roleName(HelloMessage::Role role)
{
    switch (role) {
    case HelloMessage::Role::Node:
        return QLatin1String("node");
    case HelloMessage::Role::Viewer:
        return QLatin1String("viewer");
    case HelloMessage::Role::Ping:
        return QLatin1String("ping");
    }
    return QLatin1String("node");
}

QByteArray MultiProcessProtocol::encodeHello(const HelloMessage &hello)
{
    QJsonObject object{
        {kProtocol, hello.protocol},         {kRole, roleName(hello.role)}, {kNode, hello.node},
        {kService, hello.service},           {kHost, hello.host},           {kPid, hello.pid},
        {kProcessStart, hello.processStart},
    };
    if (!hello.token.isEmpty())
        object.insert(kToken, hello.token);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<HelloMessage> MultiProcessProtocol::decodeHello(const QByteArray &payload,
                                                              QString *error)
{
    if (payload.size() > MaxHelloSize) {
        *error = QStringLiteral("a hello of %1 bytes exceeds the limit of %2 bytes")
                     .arg(payload.size())
                     .arg(MaxHelloSize);
        return std::nullopt;
    }
    const std::optional<QJsonObject> object = parseObject(payload, error);
    if (!object)
        return std::nullopt;

    HelloMessage hello;
    const QJsonValue protocol = object->value(kProtocol);
    if (!protocol.isDouble()) {
        *error = QStringLiteral("the hello has no protocol number");
        return std::nullopt;
    }
    hello.protocol = protocol.toInt(-1);

    const QString role = object->value(kRole).toString();
    if (role == QLatin1String("node")) {
        hello.role = HelloMessage::Role::Node;
    } else if (role == QLatin1String("viewer")) {
        hello.role = HelloMessage::Role::Viewer;
    } else if (role == QLatin1String("ping")) {
        hello.role = HelloMessage::Role::Ping;
    } else {
        *error = QStringLiteral("unknown role \"%1\" in the hello").arg(role);
        return std::nullopt;
    }
    const auto text = [&](QLatin1String key, QString *field) {
        const QJsonValue value = object->value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString()) {
            *error = QStringLiteral("the hello's \"%1\" is not a string").arg(key);
            return false;
        }
        *field = value.toString();
        return true;
    };
    if (!text(kNode, &hello.node) || !text(kToken, &hello.token) || !text(kService, &hello.service)
        || !text(kHost, &hello.host))
        return std::nullopt;
    hello.pid = object->value(kPid).toInteger();
    hello.processStart = object->value(kProcessStart).toDouble();
    if (hello.role == HelloMessage::Role::Node && hello.node.isEmpty()) {
        *error = QStringLiteral("a node's hello needs a node id");
        return std::nullopt;
    }
    return hello;
}

QByteArray MultiProcessProtocol::encodeAck(const QString &leaderNode, int level)
{
    return QJsonDocument(QJsonObject{{kProtocol, Version}, {kLeader, leaderNode}, {kLevel, level}})
        .toJson(QJsonDocument::Compact);
}

QByteArray MultiProcessProtocol::encodeCollectRequest(quint64 round)
{
    return "{\"round\":" + QByteArray::number(round) + '}';
}

std::optional<quint64> MultiProcessProtocol::decodeCollectRequest(const QByteArray &payload)
{
    if (payload.isEmpty())
        return 0;
    QString error;
    const std::optional<QJsonObject> object = parseObject(payload, &error);
    if (!object)
        return std::nullopt;
    return exactCount(object->value(kRound));
}

QByteArray MultiProcessProtocol::encodeAnswer(const Snapshot &snapshot, quint64 round)
{
    // The codec's bytes with one key spliced in after the opening brace: no second encoding,
    // and the payload stays a report every JsonCodec reader accepts (it ignores "__x__" keys).
    const QByteArray json = JsonCodec::toJson(snapshot);
    QByteArray payload;
    payload.reserve(json.size() + 32);
    payload += "{\"__round__\":";
    payload += QByteArray::number(round);
    payload += ',';
    payload += QByteArrayView(json).sliced(1);
    return payload;
}

std::optional<std::pair<quint64, Snapshot>> MultiProcessProtocol::decodeAnswer(
    const QByteArray &payload, QString *error)
{
    const std::optional<QJsonObject> object = parseObject(payload, error);
    if (!object)
        return std::nullopt;
    const std::optional<quint64> round = exactCount(object->value(RoundKey));
    if (!round) {
        *error = QStringLiteral("the snapshot carries no round number");
        return std::nullopt;
    }
    // The codec skips the round key like any other "__x__" key it does not know.
    std::optional<Snapshot> snapshot = JsonCodec::fromJsonObject(*object, error);
    if (!snapshot)
        return std::nullopt;
    return std::make_pair(*round, std::move(*snapshot));
}

bool MultiProcessProtocol::tokensEqual(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    // Every byte of the longer string is looked at, whatever matches.
    const qsizetype n = std::max(x.size(), y.size());
    unsigned difference = x.size() == y.size() ? 0u : 1u;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char cx = i < x.size() ? static_cast<unsigned char>(x[i]) : 0;
        const unsigned char cy = i < y.size() ? static_cast<unsigned char>(y[i]) : 0;
        difference |= unsigned(cx ^ cy);
    }
    return difference == 0;
}

QString MultiProcessProtocol::makeNodeId()
{
    static std::atomic<quint64> sequence{0};
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    return QStringLiteral("%1_%2_%3_%4")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(sequence.fetch_add(1))
        .arg(QString::number(now, 'f', 2));
}

Snapshot MultiProcessProtocol::withNode(const Snapshot &snapshot, const QString &node, bool stale)
{
    SnapshotSource source = snapshot.source();
    source.node = node;
    source.stale = stale;
    return Snapshot(snapshot.time(), std::move(source), snapshot.rows());
}

} // namespace counters
