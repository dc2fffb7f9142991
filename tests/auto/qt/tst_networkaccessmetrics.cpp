// SPDX-License-Identifier: MIT
#include <counters/counter/registry.h>
#include <counters/qt/networkaccessmetrics.h>

#include <QHttpServer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QTest>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when probe goes: a port nobody listens on
}

// Serves `server` on a port of its own of a loopback address: the port, 0 when none could be
// had.
quint16 serve(QHttpServer &server, const QHostAddress &address = QHostAddress::LocalHost)
{
    auto *tcp = new QTcpServer;
    if (!tcp->listen(address, 0)) {
        delete tcp;
        return 0;
    }
    const quint16 port = tcp->serverPort();
    server.bind(tcp); // takes it
    return port;
}

QNetworkReply *waitFor(QNetworkReply *reply)
{
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        qFatal("the reply never finished");
    return reply;
}

} // namespace

class NetworkAccessMetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyReplyShouldBeTimedByHostMethodAndStatus();
    void manyRepliesInFlightShouldEachBeTimedOnce();
    void failedRepliesShouldBeCountedByHostAndError();
    void repliesMadeBeforeTheMetricsShouldBeIgnored();
    void localFileRepliesShouldBeTimedWithoutStatus();
};

void NetworkAccessMetricsTest::everyReplyShouldBeTimedByHostMethodAndStatus()
{
    QHttpServer server;
    server.route(u"/ok"_s, [] { return u"fine"_s; });
    const quint16 port = serve(server);
    QVERIFY(port != 0);

    Registry registry;
    QNetworkAccessManager manager;
    auto *metrics = new NetworkAccessMetrics(&manager, u"http_client"_s, registry);
    QVERIFY(metrics->isValid());
    for (int i = 0; i < 3; ++i) {
        QNetworkReply *reply =
            waitFor(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/ok"_s.arg(port)))));
        QCOMPARE(reply->readAll(), QByteArray("fine"));
        delete reply;
    }
    delete waitFor(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/none"_s.arg(port)))));
    // Each part of the labels changing alone, after the same request: a verb, another custom
    // verb, the host.
    delete waitFor(manager.sendCustomRequest(
        QNetworkRequest(QUrl(u"http://127.0.0.1:%1/ok"_s.arg(port))), "PATCH"));
    delete waitFor(manager.sendCustomRequest(
        QNetworkRequest(QUrl(u"http://127.0.0.1:%1/ok"_s.arg(port))), "OPTIONS"));
    delete waitFor(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/ok"_s.arg(port)))));
    QHttpServer other; // on another loopback address (Linux answers all of 127.0.0.0/8)
    other.route(u"/ok"_s, [] { return u"fine"_s; });
    const quint16 otherPort = serve(other, QHostAddress(u"127.0.0.2"_s));
    QVERIFY(otherPort != 0);
    delete waitFor(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.2:%1/ok"_s.arg(otherPort)))));

    const Snapshot snapshot = registry.collect();
    const CounterRow *ok = snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"200"_s}}));
    QVERIFY(ok);
    QCOMPARE(ok->count, quint64(4));
    QCOMPARE(ok->unit, Unit::Second);
    QVERIFY(ok->value && *ok->value > 0 && *ok->value < 5);
    QVERIFY(snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"404"_s}})));
    const CounterRow *patched = snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"PATCH"_s}, {u"status"_s, u"200"_s}}));
    QVERIFY(patched);
    QCOMPARE(patched->count, quint64(1));
    const CounterRow *options = snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"OPTIONS"_s}, {u"status"_s, u"200"_s}}));
    QVERIFY(options);
    QCOMPARE(options->count, quint64(1));
    const CounterRow *otherHost = snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.2"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"200"_s}}));
    QVERIFY(otherHost);
    QCOMPARE(otherHost->count, quint64(1));
    const CounterRow *notFound = snapshot.row(
        seriesName(u"http_client_errors"_s,
                   {{u"error"_s, u"ContentNotFoundError"_s}, {u"host"_s, u"127.0.0.1"_s}}));
    QVERIFY(notFound);
    QCOMPARE(notFound->value, std::optional<double>(1));
}

// Replies made together finish in any order: each is found among those in flight, and one
// deleted unfinished leaves with its removal from the manager.
void NetworkAccessMetricsTest::manyRepliesInFlightShouldEachBeTimedOnce()
{
    QHttpServer server;
    server.route(u"/n/<arg>"_s, [](int n) { return QString::number(n); });
    const quint16 port = serve(server);
    QVERIFY(port != 0);

    Registry registry;
    QNetworkAccessManager manager;
    new NetworkAccessMetrics(&manager, u"http_client"_s, registry);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 12; ++i)
        replies.append(
            manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/n/%2"_s.arg(port).arg(i)))));
    delete replies.takeLast(); // never finishes
    for (QNetworkReply *reply : std::as_const(replies))
        waitFor(reply);
    for (int i = 0; i < replies.size(); ++i)
        QCOMPARE(replies.at(i)->readAll(), QByteArray::number(i));
    qDeleteAll(replies);
    const Snapshot snapshot = registry.collect();
    const CounterRow *ok = snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"200"_s}}));
    QVERIFY(ok);
    QCOMPARE(ok->count, quint64(11));
}

void NetworkAccessMetricsTest::failedRepliesShouldBeCountedByHostAndError()
{
    Registry registry;
    QNetworkAccessManager manager;
    new NetworkAccessMetrics(&manager, u"http_client"_s, registry);
    const quint16 port = freePort();
    delete waitFor(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)))));

    const Snapshot snapshot = registry.collect();
    const CounterRow *refused = snapshot.row(
        seriesName(u"http_client_errors"_s,
                   {{u"error"_s, u"ConnectionRefusedError"_s}, {u"host"_s, u"127.0.0.1"_s}}));
    QVERIFY(refused);
    QCOMPARE(refused->value, std::optional<double>(1));
    // No status came: the time is still there, as "error".
    QVERIFY(snapshot.row(seriesName(
        u"http_client_request_time"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"error"_s}})));
}

void NetworkAccessMetricsTest::repliesMadeBeforeTheMetricsShouldBeIgnored()
{
    Registry registry;
    QNetworkAccessManager manager;
    QNetworkReply *early =
        manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/"_s.arg(freePort()))));
    new NetworkAccessMetrics(&manager, u"http_client"_s, registry);
    delete waitFor(early);
    QCOMPARE(registry.collect().rows().size(), 0);
}

void NetworkAccessMetricsTest::localFileRepliesShouldBeTimedWithoutStatus()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("local");
    file.flush();
    Registry registry;
    QNetworkAccessManager manager;
    new NetworkAccessMetrics(&manager, u"http_client"_s, registry);
    // The reply is finished at once, the manager's finished() comes later: waited for.
    QSignalSpy finished(&manager, &QNetworkAccessManager::finished);
    QNetworkReply *reply = manager.get(QNetworkRequest(QUrl::fromLocalFile(file.fileName())));
    QVERIFY(finished.wait());
    QCOMPARE(reply->readAll(), QByteArray("local"));
    delete reply;
    const Snapshot snapshot = registry.collect();
    const CounterRow *local = snapshot.row(
        seriesName(u"http_client_request_time"_s,
                   {{u"host"_s, u"file"_s}, {u"method"_s, u"GET"_s}, {u"status"_s, u"none"_s}}));
    QVERIFY(local);
    QCOMPARE(local->count, quint64(1));
}

QTEST_GUILESS_MAIN(NetworkAccessMetricsTest)
#include "tst_networkaccessmetrics.moc"
