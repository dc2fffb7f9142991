// SPDX-License-Identifier: MIT
#include "networkaccessmetrics.h"

#include "integration_p.h"

#include <counters/base/clock.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/family.h>
#include <counters/counter/percentilewindowcounter.h>

#include <QChildEvent>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace counters {

class NetworkAccessMetrics::Private
{
public:
    Private(const QString &prefix, Registry &registry)
        : requestTime(prefix + QStringLiteral("_request_time"),
                      {QStringLiteral("host"), QStringLiteral("method"), QStringLiteral("status")},
                      &detail::secondsPercentiles, registry),
          errors(prefix + QStringLiteral("_errors"),
                 {QStringLiteral("host"), QStringLiteral("error")}, registry)
    {
    }

    /// The series of these labels: the last one's again when they repeat (a client mostly
    /// asks one host the same way), else the family's.
    Event seriesOf(const QString &host, QStringView method, QStringView status)
    {
        if (!(lastSeries && host == lastHost && method == lastMethod && status == lastStatus)) {
            lastSeries = requestTime.with({QStringView(host), method, status});
            lastHost = host;
            lastMethod = method.toString();
            lastStatus = status.toString();
        }
        return *lastSeries;
    }

    Family<PercentileWindowCounter> requestTime;
    Family<EventCounter> errors;
    /// When each reply in progress was made (Clock::system()'s precise time). Few are in
    /// flight at once: a scan from the newest beats hashing.
    std::vector<std::pair<const QObject *, qint64>> started;
    std::optional<Event> lastSeries;
    QString lastHost;
    QString lastMethod;
    QString lastStatus;

    auto find(const QObject *object)
    {
        return std::find_if(started.rbegin(), started.rend(),
                            [object](const auto &entry) { return entry.first == object; });
    }
    void erase(std::vector<std::pair<const QObject *, qint64>>::reverse_iterator it)
    {
        *it = started.back();
        started.pop_back();
    }
};

namespace {

// The method's label; a custom verb's is kept in `custom`.
QStringView methodOf(const QNetworkReply *reply, QString &custom)
{
    switch (reply->operation()) {
    case QNetworkAccessManager::HeadOperation:
        return u"HEAD";
    case QNetworkAccessManager::GetOperation:
        return u"GET";
    case QNetworkAccessManager::PutOperation:
        return u"PUT";
    case QNetworkAccessManager::PostOperation:
        return u"POST";
    case QNetworkAccessManager::DeleteOperation:
        return u"DELETE";
    case QNetworkAccessManager::CustomOperation:
        custom = QString::fromLatin1(
            reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray());
        return custom;
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return u"OTHER";
}

} // namespace

NetworkAccessMetrics::NetworkAccessMetrics(QNetworkAccessManager *manager, const QString &prefix,
                                           Registry &registry)
    : QObject(manager), d(std::make_unique<Private>(prefix, registry))
{
    manager->installEventFilter(this);
    connect(manager, &QNetworkAccessManager::finished, this, &NetworkAccessMetrics::finished);
}

NetworkAccessMetrics::~NetworkAccessMetrics() = default;

bool NetworkAccessMetrics::isValid() const
{
    return d->requestTime.isValid() && d->errors.isValid();
}

QString NetworkAccessMetrics::errorString() const
{
    for (const FamilyBase *family : {static_cast<const FamilyBase *>(&d->requestTime),
                                     static_cast<const FamilyBase *>(&d->errors)}) {
        if (!family->isValid())
            return family->name() + u": " + family->errorString();
    }
    return QString();
}

bool NetworkAccessMetrics::eventFilter(QObject *watched, QEvent *event)
{
    // The manager makes each reply as its child: the child is announced while its constructor
    // runs, so only its address is kept here. finished() takes it out, or, for a child that is
    // no reply or never finishes, its removal from the manager's children.
    switch (event->type()) {
    case QEvent::ChildAdded:
        d->started.emplace_back(static_cast<QChildEvent *>(event)->child(),
                                Clock::system()->preciseNanoseconds());
        break;
    case QEvent::ChildRemoved:
        if (const auto it = d->find(static_cast<QChildEvent *>(event)->child());
            it != d->started.rend())
            d->erase(it);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void NetworkAccessMetrics::finished(QNetworkReply *reply)
{
    const auto it = d->find(reply);
    if (it == d->started.rend())
        return; // made before the metrics were
    const double seconds = double(Clock::system()->preciseNanoseconds() - it->second) / 1e9;
    d->erase(it);
    const QString host = reply->url().host();
    QString customMethod;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    d->seriesOf(host, methodOf(reply, customMethod),
                status.isValid()                               ? detail::statusText(status.toInt())
                    : reply->error() == QNetworkReply::NoError ? QStringView(u"none")
                                                               : QStringView(u"error"))
        .value(seconds);
    if (reply->error() != QNetworkReply::NoError) {
        const char *name =
            QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(reply->error());
        d->errors
            .with(
                {QStringView(host), QStringView(QString::fromLatin1(name ? name : "UnknownError"))})
            .end();
    }
}

} // namespace counters
