// SPDX-License-Identifier: MIT
#pragma once

#include "backoff.h"
#include "prometheusanswer.h"
#include "source.h"

#include <QHash>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The counters of many services, as a Prometheus server holds them: the source that lets one
 * dashboard watch services on many machines (each running counters::HttpExporter, scraped by
 * Prometheus). URL `prometheus://HOST[:PORT][/PREFIX][?job=NAME&range=SECONDS&interval=SECONDS]`
 * (port 9090 by default; PREFIX for a Prometheus behind a route prefix).
 *
 * Which series: every series of the targets that export `counters_report_timestamp_seconds`
 * (that is, Counters exporters), except that series and Prometheus' own `up` and `scrape_*`;
 * with `job`, only that job's targets. Each series is one row, named after the metric and its
 * labels other than `job` (`requests_time_seconds{instance="shop-1:9464",service="shop"}`),
 * so a chart has one line per instance; `job` joins the labels only where two series would
 * otherwise share a name. Types and windows come from the series' HELP texts, which the
 * exporter writes (`/api/v1/metadata`): a Prometheus counter is an EventCounter row, a
 * window-events count has type Unknown.
 *
 * On start: the metadata, then `query_range` over the last `range` seconds (default 900) with
 * a step of max(interval, range / 500), delivered as one history batch (one snapshot per
 * step, oldest first); then an instant query every `interval` seconds (default 5), each a
 * live snapshot dated by its evaluation time. The metadata is asked again when an unknown
 * metric shows up. One request at a time, each with a timeout; an unreachable server, an
 * HTTP or API error shows as Error and is retried with backoff (up to 30 s), starting over
 * with the backfill when the source never got live.
 *
 * Not thread-safe (GUI thread).
 */
class PrometheusSource : public Source
{
    Q_OBJECT
public:
    /// `url` must be a prometheus:// URL with a host (see SourceFactory).
    explicit PrometheusSource(const QUrl &url, QObject *parent = nullptr);
    ~PrometheusSource() override;

    Kind kind() const override { return Kind::Prometheus; }

    /// Where the HTTP API is: http://HOST:PORT[/PREFIX].
    QUrl apiUrl() const { return m_apiUrl; }
    /// The PromQL expression that selects the series.
    QString query() const { return m_query; }
    QString job() const { return m_job; }
    /// Seconds of history asked for on start.
    double backfillRange() const { return m_rangeSeconds; }
    int pollInterval() const { return m_intervalMs; }
    void setPollInterval(int ms);
    /// Milliseconds one request may take (default 5000).
    void setRequestTimeout(int ms) { m_timeoutMs = ms; }
    /// Delays after failures (default: the poll interval doubling up to 30 s).
    void setRetryDelays(int initialMs, int maximumMs);
    /// Rows in the last snapshot delivered: the series this source charts now.
    int seriesCount() const { return m_seriesCount; }

protected:
    void doStart() override;
    void doStop() override;

private:
    enum class Step { Metadata, Backfill, Poll };

    void send(Step step);
    void next();
    void onFinished(QNetworkReply *reply);
    bool readMatrix(const QJsonObject &data, QString *error);
    bool readVector(const QJsonObject &data, QString *error);
    void fail(const QString &message);
    void goLive();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    Step m_step = Step::Metadata;
    QTimer m_timer;
    Backoff m_backoff;
    QUrl m_apiUrl;
    QString m_job;
    QString m_query;
    PrometheusAnswer::Metadata m_metadata;
    bool m_metadataStale = true;
    bool m_live = false;
    double m_lastTime = -1;
    double m_rangeSeconds = 900;
    int m_intervalMs = 5000;
    int m_timeoutMs = 5000;
    int m_seriesCount = 0;
};

} // namespace dashboard
