// SPDX-License-Identifier: MIT
#include "prometheussource.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <map>

namespace dashboard {

namespace {

constexpr int kMaxRetryMs = 30000;
constexpr qint64 kMaxBody = 64 * 1024 * 1024;
constexpr double kMaxBackfillPoints = 500;

double secondsOf(const QUrlQuery &query, const QString &key, double fallback)
{
    bool ok = false;
    const double seconds = query.queryItemValue(key).toDouble(&ok);
    return ok && std::isfinite(seconds) && seconds > 0 ? seconds : fallback;
}

QString quoted(const QString &value)
{
    QString text = value;
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('"'), QLatin1String("\\\""));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// `metric{label="value",...}` from a result's "metric" object, without `job` unless asked.
QString seriesName(const QJsonObject &metric, bool withJob)
{
    QString name = metric.value(QLatin1String("__name__")).toString();
    QStringList labels;
    for (auto it = metric.constBegin(); it != metric.constEnd(); ++it) { // sorted by key
        if (it.key() == QLatin1String("__name__") || (!withJob && it.key() == QLatin1String("job")))
            continue;
        labels.append(it.key() + QLatin1Char('=') + quoted(it.value().toString()));
    }
    if (!labels.isEmpty())
        name += QLatin1Char('{') + labels.join(QLatin1Char(',')) + QLatin1Char('}');
    return name;
}

// Names for all series of one answer: without `job`, except where that is ambiguous.
QStringList seriesNames(const QJsonArray &result)
{
    QStringList names;
    QHash<QString, int> uses;
    for (const QJsonValue &series : result) {
        names.append(seriesName(series[QLatin1String("metric")].toObject(), false));
        ++uses[names.last()];
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (uses.value(names.at(i)) > 1)
            names[i] = seriesName(result.at(i)[QLatin1String("metric")].toObject(), true);
    }
    return names;
}

// A sample [time, "value"]: Prometheus writes values as strings, NaN and ±Inf included.
bool readSample(const QJsonValue &sample, double *time, std::optional<double> *value)
{
    const QJsonArray pair = sample.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    *time = pair.at(0).toDouble();
    bool ok = false;
    const double number = pair.at(1).toString().toDouble(&ok);
    *value = ok && std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
    return true;
}

counters::SnapshotSource sourceOf(const QUrl &apiUrl)
{
    counters::SnapshotSource source;
    source.service = QStringLiteral("Prometheus");
    source.host = apiUrl.authority();
    return source;
}

} // namespace

PrometheusSource::PrometheusSource(const QUrl &url, QObject *parent)
    : Source(url, tr("Prometheus %1:%2").arg(url.host()).arg(url.port(9090)), parent),
      m_network(new QNetworkAccessManager(this)),
      m_backoff(1000, kMaxRetryMs)
{
    const QUrlQuery items(url);
    m_job = items.queryItemValue(QStringLiteral("job"), QUrl::FullyDecoded);
    m_rangeSeconds = secondsOf(items, QStringLiteral("range"), 900);
    m_intervalMs = int(std::max(50.0, secondsOf(items, QStringLiteral("interval"), 5) * 1000));
    m_backoff = Backoff(m_intervalMs, kMaxRetryMs);

    m_apiUrl.setScheme(QStringLiteral("http"));
    m_apiUrl.setHost(url.host());
    m_apiUrl.setPort(url.port(9090));
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    m_apiUrl.setPath(prefix);

    // The series of Counters exporters: the targets that export the report timestamp.
    const QString job = m_job.isEmpty() ? QString() : QStringLiteral("job=%1").arg(quoted(m_job));
    m_query = QStringLiteral("{__name__=~\".+\",__name__!~\"up|scrape_.+|"
                             "counters_report_timestamp_seconds\"%1} and on(job, instance) "
                             "counters_report_timestamp_seconds%2")
                  .arg(job.isEmpty() ? QString() : QLatin1Char(',') + job,
                       job.isEmpty() ? QString() : QLatin1Char('{') + job + QLatin1Char('}'));

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PrometheusSource::next);
    connect(m_network, &QNetworkAccessManager::finished, this, &PrometheusSource::onFinished);
}

PrometheusSource::~PrometheusSource()
{
    stop();
}

void PrometheusSource::setPollInterval(int ms)
{
    m_intervalMs = std::max(10, ms);
}

void PrometheusSource::setRetryDelays(int initialMs, int maximumMs)
{
    m_backoff = Backoff(initialMs, maximumMs);
}

void PrometheusSource::doStart()
{
    m_backoff.reset();
    m_live = false;
    m_lastTime = -1;
    m_metadataStale = true;
    setState(State::Connecting, tr("Asking Prometheus at %1…").arg(m_apiUrl.toDisplayString()));
    next();
}

void PrometheusSource::doStop()
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort(); // finished() arrives for it, and is ignored as no longer current
    }
}

// The next request: metadata when it is missing or stale, the backfill until the source got
// live once, then polls.
void PrometheusSource::next()
{
    if (!isStarted() || m_reply)
        return;
    if (m_metadataStale)
        send(Step::Metadata);
    else
        send(m_live ? Step::Poll : Step::Backfill);
}

void PrometheusSource::send(Step step)
{
    m_step = step;
    QUrl url = m_apiUrl;
    QUrlQuery items;
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    switch (step) {
    case Step::Metadata:
        url.setPath(url.path() + QLatin1String("/api/v1/metadata"));
        break;
    case Step::Backfill: {
        const double seconds = std::max(m_intervalMs / 1000.0, m_rangeSeconds / kMaxBackfillPoints);
        url.setPath(url.path() + QLatin1String("/api/v1/query_range"));
        items.addQueryItem(QStringLiteral("query"), m_query);
        items.addQueryItem(QStringLiteral("start"), QString::number(now - m_rangeSeconds, 'f', 3));
        items.addQueryItem(QStringLiteral("end"), QString::number(now, 'f', 3));
        items.addQueryItem(QStringLiteral("step"), QString::number(seconds, 'f', 3));
        break;
    }
    case Step::Poll:
        url.setPath(url.path() + QLatin1String("/api/v1/query"));
        items.addQueryItem(QStringLiteral("query"), m_query);
        items.addQueryItem(QStringLiteral("time"), QString::number(now, 'f', 3));
        break;
    }
    // PromQL has '+', '=' and '&' of its own: encode every value fully, or they would read as
    // a space and separators.
    QString encoded;
    for (const auto &[key, value] : items.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty())
            encoded += QLatin1Char('&');
        encoded += key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(encoded, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    m_reply = m_network->get(request);
}

void PrometheusSource::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return; // aborted by stop()
    m_reply = nullptr;
    if (!isStarted())
        return;

    const QString what = reply->url().path();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        fail(tr("Cannot reach Prometheus at %1: %2")
                 .arg(m_apiUrl.toDisplayString(), reply->errorString()));
        return;
    }
    if (reply->bytesAvailable() > kMaxBody) {
        fail(tr("%1 sent more than %2 MiB").arg(what).arg(kMaxBody >> 20));
        return;
    }
    QJsonParseError parseError;
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll(), &parseError).object();
    if (status != 200
        || answer.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        const QString reason = answer.value(QLatin1String("error")).toString();
        fail(tr("Prometheus answered %1 with HTTP %2%3")
                 .arg(what)
                 .arg(status)
                 .arg(reason.isEmpty() ? QString() : QLatin1String(": ") + reason));
        return;
    }

    QString error;
    bool ok = false;
    switch (m_step) {
    case Step::Metadata:
        ok = readMetadata(answer.value(QLatin1String("data")).toObject(), &error);
        break;
    case Step::Backfill:
        ok = readMatrix(answer.value(QLatin1String("data")).toObject(), &error);
        break;
    case Step::Poll:
        ok = readVector(answer.value(QLatin1String("data")).toObject(), &error);
        break;
    }
    if (!ok) {
        fail(tr("Prometheus sent an answer to %1 that cannot be read: %2").arg(what, error));
        return;
    }
    if (m_step == Step::Metadata) {
        next(); // straight on to the data
        return;
    }
    if (m_step == Step::Backfill)
        m_live = true;
    goLive();
}

bool PrometheusSource::readMetadata(const QJsonObject &data, QString *error)
{
    Q_UNUSED(error);
    // HELP texts of counters::PrometheusEncoder: "<CounterType name> <counter>: <what>", the
    // window as "last <n> s window", window counts as "events in the last".
    static const QRegularExpression windowPattern(QStringLiteral("the last (\\S+) s window"));
    m_metadata.clear();
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        const QJsonObject entry = it.value().toArray().at(0).toObject(); // Undefined when empty
        const QString help = entry.value(QLatin1String("help")).toString();
        Metadata metadata;
        if (entry.value(QLatin1String("type")).toString() == QLatin1String("counter")) {
            metadata.type = counters::CounterType::Event;
        } else if (!help.contains(QLatin1String(": events in the last "))) {
            metadata.type = counters::counterTypeFromName(help.section(QLatin1Char(' '), 0, 0))
                                .value_or(counters::CounterType::Unknown);
        }
        const auto window = windowPattern.match(help);
        if (window.hasMatch())
            metadata.window = window.captured(1).toDouble();
        m_metadata.insert(it.key(), metadata);
    }
    m_metadataStale = false;
    return true;
}

const PrometheusSource::Metadata *PrometheusSource::metadataOf(const QString &metric) const
{
    // Prometheus keys metadata by family: an OpenMetrics counter `x` has the samples `x_total`.
    auto it = m_metadata.constFind(metric);
    if (it == m_metadata.cend() && metric.endsWith(QLatin1String("_total")))
        it = m_metadata.constFind(metric.chopped(6));
    return it == m_metadata.cend() ? nullptr : &*it;
}

bool PrometheusSource::readMatrix(const QJsonObject &data, QString *error)
{
    if (data.value(QLatin1String("resultType")).toString() != QLatin1String("matrix")) {
        *error = tr("a range query did not give a matrix");
        return false;
    }
    const QJsonArray result = data.value(QLatin1String("result")).toArray();
    const QStringList names = seriesNames(result);
    std::map<double, QList<counters::CounterRow>> rowsByTime;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QJsonObject metric = result.at(i)[QLatin1String("metric")].toObject();
        const Metadata *metadata = metadataOf(metric.value(QLatin1String("__name__")).toString());
        const QJsonArray values = result.at(i)[QLatin1String("values")].toArray();
        for (const QJsonValue &sample : values) {
            counters::CounterRow row;
            double time = 0;
            if (!readSample(sample, &time, &row.value)) {
                *error = tr("a sample is not [time, \"value\"]");
                return false;
            }
            row.name = names.at(i);
            if (metadata) {
                row.type = metadata->type;
                row.window = metadata->window;
            }
            rowsByTime[time].append(row);
        }
    }
    const counters::SnapshotSource source = sourceOf(m_apiUrl);
    QList<counters::Snapshot> history;
    history.reserve(qsizetype(rowsByTime.size()));
    for (const auto &[time, rows] : rowsByTime)
        history.append(counters::Snapshot(time, source, rows));
    if (!history.isEmpty()) {
        m_lastTime = history.last().time();
        m_seriesCount = int(history.last().rows().size());
        deliverHistory(history);
    }
    return true;
}

bool PrometheusSource::readVector(const QJsonObject &data, QString *error)
{
    if (data.value(QLatin1String("resultType")).toString() != QLatin1String("vector")) {
        *error = tr("an instant query did not give a vector");
        return false;
    }
    const QJsonArray result = data.value(QLatin1String("result")).toArray();
    const QStringList names = seriesNames(result);
    QList<counters::CounterRow> rows;
    double time = 0;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QString metric =
            result.at(i)[QLatin1String("metric")][QLatin1String("__name__")].toString();
        const Metadata *metadata = metadataOf(metric);
        if (!metadata)
            m_metadataStale = true; // a new counter: ask for its type before the next poll
        counters::CounterRow row;
        if (!readSample(result.at(i)[QLatin1String("value")], &time, &row.value)) {
            *error = tr("a sample is not [time, \"value\"]");
            return false;
        }
        row.name = names.at(i);
        if (metadata) {
            row.type = metadata->type;
            row.window = metadata->window;
        }
        rows.append(row);
    }
    m_seriesCount = int(rows.size());
    if (!rows.isEmpty() && time > m_lastTime) {
        m_lastTime = time;
        deliver(counters::Snapshot(time, sourceOf(m_apiUrl), rows));
    }
    return true;
}

void PrometheusSource::goLive()
{
    m_backoff.reset();
    const QString every = tr("refreshing every %1 s").arg(m_intervalMs / 1000.0);
    setState(State::Live,
             m_seriesCount > 0 ? tr("%n series, %1", nullptr, m_seriesCount).arg(every)
                               : tr("No Counters series yet (no target exports "
                                    "counters_report_timestamp_seconds), %1")
                                     .arg(every));
    m_timer.start(m_intervalMs);
}

void PrometheusSource::fail(const QString &message)
{
    setState(State::Error, message);
    m_timer.start(m_backoff.next());
}

} // namespace dashboard
