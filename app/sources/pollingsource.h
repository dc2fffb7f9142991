// SPDX-License-Identifier: MIT
#pragma once

#include "backoff.h"
#include "source.h"

#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
QT_END_NAMESPACE

namespace dashboard {

/**
 * A source that asks an HTTP server again and again (HttpSource, PrometheusSource): one GET
 * in flight at a time, each with a timeout; after a good answer the next poll comes one
 * interval later, after a failure later and later (Backoff from the interval up to 30 s).
 *
 * Subclasses send their requests in poll() with get(), read each answer in handleReply(),
 * and end every answer with succeeded() (Live, next poll after the interval), failed()
 * (Error, retry after the backoff) or by calling poll() again at once. Answers of stopped
 * sources, aborted requests and bodies over 64 MiB (a failure) never reach handleReply().
 *
 * Not thread-safe (GUI thread).
 */
class PollingSource : public Source
{
    Q_OBJECT
public:
    ~PollingSource() override;

    int pollInterval() const { return m_intervalMs; }
    void setPollInterval(int ms);
    /// Milliseconds a request may go without receiving anything (default 5000); its whole
    /// answer must arrive within six times as long.
    void setRequestTimeout(int ms) { m_timeoutMs = ms; }
    /// Delays after failures (default: the poll interval doubling up to 30 s).
    void setRetryDelays(int initialMs, int maximumMs);

protected:
    PollingSource(const QUrl &url, const QString &name, int intervalMs, QObject *parent);

    /// Called by doStart() after the backoff was reset and the state set to Connecting with
    /// `connectingMessage()`; also when the timer fires. Sends the next request with get().
    virtual void poll() = 0;
    virtual QString connectingMessage() const = 0;
    /// The answer to the request in flight; it is deleted later.
    virtual void handleReply(QNetworkReply *reply) = 0;
    /// Called on start, before the first poll: forget what the previous run saw.
    virtual void reset() { }

    /// Sends `request` as a GET with the timeout; ignored while another is in flight.
    void get(QNetworkRequest request);
    /// The answer was good: Live with `message`, next poll after the interval.
    void succeeded(const QString &message);
    /// The answer was not: Error with `message`, next poll after the backoff.
    void failed(const QString &message);

    void doStart() final;
    void doStop() final;

private:
    void onFinished(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    Backoff m_backoff;
    int m_intervalMs;
    int m_timeoutMs = 5000;
    bool m_tooLarge = false; ///< the request in flight was aborted for its size
    bool m_tooSlow = false;  ///< the request in flight was aborted at its total deadline
};

} // namespace dashboard
