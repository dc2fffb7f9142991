// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>
#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace counters {

class Snapshot;

/**
 * What a service says about itself in the Hello frame of the local-socket transport: the one
 * codec of that payload, used by LocalSocketReporter to write it and by viewers (the
 * dashboard's local-socket source) to read it.
 *
 * The payload is a UTF-8 JSON object:
 * ```
 * {"protocol": 1, "role": "service", "service": "counters-demo-server", "pid": 4242,
 *  "host": "build-vm", "process_start": 1718000000.5, "backfill": 120,
 *  "counters": [{"name": "requests_time", "type": "AverageTimeCounter", "window": 300,
 *                "unit": "seconds"}, …]}
 * ```
 * `protocol` is kProtocolVersion; `role` is always "service" on this transport (so a peer of
 * another transport that connects by mistake is told apart); `service` is the name the
 * service listens as; `process_start` is epoch seconds (0 when unknown); `backfill` is how many
 * Snapshot frames of recent history follow the hello, oldest first, before the live ones
 * (fewer may arrive when the viewer falls behind; every snapshot carries its own time);
 * `counters` lists the counters of the latest snapshot, sorted by name, with their type
 * (counterTypeName()), window in seconds (0 for counters without a window) and unit
 * (unitName(); defaultUnit() of the type when absent), and is empty before the service's
 * first report.
 *
 * fromJson() requires `protocol` = kProtocolVersion, `role` = "service" and a non-empty
 * `service`; other fields default when absent; unknown fields are ignored and an unknown
 * counter type reads as CounterType::Unknown, so newer services stay readable. A plain value;
 * all functions are pure and thread-safe.
 */
struct COUNTERS_CORE_EXPORT ServiceInfo
{
    /// One counter of the service as the hello describes it.
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

    QString name; ///< The service's name (its discovery name).
    qint64 pid = 0;
    QString host;
    double processStart = 0; ///< Epoch seconds; 0 when unknown.
    int backfill = 0;        ///< Snapshot frames of history that follow the hello.
    QList<CounterInfo> counters;

    /// The counters of `snapshot`'s rows, in the snapshot's (name) order.
    static QList<CounterInfo> countersOf(const Snapshot &snapshot);

    /// The hello payload (compact UTF-8 JSON).
    QByteArray toJson() const;
    /// Reads a hello payload; std::nullopt and `*error` when it is not a valid one.
    static std::optional<ServiceInfo> fromJson(const QByteArray &json, QString *error = nullptr);

    friend COUNTERS_CORE_EXPORT bool operator==(const ServiceInfo &a, const ServiceInfo &b);
    friend bool operator!=(const ServiceInfo &a, const ServiceInfo &b) { return !(a == b); }
};

} // namespace counters
