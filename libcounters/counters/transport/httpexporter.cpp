// SPDX-License-Identifier: MIT
#include "httpexporter.h"

#include "httpexporter_p.h"
#include "httpserver_p.h"
#include "threadhandover_p.h"
#include "transportlogging_p.h"

#include <counters/format/jsoncodec.h>
#include <counters/format/prometheusencoder.h>

#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

namespace counters {

namespace {

using detail::HttpResponse;

const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");
constexpr std::chrono::milliseconds kDefaultRequestTimeout{60'000};

HttpResponse plain(int status, const QByteArray &body, HttpHeaders headers = {})
{
    return {status, kPlainText, body, std::move(headers)};
}

} // namespace

HttpRoute routeHttpRequest(const HttpRequest &request)
{
    HttpRoute route;
    const QString &path = request.path;
    if (path == u"/metrics")
        route.page = HttpRoute::Page::Metrics;
    else if (path == u"/report.json")
        route.page = HttpRoute::Page::Report;
    else if (path == u"/healthz")
        route.page = HttpRoute::Page::Health;
    else if (path == u"/")
        route.page = HttpRoute::Page::Index;
    else
        return route;
    if (request.method != "GET" && request.method != "HEAD")
        route.page = HttpRoute::Page::MethodNotAllowed;
    else if (route.page == HttpRoute::Page::Metrics)
        route.format = PrometheusEncoder::negotiate(request.header("Accept"));
    return route;
}

class HttpExporter::Private
{
public:
    // The encoded answers of one snapshot, kept until the next report or a change of the
    // encoder's settings, so that several scrapers of one report cost one encoding each.
    struct Cache
    {
        quint64 generation = 0;
        QByteArray text;
        QByteArray openMetrics;
        QByteArray json;
    };

    template <typename Function>
    void runInWorker(Function &&function)
    {
        Q_ASSERT(QThread::currentThread() != &thread);
        detail::invokeInThread(context, std::forward<Function>(function),
                               Qt::BlockingQueuedConnection);
    }

    // Worker thread only.
    bool doListen(const QHostAddress &address, quint16 port, QString *error);
    void doClose();
    HttpResponse handle(const HttpRequest &request);
    const Cache &cache();
    void warnAboutRenames(const QList<PrometheusEncoder::Family> &families);

    QThread thread;
    QObject *context = nullptr; ///< Lives in `thread`; parent of the server.
    detail::HttpServer *server = nullptr;
    Cache cached;
    QSet<QString> warnedRenames; ///< counter + '\n' + wanted name: each warned about once

    mutable std::mutex mutex; // guards the members from here to listenError
    Snapshot latest;
    PrometheusEncoder encoder;
    quint64 generation = 1; ///< Bumped by each report and each change of `encoder`.
    QHostAddress boundAddress;
    quint16 boundPort = 0;
    QString listenError;

    std::atomic<quint64> requests{0}; // lock-free
    std::atomic<qint64> requestTimeoutMs{kDefaultRequestTimeout.count()};
};

bool HttpExporter::Private::doListen(const QHostAddress &address, quint16 port, QString *error)
{
    if (server) {
        *error = QStringLiteral("already serving on %1:%2")
                     .arg(server->serverAddress().toString())
                     .arg(server->serverPort());
        return false;
    }
    auto candidate = std::make_unique<detail::HttpServer>(
        [this](const HttpRequest &request) { return handle(request); }, &requestTimeoutMs, context);
    if (!candidate->listen(address, port, error))
        return false;
    server = candidate.release();
    const std::lock_guard<std::mutex> lock(mutex);
    boundAddress = server->serverAddress();
    boundPort = server->serverPort();
    qCDebug(lcTransport, "HTTP exporter serves on %ls:%u", qUtf16Printable(boundAddress.toString()),
            unsigned(boundPort));
    return true;
}

void HttpExporter::Private::doClose()
{
    delete server; // with the open connections
    server = nullptr;
    cached = Cache();
    const std::lock_guard<std::mutex> lock(mutex);
    boundAddress = QHostAddress();
    boundPort = 0;
}

const HttpExporter::Private::Cache &HttpExporter::Private::cache()
{
    Snapshot snapshot;
    PrometheusEncoder settings;
    quint64 current = 0;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        current = generation;
        if (current == cached.generation)
            return cached;
        snapshot = latest;
        settings = encoder;
    }
    // Encoded outside the lock: a report arriving meanwhile only bumps the generation.
    cached.generation = current;
    const QList<PrometheusEncoder::Family> families = settings.families(snapshot);
    warnAboutRenames(families);
    cached.text = settings.encode(families, PrometheusEncoder::Format::Text);
    cached.openMetrics = settings.encode(families, PrometheusEncoder::Format::OpenMetrics);
    cached.json = snapshot.isNull() ? QByteArray() : JsonCodec::toJson(snapshot);
    return cached;
}

// A series that had to take another name than its own may be one an alert or a dashboard
// depends on, and the name moves whenever a counter is added that wants it: say so, naming
// both counters, once per series (remembering at most 4,096 of them).
void HttpExporter::Private::warnAboutRenames(const QList<PrometheusEncoder::Family> &families)
{
    for (const PrometheusEncoder::Family &family : families) {
        if (family.wantedName.isEmpty() || warnedRenames.size() >= 4096)
            continue;
        const QString key = family.counter + QLatin1Char('\n') + family.wantedName;
        if (warnedRenames.contains(key))
            continue;
        warnedRenames.insert(key);
        const QString holder = family.wantedNameHolder.isEmpty()
            ? QStringLiteral("the exporter's own series")
            : QStringLiteral("counter \"%1\"").arg(family.wantedNameHolder);
        qCWarning(lcTransport,
                  "HTTP exporter: counter \"%ls\" would export %ls, which clashes with a series "
                  "of %ls; it is exported as %ls instead, and may move again as counters come "
                  "and go: rename one of the two counters",
                  qUtf16Printable(family.counter), qUtf16Printable(family.wantedName),
                  qUtf16Printable(holder), qUtf16Printable(family.name));
    }
}

HttpResponse HttpExporter::Private::handle(const HttpRequest &request)
{
    requests.fetch_add(1, std::memory_order_relaxed);
    const HttpRoute route = routeHttpRequest(request);
    switch (route.page) {
    case HttpRoute::Page::NotFound:
        return plain(404, QByteArrayLiteral("not found; try /metrics, /report.json or /healthz\n"));
    case HttpRoute::Page::MethodNotAllowed:
        return plain(405, QByteArrayLiteral("method not allowed; use GET or HEAD\n"),
                     {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")}});
    case HttpRoute::Page::Metrics: {
        const Cache &answers = cache();
        const bool openMetrics = route.format == PrometheusEncoder::Format::OpenMetrics;
        return {200,
                PrometheusEncoder::contentType(route.format),
                openMetrics ? answers.openMetrics : answers.text,
                {{QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept")}}};
    }
    case HttpRoute::Page::Report: {
        const Cache &answers = cache();
        if (answers.json.isEmpty()) {
            return plain(503, QByteArrayLiteral("no report yet\n"),
                         {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}});
        }
        return {200, QByteArrayLiteral("application/json"), answers.json, {}};
    }
    case HttpRoute::Page::Health:
        return plain(200, QByteArrayLiteral("ok\n"));
    case HttpRoute::Page::Index:
        break;
    }
    return plain(200,
                 QByteArrayLiteral("Counters HTTP exporter\n"
                                   "/metrics      Prometheus text format 0.0.4 or "
                                   "OpenMetrics 1.0.0 (by Accept)\n"
                                   "/report.json  the JSON report\n"
                                   "/healthz      liveness\n"));
}

HttpExporter::HttpExporter(QObject *parent) : Reporter(parent), d(std::make_unique<Private>())
{
    d->thread.setObjectName(QStringLiteral("counters-http"));
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    d->thread.start();
}

HttpExporter::~HttpExporter()
{
    d->runInWorker([this] { d->doClose(); });
    d->thread.quit();
    d->thread.wait();
    delete d->context;
}

bool HttpExporter::listen(const QHostAddress &address, quint16 port)
{
    bool ok = false;
    QString error;
    d->runInWorker([&] { ok = d->doListen(address, port, &error); });
    const std::lock_guard<std::mutex> lock(d->mutex);
    d->listenError = ok ? QString() : error;
    return ok;
}

void HttpExporter::close()
{
    d->runInWorker([this] { d->doClose(); });
}

bool HttpExporter::isListening() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->boundPort != 0;
}

quint16 HttpExporter::serverPort() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->boundPort;
}

QHostAddress HttpExporter::serverAddress() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->boundAddress;
}

QString HttpExporter::listenErrorString() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->listenError;
}

void HttpExporter::setNamePrefix(const QString &prefix)
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    d->encoder.setNamePrefix(prefix);
    ++d->generation;
}

QString HttpExporter::namePrefix() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->encoder.namePrefix();
}

bool HttpExporter::setConstantLabels(const QMap<QString, QString> &labels, QString *error)
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    if (!d->encoder.setConstantLabels(labels, error))
        return false;
    ++d->generation;
    return true;
}

QMap<QString, QString> HttpExporter::constantLabels() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->encoder.constantLabels();
}

Snapshot HttpExporter::latestSnapshot() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->latest;
}

void HttpExporter::setRequestTimeout(Seconds timeout)
{
    Q_ASSERT(timeout >= std::chrono::milliseconds(1));
    d->requestTimeoutMs.store(
        std::max<qint64>(1, std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()),
        std::memory_order_relaxed);
}

Seconds HttpExporter::requestTimeout() const
{
    return std::chrono::milliseconds(d->requestTimeoutMs.load(std::memory_order_relaxed));
}

quint64 HttpExporter::requestCount() const
{
    return d->requests.load(std::memory_order_relaxed);
}

bool HttpExporter::write(const Snapshot &snapshot, QString *error)
{
    Q_UNUSED(error);
    const std::lock_guard<std::mutex> lock(d->mutex);
    d->latest = snapshot;
    ++d->generation;
    return true;
}

} // namespace counters
