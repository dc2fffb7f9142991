// SPDX-License-Identifier: MIT
#pragma once
// Helpers of the exposition tests: a blocking HTTP client, free ports, external tools.

#include "ports.h"

#include <QDeadlineTimer>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace exposition {

using testsupport::freePort;

struct HttpAnswer
{
    int status = 0; ///< 0: no answer (see error)
    QByteArray body;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;
    QString error;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return QByteArray();
    }
};

/**
 * Sends one HTTP/1.0 request and waits for the answer, at most `timeoutMs`. A plain QTcpSocket
 * in the calling thread, not QNetworkAccessManager: that one runs HTTP in a thread of its own
 * and hands every object over through Qt's uninstrumented mutexes, which ThreadSanitizer
 * reports as races by the dozen (scripts/test.sh --sanitize thread). HTTP/1.0 keeps answers
 * simple: never chunked, the body ends at Content-Length or when the server closes.
 */
inline HttpAnswer request(const QUrl &url, const QByteArray &method = QByteArrayLiteral("GET"),
                          const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                          int timeoutMs = 10000)
{
    HttpAnswer answer;
    QDeadlineTimer deadline(timeoutMs);
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(url.host(), quint16(url.port(80)));
    if (!socket.waitForConnected(int(deadline.remainingTime()))) {
        answer.error = socket.errorString();
        return answer;
    }
    QByteArray request = method + ' ' + url.path(QUrl::FullyEncoded).toUtf8();
    if (request.endsWith(' '))
        request += '/';
    if (url.hasQuery())
        request += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    request += " HTTP/1.0\r\nHost: " + url.authority().toUtf8() + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    socket.write(request + "\r\n");

    QByteArray received;
    qsizetype headerEnd = -1;
    qint64 contentLength = -1;
    const auto complete = [&] {
        if (headerEnd < 0)
            return false;
        if (method == "HEAD")
            return true;
        return contentLength >= 0 && received.size() - headerEnd - 4 >= contentLength;
    };
    while (!complete()) {
        if (socket.bytesAvailable() == 0
            && !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            if (socket.state() != QAbstractSocket::UnconnectedState || headerEnd < 0) {
                answer.error =
                    deadline.hasExpired() ? QStringLiteral("timed out") : socket.errorString();
                return answer;
            }
            break; // the server closed: the body ends here
        }
        received += socket.readAll();
        if (headerEnd < 0 && (headerEnd = received.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = received.left(headerEnd).split('\n');
            const QList<QByteArray> status = lines.first().trimmed().split(' ');
            answer.status = status.size() > 1 ? status.at(1).toInt() : 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    answer.headers.append(
                        {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
            }
            answer.contentType = answer.header("Content-Type");
            bool ok = false;
            contentLength = answer.header("Content-Length").toLongLong(&ok);
            if (!ok)
                contentLength = -1;
        }
    }
    if (method != "HEAD") {
        answer.body = received.mid(headerEnd + 4);
        if (contentLength >= 0)
            answer.body.truncate(contentLength);
    }
    if (answer.status == 0)
        answer.error =
            QStringLiteral("not an HTTP answer: ") + QString::fromUtf8(received.left(80));
    return answer;
}

/// The external tool `name` from PATH or the sbin folders; empty when it is not installed.
inline QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(
            name,
            {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin")});
    }
    return path;
}

} // namespace exposition
