// SPDX-License-Identifier: MIT
#pragma once
// Helpers of the exposition tests: a blocking HTTP client, free ports, external tools.

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTimer>

namespace exposition {

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

/// Sends one request and waits (running an event loop) for the answer, at most `timeoutMs`.
inline HttpAnswer request(const QUrl &url, const QByteArray &method = QByteArrayLiteral("GET"),
                          const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                          int timeoutMs = 10000)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = method == "GET" ? manager.get(request)
        : method == "HEAD"                 ? manager.head(request)
                           : manager.sendCustomRequest(request, method, QByteArray());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer answer;
    if (!reply->isFinished()) {
        reply->abort();
        answer.error = QStringLiteral("timed out");
    } else {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->rawHeader("Content-Type");
        answer.headers = reply->rawHeaderPairs();
        if (answer.status == 0)
            answer.error = reply->errorString();
    }
    delete reply;
    return answer;
}

/// A TCP port nobody listens on right now (bound and released; a race is unlikely).
inline quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
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
