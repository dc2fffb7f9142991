// SPDX-License-Identifier: MIT
#pragma once

// Internal: the HTTP/1.x request head as the HTTP exporter reads it. A strict parser of the
// request line and the header fields (RFC 9112), with hard limits, for a server that serves
// GET and HEAD and never reads a body. Pure and thread-safe; in Core so that tests and fuzz
// targets reach it without a socket.

#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace counters {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// One parsed request head.
struct COUNTERS_CORE_EXPORT HttpRequest
{
    QByteArray method;    ///< As sent: "GET", "HEAD", "POST", …
    QByteArray target;    ///< The request target as sent: "/metrics?x=1"
    QString path;         ///< The target's decoded path, without the query: "/metrics"
    int minorVersion = 1; ///< HTTP/1.0 or HTTP/1.1
    HttpHeaders headers;  ///< In order; names as sent
    /// Whether the client wants the connection kept after the answer (HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    bool keepAlive = true;
    /// The request announces a body (a Content-Length above 0 or a Transfer-Encoding). The
    /// server does not read bodies: it answers and closes the connection.
    bool hasBody = false;

    /// The values of every header named `name` (case-insensitive), joined by commas.
    QByteArray header(QByteArrayView name) const;
};

/// The bounds a request head must keep.
struct HttpRequestLimits
{
    qsizetype maxHeadBytes = 16 * 1024;  ///< request line and header fields together
    qsizetype maxTargetBytes = 8 * 1024; ///< the request target
    int maxHeaders = 100;
};

/// What parseHttpRequest() found at the start of a buffer.
struct HttpParseResult
{
    enum class Status {
        Incomplete, ///< no complete head yet, and still within the limits: read more
        Complete,   ///< `request` holds the head; `consumed` bytes of the buffer were it
        Invalid,    ///< answer `errorStatus` with `error` and close the connection
    };

    Status status = Status::Incomplete;
    HttpRequest request;
    qsizetype consumed = 0;
    int errorStatus = 0; ///< 400, 414, 431, 501 or 505
    QString error;       ///< for people: "malformed header field", …
};

/**
 * Reads the request head at the start of `buffer`. Lines end with CRLF or LF; empty lines
 * before the request line are skipped. Refused (Invalid): a malformed request line or header
 * field, an obsolete folded header line, whitespace before a colon, a target that is neither
 * an absolute path nor an absolute http URL (400); an HTTP/1.1 request without Host (400);
 * a Content-Length that is not one decimal number, or both Content-Length and
 * Transfer-Encoding (400: a request smuggled past a proxy could otherwise follow it); a target
 * over the limit (414); a head over the limits (431); another HTTP major version (505).
 */
COUNTERS_CORE_EXPORT HttpParseResult parseHttpRequest(QByteArrayView buffer,
                                                      const HttpRequestLimits &limits = {});

/// The reason phrase of a status code this server uses ("OK", "Not Found", …).
COUNTERS_CORE_EXPORT QByteArray httpReasonPhrase(int status);

} // namespace counters
