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

namespace {

// What a reply's status label says when no HTTP status came.
constexpr int kNoStatus = -1; // finished without error: a local file, data: or qrc: URL
constexpr int kFailed = -2;   // failed before a status came: refused, timed out...

QByteArray customVerb(const QNetworkReply *reply)
{
    return reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
}

QString methodOf(QNetworkAccessManager::Operation operation, const QByteArray &verb)
{
    switch (operation) {
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
        return QString::fromLatin1(verb);
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return QStringLiteral("OTHER");
}

QStringView statusLabel(int status)
{
    switch (status) {
    case kNoStatus:
        return u"none";
    case kFailed:
        return u"error";
    default:
        return detail::statusText(status);
    }
}

} // namespace

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

    /// The series of a reply's labels. A client mostly asks one host the same way, so the
    /// last series is kept with what it was made of, compared as numbers before the host, and
    /// the label texts are only made for a new series.
    Event seriesOf(const QNetworkReply *reply, const QString &host, int status)
    {
        const QNetworkAccessManager::Operation operation = reply->operation();
        const bool custom = operation == QNetworkAccessManager::CustomOperation;
        const QByteArray verb = custom ? customVerb(reply) : QByteArray();
        if (!(lastSeries && status == lastStatus && operation == lastOperation
              && QStringView(host) == lastHost && (!custom || verb == lastVerb))) {
            lastSeries = requestTime.with(
                {QStringView(host), methodOf(operation, verb), statusLabel(status)});
            lastStatus = status;
            lastOperation = operation;
            lastHost = host;
            lastVerb = verb;
        }
        return *lastSeries;
    }

    Family<PercentileWindowCounter> requestTime;
    Family<EventCounter> errors;
    const Clock *clock = Clock::system();
    /// When each reply in progress was made (the clock's precise time). Few are in
    /// flight at once: a scan from the newest beats hashing.
    std::vector<std::pair<const QObject *, qint64>> started;
    std::optional<Event> lastSeries;
    int lastStatus = 0;
    QNetworkAccessManager::Operation lastOperation = QNetworkAccessManager::UnknownOperation;
    QString lastHost;
    QByteArray lastVerb;

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
                                d->clock->preciseNanoseconds());
        break;
    case QEvent::ChildRemoved:
        if (const auto it = d->find(static_cast<QChildEvent *>(event)->child());
            it != d->started.rend())
            d->erase(it);
        break;
    default:
        break;
    }
    Q_UNUSED(watched);
    return false; // what QObject::eventFilter() returns: the manager gets every event
}

void NetworkAccessMetrics::finished(QNetworkReply *reply)
{
    const auto it = d->find(reply);
    if (it == d->started.rend())
        return; // made before the metrics were
    const double seconds = double(d->clock->preciseNanoseconds() - it->second) / 1e9;
    d->erase(it);
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant statusCode = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusCode.isValid() ? statusCode.toInt()
        : error == QNetworkReply::NoError   ? kNoStatus
                                            : kFailed;
    // A URL without a host (file:, data:, qrc:) is labelled by its scheme.
    const QUrl url = reply->url();
    QString host = url.host();
    if (host.isEmpty())
        host = url.scheme();
    d->seriesOf(reply, host, status).value(seconds);
    if (error != QNetworkReply::NoError) {
        const char *name = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(error);
        d->errors
            .with(
                {QStringView(host), QStringView(QString::fromLatin1(name ? name : "UnknownError"))})
            .end();
    }
}

} // namespace counters
