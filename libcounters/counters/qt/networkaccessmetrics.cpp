// SPDX-License-Identifier: MIT
#include "networkaccessmetrics.h"

#include <counters/base/clock.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/family.h>
#include <counters/counter/percentilewindowcounter.h>

#include <QChildEvent>
#include <QHash>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace counters {

class NetworkAccessMetrics::Private
{
public:
    Private(const QString &prefix, Registry &registry)
        : requestTime(
            prefix + QStringLiteral("_request_time"),
            {QStringLiteral("host"), QStringLiteral("method"), QStringLiteral("status")},
            [](const QString &series) {
                auto counter = std::make_shared<PercentileWindowCounter>(series);
                counter->setUnit(Unit::Second);
                return counter;
            },
            registry),
          errors(prefix + QStringLiteral("_errors"),
                 {QStringLiteral("host"), QStringLiteral("error")}, registry)
    {
    }

    Family<PercentileWindowCounter> requestTime;
    Family<EventCounter> errors;
    /// When each reply in progress was made (Clock::system()'s precise time).
    QHash<const QObject *, qint64> started;
};

namespace {

QString methodOf(const QNetworkReply *reply)
{
    switch (reply->operation()) {
    case QNetworkAccessManager::HeadOperation:
        return QStringLiteral("HEAD");
    case QNetworkAccessManager::GetOperation:
        return QStringLiteral("GET");
    case QNetworkAccessManager::PutOperation:
        return QStringLiteral("PUT");
    case QNetworkAccessManager::PostOperation:
        return QStringLiteral("POST");
    case QNetworkAccessManager::DeleteOperation:
        return QStringLiteral("DELETE");
    case QNetworkAccessManager::CustomOperation:
        return QString::fromLatin1(
            reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray());
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return QStringLiteral("OTHER");
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
    // runs, so only its address is kept here (finished() or destroyed() removes it).
    if (event->type() == QEvent::ChildAdded) {
        QObject *child = static_cast<QChildEvent *>(event)->child();
        if (!d->started.contains(child)) {
            d->started.insert(child, Clock::system()->preciseNanoseconds());
            connect(child, &QObject::destroyed, this,
                    [this](QObject *gone) { d->started.remove(gone); });
        }
    }
    return QObject::eventFilter(watched, event);
}

void NetworkAccessMetrics::finished(QNetworkReply *reply)
{
    const auto it = d->started.constFind(reply);
    if (it == d->started.cend())
        return; // made before the metrics were
    const double seconds = double(Clock::system()->preciseNanoseconds() - it.value()) / 1e9;
    d->started.erase(it);
    const QString host = reply->url().host();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QString statusText =
        status.isValid() ? QString::number(status.toInt()) : QStringLiteral("error");
    d->requestTime.with({QStringView(host), QStringView(methodOf(reply)), QStringView(statusText)})
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
