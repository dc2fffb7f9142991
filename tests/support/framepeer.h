// SPDX-License-Identifier: MIT
#pragma once

#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/jsoncodec.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

/**
 * The far end of a framed connection, played by the test: accepts the dashboard's
 * connection on a QLocalServer or a QTcpServer, records the frames it receives and sends
 * whatever the test says, including garbage.
 */
class FramePeer : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Local, Tcp };

    explicit FramePeer(Kind kind)
    {
        if (kind == Kind::Local) {
            connect(&m_local, &QLocalServer::newConnection, this, [this] {
                while (QLocalSocket *socket = m_local.nextPendingConnection())
                    adopt(socket);
            });
        } else {
            connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
                while (QTcpSocket *socket = m_tcp.nextPendingConnection())
                    adopt(socket);
            });
        }
    }

    bool listenLocal(const QString &path)
    {
        QLocalServer::removeServer(path);
        return m_local.listen(path);
    }
    bool listenTcp(quint16 port = 0) { return m_tcp.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_tcp.serverPort(); }
    void closeServer()
    {
        m_local.close();
        m_tcp.close();
    }

    /// The current connection (the last accepted), or nullptr.
    QIODevice *client() const { return m_client; }
    int connections() const { return m_connections; }
    const QList<counters::Frame> &received() const { return m_received; }

    void send(counters::FrameType type, const QByteArray &payload = QByteArray())
    {
        sendRaw(counters::encodeFrame(counters::Frame{type, payload}));
    }
    void sendRaw(const QByteArray &bytes)
    {
        if (m_client)
            m_client->write(bytes);
    }
    void sendSnapshot(const counters::Snapshot &snapshot)
    {
        send(counters::FrameType::Snapshot, counters::JsonCodec::toJson(snapshot));
    }
    void sendHello(const QJsonObject &hello)
    {
        send(counters::FrameType::Hello, QJsonDocument(hello).toJson(QJsonDocument::Compact));
    }
    static QJsonObject serviceHello(int protocol = 1, qint64 pid = 42)
    {
        return QJsonObject{{QStringLiteral("protocol"), protocol},
                           {QStringLiteral("role"), QStringLiteral("service")},
                           {QStringLiteral("service"), QStringLiteral("svc")},
                           {QStringLiteral("pid"), pid},
                           {QStringLiteral("host"), QStringLiteral("host")},
                           {QStringLiteral("counters"), QJsonArray{}}};
    }
    /// Closes the current connection from this end.
    void closeClient()
    {
        if (auto *local = qobject_cast<QLocalSocket *>(m_client.data())) {
            local->flush();
            local->disconnectFromServer();
        } else if (auto *tcp = qobject_cast<QTcpSocket *>(m_client.data())) {
            tcp->flush();
            tcp->disconnectFromHost();
        }
    }
    bool clientDisconnected() const { return m_disconnected; }

Q_SIGNALS:
    void clientConnected();
    void frameReceived(const counters::Frame &frame);

private:
    void adopt(QIODevice *socket)
    {
        m_client = socket;
        m_reader = counters::FrameReader();
        m_disconnected = false;
        ++m_connections;
        connect(socket, &QIODevice::readyRead, this, [this, socket] {
            if (socket != m_client)
                return;
            m_reader.readFrom(socket);
            while (auto frame = m_reader.nextFrame()) {
                m_received.append(*frame);
                Q_EMIT frameReceived(*frame);
            }
        });
        if (auto *local = qobject_cast<QLocalSocket *>(socket)) {
            connect(local, &QLocalSocket::disconnected, this, [this, socket] {
                if (socket == m_client)
                    m_disconnected = true;
            });
        } else if (auto *tcp = qobject_cast<QTcpSocket *>(socket)) {
            connect(tcp, &QTcpSocket::disconnected, this, [this, socket] {
                if (socket == m_client)
                    m_disconnected = true;
            });
        }
        Q_EMIT clientConnected();
    }

    QLocalServer m_local;
    QTcpServer m_tcp;
    QPointer<QIODevice> m_client;
    counters::FrameReader m_reader;
    QList<counters::Frame> m_received;
    int m_connections = 0;
    bool m_disconnected = false;
};
