// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

/**
 * A tiny HTTP/1.1 server for the tests: answers every request with the status and body it is
 * told (Connection: close), and records the request lines. With `contentLength` it announces
 * another length than it sends (then the connection stays open until the client leaves); with
 * `trickleMs` it sends the body a byte at a time.
 */
class HttpPeer : public QObject
{
    Q_OBJECT
public:
    HttpPeer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffer[socket] += socket->readAll();
                    const QByteArray &request = m_buffer[socket];
                    if (!request.contains("\r\n\r\n"))
                        return;
                    m_requests.append(QString::fromLatin1(request.left(request.indexOf("\r\n"))));
                    m_buffer.remove(socket);
                    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + QByteArray::number(contentLength < 0 ? body.size() : contentLength)
                        + "\r\nConnection: close\r\n\r\n";
                    if (trickleMs > 0) {
                        // One byte at a time: never idle long enough for a transfer timeout.
                        socket->write(answer);
                        auto *timer = new QTimer(socket);
                        connect(timer, &QTimer::timeout, socket,
                                [this, socket, sent = 0]() mutable {
                                    if (sent < body.size())
                                        socket->write(body.mid(sent++, 1));
                                });
                        timer->start(trickleMs);
                        return;
                    }
                    socket->write(answer + body);
                    if (contentLength < 0)
                        socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    QStringList requests() const { return m_requests; }

    int status = 200;
    QByteArray reason = "OK";
    QByteArray body;
    /// The Content-Length announced; -1: body's size.
    qint64 contentLength = -1;
    /// > 0: the body is sent one byte every this many milliseconds.
    int trickleMs = 0;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffer;
    QStringList m_requests;
};
