// SPDX-License-Identifier: MIT
#include "serviceinfo.h"

#include <counters/base/snapshot.h>
#include <counters/format/frame.h>

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
const QLatin1String kBackfillKey("backfill");
const QLatin1String kCountersKey("counters");
const QLatin1String kNameKey("name");
const QLatin1String kTypeKey("type");
const QLatin1String kWindowKey("window");
const QLatin1String kUnitKey("unit");
const QLatin1String kServiceRole("service");

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

std::optional<ServiceInfo> invalid(QString *error, const QString &reason)
{
    if (error)
        *error = QStringLiteral("invalid service hello: ") + reason;
    return std::nullopt;
}

} // namespace

QList<ServiceInfo::CounterInfo> ServiceInfo::countersOf(const Snapshot &snapshot)
{
    QList<CounterInfo> counters;
    counters.reserve(snapshot.rows().size());
    for (const CounterRow &row : snapshot.rows())
        counters.append(CounterInfo{row.name, row.type, row.window, row.unit});
    return counters;
}

QByteArray ServiceInfo::toJson() const
{
    QJsonArray counterArray;
    for (const CounterInfo &counter : counters) {
        counterArray.append(QJsonObject{{kNameKey, counter.name},
                                        {kTypeKey, counterTypeName(counter.type)},
                                        {kWindowKey, finiteOrZero(counter.window)},
                                        {kUnitKey, unitName(counter.unit)}});
    }
    const QJsonObject object{{kProtocolKey, int(kProtocolVersion)},
                             {kRoleKey, kServiceRole},
                             {kServiceKey, name},
                             {kPidKey, pid},
                             {kHostKey, host},
                             {kProcessStartKey, finiteOrZero(processStart)},
                             {kBackfillKey, backfill},
                             {kCountersKey, counterArray}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ServiceInfo> ServiceInfo::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(error,
                       QStringLiteral("not JSON (at byte %1: %2)")
                           .arg(parseError.offset)
                           .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return invalid(error, QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();

    qint64 protocol = 0;
    if (!readInteger(object.value(kProtocolKey), 0, 255, &protocol))
        return invalid(error, QStringLiteral("no protocol version"));
    if (protocol != kProtocolVersion) {
        return invalid(error,
                       QStringLiteral("protocol version %1 (this reader speaks version %2)")
                           .arg(protocol)
                           .arg(kProtocolVersion));
    }
    const QJsonValue role = object.value(kRoleKey);
    if (role.toString() != kServiceRole) {
        return invalid(error,
                       QStringLiteral("the role is \"%1\", not \"service\"")
                           .arg(role.isString() ? role.toString() : QStringLiteral("<missing>")));
    }

    ServiceInfo info;
    info.name = object.value(kServiceKey).toString();
    if (info.name.isEmpty())
        return invalid(error, QStringLiteral("no service name"));
    if (object.contains(kPidKey)
        && !readInteger(object.value(kPidKey), 0, 9007199254740992.0, &info.pid)) {
        return invalid(error, QStringLiteral("the pid is not a non-negative integer"));
    }
    if (object.contains(kHostKey)) {
        if (!object.value(kHostKey).isString())
            return invalid(error, QStringLiteral("the host is not a string"));
        info.host = object.value(kHostKey).toString();
    }
    if (object.contains(kProcessStartKey)) {
        if (!object.value(kProcessStartKey).isDouble())
            return invalid(error, QStringLiteral("process_start is not a number"));
        info.processStart = object.value(kProcessStartKey).toDouble();
    }
    if (object.contains(kBackfillKey)) {
        qint64 backfill = 0;
        if (!readInteger(object.value(kBackfillKey), 0, 2147483647.0, &backfill))
            return invalid(error, QStringLiteral("backfill is not a non-negative integer"));
        info.backfill = int(backfill);
    }
    if (object.contains(kCountersKey)) {
        if (!object.value(kCountersKey).isArray())
            return invalid(error, QStringLiteral("counters is not an array"));
        const QJsonArray counters = object.value(kCountersKey).toArray();
        info.counters.reserve(counters.size());
        for (qsizetype i = 0; i < counters.size(); ++i) {
            const QJsonObject entry = counters.at(i).toObject();
            CounterInfo counter;
            counter.name = entry.value(kNameKey).toString();
            if (counter.name.isEmpty())
                return invalid(error, QStringLiteral("counter %1 has no name").arg(i));
            counter.type = counterTypeFromName(entry.value(kTypeKey).toString())
                               .value_or(CounterType::Unknown);
            const QJsonValue window = entry.value(kWindowKey);
            if (!window.isUndefined() && !(window.isDouble() && window.toDouble() >= 0)) {
                return invalid(error,
                               QStringLiteral("the window of counter \"%1\" is not a "
                                              "non-negative number")
                                   .arg(counter.name));
            }
            counter.window = window.toDouble(0);
            // Absent from hellos of earlier versions: the unit of the type; a unit of a later
            // version reads as none.
            const QJsonValue unit = entry.value(kUnitKey);
            counter.unit = unit.isUndefined() ? defaultUnit(counter.type)
                                              : unitFromName(unit.toString()).value_or(Unit::None);
            info.counters.append(std::move(counter));
        }
    }
    return info;
}

bool operator==(const ServiceInfo &a, const ServiceInfo &b)
{
    return a.name == b.name && a.pid == b.pid && a.host == b.host
        && a.processStart == b.processStart && a.backfill == b.backfill && a.counters == b.counters;
}

} // namespace counters
