// SPDX-License-Identifier: MIT
#include "pollingsource.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace dashboard {

namespace {

constexpr int kMaxRetryMs = 30000;
/// A report or an API answer larger than this is refused rather than parsed.
constexpr qint64 kMaxBody = 64 * 1024 * 1024;
/// An answer must be complete within this many request timeouts (30 s by default): the
/// transfer timeout alone restarts with every byte, so a server that trickles one byte a
/// second would keep the source waiting for ever.
constexpr int kTotalDeadlineTimeouts = 6;

} // namespace

PollingSource::PollingSource(const QUrl &url, const QString &name, int intervalMs, QObject *parent)
    : Source(url, name, parent),
      m_network(new QNetworkAccessManager(this)),
      m_backoff(intervalMs, kMaxRetryMs),
      m_intervalMs(intervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isStarted() && !m_reply)
            poll();
    });
    connect(m_network, &QNetworkAccessManager::finished, this, &PollingSource::onFinished);
}

PollingSource::~PollingSource()
{
    stop();
}

void PollingSource::setPollInterval(int ms)
{
    m_intervalMs = std::max(10, ms);
}

void PollingSource::setRetryDelays(int initialMs, int maximumMs)
{
    m_backoff = Backoff(initialMs, maximumMs);
}

void PollingSource::doStart()
{
    m_backoff.reset();
    reset();
    setState(State::Connecting, connectingMessage());
    poll();
}

void PollingSource::doStop()
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort(); // finished() arrives for it, and is ignored as no longer current
    }
}

void PollingSource::get(QNetworkRequest request)
{
    if (!isStarted() || m_reply)
        return;
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    m_reply = m_network->get(request);
    m_tooLarge = false;
    m_tooSlow = false;
    QTimer::singleShot(m_timeoutMs * kTotalDeadlineTimeouts, m_reply,
                       [this, reply = m_reply.data()] {
                           if (reply == m_reply) {
                               m_tooSlow = true;
                               reply->abort();
                           }
                       });
    // Cut an answer as soon as it is known to be too large (its Content-Length or what has
    // arrived), before it is all held in memory.
    const auto check = [this, reply = m_reply.data()] {
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (reply == m_reply && (announced > kMaxBody || reply->bytesAvailable() > kMaxBody)) {
            m_tooLarge = true;
            reply->abort();
        }
    };
    connect(m_reply, &QNetworkReply::metaDataChanged, this, check);
    connect(m_reply, &QNetworkReply::readyRead, this, check);
}

void PollingSource::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return; // aborted by stop()
    m_reply = nullptr;
    if (!isStarted())
        return;
    if (m_tooLarge) {
        failed(
            tr("%1 sent more than %2 MiB").arg(reply->url().toDisplayString()).arg(kMaxBody >> 20));
        return;
    }
    if (m_tooSlow) {
        failed(tr("%1 did not finish its answer within %2 s")
                   .arg(reply->url().toDisplayString())
                   .arg(m_timeoutMs * kTotalDeadlineTimeouts / 1000.0));
        return;
    }
    handleReply(reply);
}

void PollingSource::succeeded(const QString &message)
{
    m_backoff.reset();
    setState(State::Live, message);
    m_timer.start(m_intervalMs);
}

void PollingSource::failed(const QString &message)
{
    setState(State::Error, message);
    m_timer.start(m_backoff.next());
}

} // namespace dashboard
