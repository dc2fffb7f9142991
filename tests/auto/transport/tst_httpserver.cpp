// SPDX-License-Identifier: MIT
// The HTTP/1.1 server under HttpExporter, over real loopback sockets: pipelining, keep-alive
// and Connection: close, bodies that are never read, smuggling, oversized heads, HEAD, and
// the connection cap.

#include <counters/base/platform_p.h>
#include <counters/transport/httpserver_p.h>

#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

using counters::HttpRequest;
using counters::detail::HttpResponse;
using counters::detail::HttpServer;

namespace {

// A raw client that gathers everything the server sends.
struct Client
{
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool closedByServer() const { return socket.state() == QAbstractSocket::UnconnectedState; }
    int answers() const { return int(received.count("HTTP/1.1 ")); }

    QTcpSocket socket;
    QByteArray received;
};

} // namespace

class HttpServerTest : public QObject
{
    Q_OBJECT

private:
    std::atomic<qint64> m_timeoutMs{60'000};
    std::unique_ptr<HttpServer> m_server;
    QList<QByteArray> m_seen; ///< The paths the handler was asked for, in order.

private Q_SLOTS:
    void init()
    {
        m_seen.clear();
        m_server = std::make_unique<HttpServer>(
            [this](const HttpRequest &request) {
                m_seen.append(request.path.toUtf8());
                return HttpResponse{200, "text/plain", "page " + request.path.toUtf8(), {}};
            },
            &m_timeoutMs);
        QString error;
        QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    void shouldAnswerPipelinedRequestsInOrderOnAKeptConnection()
    {
        Client client(m_server->serverPort());
        client.socket.write("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n"
                            "GET /c HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE(client.answers(), 3);
        QVERIFY(client.received.indexOf("page /a") < client.received.indexOf("page /b"));
        QVERIFY(client.received.indexOf("page /b") < client.received.indexOf("page /c"));
        QVERIFY(!client.received.contains("Connection: close"));
        QTest::qWait(50);
        QVERIFY(!client.closedByServer());
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void shouldCloseWhenAsked()
    {
        Client client(m_server->serverPort());
        client.socket.write("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                            "GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_VERIFY(client.closedByServer());
        QCOMPARE(client.answers(), 1);
        QVERIFY(client.received.contains("Connection: close\r\n"));
        QCOMPARE(m_seen, QList<QByteArray>{"/a"});
        QTRY_COMPARE(m_server->connectionCount(), 0);
    }

    void shouldKeepAnHttp10ConnectionOnlyWhenAsked()
    {
        Client kept(m_server->serverPort());
        kept.socket.write("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QTRY_COMPARE(kept.answers(), 1);
        QVERIFY(kept.received.contains("Connection: keep-alive\r\n"));
        kept.socket.write("GET /b HTTP/1.0\r\n\r\n");
        QTRY_VERIFY(kept.closedByServer());
        QCOMPARE(kept.answers(), 2);
    }

    void shouldAnswerAClientThatHalfClosesAfterItsRequest()
    {
        // A client may shut its sending side once the request is out: the answer still comes.
        for (int i = 0; i < 20; ++i) {
            Client client(m_server->serverPort());
            QVERIFY(client.socket.waitForConnected(5000));
            client.socket.write("GET /half HTTP/1.1\r\nHost: h\r\n\r\n");
            QVERIFY(client.socket.waitForBytesWritten(5000));
            QCOMPARE(::shutdown(int(client.socket.socketDescriptor()), SHUT_WR), 0);
            QTRY_COMPARE(client.answers(), 1);
            QVERIFY(client.received.endsWith("page /half"));
        }
    }

    void shouldAnswerHeadWithTheHeadersOfGet()
    {
        Client client(m_server->serverPort());
        client.socket.write(
            "HEAD /abc HTTP/1.1\r\nHost: h\r\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE(client.answers(), 2);
        const QByteArray head = client.received.left(client.received.indexOf("HTTP/1.1 ", 1));
        QVERIFY(head.contains("Content-Length: 9\r\n")); // "page /abc"
        QVERIFY(head.endsWith("\r\n\r\n"));
    }

    void shouldAnswerARequestWithABodyAndCloseWithoutReadingIt()
    {
        Client client(m_server->serverPort());
        // The "body" holds a request that must not be answered.
        const QByteArray hidden = "GET /hidden HTTP/1.1\r\nHost: h\r\n\r\n";
        client.socket.write("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: "
                            + QByteArray::number(hidden.size()) + "\r\n\r\n" + hidden);
        QTRY_VERIFY(client.closedByServer());
        QCOMPARE(client.answers(), 1);
        QCOMPARE(m_seen, QList<QByteArray>{"/a"});
    }

    void shouldRefuseASmuggledRequest()
    {
        Client client(m_server->serverPort());
        client.socket.write("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                            "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_VERIFY(client.closedByServer());
        QCOMPARE(client.answers(), 1);
        QVERIFY(client.received.startsWith("HTTP/1.1 400 Bad Request\r\n"));
        QVERIFY(m_seen.isEmpty());
    }

    void shouldRefuseAHeadTooLarge()
    {
        Client client(m_server->serverPort());
        QVERIFY(client.socket.waitForConnected(5000));
        client.socket.write("GET / HTTP/1.1\r\nHost: h\r\nX-Big: ");
        const QByteArray chunk(64 * 1024, 'a');
        for (int i = 0; i < 16 && client.socket.state() == QAbstractSocket::ConnectedState; ++i) {
            client.socket.write(chunk);
            client.socket.waitForBytesWritten(100);
        }
        QTRY_VERIFY(client.closedByServer());
        QVERIFY(client.received.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        QVERIFY(m_seen.isEmpty());
    }

    void shouldCutAnIdleConnectionAtTheDeadline()
    {
        m_timeoutMs = 100;
        Client client(m_server->serverPort());
        client.socket.write("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTT");
        QTRY_COMPARE(client.answers(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(client.closedByServer(), 5000);
        QCOMPARE(m_seen, QList<QByteArray>{"/a"});
        m_timeoutMs = 60'000;
    }

    void shouldShedConnectionsWhileNoDescriptorIsLeft()
    {
        if (!counters::detail::platform::canAcceptConnections())
            QSKIP("QTcpServer accepts on this platform");
        // Given a process without a free descriptor but one, which the next client takes,
        std::vector<int> filler;
        for (int fd; (fd = ::dup(0)) >= 0;)
            filler.push_back(fd);
        QCOMPARE(errno, EMFILE);
        ::close(filler.back());
        filler.pop_back();
        auto shed = std::make_unique<Client>(m_server->serverPort());
        // then the server cannot take it: it closes it at once instead of spinning on it or
        // giving up accepting,
        QTRY_VERIFY(shed->closedByServer());
        QCOMPARE(m_server->refusedConnections(), quint64(1));
        QCOMPARE(m_server->connectionCount(), 0);
        // and serves again once descriptors are free.
        shed.reset();
        for (const int fd : filler)
            ::close(fd);
        Client served(m_server->serverPort());
        served.socket.write("GET /back HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE(served.answers(), 1);
        QVERIFY(served.received.endsWith("page /back"));
    }

    void shouldRefuseConnectionsBeyondTheCapUntilSomeClose()
    {
        HttpServer::Limits limits;
        limits.maxConnections = 2;
        m_server->setLimits(limits);
        auto first = std::make_unique<Client>(m_server->serverPort());
        Client second(m_server->serverPort());
        QTRY_COMPARE(m_server->connectionCount(), 2);
        Client third(m_server->serverPort());
        QTRY_VERIFY(third.closedByServer());
        QVERIFY(third.received.startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
        QCOMPARE(m_server->refusedConnections(), quint64(1));

        first.reset(); // one leaves: the next is served
        QTRY_COMPARE(m_server->connectionCount(), 1);
        Client fourth(m_server->serverPort());
        fourth.socket.write("GET /d HTTP/1.1\r\nHost: h\r\n\r\n");
        QTRY_COMPARE(fourth.answers(), 1);
        QVERIFY(fourth.received.startsWith("HTTP/1.1 200 OK\r\n"));
    }
};

QTEST_GUILESS_MAIN(HttpServerTest)
#include "tst_httpserver.moc"
