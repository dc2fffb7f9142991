// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace counters {

/**
 * The codec of the Prometheus exposition formats: turns a Snapshot into the text format 0.0.4
 * or OpenMetrics 1.0.0. HttpExporter serves what it writes; anything else that
 * wants the format (a node_exporter textfile, a push) can use it too.
 *
 * What each row becomes (`P` = namePrefix() + the counter's name, sanitised):
 *
 * | counter | series | type |
 * |---|---|---|
 * | EventCounter | `P_total` (a trailing `_total` of the name is not doubled) | counter |
 * | TotalCounter | `P` | gauge (a total of values can go down) |
 * | AverageWindowCounter, AverageTimeCounter | `P`; `P_min`, `P_max`; `P_window_events` | gauge |
 * | FrequencyCounter | `P` (events per second); `P_window_events` | gauge |
 * | WindowCounter | `P` (sum in the window); `P_window_events` | gauge |
 * | MaxWindowCounter, MinWindowCounter | `P`; `P_window_events` | gauge |
 * | PercentileWindowCounter | `P{quantile="0.5"}` …, `P_sum`, `P_count` | summary |
 * |  | `P_min`, `P_max`, `P_window_events` | gauge |
 * | a row of unknown type (a PyCounters file) | `P` | gauge |
 * | (the snapshot itself) | `counters_report_timestamp_seconds`: its collection time | gauge |
 * | (every family written) | `counters_metric_info{metric="…",…} 1` | info |
 *
 * Units: a row whose unit (CounterRow::unit) has an OpenMetrics base unit, Unit::Second or
 * Unit::Byte, writes its families with that unit: their names end in `_seconds` or `_bytes`
 * (`P_seconds`, `P_min_seconds`; a name that already ends so is not doubled) and OpenMetrics
 * families get a `# UNIT` line. An AverageTimeCounter's row has the unit seconds; a
 * FrequencyCounter's rate (per second) has no OpenMetrics unit; an EventCounter's count never
 * has one. `P_window_events` is a count and has none either.
 *
 * What a family means travels as data, never only in HELP prose: the info family
 * `counters_metric` (`# TYPE counters_metric info` in OpenMetrics, the gauge
 * `counters_metric_info` in the text format) has one sample of value 1 per counter family written
 * (not for the exporter's own), labelled `metric` (the name of the family's samples, `P_total` for
 * a counter `P`), `counter` (the counter's own name, unsanitised), `counter_type`
 * (counterTypeName()), `statistic` (statisticName(): `mean`, `min`, `count` for `P_window_events`,
 * ...), `unit` (unitName(): also `per_second`, which has no `# UNIT`) and `window_seconds`; labels
 * without a value are left out, the constant labels follow. A query such as
 * `counters_metric_info{metric="shop_requests_time_seconds"}` tells a reader what it charts.
 *
 * Labels: the series of a counter family (Family, rows with CounterRow::family) are one
 * Prometheus family named after the family, not after each series: a series is a sample with
 * its labels, `http_request_time_seconds{method="GET",status="200"}`, and every family derived
 * from it (`_min`, `_window_events`, a summary's `_sum`) carries the same labels. The family's
 * HELP, TYPE, UNIT and info sample are written once (`counter` is the family's name). Label
 * values are escaped (`\\`, `\"`, `\n`); the constant labels follow the series' own. A series
 * label that a constant label also names, or a series label `quantile` or `le` (which parsers
 * take for a summary's or histogram's in any family), is written as `exported_<name>`, as
 * Prometheus itself renames a scraped label that clashes with a target's.
 * A family of another type (or unit) under the name of a labelled family is a name clash like
 * any other.
 *
 * A PercentileWindowCounter is a summary as
 * Prometheus' own clients write one: the quantiles are those of the sliding window (none while
 * it is empty); `_count` and `_sum` count every value since the counter started or was cleared
 * (its "lifetime_count" and "lifetime_sum" sub-values; the window's count and sum for a row
 * without them), so that `rate(P_count[5m])` works and `rate(P_sum[5m]) / rate(P_count[5m])` is
 * the mean. A merged report's quantiles come from the merged histograms.
 *
 * Other sub-values of a row (the entries of a PyCounters accumulator, say) become gauges
 * `P_<key>` (with the row's unit suffix). `P_window_events` is the number of
 * events in the counter's window: the weight of an average, the sample size of a max/min.
 * A gauge whose name would end in `_total`, `_count`, `_sum` or `_bucket` (the sample names of
 * counters, histograms and summaries, which `promtool check metrics` refuses on a gauge) gets
 * `_value` appended: the tutorial's WindowCounter `requests_data_len_total` is the gauge
 * `requests_data_len_total_value`. The exporter's own series take no prefix.
 *
 * Names are sanitised to `[a-zA-Z_][a-zA-Z0-9_]*`: every other character (one per code point)
 * becomes `_`, and a name that would start with a digit gets a leading `_`. Colons, which the
 * Prometheus rules allow, are replaced too: they are reserved for recording rules, and
 * `promtool check metrics` warns about them. Letter case is kept (promtool prefers
 * snake_case names; that is the counters' names' business).
 *
 * Names never collide, in either format: a counter family `x` also claims `x_total` and
 * `x_created` (OpenMetrics' sample names), an info family `x_info`. When a name is taken, `_2`,
 * `_3`, ... is inserted after the stem (`x_2`, `x_2_seconds`, `x_2_total`, `x_2_value`), and the
 * row's sub-value and window-count series follow its primary series (`x_2_min_seconds`). Who keeps
 * the plain name is decided by the set of names alone, never by their history: first the exporter's
 * own series, then rows whose exported name is exactly prefix + name, then the other primary
 * series, then sub-values and window counts; ties in name order. So `a_b` keeps `a_b` and
 * `a.b` becomes `a_b_2`. Adding a counter can therefore rename a colliding series, which an
 * alert may depend on: a renamed family says which name it wanted and whose family holds it
 * (Family::wantedName, Family::wantedNameHolder), and HttpExporter warns about it once.
 *
 * Every family has HELP (for people: counter type, name, window) and TYPE lines, OpenMetrics
 * families with a unit a UNIT line; families are sorted by name. Rows without a value (an empty
 * window, a counter before its first event) are left out, their window count stays. Values are
 * written in the shortest form that reads back exactly; NaN and infinities as `NaN`, `+Inf`,
 * `-Inf`. Constant labels (setConstantLabels()) go on every sample, values escaped as the formats
 * require. No timestamps are written: the scrape time is the sample time.
 *
 * A value type; all members are reentrant, the static ones thread-safe.
 */
class COUNTERS_CORE_EXPORT PrometheusEncoder
{
public:
    enum class Format {
        Text,        ///< Prometheus text format 0.0.4
        OpenMetrics, ///< OpenMetrics 1.0.0 text
    };
    enum class MetricType { Counter, Gauge, Summary, Info };

    /// A summary's sample `name{quantile="q"} value`.
    struct Quantile
    {
        double quantile = 0;
        double value = 0;
        friend bool operator==(const Quantile &a, const Quantile &b)
        {
            return a.quantile == b.quantile && a.value == b.value;
        }
    };

    /// One metric family with its sample(s), as encode() writes it.
    struct Family
    {
        QString name; ///< Family name; a counter's sample is `name` + "_total".
        MetricType type = MetricType::Gauge;
        /// What the values are measured in; with an OpenMetrics unit (openMetricsUnit()),
        /// `name` ends with "_" + that unit.
        Unit unit = Unit::None;
        QString help;
        /// The sample's value; a summary's `_count`. Empty: the family is not written.
        std::optional<double> value;
        /// The row it comes from: the counter's name, or a labelled series' family name
        /// (CounterRow::family); empty for the exporter's own.
        QString counter;
        /// A labelled series' labels (CounterRow::labels), written on its samples. The series
        /// of one family share `name` and the family's lines.
        Labels labels;
        CounterType counterType = CounterType::Unknown; ///< The row's type.
        Statistic statistic = Statistic::Unknown;       ///< What the sample's value is.
        double window = 0;                              ///< The row's window in seconds.
        QList<Quantile> quantiles; ///< A summary's quantile samples, by increasing quantile.
        double sum = 0;            ///< A summary's `_sum`.
        /// When the name this family would have had was taken by an earlier family (see
        /// "Names never collide" above): that name, and the counter whose family holds it
        /// (empty for the exporter's own series). Empty when the family has its own name.
        QString wantedName;
        QString wantedNameHolder;

        /// The name of the sample (and of the family in the text format 0.0.4).
        QString sampleName() const;

        friend COUNTERS_CORE_EXPORT bool operator==(const Family &a, const Family &b);
        friend bool operator!=(const Family &a, const Family &b) { return !(a == b); }
    };

    PrometheusEncoder();

    /// Prepended to every counter's name before sanitising (e.g. "shop_"); empty by default.
    void setNamePrefix(const QString &prefix);
    QString namePrefix() const;

    /**
     * Labels written on every sample, e.g. {service: "shop", instance: "a1"}. Fails (false,
     * `*error`, labels unchanged) for a name that is not `[a-zA-Z_][a-zA-Z0-9_]*`, starts with
     * `__` (reserved by Prometheus), is `le` or `quantile` (reserved for histograms and
     * summaries) or one of the info metric's labels (`metric`, `counter`, `counter_type`,
     * `statistic`, `unit`, `window_seconds`). Values may hold any text.
     */
    bool setConstantLabels(const QMap<QString, QString> &labels, QString *error = nullptr);
    QMap<QString, QString> constantLabels() const;

    /// The families of `snapshot` with their final names, one entry per series, sorted by name
    /// and then labels, including those without a value (which encode() leaves out).
    QList<Family> families(const Snapshot &snapshot) const;
    /// `snapshot` in `format`, UTF-8. A null snapshot gives no families (OpenMetrics: `# EOF`).
    QByteArray encode(const Snapshot &snapshot, Format format) const;
    /// `families` (as families() gives them) in `format`: for callers that also look at them.
    QByteArray encode(const QList<Family> &families, Format format) const;

    /// "text/plain; version=0.0.4; charset=utf-8" or
    /// "application/openmetrics-text; version=1.0.0; charset=utf-8".
    static QByteArray contentType(Format format);
    /**
     * The format to answer an HTTP `Accept` header with: OpenMetrics when the header accepts
     * `application/openmetrics-text` (version 1.0.0 or unspecified) with a quality at least as
     * high as the text format's (`text/plain`, or the wildcards `text` / any and any / any);
     * the text format otherwise, also for an empty or unparsable header.
     */
    static Format negotiate(QByteArrayView accept);

    /// `text` sanitised to a metric name as described above ("_" for an empty text).
    static QString sanitizeName(QStringView text);
    /// Whether `name` may be a constant label's name (see setConstantLabels()).
    static bool isValidLabelName(QStringView name, QString *error = nullptr);
    /// OpenMetrics' base unit for `unit` ("seconds", "bytes"); empty where OpenMetrics has
    /// none (no unit, per second: a rate is unitless there).
    static QString openMetricsUnit(Unit unit);
    /// `value` as a sample value: shortest exact form, `NaN`, `+Inf`, `-Inf`.
    static QByteArray formatValue(double value);

private:
    void writeFamily(QByteArray &out, const QList<Family> &all, qsizetype first, qsizetype end,
                     Format format) const;

    QString m_prefix;
    QMap<QString, QString> m_labels;
};

} // namespace counters
