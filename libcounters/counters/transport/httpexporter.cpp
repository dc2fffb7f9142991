// SPDX-License-Identifier: MIT
#include "httpexporter.h"

#include "httpexporter_p.h"
#include "threadhandover_p.h"
#include "transportlogging_p.h"

#include <counters/format/jsoncodec.h>
#include <counters/format/prometheusencoder.h>

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>

namespace counters {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");

// A client that does not read its answers is cut off once this much waits for it.
constexpr qint64 kMaxUnsentBytes = 4 * 1024 * 1024;
// The per-connection timer of the request deadline, a child of the socket.
const char kDeadlineTimerName[] = "counters-http-deadline";
constexpr std::chrono::milliseconds kDefaultRequestTimeout{60'000};

int toTimerMs(qint64 ms)
{
    return int(std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max()));
}

} // namespace

QByteArray httpHeaderValue(const HttpHeaders &headers, QByteArrayView name)
{
    // Header names are case-insensitive; Qt 6.4's lookup is not documented as such.
    QByteArray value;
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            if (!value.isEmpty())
                value += ',';
            value += header.second;
        }
    }
    return value;
}

HttpRoute routeHttpRequest(QStringView path, QHttpServerRequest::Method method,
                           const HttpHeaders &headers)
{
    HttpRoute route;
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
    if (method != Method::Get && method != Method::Head)
        route.page = HttpRoute::Page::MethodNotAllowed;
    else if (route.page == HttpRoute::Page::Metrics)
        route.format = PrometheusEncoder::negotiate(httpHeaderValue(headers, "Accept"));
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
    bool doListen(QAbstractHttpServer *candidate, const QHostAddress &address, quint16 port,
                  QString *error);
    void doClose();
    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);
    const Cache &cache();

    QThread thread;
    QObject *context = nullptr; ///< Lives in `thread`; parent of the server.
    QAbstractHttpServer *server = nullptr;
    QPointer<QTcpServer> tcpServer;
    Cache cached;

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

namespace {

// Arms the request deadline on every connection before QAbstractHttpServer takes it: Qt 6.4's
// HTTP server has no timeout of its own, so a client that never completes a request would keep
// its connection (and Qt's partial request buffer) for ever.
class DeadlineTcpServer final : public QTcpServer
{
public:
    explicit DeadlineTcpServer(const std::atomic<qint64> *timeoutMs) : m_timeoutMs(timeoutMs) { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto *timer = new QTimer(socket);
        timer->setObjectName(QLatin1String(kDeadlineTimerName));
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, timer] {
            qCInfo(lcTransport,
                   "HTTP exporter: closing the connection of %ls:%u: no complete "
                   "request within %d ms",
                   qUtf16Printable(socket->peerAddress().toString()), unsigned(socket->peerPort()),
                   timer->interval());
            socket->abort();
        });
        timer->start(toTimerMs(m_timeoutMs->load(std::memory_order_relaxed)));
        addPendingConnection(socket);
    }

private:
    const std::atomic<qint64> *m_timeoutMs;
};

// QAbstractHttpServer parses the requests; every request, whatever its path and method, is
// answered here, so that 404 and 405 are ours and carry the right headers.
class ExporterServer final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;

    ExporterServer(Handler handler, const std::atomic<qint64> *timeoutMs, QObject *parent)
        : QAbstractHttpServer(parent), m_handler(std::move(handler)), m_timeoutMs(timeoutMs)
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        if (socket->bytesToWrite() > kMaxUnsentBytes) {
            qCInfo(lcTransport,
                   "HTTP exporter: closing the connection of %ls:%u: it does not read its "
                   "answers (%lld bytes wait)",
                   qUtf16Printable(socket->peerAddress().toString()), unsigned(socket->peerPort()),
                   static_cast<long long>(socket->bytesToWrite()));
            // Not from inside Qt's request handling, which goes on using the socket.
            QMetaObject::invokeMethod(socket, &QTcpSocket::abort, Qt::QueuedConnection);
            return true;
        }
        // The next request has a deadline of its own.
        if (auto *timer = socket->findChild<QTimer *>(QLatin1String(kDeadlineTimerName),
                                                      Qt::FindDirectChildrenOnly)) {
            timer->start(toTimerMs(m_timeoutMs->load(std::memory_order_relaxed)));
        }
        QHttpServerResponder responder = makeResponder(request, socket);
        m_handler(request, responder);
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // Not reached: handleRequest() answers everything.
        makeResponder(request, socket).write(StatusCode::NotFound);
    }

private:
    Handler m_handler;
    const std::atomic<qint64> *m_timeoutMs;
};

void respond(QHttpServerResponder &responder, const QHttpServerRequest &request, StatusCode status,
             const QByteArray &contentType, const QByteArray &body,
             std::initializer_list<std::pair<QByteArray, QByteArray>> headers = {})
{
    responder.writeStatusLine(status);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &header : headers)
        responder.writeHeader(header.first, header.second);
    // HEAD: the headers of GET, no body (writeBody() still ends the header block).
    responder.writeBody(request.method() == Method::Head ? QByteArray() : body);
}

} // namespace

bool HttpExporter::Private::doListen(QAbstractHttpServer *candidate, const QHostAddress &address,
                                     quint16 port, QString *error)
{
    std::unique_ptr<QAbstractHttpServer> owned(candidate);
    if (server) {
        *error = QStringLiteral("already serving on %1:%2")
                     .arg(tcpServer ? tcpServer->serverAddress().toString() : QString())
                     .arg(tcpServer ? tcpServer->serverPort() : 0);
        return false;
    }
    // Our own QTcpServer, so that a failure to bind comes with its reason.
    auto *tcp = new DeadlineTcpServer(&requestTimeoutMs);
    if (!tcp->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(tcp->errorString());
        delete tcp;
        return false;
    }
    server = owned.release();
    server->setParent(context);
    server->bind(tcp); // takes ownership
    tcpServer = tcp;
    const std::lock_guard<std::mutex> lock(mutex);
    boundAddress = tcp->serverAddress();
    boundPort = tcp->serverPort();
    qCDebug(lcTransport, "HTTP exporter serves on %ls:%u", qUtf16Printable(boundAddress.toString()),
            unsigned(boundPort));
    return true;
}

void HttpExporter::Private::doClose()
{
    delete server; // with its QTcpServer and the open connections
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
    cached.text = settings.encode(snapshot, PrometheusEncoder::Format::Text);
    cached.openMetrics = settings.encode(snapshot, PrometheusEncoder::Format::OpenMetrics);
    cached.json = snapshot.isNull() ? QByteArray() : JsonCodec::toJson(snapshot);
    return cached;
}

void HttpExporter::Private::handle(const QHttpServerRequest &request,
                                   QHttpServerResponder &responder)
{
    requests.fetch_add(1, std::memory_order_relaxed);
    const HttpRoute route =
        routeHttpRequest(request.url().path(), request.method(), request.headers());
    if (route.page == HttpRoute::Page::NotFound) {
        respond(responder, request, StatusCode::NotFound, kPlainText,
                QByteArrayLiteral("not found; try /metrics, /report.json or /healthz\n"));
        return;
    }
    if (route.page == HttpRoute::Page::MethodNotAllowed) {
        respond(responder, request, StatusCode::MethodNotAllowed, kPlainText,
                QByteArrayLiteral("method not allowed; use GET or HEAD\n"),
                {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")}});
        return;
    }

    if (route.page == HttpRoute::Page::Metrics) {
        const Cache &answers = cache();
        respond(responder, request, StatusCode::Ok, PrometheusEncoder::contentType(route.format),
                route.format == PrometheusEncoder::Format::OpenMetrics ? answers.openMetrics
                                                                       : answers.text,
                {{QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept")}});
    } else if (route.page == HttpRoute::Page::Report) {
        const Cache &answers = cache();
        if (answers.json.isEmpty()) {
            respond(responder, request, StatusCode::ServiceUnavailable, kPlainText,
                    QByteArrayLiteral("no report yet\n"),
                    {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}});
        } else {
            respond(responder, request, StatusCode::Ok, QByteArrayLiteral("application/json"),
                    answers.json);
        }
    } else if (route.page == HttpRoute::Page::Health) {
        respond(responder, request, StatusCode::Ok, kPlainText, QByteArrayLiteral("ok\n"));
    } else {
        respond(responder, request, StatusCode::Ok, kPlainText,
                QByteArrayLiteral("Counters HTTP exporter\n"
                                  "/metrics      Prometheus text format 0.0.4 or OpenMetrics "
                                  "1.0.0 (by Accept)\n"
                                  "/report.json  the JSON report\n"
                                  "/healthz      liveness\n"));
    }
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
    // QAbstractHttpServer's constructor sets up TLS (a QSslConfiguration member), which leaves
    // per-thread OpenSSL state in the constructing thread. Made in our worker thread, that
    // state is freed by the thread's exit, which can race with OpenSSL's clean-up at process
    // exit (LeakSanitizer caught it). So the server is made here, in the caller's thread,
    // usually the main one, and moved to the worker, where it only ever serves plain HTTP.
    Private *p = d.get();
    auto *candidate =
        new ExporterServer([p](const QHttpServerRequest &request,
                               QHttpServerResponder &responder) { p->handle(request, responder); },
                           &d->requestTimeoutMs, nullptr);
    candidate->moveToThread(&d->thread);
    d->runInWorker([&] { ok = d->doListen(candidate, address, port, &error); });
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
