// SPDX-License-Identifier: MIT
#include "hello.h"

#include "groupauth.h"
#include "jsonobject_p.h"

#include <counters/base/snapshot.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace counters {

namespace {

const QLatin1String kProtocolKey("protocol");
const QLatin1String kRoleKey("role");
const QLatin1String kServiceKey("service");
const QLatin1String kPidKey("pid");
const QLatin1String kHostKey("host");
const QLatin1String kProcessStartKey("process_start");
const QLatin1String kNodeKey("node");
const QLatin1String kNonceKey("nonce");
const QLatin1String kBackfillKey("backfill");
const QLatin1String kCountersKey("counters");
const QLatin1String kNameKey("name");
const QLatin1String kTypeKey("type");
const QLatin1String kWindowKey("window");
const QLatin1String kUnitKey("unit");
const QLatin1String kLeaderKey("leader");
const QLatin1String kLevelKey("level");

constexpr Hello::Role kRoles[] = {Hello::Role::Service, Hello::Role::Node, Hello::Role::Viewer,
                                  Hello::Role::Ping};

// JSON numbers arrive as doubles: an integer field must hold an integral value in range.
bool readInteger(const QJsonValue &value, double min, double max, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number != std::floor(number) || number < min || number > max)
        return false;
    *out = qint64(number);
    return true;
}

// JSON has no NaN or infinity: QJsonDocument would write them as null, which reads back as a
// type error. A non-finite number here means "unknown", as 0 does.
double finiteOrZero(double value)
{
    return std::isfinite(value) ? value : 0.0;
}

// A text field: absent or null reads as empty, anything but a string is an error.
bool readText(const QJsonObject &object, QLatin1String key, QString *out, QString *reason)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        *reason = QStringLiteral("\"%1\" is not a string").arg(key);
        return false;
    }
    *out = value.toString();
    return true;
}

bool readCounters(const QJsonValue &value, QList<Hello::CounterInfo> *out, QString *reason)
{
    if (!value.isArray()) {
        *reason = QStringLiteral("counters is not an array");
        return false;
    }
    const QJsonArray counters = value.toArray();
    out->reserve(counters.size());
    for (qsizetype i = 0; i < counters.size(); ++i) {
        const QJsonObject entry = counters.at(i).toObject();
        Hello::CounterInfo counter;
        counter.name = entry.value(kNameKey).toString();
        if (counter.name.isEmpty()) {
            *reason = QStringLiteral("counter %1 has no name").arg(i);
            return false;
        }
        counter.type =
            counterTypeFromName(entry.value(kTypeKey).toString()).value_or(CounterType::Unknown);
        const QJsonValue window = entry.value(kWindowKey);
        if (!window.isUndefined() && !(window.isDouble() && window.toDouble() >= 0)) {
            *reason = QStringLiteral("the window of counter \"%1\" is not a non-negative number")
                          .arg(counter.name);
            return false;
        }
        counter.window = window.toDouble(0);
        // Absent from hellos of earlier versions: the unit of the type; a unit of a later
        // version reads as none.
        const QJsonValue unit = entry.value(kUnitKey);
        counter.unit = unit.isUndefined() ? defaultUnit(counter.type)
                                          : unitFromName(unit.toString()).value_or(Unit::None);
        out->append(std::move(counter));
    }
    return true;
}

} // namespace

QList<Hello::CounterInfo> Hello::countersOf(const Snapshot &snapshot)
{
    QList<CounterInfo> counters;
    counters.reserve(snapshot.rows().size());
    for (const CounterRow &row : snapshot.rows())
        counters.append(CounterInfo{row.name, row.type, row.window, row.unit});
    return counters;
}

QLatin1String Hello::roleName(Role role)
{
    switch (role) {
    case Role::Service:
        return QLatin1String("service");
    case Role::Node:
        return QLatin1String("node");
    case Role::Viewer:
        return QLatin1String("viewer");
    case Role::Ping:
        return QLatin1String("ping");
    }
    return QLatin1String("viewer");
}

int Hello::protocolOf(Role role)
{
    return role == Role::Service ? kProtocolVersion : kGroupProtocolVersion;
}

QByteArray Hello::toJson() const
{
    QJsonObject object{{kProtocolKey, protocol}, {kRoleKey, roleName(role)},
                       {kServiceKey, service},   {kHostKey, host},
                       {kPidKey, pid},           {kProcessStartKey, finiteOrZero(processStart)}};
    if (!node.isEmpty())
        object.insert(kNodeKey, node);
    if (!nonce.isEmpty())
        object.insert(kNonceKey, QString::fromLatin1(nonce.toBase64()));
    if (role == Role::Service) {
        QJsonArray counterArray;
        for (const CounterInfo &counter : counters) {
            counterArray.append(QJsonObject{{kNameKey, counter.name},
                                            {kTypeKey, counterTypeName(counter.type)},
                                            {kWindowKey, finiteOrZero(counter.window)},
                                            {kUnitKey, unitName(counter.unit)}});
        }
        object.insert(kBackfillKey, backfill);
        object.insert(kCountersKey, counterArray);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Hello> Hello::fromJson(const QByteArray &json, QString *error)
{
    const QString what = QStringLiteral("hello");
    QString reason;
    const std::optional<QJsonObject> parsed = detail::parseJsonObject(json, &reason);
    if (!parsed)
        return detail::invalid<Hello>(error, what, reason);
    const QJsonObject &object = *parsed;

    Hello hello;
    qint64 protocol = 0;
    if (!readInteger(object.value(kProtocolKey), 0, 255, &protocol))
        return detail::invalid<Hello>(error, what, QStringLiteral("no protocol version"));
    hello.protocol = int(protocol);
    const QJsonValue role = object.value(kRoleKey);
    const auto known = std::find_if(std::begin(kRoles), std::end(kRoles),
                                    [&role](Role r) { return role.toString() == roleName(r); });
    // Another version's fields may mean other things: only its version (and its role, when
    // it says one this version knows) are read, so that the receiver can tell which.
    if (known == std::end(kRoles)) {
        if (hello.protocol != kProtocolVersion && hello.protocol != kGroupProtocolVersion)
            return hello;
        return detail::invalid<Hello>(
            error, what,
            QStringLiteral("unknown role \"%1\"")
                .arg(role.isString() ? role.toString() : QStringLiteral("<missing>")));
    }
    hello.role = *known;
    if (hello.protocol != protocolOf(hello.role))
        return hello;

    if (!readText(object, kServiceKey, &hello.service, &reason)
        || !readText(object, kHostKey, &hello.host, &reason)
        || !readText(object, kNodeKey, &hello.node, &reason))
        return detail::invalid<Hello>(error, what, reason);
    if (hello.node.size() > MaxNodeIdLength) {
        return detail::invalid<Hello>(error, what,
                                      QStringLiteral("the node id has %1 characters, more than %2")
                                          .arg(hello.node.size())
                                          .arg(MaxNodeIdLength));
    }
    // Control characters, but also what reorders or hides text in a terminal or a log viewer
    // (bidirectional overrides, zero-width characters, line separators).
    if (std::any_of(hello.node.cbegin(), hello.node.cend(), [](QChar c) {
            switch (c.category()) {
            case QChar::Other_Control:
            case QChar::Other_Format:
            case QChar::Other_Surrogate:
            case QChar::Separator_Line:
            case QChar::Separator_Paragraph:
                return true;
            default:
                return false;
            }
        })) {
        return detail::invalid<Hello>(
            error, what, QStringLiteral("the node id has control or formatting characters"));
    }
    if (hello.role != Role::Service) {
        QString nonce;
        if (!readText(object, kNonceKey, &nonce, &reason))
            return detail::invalid<Hello>(error, what, reason);
        hello.nonce = QByteArray::fromBase64(nonce.toLatin1());
        if (hello.nonce.size() != GroupAuth::NonceSize) {
            return detail::invalid<Hello>(
                error, what,
                QStringLiteral("the nonce is not %1 bytes in base64").arg(GroupAuth::NonceSize));
        }
    }
    if (object.contains(kPidKey)
        && !readInteger(object.value(kPidKey), 0, 9007199254740992.0, &hello.pid)) {
        return detail::invalid<Hello>(error, what,
                                      QStringLiteral("the pid is not a non-negative integer"));
    }
    if (object.contains(kProcessStartKey)) {
        if (!object.value(kProcessStartKey).isDouble())
            return detail::invalid<Hello>(error, what,
                                          QStringLiteral("process_start is not a number"));
        hello.processStart = object.value(kProcessStartKey).toDouble();
    }
    // What a service tells its viewers; other roles have no counters to list.
    if (hello.role == Role::Service && object.contains(kBackfillKey)) {
        qint64 backfill = 0;
        if (!readInteger(object.value(kBackfillKey), 0, 2147483647.0, &backfill)) {
            return detail::invalid<Hello>(error, what,
                                          QStringLiteral("backfill is not a non-negative integer"));
        }
        hello.backfill = int(backfill);
    }
    if (hello.role == Role::Service && object.contains(kCountersKey)
        && !readCounters(object.value(kCountersKey), &hello.counters, &reason))
        return detail::invalid<Hello>(error, what, reason);

    if (hello.role == Role::Service && hello.service.isEmpty())
        return detail::invalid<Hello>(error, what,
                                      QStringLiteral("a service's hello needs its name"));
    if (hello.role == Role::Node && hello.node.isEmpty())
        return detail::invalid<Hello>(error, what,
                                      QStringLiteral("a node's hello needs a node id"));
    return hello;
}

bool operator==(const Hello &a, const Hello &b)
{
    return a.protocol == b.protocol && a.role == b.role && a.service == b.service
        && a.host == b.host && a.pid == b.pid && a.processStart == b.processStart
        && a.node == b.node && a.nonce == b.nonce && a.backfill == b.backfill
        && a.counters == b.counters;
}

QByteArray HelloAck::toJson() const
{
    return QJsonDocument(
               QJsonObject{{kProtocolKey, protocol}, {kLeaderKey, leader}, {kLevelKey, level}})
        .toJson(QJsonDocument::Compact);
}

std::optional<HelloAck> HelloAck::fromJson(const QByteArray &json, QString *error)
{
    const QString what = QStringLiteral("acknowledgement");
    QString reason;
    const std::optional<QJsonObject> parsed = detail::parseJsonObject(json, &reason);
    if (!parsed)
        return detail::invalid<HelloAck>(error, what, reason);
    HelloAck ack;
    qint64 number = 0;
    if (!readInteger(parsed->value(kProtocolKey), 0, 255, &number))
        return detail::invalid<HelloAck>(error, what, QStringLiteral("no protocol version"));
    ack.protocol = int(number);
    if (!readText(*parsed, kLeaderKey, &ack.leader, &reason))
        return detail::invalid<HelloAck>(error, what, reason);
    if (parsed->contains(kLevelKey)) {
        if (!readInteger(parsed->value(kLevelKey), 0, 1024, &number))
            return detail::invalid<HelloAck>(error, what,
                                             QStringLiteral("level is not a small integer"));
        ack.level = int(number);
    }
    return ack;
}

} // namespace counters
