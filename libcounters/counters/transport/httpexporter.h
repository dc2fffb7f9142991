// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_transport_export.h>
#include <counters/report/reporter.h>

#include <QHostAddress>
#include <QMap>
#include <QString>

#include <memory>

namespace counters {

/**
 * Serves the latest report over HTTP for Prometheus and other pullers:
 *
 *     auto exporter = std::make_shared<counters::HttpExporter>();
 *     exporter->setConstantLabels({{QStringLiteral("service"), QStringLiteral("shop")}});
 *     if (!exporter->listen(QHostAddress::LocalHost, 9464))
 *         qWarning() << exporter->listenErrorString();
 *     counters::registerReporter(exporter);
 *     counters::startAutoReporting(std::chrono::seconds(15)); // as often as Prometheus scrapes
 *
 * Endpoints (GET, and HEAD for the headers alone; other methods get 405 with `Allow`, other
 * paths 404; a query string is ignored):
 * - `/metrics`: the report in the Prometheus text format 0.0.4, or in OpenMetrics 1.0.0 when
 *   the request's `Accept` header prefers it (as Prometheus does), see PrometheusEncoder for
 *   names, types and negotiation;
 * - `/report.json`: the report as JsonCodec writes it (the JSON file's content); 503 before the
 *   first report;
 * - `/healthz`: `ok`, 200, while the exporter serves;
 * - `/`: a short plain-text index of the above.
 *
 * It is a Reporter: each report stores its snapshot, and a scrape serves the latest one. So
 * scrapes never touch the registry or the recording path, cost the service nothing between
 * reports, and serve exactly what the other reporters wrote; on a multi-process leader they
 * serve the merged report. Values are as fresh as the last report: report at least as often
 * as Prometheus scrapes. `counters_report_timestamp_seconds` tells when the report was taken.
 * Before the first report `/metrics` has no series.
 *
 * Slow and stuck clients: a connection must complete a request within requestTimeout()
 * (default 60 s) of opening or of its previous request, or it is closed; so a client that
 * sends its request a byte at a time (slowloris) or keeps an idle connection cannot hold it for
 * ever (scrapers reconnect as needed). A client that sends requests but does not read the
 * answers gets no further answers while 64 KiB of them wait (its requests wait in TCP), and
 * meets the same deadline. Other clients are served meanwhile in either case.
 *
 * Other bounds: a request head of at most 16 KiB and 100 fields (else 431), a target of at
 * most 8 KiB (414); request bodies are never read (the request is answered, then the
 * connection closed); at most 256 connections (more get 503 and are closed). The server is
 * HTTP/1.1 (keep-alive, pipelining, `Connection: close`; HTTP/1.0 clients too).
 *
 * Threads: the HTTP server runs in a thread owned by the exporter, with its own event loop, so
 * it answers whatever the caller's thread does. write() only swaps the stored snapshot under a
 * mutex (it never waits for a scrape); a scrape copies it (implicitly shared) under the same
 * mutex and encodes it in the server thread, once per report and format.
 *
 * Every member is thread-safe, except that the exporter must not be destroyed while another
 * thread uses it. Binds loopback unless told otherwise: exposing metrics to the network is a
 * deliberate choice (there is no authentication; put a proxy in front when it matters).
 * Requires a QCoreApplication, like all Qt networking: unregister and destroy the exporter
 * before the application object.
 */
class COUNTERS_TRANSPORT_EXPORT HttpExporter : public Reporter
{
    Q_OBJECT
public:
    explicit HttpExporter(QObject *parent = nullptr);
    ~HttpExporter() override;

    /**
     * Starts serving on `address`:`port` (0: any free port, see serverPort()). Returns false
     * and sets listenErrorString() when the port cannot be bound or the exporter already
     * serves.
     */
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    /// Stops serving and drops open connections; listen() may be called again.
    void close();
    bool isListening() const;
    /// The bound port while listening; 0 otherwise.
    quint16 serverPort() const;
    /// The bound address while listening; null otherwise.
    QHostAddress serverAddress() const;
    /// Why the last listen() failed; empty after a successful one.
    QString listenErrorString() const;

    /// Prepended to every counter's name in /metrics (see PrometheusEncoder). Takes effect
    /// with the next scrape.
    void setNamePrefix(const QString &prefix);
    QString namePrefix() const;
    /**
     * Labels put on every series of /metrics, e.g. service and instance. Fails (false,
     * `*error`, labels unchanged) for an invalid label name (see PrometheusEncoder). Takes
     * effect with the next scrape. (Prometheus sets `job` and `instance` itself and renames
     * exposed ones to `exported_job`/`exported_instance` unless the scrape config says
     * `honor_labels: true`.)
     */
    bool setConstantLabels(const QMap<QString, QString> &labels, QString *error = nullptr);
    QMap<QString, QString> constantLabels() const;

    /// The snapshot served now: the latest reported, or a null snapshot before the first.
    Snapshot latestSnapshot() const;
    /// How long a connection may take to complete its next request (see the class comment);
    /// at least 1 ms. Applies to the connections opened and requests answered from then on.
    void setRequestTimeout(Seconds timeout);
    Seconds requestTimeout() const;

    /// Requests answered since construction, whatever their status.
    quint64 requestCount() const;

protected:
    bool write(const Snapshot &snapshot, QString *error) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
