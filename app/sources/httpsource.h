// SPDX-License-Identifier: MIT
#pragma once

#include "pollingsource.h"

namespace dashboard {

/**
 * A service's HTTP exposition (counters::HttpExporter, or any server of PyCounters-style
 * JSON), polled: `GET /report.json` every interval. URL `http://HOST:PORT[/PATH]`; without a
 * path (or with `/`) the path is `/report.json`. `?interval=SECONDS` sets the period
 * (default 1 s).
 *
 * Polled as PollingSource says. A refused connection, an HTTP error status or a body that is
 * not a report shows as Error and the next poll waits longer; the first good answer makes the
 * source Live again. A report with the same collection
 * time as the previous one is not delivered twice.
 *
 * Not thread-safe (GUI thread).
 */
class HttpSource : public PollingSource
{
    Q_OBJECT
public:
    /// `url` must be an http:// or https:// URL with a host (see SourceFactory).
    explicit HttpSource(const QUrl &url, QObject *parent = nullptr);

    Kind kind() const override { return Kind::Http; }

    /// The URL requested: url() with the default path filled in and the query removed.
    QUrl reportUrl() const { return m_reportUrl; }

protected:
    void poll() override;
    QString connectingMessage() const override;
    void handleReply(QNetworkReply *reply) override;
    void reset() override { m_lastTime = -1; }

private:
    QUrl m_reportUrl;
    double m_lastTime = -1;
};

} // namespace dashboard
