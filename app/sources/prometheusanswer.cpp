// SPDX-License-Identifier: MIT
#include "prometheusanswer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

namespace dashboard {

namespace {

QJsonObject metricOf(const QJsonValue &series)
{
    return series[QLatin1String("metric")].toObject();
}

// `metric{label="value",...}` from a result's "metric" object, without `job` unless asked.
QString seriesName(const QJsonObject &metric, bool withJob)
{
    counters::Labels labels;
    for (auto it = metric.constBegin(); it != metric.constEnd(); ++it) {
        if (it.key() == QLatin1String("__name__") || (!withJob && it.key() == QLatin1String("job")))
            continue;
        labels.insert(it.key(), it.value().toString());
    }
    // The notation of the library's labelled series: one escaping for both.
    return counters::seriesName(metric.value(QLatin1String("__name__")).toString(), labels);
}

// Names for all series of one answer: without `job`, except where that is ambiguous.
QStringList seriesNames(const QJsonArray &result)
{
    QStringList names;
    QHash<QString, int> uses;
    for (const QJsonValue &series : result) {
        names.append(seriesName(metricOf(series), false));
        ++uses[names.last()];
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (uses.value(names.at(i)) > 1)
            names[i] = seriesName(metricOf(result.at(i)), true);
    }
    return names;
}

// A sample [time, "value"]: Prometheus writes values as strings, NaN and ±Inf included, and
// times as seconds since the epoch.
bool readSample(const QJsonValue &sample, double *time, std::optional<double> *value)
{
    const QJsonArray pair = sample.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    *time = pair.at(0).toDouble();
    if (!(*time > 0))
        return false;
    bool ok = false;
    const double number = pair.at(1).toString().toDouble(&ok);
    *value = ok && std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
    return true;
}

// The key of a family as one target exports it: two services may export one metric name with
// different windows or units.
QString targetKey(const QJsonObject &labels, const QString &metric)
{
    return metric + QLatin1Char('\n') + labels.value(QLatin1String("job")).toString()
        + QLatin1Char('\n') + labels.value(QLatin1String("instance")).toString();
}

// The families the info samples of `result` describe, by targetKey(), and by metric name alone
// for series whose target labels differ from their description's (the last one wins there).
PrometheusAnswer::Metadata describedFamilies(const QJsonArray &result)
{
    PrometheusAnswer::Metadata described;
    for (const QJsonValue &series : result) {
        const QJsonObject metric = metricOf(series);
        if (metric.value(QLatin1String("__name__")).toString() != PrometheusAnswer::InfoMetric)
            continue;
        const QString name = metric.value(QLatin1String("metric")).toString();
        if (name.isEmpty())
            continue;
        PrometheusAnswer::Family family;
        family.type =
            counters::counterTypeFromName(metric.value(QLatin1String("counter_type")).toString())
                .value_or(counters::CounterType::Unknown);
        family.unit = counters::unitFromName(metric.value(QLatin1String("unit")).toString())
                          .value_or(counters::Unit::None);
        family.statistic =
            counters::statisticFromName(metric.value(QLatin1String("statistic")).toString())
                .value_or(counters::Statistic::Unknown);
        bool ok = false;
        const double window =
            metric.value(QLatin1String("window_seconds")).toString().toDouble(&ok);
        if (ok && std::isfinite(window) && window > 0)
            family.window = window;
        described.insert(targetKey(metric, name), family);
        described.insert(name, family);
    }
    return described;
}

bool isInfo(const QJsonValue &series)
{
    return metricOf(series).value(QLatin1String("__name__")).toString()
        == PrometheusAnswer::InfoMetric;
}

// A row for a series named `name` of the samples `metric`: the info sample's meaning where the
// exporter wrote one, else what the metadata knows. A summary's quantile, `_sum` and `_count`
// series are not the family's statistic.
counters::CounterRow rowOf(const PrometheusAnswer::Metadata &metadata,
                           const PrometheusAnswer::Metadata &described, const QString &name,
                           const QJsonObject &labels)
{
    const QString metric = labels.value(QLatin1String("__name__")).toString();
    counters::CounterRow row;
    row.name = name;
    // The family of the series and which of its samples the series is: the family itself, or
    // a counter's `_total`, a summary's `_sum` or `_count`. An info sample describes a family
    // under its sample name, for its own target (else any target's); metadata by family name.
    const auto find =
        [&metric](
            const auto &lookup) -> std::pair<const PrometheusAnswer::Family *, QLatin1String> {
        for (const char *suffix : {"", "_total", "_sum", "_count"}) {
            const QLatin1String sample(suffix);
            if (!metric.endsWith(sample))
                continue;
            if (const PrometheusAnswer::Family *family = lookup(metric.chopped(sample.size())))
                return {family, sample};
        }
        return {nullptr, QLatin1String()};
    };
    const auto in = [](const PrometheusAnswer::Metadata &m, const QString &key) {
        const auto it = m.constFind(key);
        return it == m.cend() ? nullptr : &*it;
    };
    auto [family, sample] = find([&](const QString &familyName) {
        const PrometheusAnswer::Family *own = in(described, targetKey(labels, familyName));
        return own ? own : in(described, familyName);
    });
    if (!family)
        std::tie(family, sample) =
            find([&](const QString &familyName) { return in(metadata, familyName); });
    if (!family)
        return row;
    row.type = family->type;
    row.unit = family->unit;
    row.statistic = family->statistic;
    row.window = family->window;
    if (sample == QLatin1String("_count")) {
        row.statistic = counters::Statistic::Count;
        row.unit = counters::Unit::None;
    } else if (sample == QLatin1String("_sum")) {
        row.statistic = counters::Statistic::Sum;
    } else if (labels.contains(QLatin1String("quantile"))) {
        row.statistic = counters::Statistic::Unknown; // a quantile, not the family's statistic
    }
    return row;
}

QString sampleError()
{
    return PrometheusAnswer::tr("a sample is not [time, \"value\"]");
}

} // namespace

QString PrometheusAnswer::quoted(const QString &value)
{
    QString text = value;
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('"'), QLatin1String("\\\""));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

std::optional<QJsonObject> PrometheusAnswer::data(const QByteArray &body, int httpStatus,
                                                  QString *reason)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonValue data = answer.value(QLatin1String("data"));
    const bool success = httpStatus == 200
        && answer.value(QLatin1String("status")).toString() == QLatin1String("success");
    if (success && data.isObject())
        return data.toObject();
    if (reason) {
        *reason = success ? tr("the answer has no data")
                          : answer.value(QLatin1String("error")).toString();
    }
    return std::nullopt;
}

PrometheusAnswer::Metadata PrometheusAnswer::readMetadata(const QJsonObject &data)
{
    Metadata metadata;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        const QJsonObject entry = it.value().toArray().at(0).toObject(); // {} when not there
        Family family;
        if (entry.value(QLatin1String("type")).toString() == QLatin1String("counter")) {
            family.type = counters::CounterType::Event;
            family.statistic = counters::Statistic::Count;
        }
        const QString unit = entry.value(QLatin1String("unit")).toString();
        if (unit == QLatin1String("seconds") || unit == QLatin1String("bytes"))
            family.unit = counters::unitFromName(unit).value_or(counters::Unit::None);
        metadata.insert(it.key(), family);
    }
    return metadata;
}

const PrometheusAnswer::Family *PrometheusAnswer::familyOf(const Metadata &metadata,
                                                           const QString &metric)
{
    auto it = metadata.constFind(metric);
    for (const char *suffix : {"_total", "_sum", "_count"}) {
        if (it != metadata.cend())
            break;
        const QLatin1String sample(suffix);
        if (metric.endsWith(sample))
            it = metadata.constFind(metric.chopped(sample.size()));
    }
    return it == metadata.cend() ? nullptr : &*it;
}

bool PrometheusAnswer::readMatrix(const QJsonObject &data, const Metadata &metadata,
                                  const counters::SnapshotSource &source,
                                  QList<counters::Snapshot> *history, QString *error)
{
    if (data.value(QLatin1String("resultType")).toString() != QLatin1String("matrix")) {
        *error = tr("a range query did not give a matrix");
        return false;
    }
    const QJsonArray result = data.value(QLatin1String("result")).toArray();
    const QStringList names = seriesNames(result);
    const Metadata described = describedFamilies(result);
    std::map<double, QList<counters::CounterRow>> rowsByTime;
    for (qsizetype i = 0; i < result.size(); ++i) {
        if (isInfo(result.at(i)))
            continue;
        const counters::CounterRow row =
            rowOf(metadata, described, names.at(i), metricOf(result.at(i)));
        const QJsonArray values = result.at(i)[QLatin1String("values")].toArray();
        for (const QJsonValue &sample : values) {
            double time = 0;
            std::optional<double> value;
            if (!readSample(sample, &time, &value)) {
                *error = sampleError();
                return false;
            }
            QList<counters::CounterRow> &rows = rowsByTime[time];
            rows.append(row);
            rows.last().value = value;
        }
    }
    history->clear();
    history->reserve(qsizetype(rowsByTime.size()));
    for (const auto &[time, rows] : rowsByTime)
        history->append(counters::Snapshot(time, source, rows));
    return true;
}

bool PrometheusAnswer::readVector(const QJsonObject &data, const Metadata &metadata, Vector *vector,
                                  QString *error)
{
    if (data.value(QLatin1String("resultType")).toString() != QLatin1String("vector")) {
        *error = tr("an instant query did not give a vector");
        return false;
    }
    const QJsonArray result = data.value(QLatin1String("result")).toArray();
    const QStringList names = seriesNames(result);
    const Metadata described = describedFamilies(result);
    Vector read;
    for (qsizetype i = 0; i < result.size(); ++i) {
        if (isInfo(result.at(i)))
            continue;
        const QString metric = metricOf(result.at(i)).value(QLatin1String("__name__")).toString();
        if (!familyOf(metadata, metric))
            read.unknownFamily = true;
        counters::CounterRow row = rowOf(metadata, described, names.at(i), metricOf(result.at(i)));
        double time = 0;
        if (!readSample(result.at(i)[QLatin1String("value")], &time, &row.value)) {
            *error = sampleError();
            return false;
        }
        read.time = std::max(read.time, time);
        read.rows.append(row);
    }
    *vector = std::move(read);
    return true;
}

} // namespace dashboard
