// SPDX-License-Identifier: MIT
#include "httprequest_p.h"

#include <QUrl>

#include <algorithm>
#include <cctype>

namespace counters {

namespace {

using Status = HttpParseResult::Status;

// RFC 9110 token characters (method and field names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Field values: visible characters, spaces, tabs and obs-text; no control characters.
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Whether the comma-separated list `value` holds `token` (case-insensitive).
bool listHas(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArrayView item : QByteArray(value.data(), value.size()).split(',')) {
        if (trimmedOws(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpParseResult invalid(int status, const QString &error)
{
    HttpParseResult result;
    result.status = Status::Invalid;
    result.errorStatus = status;
    result.error = error;
    return result;
}

// The end of the line that starts at `from` (the index of its '\n'), or -1.
qsizetype lineEnd(QByteArrayView buffer, qsizetype from)
{
    return buffer.indexOf('\n', from);
}

// The line from `from` to `end` without its CR.
QByteArrayView lineAt(QByteArrayView buffer, qsizetype from, qsizetype end)
{
    QByteArrayView line = buffer.sliced(from, end - from);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    QByteArray value;
    bool first = true;
    for (const auto &field : headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0) {
            if (!first)
                value += ',';
            value += field.second;
            first = false;
        }
    }
    return value;
}

HttpParseResult parseHttpRequest(QByteArrayView buffer, const HttpRequestLimits &limits)
{
    // Empty lines before the request line are allowed (RFC 9112 §2.2); they count to the limit.
    qsizetype start = 0;
    while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n'))
        ++start;

    // The request line.
    const qsizetype firstEnd = lineEnd(buffer, start);
    if (firstEnd < 0) {
        if (buffer.size() - start > limits.maxTargetBytes + 64)
            return invalid(414, QStringLiteral("request line too long"));
        if (buffer.size() > limits.maxHeadBytes)
            return invalid(431, QStringLiteral("request head too large"));
        return {};
    }
    const QByteArrayView requestLine = lineAt(buffer, start, firstEnd);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return invalid(400, QStringLiteral("malformed request line"));
    HttpRequest request;
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(lastSpace + 1);
    if (!isToken(method))
        return invalid(400, QStringLiteral("malformed method"));
    if (target.size() > limits.maxTargetBytes)
        return invalid(414, QStringLiteral("request target too long"));
    if (!version.startsWith("HTTP/") || version.size() != 8 || version[6] != '.' || version[5] < '0'
        || version[5] > '9' || version[7] < '0' || version[7] > '9') {
        return invalid(400, QStringLiteral("malformed HTTP version"));
    }
    if (version[5] != '1')
        return invalid(505, QStringLiteral("only HTTP/1.x is served"));
    request.minorVersion = version[7] == '0' ? 0 : 1;
    request.method = method.toByteArray();
    request.target = target.toByteArray();
    // Visible ASCII only, and every '%' followed by two hexadecimal digits.
    for (qsizetype i = 0; i < target.size(); ++i) {
        const auto u = static_cast<unsigned char>(target[i]);
        const bool escape = target[i] != '%'
            || (i + 2 < target.size() && std::isxdigit(static_cast<unsigned char>(target[i + 1]))
                && std::isxdigit(static_cast<unsigned char>(target[i + 2])));
        if (u <= 0x20 || u >= 0x7f || !escape)
            return invalid(400, QStringLiteral("malformed request target"));
    }
    if (target.startsWith('/')) {
        request.path =
            QUrl::fromEncoded(QByteArray(QByteArrayLiteral("http://localhost") + request.target),
                              QUrl::StrictMode)
                .path();
    } else if (target.startsWith("http://") || target.startsWith("https://")) {
        const QUrl url = QUrl::fromEncoded(target.toByteArray(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return invalid(400, QStringLiteral("malformed request target"));
        request.path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
    } else {
        return invalid(400, QStringLiteral("malformed request target"));
    }
    if (request.path.isEmpty())
        return invalid(400, QStringLiteral("malformed request target"));

    // The header fields, up to the empty line.
    qsizetype at = firstEnd + 1;
    for (;;) {
        if (at > limits.maxHeadBytes)
            return invalid(431, QStringLiteral("request head too large"));
        const qsizetype end = lineEnd(buffer, at);
        if (end < 0) {
            if (buffer.size() > limits.maxHeadBytes)
                return invalid(431, QStringLiteral("request head too large"));
            return {};
        }
        if (end + 1 > limits.maxHeadBytes)
            return invalid(431, QStringLiteral("request head too large"));
        const QByteArrayView line = lineAt(buffer, at, end);
        at = end + 1;
        if (line.isEmpty())
            break;
        if (line.front() == ' ' || line.front() == '\t')
            return invalid(400, QStringLiteral("folded header line"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return invalid(400, QStringLiteral("malformed header field"));
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return invalid(400, QStringLiteral("malformed header field"));
        if (request.headers.size() >= limits.maxHeaders)
            return invalid(431, QStringLiteral("too many header fields"));
        request.headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    }

    const auto has = [&request](QByteArrayView name) {
        return std::any_of(request.headers.cbegin(), request.headers.cend(), [name](const auto &f) {
            return f.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    if (request.minorVersion == 1 && !has("Host"))
        return invalid(400, QStringLiteral("HTTP/1.1 request without Host"));

    // The body, which is never read: only whether there is one, and that it is unambiguous.
    const bool hasTransferEncoding = has("Transfer-Encoding");
    const bool hasContentLength = has("Content-Length");
    const QByteArray contentLength = request.header("Content-Length");
    if (hasTransferEncoding && hasContentLength)
        return invalid(400, QStringLiteral("both Content-Length and Transfer-Encoding"));
    if (hasTransferEncoding && request.minorVersion == 0)
        return invalid(400, QStringLiteral("Transfer-Encoding in an HTTP/1.0 request"));
    if (hasContentLength) {
        // One decimal number; repeated fields must agree (they were joined by commas).
        QByteArray first;
        for (const QByteArray &item : contentLength.split(',')) {
            const QByteArray number = item.trimmed();
            bool digits = !number.isEmpty() && number.size() <= 18;
            for (const char c : number)
                digits &= c >= '0' && c <= '9';
            if (!digits || (!first.isEmpty() && number != first))
                return invalid(400, QStringLiteral("malformed Content-Length"));
            first = number;
        }
        request.hasBody = first.toLongLong() > 0;
    }
    request.hasBody |= hasTransferEncoding;

    const QByteArray connection = request.header("Connection");
    request.keepAlive = request.minorVersion == 1 ? !listHas(connection, "close")
                                                  : listHas(connection, "keep-alive");

    HttpParseResult result;
    result.status = Status::Complete;
    result.request = std::move(request);
    result.consumed = at;
    return result;
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

} // namespace counters
