// SPDX-License-Identifier: MIT
#include "httpsource.h"

#include "sourceslogging.h"

#include <counters/format/jsoncodec.h>

#include <QDateTime>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <cmath>

namespace dashboard {

namespace {

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
    // Named with the scheme: a leader and an HTTP endpoint may share a host.
    : PollingSource(
        url,
        url.scheme() + QStringLiteral("://") + url.host() + QLatin1Char(':')
            + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)),
        intervalOf(url), parent),
      m_reportUrl(reportUrlOf(url))
{
}

QString HttpSource::connectingMessage() const
{
    return tr("Requesting %1…").arg(m_reportUrl.toDisplayString());
}

void HttpSource::poll()
{
    QNetworkRequest request(m_reportUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    get(request);
}

void HttpSource::handleReply(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        failed(tr("Cannot fetch %1: %2").arg(m_reportUrl.toDisplayString(), reply->errorString()));
        return;
    }
    if (status != 200) {
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        failed(tr("%1 answered HTTP %2 %3")
                   .arg(m_reportUrl.toDisplayString())
                   .arg(status)
                   .arg(reason));
        return;
    }
    QString error;
    const std::optional<counters::Snapshot> snapshot =
        counters::JsonCodec::fromJson(reply->readAll(), &error);
    if (!snapshot) {
        failed(tr("%1 is not a report: %2").arg(m_reportUrl.toDisplayString(), error));
        return;
    }

    succeeded(tr("Polling every %1 s").arg(pollInterval() / 1000.0));
    // A report without a collection time (PyCounters) is dated by its arrival.
    if (snapshot->time() <= 0) {
        deliver(counters::Snapshot(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0,
                                   snapshot->source(), snapshot->rows(), snapshot->nodes()));
    } else if (snapshot->time() != m_lastTime) {
        m_lastTime = snapshot->time();
        deliver(*snapshot);
    }
}

} // namespace dashboard
