// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/countertype.h>
#include <counters/report/snapshot.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace dashboard {

/**
 * Reads the answers of Prometheus' HTTP API that PrometheusSource asks for (`/api/v1/metadata`,
 * `/api/v1/query_range`, `/api/v1/query`): pure functions of the bytes received, so that they
 * are tested and fuzzed without a server. Every answer is outside input: anything not in the
 * documented shape is refused with a reason, never trusted.
 *
 * Series names: a series is named after its metric and its labels other than `job`
 * (`requests_time_seconds{instance="shop-1:9464",service="shop"}`); `job` joins the labels
 * only where two series of one answer would otherwise share a name.
 *
 * Stateless and thread-safe.
 */
class PrometheusAnswer
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::PrometheusAnswer)
public:
    PrometheusAnswer() = delete;

    /// What the HELP text of a metric family says about its counter.
    struct Family
    {
        counters::CounterType type = counters::CounterType::Unknown;
        double window = 0; ///< Seconds; 0 when the text names none.
    };
    /// Families by name, as `/api/v1/metadata` lists them.
    using Metadata = QHash<QString, Family>;

    /// `value` as a label value of PromQL and of series names: in double quotes, with `\`,
    /// `"` and line feeds escaped.
    static QString quoted(const QString &value);

    /// The `data` member of a successful answer: HTTP 200, a JSON object with
    /// `"status": "success"` and a `data` object. std::nullopt otherwise, with the API's own
    /// `error` text in `*reason` (empty when it gave none), or that the data is missing.
    static std::optional<QJsonObject> data(const QByteArray &body, int httpStatus,
                                           QString *reason = nullptr);

    /// The families of a metadata answer's data. The HELP texts of counters::PrometheusEncoder
    /// give the counter type ("<CounterType name> <counter>: …") and the window ("… the last
    /// <n> s window"); a Prometheus counter is an Event counter; window-event counts
    /// ("…: events in the last …") and foreign metrics are Unknown.
    static Metadata readMetadata(const QJsonObject &data);
    /// The family of the samples `metric` (an OpenMetrics counter `x` has the samples
    /// `x_total`); nullptr when the metadata does not know it.
    static const Family *familyOf(const Metadata &metadata, const QString &metric);

    /// A range query's data (`"resultType": "matrix"`) as one snapshot per sample time, oldest
    /// first, each with a row per series that has a sample then (one per name: a series
    /// repeating a time, or two series with one name, keep the first; see Snapshot). Values
    /// that are not finite (Prometheus' "NaN", "+Inf") are rows without a value. false, with
    /// `*error` and `*history` untouched, for another result type or a sample that is not
    /// `[time, "value"]` with a time after the epoch (seconds > 0).
    static bool readMatrix(const QJsonObject &data, const Metadata &metadata,
                           const counters::SnapshotSource &source,
                           QList<counters::Snapshot> *history, QString *error);

    /// An instant query's answer: a row per series, and the evaluation time.
    struct Vector
    {
        QList<counters::CounterRow> rows;
        double time = 0;            ///< The latest sample's time.
        bool unknownFamily = false; ///< A series' metric is not in the metadata.
    };
    /// An instant query's data (`"resultType": "vector"`). false, with `*error` and `*vector`
    /// untouched, for another result type or a sample that is not `[time, "value"]` with a
    /// time after the epoch.
    static bool readVector(const QJsonObject &data, const Metadata &metadata, Vector *vector,
                           QString *error);
};

} // namespace dashboard
