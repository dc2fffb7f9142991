// SPDX-License-Identifier: MIT
// The HTTP request head as the exporter reads it: what is accepted, what is refused with
// which status, and the limits.

#include <counters/format/httprequest_p.h>

#include <QTest>

using counters::HttpParseResult;
using counters::HttpRequestLimits;
using counters::parseHttpRequest;
using Status = HttpParseResult::Status;

Q_DECLARE_METATYPE(HttpParseResult::Status)

class HttpRequestTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldReadAHead_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("minorVersion");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<bool>("hasBody");

        QTest::newRow("Prometheus") << QByteArray("GET /metrics HTTP/1.1\r\nHost: h:9464\r\n"
                                                  "Accept: application/openmetrics-text\r\n\r\n")
                                    << QByteArray("GET") << "/metrics" << 1 << true << false;
        QTest::newRow("query ignored")
            << QByteArray("GET /metrics?x=1&y HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
            << "/metrics" << 1 << true << false;
        QTest::newRow("percent-encoded path")
            << QByteArray("GET /%6detrics HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("GET")
            << "/metrics" << 1 << true << false;
        QTest::newRow("absolute form") << QByteArray("GET http://h:9464/healthz HTTP/1.1\r\n"
                                                     "Host: h\r\n\r\n")
                                       << QByteArray("GET") << "/healthz" << 1 << true << false;
        QTest::newRow("bare LF") << QByteArray("HEAD / HTTP/1.0\n\n") << QByteArray("HEAD") << "/"
                                 << 0 << false << false;
        QTest::newRow("empty lines first") << QByteArray("\r\n\r\nGET / HTTP/1.0\r\n\r\n")
                                           << QByteArray("GET") << "/" << 0 << false << false;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n"
                                                 "Connection: Keep-Alive, CLOSE\r\n\r\n")
                                   << QByteArray("GET") << "/" << 1 << false << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\n"
                                                      "Connection: keep-alive\r\n\r\n")
                                        << QByteArray("GET") << "/" << 0 << true << false;
        QTest::newRow("empty Host") << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n")
                                    << QByteArray("GET") << "/" << 1 << true << false;
        QTest::newRow("POST with a body")
            << QByteArray("POST /metrics HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("POST") << "/metrics" << 1 << true << true;
        QTest::newRow("Content-Length 0") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n"
                                                        "Content-Length: 0\r\n\r\n")
                                          << QByteArray("GET") << "/" << 1 << true << false;
        QTest::newRow("repeated equal lengths")
            << QByteArray("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                          "Content-Length: 3\r\n\r\n")
            << QByteArray("PUT") << "/" << 1 << true << true;
        QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n")
                                 << QByteArray("POST") << "/" << 1 << true << true;
    }
    void shouldReadAHead()
    {
        QFETCH(QByteArray, input);
        const HttpParseResult result = parseHttpRequest(input);
        QCOMPARE(result.status, Status::Complete);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, minorVersion);
        QFETCH(bool, keepAlive);
        QFETCH(bool, hasBody);
        QCOMPARE(result.request.method, method);
        QCOMPARE(result.request.path, path);
        QCOMPARE(result.request.minorVersion, minorVersion);
        QCOMPARE(result.request.keepAlive, keepAlive);
        QCOMPARE(result.request.hasBody, hasBody);
        // The head ends at its empty line: a body or the next request stays in the buffer.
        QVERIFY(input.left(result.consumed).endsWith("\n\n")
                || input.left(result.consumed).endsWith("\n\r\n"));
        QVERIFY(!input.mid(result.consumed).contains("\r\n\r\n"));
    }

    void shouldRefuse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::newRow("one word") << QByteArray("GET\r\n\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("HTTP/0.9 style") << QByteArray("GET / \r\n\r\n") << 400;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
        QTest::newRow("space in method") << QByteArray("G T / HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("relative target")
            << QByteArray("GET metrics HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("NUL in target")
            << QByteArray("GET /a") + '\0' + QByteArray("b HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("bad escape") << QByteArray("GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("cut escape") << QByteArray("GET /a%2 HTTP/1.1\r\nHost: h\r\n\r\n") << 400;
        QTest::newRow("1.1 without Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("space before colon")
            << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << 400;
        QTest::newRow("folded line")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n") << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX\r\n\r\n") << 400;
        QTest::newRow("control byte in value")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: a\x01\r\n\r\n") << 400;
        QTest::newRow("smuggling: length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("smuggling: two lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                          "Content-Length: 6\r\n\r\n")
            << 400;
        QTest::newRow("empty length, then 0")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n"
                          "Content-Length: 0\r\n\r\n")
            << 400;
        QTest::newRow("length not a number")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\n") << 400;
        QTest::newRow("chunked in 1.0")
            << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    }
    void shouldRefuse()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        const HttpParseResult result = parseHttpRequest(input);
        QCOMPARE(result.status, Status::Invalid);
        QCOMPARE(result.errorStatus, status);
        QVERIFY(!result.error.isEmpty());
    }

    void shouldWaitForTheRestOfAHead()
    {
        const QByteArray head = "GET /metrics HTTP/1.1\r\nHost: h\r\n\r\n";
        for (qsizetype n = 0; n < head.size(); ++n)
            QCOMPARE(parseHttpRequest(head.left(n)).status, Status::Incomplete);
        QCOMPARE(parseHttpRequest(head).status, Status::Complete);
        QCOMPARE(parseHttpRequest(head).consumed, head.size());
    }

    void shouldKeepTheLimits()
    {
        HttpRequestLimits limits;
        limits.maxHeadBytes = 200;
        limits.maxTargetBytes = 50;
        limits.maxHeaders = 3;
        const auto statusOf = [&](const QByteArray &input) {
            const HttpParseResult result = parseHttpRequest(input, limits);
            return result.status == Status::Invalid ? result.errorStatus : 0;
        };
        // A long target, complete or still arriving.
        const QByteArray target = "/" + QByteArray(60, 'a');
        QCOMPARE(statusOf("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n"), 414);
        QCOMPARE(statusOf("GET " + target + QByteArray(100, 'a')), 414);
        // Too many fields, a head too large complete, and one still arriving.
        QCOMPARE(statusOf("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), 431);
        QCOMPARE(statusOf("GET / HTTP/1.1\r\nHost: h\r\nA: " + QByteArray(200, 'x') + "\r\n\r\n"),
                 431);
        QCOMPARE(statusOf("GET / HTTP/1.1\r\nHost: h\r\nA: " + QByteArray(200, 'x')), 431);
        // At the limits: accepted.
        QCOMPARE(statusOf("GET /" + QByteArray(49, 'a')
                          + " HTTP/1.1\r\nHost: h\r\nA: 1\r\n"
                            "B: 2\r\n\r\n"),
                 0);
    }

    void shouldJoinRepeatedFields()
    {
        const HttpParseResult result = parseHttpRequest(
            "GET / HTTP/1.1\r\nHost: h\r\naccept: text/plain\r\nACCEPT: application/json\r\n\r\n");
        QCOMPARE(result.request.header("Accept"), QByteArray("text/plain,application/json"));
        QCOMPARE(result.request.header("X-None"), QByteArray());
    }
};

QTEST_GUILESS_MAIN(HttpRequestTest)
#include "tst_httprequest.moc"
