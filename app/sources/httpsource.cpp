// SPDX-License-Identifier: MIT
#include "httpsource.h"

#include "sourceslogging.h"

#include <counters/format/jsoncodec.h>

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <cmath>

namespace dashboard {

namespace {

constexpr int kMaxRetryMs = 30000;
constexpr qint64 kMaxBody = 64 * 1024 * 1024;

QUrl reportUrlOf(const QUrl &url)
{
    QUrl result = url;
    result.setQuery(QString());
    result.setFragment(QString());
    if (result.path().isEmpty() || result.path() == QLatin1String("/"))
        result.setPath(QStringLiteral("/report.json"));
    return result;
}

int intervalOf(const QUrl &url)
{
    bool ok = false;
    const double seconds = QUrlQuery(url).queryItemValue(QStringLiteral("interval")).toDouble(&ok);
    return ok && std::isfinite(seconds) && seconds > 0 ? int(std::max(50.0, seconds * 1000)) : 1000;
}

} // namespace

HttpSource::HttpSource(const QUrl &url, QObject *parent)
    : Source(url, url.host() + QLatin1Char(':') + QString::number(url.port(80)), parent),
      m_network(new QNetworkAccessManager(this)),
      m_backoff(1000, kMaxRetryMs),
      m_reportUrl(reportUrlOf(url)),
      m_intervalMs(intervalOf(url))
{
    m_backoff = Backoff(m_intervalMs, kMaxRetryMs);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpSource::poll);
    connect(m_network, &QNetworkAccessManager::finished, this, &HttpSource::onFinished);
}

HttpSource::~HttpSource()
{
    stop();
}

void HttpSource::setPollInterval(int ms)
{
    m_intervalMs = std::max(10, ms);
}

void HttpSource::setRetryDelays(int initialMs, int maximumMs)
{
    m_backoff = Backoff(initialMs, maximumMs);
}

void HttpSource::doStart()
{
    m_backoff.reset();
    m_lastTime = -1;
    setState(State::Connecting, tr("Requesting %1…").arg(m_reportUrl.toDisplayString()));
    poll();
}

void HttpSource::doStop()
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort(); // finished() arrives for it, and is ignored as no longer current
    }
}

void HttpSource::poll()
{
    if (!isStarted() || m_reply)
        return;
    QNetworkRequest request(m_reportUrl);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    m_reply = m_network->get(request);
}

void HttpSource::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return; // aborted by stop()
    m_reply = nullptr;
    if (!isStarted())
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        fail(tr("Cannot fetch %1: %2").arg(m_reportUrl.toDisplayString(), reply->errorString()));
        return;
    }
    if (status != 200) {
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        fail(tr("%1 answered HTTP %2 %3")
                 .arg(m_reportUrl.toDisplayString())
                 .arg(status)
                 .arg(reason));
        return;
    }
    if (reply->bytesAvailable() > kMaxBody) {
        fail(tr("%1 sent more than %2 MiB").arg(m_reportUrl.toDisplayString()).arg(kMaxBody >> 20));
        return;
    }
    QString error;
    const std::optional<counters::Snapshot> snapshot =
        counters::JsonCodec::fromJson(reply->readAll(), &error);
    if (!snapshot) {
        fail(tr("%1 is not a report: %2").arg(m_reportUrl.toDisplayString(), error));
        return;
    }

    m_backoff.reset();
    setState(State::Live, tr("Polling every %1 s").arg(m_intervalMs / 1000.0));
    // A report without a collection time (PyCounters) is dated by its arrival.
    counters::Snapshot dated = *snapshot;
    if (dated.time() <= 0) {
        dated = counters::Snapshot(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0,
                                   snapshot->source(), snapshot->rows(), snapshot->nodes());
        deliver(dated);
    } else if (dated.time() != m_lastTime) {
        m_lastTime = dated.time();
        deliver(dated);
    }
    m_timer.start(m_intervalMs);
}

void HttpSource::fail(const QString &message)
{
    setState(State::Error, message);
    m_timer.start(m_backoff.next());
}

} // namespace dashboard
