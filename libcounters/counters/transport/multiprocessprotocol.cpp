// SPDX-License-Identifier: MIT
#include "multiprocessprotocol_p.h"

#include <counters/format/jsoncodec.h>
#include <counters/format/jsonobject_p.h>

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

constexpr QLatin1String kRound{"round"};

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

QByteArray MultiProcessProtocol::encodeCollectRequest(quint64 round)
{
    return "{\"round\":" + QByteArray::number(round) + '}';
}

std::optional<quint64> MultiProcessProtocol::decodeCollectRequest(const QByteArray &payload)
{
    if (payload.isEmpty())
        return 0;
    QString error;
    const std::optional<QJsonObject> object = detail::parseJsonObject(payload, &error);
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
    const std::optional<QJsonObject> object = detail::parseJsonObject(payload, error);
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
