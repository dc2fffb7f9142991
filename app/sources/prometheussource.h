// SPDX-License-Identifier: MIT
#pragma once

#include "pollingsource.h"
#include "prometheusanswer.h"

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
 * otherwise share a name. Types come from `/api/v1/metadata` (a Prometheus counter is an
 * EventCounter row); the counter type, statistic, unit and window of each family from the
 * `counters_metric_info` samples the exporter writes beside them (PrometheusAnswer).
 *
 * On start: the metadata, then `query_range` over the last `range` seconds (default 900) with
 * a step of max(interval, range / 500), delivered as one history batch (one snapshot per
 * step, oldest first); then an instant query every `interval` seconds (default 5), each a
 * live snapshot dated by its evaluation time. The metadata is asked again when an unknown
 * metric shows up. Polled as PollingSource says; an unreachable server, an HTTP or API error
 * shows as Error and is retried with backoff, starting over with the backfill when the source
 * never got live.
 *
 * Not thread-safe (GUI thread).
 */
class PrometheusSource : public PollingSource
{
    Q_OBJECT
public:
    /// `url` must be a prometheus:// URL with a host (see SourceFactory).
    explicit PrometheusSource(const QUrl &url, QObject *parent = nullptr);

    Kind kind() const override { return Kind::Prometheus; }

    /// Where the HTTP API is: http://HOST:PORT[/PREFIX].
    QUrl apiUrl() const { return m_apiUrl; }
    /// The PromQL expression that selects the series.
    QString query() const { return m_query; }
    QString job() const { return m_job; }
    /// Seconds of history asked for on start.
    double backfillRange() const { return m_rangeSeconds; }
    /// Rows in the last snapshot delivered: the series this source charts now.
    int seriesCount() const { return m_seriesCount; }

protected:
    /// The next request: metadata when it is missing or stale, the backfill until the source
    /// got live once, then instant queries.
    void poll() override;
    QString connectingMessage() const override;
    void handleReply(QNetworkReply *reply) override;
    void reset() override;

private:
    enum class Step { Metadata, Backfill, Poll };

    void send(Step step);
    bool readMatrix(const QJsonObject &data, QString *error);
    bool readVector(const QJsonObject &data, QString *error);
    void goLive();

    Step m_step = Step::Metadata;
    QUrl m_apiUrl;
    QString m_job;
    QString m_query;
    PrometheusAnswer::Metadata m_metadata;
    bool m_metadataStale = true;
    bool m_live = false;
    double m_lastTime = -1;
    double m_rangeSeconds = 900;
    int m_seriesCount = 0;
};

} // namespace dashboard
