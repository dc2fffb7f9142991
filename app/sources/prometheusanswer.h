// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>
#include <counters/base/snapshot.h>
#include <counters/base/unit.h>

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
 * Meaning: what a series measures comes from data, never from HELP prose. Counters' exporters
 * describe each metric they write with a sample of the info metric `counters_metric_info`
 * (labels `metric`, `counter_type`, `statistic`, `unit`, `window_seconds`; see
 * counters::PrometheusEncoder); those samples arrive with the data and fill the rows in. For
 * other metrics the metadata says the type (a Prometheus counter is an Event counter) and the
 * unit (`seconds`, `bytes`).
 *
 * Stateless and thread-safe.
 */
class PrometheusAnswer
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::PrometheusAnswer)
public:
    PrometheusAnswer() = delete;

    /// What a metric family is: from the metadata, or from the family's info sample.
    struct Family
    {
        counters::CounterType type = counters::CounterType::Unknown;
        counters::Unit unit = counters::Unit::None;
        counters::Statistic statistic = counters::Statistic::Unknown;
        double window = 0; ///< Seconds; 0 when not known.
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

    /// The metric that describes the others (one sample per metric family).
    static constexpr QLatin1String InfoMetric{"counters_metric_info"};

    /// The families of a metadata answer's data: a Prometheus counter is an Event counter,
    /// other types Unknown; the unit from the `unit` field ("seconds", "bytes").
    static Metadata readMetadata(const QJsonObject &data);
    /// The family of the samples `metric` (a counter `x` has the samples `x_total`, a summary
    /// `x_sum` and `x_count`); nullptr when the metadata does not know it.
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
