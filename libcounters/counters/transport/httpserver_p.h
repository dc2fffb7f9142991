// SPDX-License-Identifier: MIT
#pragma once

// Internal: the small HTTP/1.1 server under HttpExporter. GET and HEAD only, bodies never
// read, every resource bounded; on QTcpServer, so it builds on every Qt 6 (QtHttpServer's
// API changed between 6.4 and 6.5) and needs nothing beyond QtNetwork.

#include "logthrottle_p.h"

#include <counters/counters_transport_export.h>
#include <counters/format/httprequest_p.h>

#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <functional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace counters::detail {

class Acceptor;

/// An answer; Content-Length and Connection are added by the server.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HttpHeaders headers; ///< More header fields: Allow, Vary, Retry-After, …
};

/**
 * Serves HTTP/1.x on one address. Each complete request head goes to the handler, whose
 * answer is written at once (HEAD: without the body); requests on one connection are answered
 * in order (pipelining), and a connection is kept unless the client asks otherwise.
 *
 * Bounds, each answered or counted, never a crash or a stall of other clients:
 * - a request head over HttpRequestLimits: 414/431 and the connection is closed; malformed
 *   heads: 400 (see parseHttpRequest());
 * - a request with a body (POST, a GET with Content-Length): answered, then the connection is
 *   closed without reading the body;
 * - `requestTimeoutMs` (read at each use) from a connection's opening or its last answer to
 *   its next complete request: closed after that (slow and idle clients);
 * - while more than maxUnsentBytes of answers wait for a client, its further requests are
 *   not read (TCP makes it wait); one that never reads meets the request deadline;
 * - at most maxConnections open connections: more get 503 and are closed
 *   (refusedConnections());
 * - when the process has no descriptor left, a waiting connection is accepted and closed at
 *   once (counted in refusedConnections()) rather than left to make the server spin or stop;
 *   other failures to accept pause accepting for a second.
 *
 * Lives in one thread; every member must be called there.
 */
class COUNTERS_TRANSPORT_EXPORT HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    struct Limits
    {
        HttpRequestLimits request;
        int maxConnections = 256;
        qint64 maxUnsentBytes = 64 * 1024;
    };

    HttpServer(Handler handler, const std::atomic<qint64> *requestTimeoutMs,
               QObject *parent = nullptr);
    ~HttpServer() override;

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    /// Returns false with `*error` when `address`:`port` cannot be bound.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    int connectionCount() const { return m_connections; }
    quint64 refusedConnections() const;

private:
    struct Connection;

    void onAcceptError();
    void adopt(QTcpSocket *socket);
    void serve(Connection *connection);
    /// Writes `response` to `request` (nullptr: to a refused head, then closes).
    void answer(Connection *connection, const HttpResponse &response, const HttpRequest *request);
    void startDeadline(Connection *connection);
    void logRefusal(const QTcpSocket *socket, const QString &reason);

    Handler m_handler;
    const std::atomic<qint64> *m_requestTimeoutMs;
    Limits m_limits;
    QTcpServer *m_server = nullptr;
    Acceptor *m_acceptor = nullptr; ///< Where the platform lets us accept ourselves.
    int m_connections = 0;
    quint64 m_refused = 0;
    bool m_warnedFull = false;
    LogThrottle m_refusalLog{1};
};

} // namespace counters::detail
