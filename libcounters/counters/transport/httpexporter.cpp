// SPDX-License-Identifier: MIT
#include "httpexporter.h"

#include "transportlogging_p.h"

#include <counters/report/jsoncodec.h>
#include <counters/transport/prometheusencoder.h>

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace counters {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    // Header names are case-insensitive; Qt 6.4's lookup is not documented as such.
    QByteArray value;
    const auto headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            if (!value.isEmpty())
                value += ',';
            value += header.second;
        }
    }
    return value;
}

} // namespace

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
        QMetaObject::invokeMethod(context, std::forward<Function>(function),
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
};

namespace {

// QAbstractHttpServer parses the requests; every request, whatever its path and method, is
// answered here, so that 404 and 405 are ours and carry the right headers.
class ExporterServer final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;

    ExporterServer(Handler handler, QObject *parent)
        : QAbstractHttpServer(parent), m_handler(std::move(handler))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
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
    auto *tcp = new QTcpServer;
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
    const QString path = request.url().path();
    const bool known = path == QLatin1String("/metrics") || path == QLatin1String("/report.json")
        || path == QLatin1String("/healthz") || path == QLatin1String("/");
    if (!known) {
        respond(responder, request, StatusCode::NotFound, kPlainText,
                QByteArrayLiteral("not found; try /metrics, /report.json or /healthz\n"));
        return;
    }
    if (request.method() != Method::Get && request.method() != Method::Head) {
        respond(responder, request, StatusCode::MethodNotAllowed, kPlainText,
                QByteArrayLiteral("method not allowed; use GET or HEAD\n"),
                {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")}});
        return;
    }

    if (path == QLatin1String("/metrics")) {
        const auto format =
            PrometheusEncoder::negotiate(headerValue(request, QByteArrayLiteral("Accept")));
        const Cache &answers = cache();
        respond(responder, request, StatusCode::Ok, PrometheusEncoder::contentType(format),
                format == PrometheusEncoder::Format::OpenMetrics ? answers.openMetrics
                                                                 : answers.text,
                {{QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept")}});
    } else if (path == QLatin1String("/report.json")) {
        const Cache &answers = cache();
        if (answers.json.isEmpty()) {
            respond(responder, request, StatusCode::ServiceUnavailable, kPlainText,
                    QByteArrayLiteral("no report yet\n"),
                    {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}});
        } else {
            respond(responder, request, StatusCode::Ok, QByteArrayLiteral("application/json"),
                    answers.json);
        }
    } else if (path == QLatin1String("/healthz")) {
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
                           nullptr);
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
