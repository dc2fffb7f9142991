// SPDX-License-Identifier: MIT
#include "acceptor_p.h"
#include "httpserver_p.h"
#include "transportlogging_p.h"

#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace counters::detail {

namespace {

// What Qt may hold of a connection's unread input: the parser needs at most one request head
// beyond it, so a client sending faster than it is answered waits in the kernel instead.
constexpr qint64 kReadBufferBytes = 64 * 1024;
constexpr int kAcceptRetryMs = 1000;

int toTimerMs(qint64 ms)
{
    return int(std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max()));
}

QString peerOf(const QTcpSocket *socket)
{
    return socket->peerAddress().toString() + QLatin1Char(':')
        + QString::number(socket->peerPort());
}

} // namespace

struct HttpServer::Connection
{
    QTcpSocket *socket = nullptr; ///< Owns the Connection's timer; deleted later when closed.
    QTimer *deadline = nullptr;
    QByteArray buffer;
    qsizetype scanned = 0; ///< Bytes of `buffer` known to hold no head's end.
    bool closing = false;  ///< Answered for the last time; input is ignored.
    bool serving = false;  ///< Inside serve(): a bytesWritten from its flush() waits.
};

HttpServer::HttpServer(Handler handler, const std::atomic<qint64> *requestTimeoutMs,
                       QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_requestTimeoutMs(requestTimeoutMs)
{
}

HttpServer::~HttpServer()
{
    // The sockets (children of the QTcpServer) say disconnected as they go, while this
    // object is still whole.
    delete m_server;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new QTcpServer(this);
    if (!server->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(server->errorString());
        delete server;
        return false;
    }
    delete m_server; // with its acceptor and connections
    m_server = server;
    m_acceptor = nullptr;
    // Accepting is ours where the platform allows (see Acceptor).
    if (Acceptor::isSupported()) {
        server->pauseAccepting();
        m_acceptor = new Acceptor(
            server->socketDescriptor(), QStringLiteral("HTTP exporter"),
            [this](qintptr descriptor) {
                if (auto *socket = Acceptor::socketFor<QTcpSocket>(descriptor, m_server))
                    adopt(socket);
            },
            server);
    } else {
        connect(server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                adopt(socket);
        });
        connect(server, &QTcpServer::acceptError, this, &HttpServer::onAcceptError);
    }
    return true;
}

QHostAddress HttpServer::serverAddress() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpServer::onAcceptError()
{
    // QTcpServer stops accepting after an error that is not temporary; the service must still
    // be reachable once the cause is gone.
    qCWarning(lcTransport, "HTTP exporter: cannot accept a connection: %ls; retrying in %d ms",
              qUtf16Printable(m_server->errorString()), kAcceptRetryMs);
    m_server->pauseAccepting();
    QTimer::singleShot(kAcceptRetryMs, m_server,
                       [server = m_server] { server->resumeAccepting(); });
}

quint64 HttpServer::refusedConnections() const
{
    return m_refused + (m_acceptor ? m_acceptor->shed() : 0);
}

void HttpServer::adopt(QTcpSocket *socket)
{
    if (m_connections >= m_limits.maxConnections) {
        ++m_refused;
        if (!m_warnedFull) {
            m_warnedFull = true;
            qCWarning(lcTransport,
                      "HTTP exporter: %d connections are open; more are refused with 503 "
                      "until some close (first refused: %ls)",
                      m_connections, qUtf16Printable(peerOf(socket)));
        }
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                      "Retry-After: 1\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    ++m_connections;
    socket->setReadBufferSize(kReadBufferBytes);
    auto *connection = new Connection;
    connection->socket = socket;
    connection->deadline = new QTimer(socket);
    connection->deadline->setSingleShot(true);
    connect(connection->deadline, &QTimer::timeout, socket, [socket, connection] {
        const QString what = connection->closing ? QStringLiteral("the last answer not read")
                                                 : QStringLiteral("no complete request");
        qCInfo(lcTransport, "HTTP exporter: closing the connection of %ls: %ls within %d ms",
               qUtf16Printable(peerOf(socket)), qUtf16Printable(what),
               connection->deadline->interval());
        socket->abort();
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, connection] { serve(connection); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, connection] {
        if (connection->socket->bytesToWrite() <= m_limits.maxUnsentBytes)
            serve(connection);
    });
    // The connection goes with its socket, later: never under a caller that still uses it.
    connect(socket, &QObject::destroyed, socket, [connection] { delete connection; });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        --m_connections;
        if (m_connections < m_limits.maxConnections)
            m_warnedFull = false;
        socket->deleteLater();
    });
    startDeadline(connection);
    if (socket->bytesAvailable() > 0)
        serve(connection);
}

void HttpServer::startDeadline(Connection *connection)
{
    connection->deadline->start(toTimerMs(m_requestTimeoutMs->load(std::memory_order_relaxed)));
}

void HttpServer::serve(Connection *connection)
{
    QTcpSocket *socket = connection->socket;
    if (connection->closing) {
        socket->readAll(); // what follows a last answer is not read as requests
        return;
    }
    if (connection->serving)
        return;
    connection->serving = true;
    const auto done = qScopeGuard([connection] { connection->serving = false; });
    for (;;) {
        // While answers wait for the client to read them, no more requests are taken: its
        // input stays in the socket's bounded buffer and the kernel's, and TCP slows it down.
        // bytesWritten resumes; a client that never reads meets the request deadline.
        if (socket->bytesToWrite() > m_limits.maxUnsentBytes)
            return;
        if (connection->buffer.size() <= m_limits.request.maxHeadBytes)
            connection->buffer += socket->readAll(); // at most the socket's read buffer
        QByteArray &buffer = connection->buffer;
        if (buffer.isEmpty())
            return;
        // Parse once a head's end has arrived (or the limit is passed), so that a head that
        // trickles in is not parsed again at every read.
        const qsizetype from = std::max<qsizetype>(0, connection->scanned - 2);
        const bool ended = buffer.indexOf("\n\n", from) >= 0 || buffer.indexOf("\n\r\n", from) >= 0;
        if (!ended && buffer.size() <= m_limits.request.maxHeadBytes) {
            connection->scanned = buffer.size();
            return;
        }
        const HttpParseResult parsed = parseHttpRequest(buffer, m_limits.request);
        if (parsed.status == HttpParseResult::Status::Incomplete) {
            connection->scanned = buffer.size();
            return;
        }
        if (parsed.status == HttpParseResult::Status::Invalid) {
            logRefusal(socket, parsed.error);
            HttpResponse response;
            response.status = parsed.errorStatus;
            response.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
            response.body = parsed.error.toUtf8() + '\n';
            answer(connection, response, nullptr);
            return;
        }
        buffer.remove(0, parsed.consumed);
        connection->scanned = 0;
        answer(connection, m_handler(parsed.request), &parsed.request);
        // A failed write (the peer reset) closes the socket under us: the requests still
        // buffered have nobody to answer to.
        if (connection->closing || socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void HttpServer::logRefusal(const QTcpSocket *socket, const QString &reason)
{
    // At most one line a second, so that a flood of bad requests cannot flood the log.
    if (m_refusalLog.allow()) {
        qCInfo(lcTransport, "HTTP exporter: refusing a request of %ls: %ls%ls",
               qUtf16Printable(peerOf(socket)), qUtf16Printable(reason),
               qUtf16Printable(m_refusalLog.suffix()));
    }
}

void HttpServer::answer(Connection *connection, const HttpResponse &response,
                        const HttpRequest *request)
{
    // A body is never read, so the next request could not be found after it: close.
    const bool close = !request || !request->keepAlive || request->hasBody;
    const bool head = request && request->method == "HEAD";
    QByteArray out;
    out.reserve(256 + (head ? 0 : response.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + httpReasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &field : response.headers)
        out += field.first + ": " + field.second + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    else if (request->minorVersion == 0)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!head)
        out += response.body;
    if (close) {
        connection->closing = true;
        connection->buffer.clear();
    }
    // The next request, or the client reading the last answer, has a deadline of its own.
    startDeadline(connection);
    connection->socket->write(out);
    // Now rather than from the event loop: a client that half-closes after its request would
    // otherwise be seen as gone before its answer leaves. (flush() may say bytesWritten, and
    // so re-enter serve(), which `serving` turns away.)
    connection->socket->flush();
    if (close)
        connection->socket->disconnectFromHost(); // once the answer is written
}

} // namespace counters::detail
