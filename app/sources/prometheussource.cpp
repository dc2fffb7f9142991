// SPDX-License-Identifier: MIT
#include "prometheussource.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace dashboard {

namespace {

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
    : PollingSource(
        url, tr("Prometheus %1:%2").arg(url.host()).arg(url.port(9090)),
        int(std::max(50.0, secondsOf(QUrlQuery(url), QStringLiteral("interval"), 5) * 1000)),
        parent)
{
    const QUrlQuery items(url);
    m_job = items.queryItemValue(QStringLiteral("job"), QUrl::FullyDecoded);
    m_rangeSeconds = secondsOf(items, QStringLiteral("range"), 900);

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
}

void PrometheusSource::reset()
{
    m_live = false;
    m_lastTime = -1;
    m_metadataStale = true;
}

QString PrometheusSource::connectingMessage() const
{
    return tr("Asking Prometheus at %1…").arg(m_apiUrl.toDisplayString());
}

void PrometheusSource::poll()
{
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
        const double seconds =
            std::max(pollInterval() / 1000.0, m_rangeSeconds / kMaxBackfillPoints);
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
    get(QNetworkRequest(url));
}

void PrometheusSource::handleReply(QNetworkReply *reply)
{
    const QString what = reply->url().path();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        failed(tr("Cannot reach Prometheus at %1: %2")
                   .arg(m_apiUrl.toDisplayString(), reply->errorString()));
        return;
    }
    QString reason;
    const std::optional<QJsonObject> data =
        PrometheusAnswer::data(reply->readAll(), status, &reason);
    if (!data) {
        failed(tr("Prometheus answered %1 with HTTP %2%3")
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
        failed(tr("Prometheus sent an answer to %1 that cannot be read: %2").arg(what, error));
        return;
    }
    if (m_step == Step::Metadata) {
        poll(); // straight on to the data
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
    const QString every = tr("refreshing every %1 s").arg(pollInterval() / 1000.0);
    succeeded(m_seriesCount > 0 ? tr("%n series, %1", nullptr, m_seriesCount).arg(every)
                                : tr("No Counters series yet (no target exports "
                                     "counters_report_timestamp_seconds), %1")
                                      .arg(every));
}

} // namespace dashboard
