// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/registry.h>
#include <counters/counters_qt_export.h>

#include <QFuture>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QString>

#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace counters {

namespace detail {

/// Records one request of a route into the family of an HttpServerMetrics.
class COUNTERS_QT_EXPORT HttpRequestRecorder
{
public:
    HttpRequestRecorder(const QString &family, Registry &registry);
    ~HttpRequestRecorder();
    bool isValid() const;
    QString errorString() const;
    /// The request began at `startNs` (Clock::system()'s precise time) and ends now.
    void record(const QString &route, QHttpServerRequest::Method method, int status,
                qint64 startNs) const noexcept;
    static qint64 now() noexcept;

private:
    class Private;
    std::unique_ptr<Private> d;
};

// The signature of a handler: a lambda's or functor's call operator, or a function.
template <typename T>
struct HandlerTraits : HandlerTraits<decltype(&std::decay_t<T>::operator())>
{
};
template <typename R, typename C, typename... A>
struct HandlerTraits<R (C::*)(A...) const>
{
    using Return = R;
    using Args = std::tuple<A...>;
};
template <typename R, typename C, typename... A>
struct HandlerTraits<R (C::*)(A...)> : HandlerTraits<R (C::*)(A...) const>
{
};
template <typename R, typename C, typename... A>
struct HandlerTraits<R (C::*)(A...) const noexcept> : HandlerTraits<R (C::*)(A...) const>
{
};
template <typename R, typename C, typename... A>
struct HandlerTraits<R (C::*)(A...) noexcept> : HandlerTraits<R (C::*)(A...) const>
{
};
template <typename R, typename... A>
struct HandlerTraits<R (*)(A...)>
{
    using Return = R;
    using Args = std::tuple<A...>;
};
template <typename R, typename... A>
struct HandlerTraits<R (*)(A...) noexcept> : HandlerTraits<R (*)(A...)>
{
};
template <typename R, typename... A>
struct HandlerTraits<R(A...)> : HandlerTraits<R (*)(A...)>
{
};
template <typename R, typename... A>
struct HandlerTraits<R(A...) noexcept> : HandlerTraits<R (*)(A...)>
{
};

template <typename T>
struct IsFuture : std::false_type
{
};
template <typename T>
struct IsFuture<QFuture<T>> : std::true_type
{
};

// The request among a handler's arguments (there is exactly one when this is called).
template <typename First, typename... Rest>
const QHttpServerRequest &requestAmong(First &&first, Rest &&...rest)
{
    if constexpr (std::is_same_v<std::decay_t<First>, QHttpServerRequest>)
        return first;
    else
        return requestAmong(std::forward<Rest>(rest)...);
}

/**
 * A future of `response` that is finished, in the calling thread (which must run an event
 * loop), once the request is recorded. Not a continuation: in Qt 6.4, a continuation of a
 * QPromise's future of a move-only result crashes when QHttpServer continues it in turn.
 */
COUNTERS_QT_EXPORT QFuture<QHttpServerResponse> followResponse(
    std::shared_ptr<const HttpRequestRecorder> recorder, QFuture<QHttpServerResponse> response,
    const QString &route, QHttpServerRequest::Method method, qint64 startNs);

// Runs `handler`, and records the request when its response is there: at once, or when the
// future it returned finishes.
template <typename Return, typename Handler, typename... A>
auto respond(const std::shared_ptr<const HttpRequestRecorder> &recorder, const QString &route,
             QHttpServerRequest::Method method, const Handler &handler, A &&...args)
{
    const qint64 start = HttpRequestRecorder::now();
    if constexpr (IsFuture<Return>::value) {
        return followResponse(recorder, handler(std::forward<A>(args)...), route, method, start);
    } else {
        QHttpServerResponse response(handler(std::forward<A>(args)...));
        recorder->record(route, method, int(response.statusCode()), start);
        return response;
    }
}

// A handler with the arguments of `Handler` (plus the request, when it does not take it), so
// that QHttpServer reads the same URL arguments from it.
template <typename Handler, typename... A>
auto timedHandler(std::shared_ptr<const HttpRequestRecorder> recorder, QString route,
                  Handler handler, std::tuple<A...> *)
{
    using Return = decltype(std::declval<const Handler &>()(std::declval<A>()...));
    static_assert(IsFuture<Return>::value || std::is_constructible_v<QHttpServerResponse, Return>,
                  "HttpServerMetrics::route(): the handler must return a response (or something "
                  "a QHttpServerResponse is made of: QString, QJsonObject, a status code…) or a "
                  "QFuture<QHttpServerResponse>; handlers that answer through a "
                  "QHttpServerResponder cannot be timed");
    constexpr bool takesRequest = (std::is_same_v<std::decay_t<A>, QHttpServerRequest> || ...);
    if constexpr (takesRequest) {
        return [recorder = std::move(recorder), route = std::move(route),
                handler = std::move(handler)](A... args) {
            const QHttpServerRequest::Method method = requestAmong(args...).method();
            return respond<Return>(recorder, route, method, handler, std::forward<A>(args)...);
        };
    } else {
        return [recorder = std::move(recorder), route = std::move(route),
                handler = std::move(handler)](A... args, const QHttpServerRequest &request) {
            return respond<Return>(recorder, route, request.method(), handler,
                                   std::forward<A>(args)...);
        };
    }
}

} // namespace detail

/**
 * Times every request of the routes of a QHttpServer registered through it, from the call of
 * the route's handler to its response (for a handler that returns a QFuture, to when the
 * future finishes), into a labelled family of PercentileWindowCounters in seconds, by default
 * `http_request_time` with the labels `route` (the path pattern, so that `/items/<arg>` is one
 * series for every item), `method` ("GET") and `status` ("200"):
 *
 *     QHttpServer server;
 *     counters::HttpServerMetrics metrics(&server);
 *     metrics.route("/items/<arg>", QHttpServerRequest::Method::Get, [](int id) {
 *         return QJsonObject{{"id", id}};
 *     });
 *
 * route() takes what QHttpServer::route() takes (Qt 6.4 to 6.8): URL arguments, optionally the
 * request, and a handler that returns a QHttpServerResponse, anything one is made of (QString,
 * QJsonObject, a status code…) or a QFuture<QHttpServerResponse>. A handler that answers
 * through a QHttpServerResponder cannot be timed (a compile error says so). Handlers must be
 * lambdas, functors or functions with one call signature (not generic lambdas).
 *
 * Qt 6.4's QHttpServer itself cannot answer a future that finishes after the handler returned:
 * it answers through a reference to the request, which is gone by then, and crashes sooner or
 * later under load, with or without these metrics. On Qt 6.4, answer from the handler (wait for
 * the work there). The tests time futures on Qt 6.8.
 *
 * Cost: two reads of the clock, the series' lookup and a percentile counter's record, about
 * 150 ns per request (see README, Performance). The family's series limit bounds what clients
 * can make of unknown routes and statuses. Registered routes keep the family alive.
 */
class COUNTERS_QT_EXPORT HttpServerMetrics
{
public:
    explicit HttpServerMetrics(QHttpServer *server,
                               const QString &family = QStringLiteral("http_request_time"),
                               Registry &registry = Registry::global());
    ~HttpServerMetrics();
    HttpServerMetrics(const HttpServerMetrics &) = delete;
    HttpServerMetrics &operator=(const HttpServerMetrics &) = delete;

    /// False when the family could not be made (a family of that name exists in the registry
    /// already): routes then still work, untimed. errorString() says why.
    bool isValid() const;
    QString errorString() const;

    /// QHttpServer::route() with the handler timed; false when QHttpServer refused the rule.
    template <typename Handler>
    bool route(const QString &pathPattern, QHttpServerRequest::Methods methods, Handler &&handler)
    {
        return accepted(m_server->route(pathPattern, methods,
                                        timed(pathPattern, std::forward<Handler>(handler))));
    }
    template <typename Handler>
    bool route(const QString &pathPattern, Handler &&handler)
    {
        return accepted(
            m_server->route(pathPattern, timed(pathPattern, std::forward<Handler>(handler))));
    }

private:
    template <typename Handler>
    auto timed(const QString &pathPattern, Handler &&handler)
    {
        using Args =
            typename detail::HandlerTraits<std::remove_pointer_t<std::decay_t<Handler>>>::Args;
        return detail::timedHandler(m_recorder, pathPattern,
                                    std::decay_t<Handler>(std::forward<Handler>(handler)),
                                    static_cast<Args *>(nullptr));
    }
    // QHttpServer::route() returns bool up to Qt 6.7 and the rule (or nullptr) from Qt 6.8 on.
    static bool accepted(bool ok) { return ok; }
    template <typename Rule>
    static bool accepted(Rule *rule)
    {
        return rule != nullptr;
    }

    QHttpServer *m_server;
    std::shared_ptr<const detail::HttpRequestRecorder> m_recorder;
};

} // namespace counters
