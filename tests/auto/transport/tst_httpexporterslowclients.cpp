// SPDX-License-Identifier: MIT
// HttpExporter against slow and stuck clients on loopback: a request sent one byte at a time
// (slowloris), a connection that never sends anything, a client that pipelines requests and
// never reads the answers. Each is cut off while other scrapers are served.

#include "exposition.h"

#include <counters/transport/httpexporter.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <sys/socket.h>

using namespace counters;
using namespace exposition;

namespace {

/// A report of `rows` Total counters (about 100 bytes of /metrics each).
Snapshot snapshotWithRows(int rows)
{
    QList<CounterRow> list;
    for (int i = 0; i < rows; ++i) {
        list.append(CounterRow{QStringLiteral("some_rather_long_counter_name_%1").arg(i),
                               CounterType::Total,
                               double(i),
                               0,
                               1,
                               {}});
    }
    return Snapshot(1.7e9, SnapshotSource{QStringLiteral("svc"), QStringLiteral("host"), 1, 2, {}},
                    list);
}

/// Whether the exporter's end of the connection from `clientPort` to `serverPort` (IPv4
/// loopback) is still established, as /proc/net/tcp lists it. Once the exporter closes it, the
/// kernel keeps it a while in FIN-WAIT-1, trying to deliver the end to a closed window.
bool isOpenOnServerSide(quint16 serverPort, quint16 clientPort)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray local =
        ':' + QByteArray::number(serverPort, 16).toUpper().rightJustified(4, '0');
    const QByteArray remote =
        ':' + QByteArray::number(clientPort, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields.at(1).endsWith(local) && fields.at(2).endsWith(remote))
            return fields.at(3) == "01"; // TCP_ESTABLISHED
    }
    return false;
}

QUrl metricsUrl(const HttpExporter &exporter)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(exporter.serverPort()));
}

} // namespace

class HttpExporterSlowClientsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldDefaultToASixtySecondRequestTimeout()
    {
        HttpExporter exporter;
        QCOMPARE(exporter.requestTimeout(), Seconds(60));
        exporter.setRequestTimeout(std::chrono::milliseconds(250));
        QCOMPARE(exporter.requestTimeout(), Seconds(0.25));
    }

    void aRequestSentByteByByteShouldBeCutOffWhileOthersAreServed()
    {
        // Given an exporter with a 500 ms request deadline and a client that sends its request
        // one byte every 50 ms (3 s for the whole request),
        HttpExporter exporter;
        exporter.setRequestTimeout(std::chrono::milliseconds(500));
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        QVERIFY(exporter.report(snapshotWithRows(3)));
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, exporter.serverPort());
        QVERIFY(slow.waitForConnected(5000));
        const QByteArray slowRequest = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: "
                                       "slowloris\r\nAccept: */*\r\n\r\n";
        qsizetype sent = 0;
        QTimer trickle;
        QObject::connect(&trickle, &QTimer::timeout, &trickle, [&] {
            if (slow.state() == QAbstractSocket::ConnectedState && sent < slowRequest.size())
                slow.write(slowRequest.mid(sent++, 1));
        });
        QElapsedTimer timer;
        timer.start();
        trickle.start(50);

        // then a scraper is served meanwhile,
        const HttpAnswer answer = request(metricsUrl(exporter));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("some_rather_long_counter_name_2"));
        // and the slow client is disconnected at the deadline, its request never whole.
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(timer.elapsed() >= 450, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(sent < slowRequest.size());
        QCOMPARE(request(metricsUrl(exporter)).status, 200);
    }

    void anIdleConnectionShouldBeClosedAtTheDeadline()
    {
        HttpExporter exporter;
        exporter.setRequestTimeout(std::chrono::milliseconds(300));
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        QTcpSocket idle;
        QElapsedTimer timer;
        timer.start();
        idle.connectToHost(QHostAddress::LocalHost, exporter.serverPort());
        QVERIFY(idle.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(timer.elapsed() >= 250, qPrintable(QString::number(timer.elapsed())));
    }

    void aKeptAliveConnectionShouldServeEachRequestWithinItsOwnDeadline()
    {
        // Given a 400 ms deadline and one connection that sends a request every 150 ms for
        // more than a second (the deadline restarts with each request),
        HttpExporter exporter;
        exporter.setRequestTimeout(std::chrono::milliseconds(400));
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        QVERIFY(exporter.report(snapshotWithRows(3)));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, exporter.serverPort());
        QVERIFY(client.waitForConnected(5000));
        QByteArray received;
        QObject::connect(&client, &QTcpSocket::readyRead, &client,
                         [&] { received += client.readAll(); });
        for (int i = 1; i <= 8; ++i) {
            client.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QTRY_COMPARE_WITH_TIMEOUT(received.count("HTTP/1.1 200"), i, 5000);
            QTest::qWait(150); // the gap being tested, not a synchronisation
        }
        // then the connection is still open.
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }

    void aClientThatNeverReadsShouldBeCutOffWhileOthersAreServed()
    {
        // Given an exporter whose /metrics is about 150 KiB and a client with a tiny receive
        // buffer that pipelines 200 requests (30 MiB of answers) and reads nothing,
        HttpExporter exporter;
        exporter.setRequestTimeout(Seconds(1));
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        QVERIFY(exporter.report(snapshotWithRows(1500)));
        const qint64 answerSize = request(metricsUrl(exporter)).body.size();
        QVERIFY2(answerSize > 100'000, qPrintable(QString::number(answerSize)));
        QTcpSocket stuck;
        stuck.connectToHost(QHostAddress::LocalHost, exporter.serverPort());
        QVERIFY(stuck.waitForConnected(5000));
        const int small = 4096;
        ::setsockopt(int(stuck.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        stuck.setReadBufferSize(small);
        const int requests = 200;
        QByteArray pipeline;
        for (int i = 0; i < requests; ++i)
            pipeline += "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        stuck.write(pipeline);
        QVERIFY(stuck.waitForBytesWritten(5000));

        // then other scrapers are served meanwhile,
        QCOMPARE(request(metricsUrl(exporter)).status, 200);
        // and the exporter answers no more of its requests while its answers wait, and closes
        // its end of the stuck connection at the request deadline. (The stuck client itself
        // may not notice: its window is closed, so it drops the reset as out of window.)
        QTRY_VERIFY_WITH_TIMEOUT(!isOpenOnServerSide(exporter.serverPort(), stuck.localPort()),
                                 10000);
        QVERIFY2(exporter.requestCount() < quint64(requests) / 10,
                 qPrintable(QString::number(exporter.requestCount())));
        QCOMPARE(request(metricsUrl(exporter)).status, 200);
    }
};

QTEST_GUILESS_MAIN(HttpExporterSlowClientsTest)

#include "tst_httpexporterslowclients.moc"
