// SPDX-License-Identifier: MIT
#include "prometheussource.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

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
    const QString job =
        m_job.isEmpty() ? QString() : QStringLiteral("job=%1").arg(PrometheusAnswer::quoted(m_job));
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
    QString reason;
    const std::optional<QJsonObject> data =
        PrometheusAnswer::data(reply->readAll(), status, &reason);
    if (!data) {
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
        m_metadata = PrometheusAnswer::readMetadata(*data);
        m_metadataStale = false;
        ok = true;
        break;
    case Step::Backfill:
        ok = readMatrix(*data, &error);
        break;
    case Step::Poll:
        ok = readVector(*data, &error);
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

bool PrometheusSource::readMatrix(const QJsonObject &data, QString *error)
{
    QList<counters::Snapshot> history;
    if (!PrometheusAnswer::readMatrix(data, m_metadata, sourceOf(m_apiUrl), &history, error))
        return false;
    if (!history.isEmpty()) {
        m_lastTime = history.last().time();
        m_seriesCount = int(history.last().rows().size());
        deliverHistory(history);
    }
    return true;
}

bool PrometheusSource::readVector(const QJsonObject &data, QString *error)
{
    PrometheusAnswer::Vector vector;
    if (!PrometheusAnswer::readVector(data, m_metadata, &vector, error))
        return false;
    if (vector.unknownFamily)
        m_metadataStale = true; // a new counter: ask for its type before the next poll
    m_seriesCount = int(vector.rows.size());
    if (!vector.rows.isEmpty() && vector.time > m_lastTime) {
        m_lastTime = vector.time;
        deliver(counters::Snapshot(vector.time, sourceOf(m_apiUrl), vector.rows));
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
