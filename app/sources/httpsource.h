// SPDX-License-Identifier: MIT
#pragma once

#include "backoff.h"
#include "source.h"

#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace dashboard {

/**
 * A service's HTTP exposition (counters::HttpExporter, or any server of PyCounters-style
 * JSON), polled: `GET /report.json` every interval. URL `http://HOST:PORT[/PATH]`; without a
 * path (or with `/`) the path is `/report.json`. `?interval=SECONDS` sets the period
 * (default 1 s).
 *
 * One request at a time, each with a timeout. A refused connection, an HTTP error status or a
 * body that is not a report shows as Error and the next poll waits longer (backoff up to
 * 30 s); the first good answer makes the source Live again. A report with the same collection
 * time as the previous one is not delivered twice.
 *
 * Not thread-safe (GUI thread).
 */
class HttpSource : public Source
{
    Q_OBJECT
public:
    /// `url` must be an http:// or https:// URL with a host (see SourceFactory).
    explicit HttpSource(const QUrl &url, QObject *parent = nullptr);
    ~HttpSource() override;

    Kind kind() const override { return Kind::Http; }

    /// The URL requested: url() with the default path filled in and the query removed.
    QUrl reportUrl() const { return m_reportUrl; }
    int pollInterval() const { return m_intervalMs; }
    void setPollInterval(int ms);
    /// Milliseconds one request may take (default 5000).
    void setRequestTimeout(int ms) { m_timeoutMs = ms; }
    /// Delays after failures (default: the poll interval doubling up to 30 s).
    void setRetryDelays(int initialMs, int maximumMs);

protected:
    void doStart() override;
    void doStop() override;

private:
    void poll();
    void onFinished(QNetworkReply *reply);
    void fail(const QString &message);

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    Backoff m_backoff;
    QUrl m_reportUrl;
    double m_lastTime = -1;
    int m_intervalMs = 1000;
    int m_timeoutMs = 5000;
};

} // namespace dashboard
