// SPDX-License-Identifier: MIT
#include "httpservermetrics.h"

#include "integration_p.h"

#include <counters/base/clock.h>
#include <counters/counter/family.h>
#include <counters/counter/percentilewindowcounter.h>

#include <QFutureInterface>
#include <QFutureWatcher>

#include <array>

namespace counters {

namespace {

QStringView methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET";
    case QHttpServerRequest::Method::Put:
        return u"PUT";
    case QHttpServerRequest::Method::Delete:
        return u"DELETE";
    case QHttpServerRequest::Method::Post:
        return u"POST";
    case QHttpServerRequest::Method::Head:
        return u"HEAD";
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return u"PATCH";
    case QHttpServerRequest::Method::Connect:
        return u"CONNECT";
    case QHttpServerRequest::Method::Trace:
        return u"TRACE";
    default:
        return u"OTHER";
    }
}

} // namespace

namespace detail {

class HttpRequestRecorder::Private
{
public:
    Private(const QString &name, Registry &registry)
        : family(name,
                 {QStringLiteral("route"), QStringLiteral("method"), QStringLiteral("status")},
                 &secondsPercentiles, registry)
    {
    }

    Family<PercentileWindowCounter> family;
};

HttpRequestRecorder::HttpRequestRecorder(const QString &family, Registry &registry)
    : d(std::make_unique<Private>(family, registry))
{
}

HttpRequestRecorder::~HttpRequestRecorder() = default;

bool HttpRequestRecorder::isValid() const
{
    return d->family.isValid();
}

QString HttpRequestRecorder::errorString() const
{
    return d->family.isValid() ? QString() : d->family.name() + u": " + d->family.errorString();
}

qint64 HttpRequestRecorder::now() noexcept
{
    return Clock::system()->preciseNanoseconds();
}

void HttpRequestRecorder::record(const QString &route, QHttpServerRequest::Method method,
                                 int status, qint64 startNs) const noexcept
{
    const double seconds = double(now() - startNs) / 1e9;
    d->family.with({QStringView(route), methodName(method), detail::statusText(status)})
        .value(seconds);
}

QFuture<QHttpServerResponse> followResponse(std::shared_ptr<const HttpRequestRecorder> recorder,
                                            QFuture<QHttpServerResponse> response,
                                            const QString &route, QHttpServerRequest::Method method,
                                            qint64 startNs)
{
    // A QFutureInterface, not a QPromise: QHttpServer takes the result out of the future it
    // gets, which in Qt 6.4 resets its state, and a QPromise destroyed after that runs
    // QHttpServer's continuation a second time (a crash).
    QFutureInterface<QHttpServerResponse> followed;
    followed.reportStarted();
    auto *watcher = new QFutureWatcher<QHttpServerResponse>;
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, followed, recorder, route, method, startNs]() mutable {
                         QFuture<QHttpServerResponse> done = watcher->future();
                         // A future that failed or was cancelled answers nothing, as it would
                         // have without the metrics; its time is recorded with the status 0
                         // ("other").
                         if (!done.isCanceled() && done.resultCount() > 0) {
                             QHttpServerResponse answer = done.takeResult();
                             recorder->record(route, method, int(answer.statusCode()), startNs);
                             followed.reportAndMoveResult(std::move(answer));
                         } else {
                             recorder->record(route, method, 0, startNs);
                             followed.reportCanceled();
                         }
                         followed.reportFinished();
                         watcher->deleteLater();
                     });
    watcher->setFuture(std::move(response));
    return followed.future();
}

} // namespace detail

HttpServerMetrics::HttpServerMetrics(QHttpServer *server, const QString &family, Registry &registry)
    : m_server(server), m_recorder(std::make_shared<detail::HttpRequestRecorder>(family, registry))
{
}

HttpServerMetrics::~HttpServerMetrics() = default;

bool HttpServerMetrics::isValid() const
{
    return m_recorder->isValid();
}

QString HttpServerMetrics::errorString() const
{
    return m_recorder->errorString();
}

} // namespace counters
