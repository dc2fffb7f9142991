// SPDX-License-Identifier: MIT
#include <counters/counter/registry.h>
#include <counters/qt/httpservermetrics.h>

#include <QEventLoop>
#include <QHttpServer>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

// A QHttpServer on a loopback port of its own, and a client for it.
struct Served
{
    QHttpServer server;
    quint16 port = 0;
    QNetworkAccessManager client;

    Served()
    {
        auto *tcp = new QTcpServer;
        if (!tcp->listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen: %ls", qUtf16Printable(tcp->errorString()));
        port = tcp->serverPort();
        server.bind(tcp); // takes it
    }

    // Sends a request and waits for the whole reply: (status, body).
    std::pair<int, QByteArray> send(const QByteArray &verb, const QString &path)
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        QNetworkReply *reply = client.sendCustomRequest(request, verb);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->readAll()};
    }
};

const CounterRow *seriesOf(const Snapshot &snapshot, const QString &route, const QString &method,
                           const QString &status)
{
    return snapshot.row(
        seriesName(u"http_request_time"_s,
                   {{u"method"_s, method}, {u"route"_s, route}, {u"status"_s, status}}));
}

} // namespace

class HttpServerMetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRequestShouldBeTimedByRouteMethodAndStatus();
    void aHandlerThatTakesTheRequestShouldStillGetIt();
    void aFutureShouldBeTimedUntilItFinishes();
    void aPromiseFinishedOnAPoolThreadShouldAnswerEveryTime();
    void aFamilyNameInUseShouldLeaveRoutesWorkingUntimed();
};

void HttpServerMetricsTest::everyRequestShouldBeTimedByRouteMethodAndStatus()
{
    Registry registry;
    Served served;
    HttpServerMetrics metrics(&served.server, u"http_request_time"_s, registry);
    QVERIFY(metrics.isValid());
    QVERIFY(metrics.route(u"/items/<arg>"_s, QHttpServerRequest::Method::Get, [](int id) {
        if (id == 0)
            return QHttpServerResponse(QHttpServerResponse::StatusCode::NotFound);
        return QHttpServerResponse(QJsonObject{{u"id"_s, id}});
    }));
    QVERIFY(metrics.route(u"/plain"_s, [] { return u"text"_s; }));

    QCOMPARE(served.send("GET", u"/items/7"_s), std::make_pair(200, QByteArray(R"({"id":7})")));
    QCOMPARE(served.send("GET", u"/items/8"_s).first, 200);
    QCOMPARE(served.send("GET", u"/items/0"_s).first, 404);
    QCOMPARE(served.send("DELETE", u"/plain"_s), std::make_pair(200, QByteArray("text")));

    const Snapshot snapshot = registry.collect();
    const CounterRow *ok = seriesOf(snapshot, u"/items/<arg>"_s, u"GET"_s, u"200"_s);
    QVERIFY(ok);
    QCOMPARE(ok->count, quint64(2)); // one series for every item
    QCOMPARE(ok->unit, Unit::Second);
    QVERIFY(ok->value && *ok->value > 0 && *ok->value < 1);
    QVERIFY(seriesOf(snapshot, u"/items/<arg>"_s, u"GET"_s, u"404"_s));
    QVERIFY(seriesOf(snapshot, u"/plain"_s, u"DELETE"_s, u"200"_s));
}

void HttpServerMetricsTest::aHandlerThatTakesTheRequestShouldStillGetIt()
{
    Registry registry;
    Served served;
    HttpServerMetrics metrics(&served.server, u"http_request_time"_s, registry);
    QVERIFY(metrics.route(u"/echo/<arg>"_s, QHttpServerRequest::Method::Post,
                          [](const QString &word, const QHttpServerRequest &request) -> QString {
                              return word + u' ' + QString::fromUtf8(request.body());
                          }));
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/echo/hello"_s.arg(served.port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"text/plain"_s);
    QNetworkReply *reply = served.client.post(request, QByteArray("world"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->readAll(), QByteArray("hello world"));
    reply->deleteLater();
    QVERIFY(seriesOf(registry.collect(), u"/echo/<arg>"_s, u"POST"_s, u"200"_s));
}

void HttpServerMetricsTest::aFutureShouldBeTimedUntilItFinishes()
{
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    QSKIP("Qt 6.4's QHttpServer answers a future that finishes after the handler returned "
          "through a reference to a request that is gone, and crashes (without metrics too)");
#endif
    Registry registry;
    Served served;
    HttpServerMetrics metrics(&served.server, u"http_request_time"_s, registry);
    QVERIFY(metrics.route(u"/slow"_s, [] {
        return QtConcurrent::run([] {
            QThread::msleep(50);
            return QHttpServerResponse(u"done"_s, QHttpServerResponse::StatusCode::Accepted);
        });
    }));
    QCOMPARE(served.send("GET", u"/slow"_s), std::make_pair(202, QByteArray("done")));
    const Snapshot snapshot = registry.collect();
    const CounterRow *row = seriesOf(snapshot, u"/slow"_s, u"GET"_s, u"202"_s);
    QVERIFY(row);
    // The handler returned at once; the request took as long as its future.
    QVERIFY2(row->value && *row->value >= 0.045,
             qPrintable(QString::number(row->value.value_or(-1))));
}

// The way a handler hands work to a pool: a QPromise finished, and dropped, on the pool's
// thread after the server has its future. The metrics once continued the future, and a
// QPromise destroyed after its result was taken ran the continuations again (a crash).
void HttpServerMetricsTest::aPromiseFinishedOnAPoolThreadShouldAnswerEveryTime()
{
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    QSKIP("Qt 6.4's QHttpServer answers a future that finishes after the handler returned "
          "through a reference to a request that is gone, and crashes (without metrics too)");
#endif
    Registry registry;
    Served served;
    QThreadPool pool;
    HttpServerMetrics metrics(&served.server, u"http_request_time"_s, registry);
    QVERIFY(metrics.route(u"/promised/<arg>"_s, [&pool](int ms) {
        auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
        QFuture<QHttpServerResponse> future = promise->future();
        promise->start();
        pool.start([promise, ms] {
            QThread::msleep(ulong(ms));
            promise->addResult(QHttpServerResponse(u"late"_s));
            promise->finish();
        });
        return future;
    }));
    for (int ms : {30, 0, 30, 1, 30}) {
        QCOMPARE(served.send("GET", u"/promised/%1"_s.arg(ms)),
                 std::make_pair(200, QByteArray("late")));
    }
    const Snapshot snapshot = registry.collect();
    const CounterRow *row = seriesOf(snapshot, u"/promised/<arg>"_s, u"GET"_s, u"200"_s);
    QVERIFY(row);
    QCOMPARE(row->count, quint64(5));
}

void HttpServerMetricsTest::aFamilyNameInUseShouldLeaveRoutesWorkingUntimed()
{
    Registry registry;
    Served served;
    HttpServerMetrics first(&served.server, u"http_request_time"_s, registry);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"family http_request_time: the registry has"_s));
    HttpServerMetrics second(&served.server, u"http_request_time"_s, registry);
    QVERIFY(!second.isValid());
    QVERIFY2(second.errorString().contains(u"http_request_time"_s),
             qPrintable(second.errorString()));
    QVERIFY(second.route(u"/still"_s, [] { return u"works"_s; }));
    QCOMPARE(served.send("GET", u"/still"_s), std::make_pair(200, QByteArray("works")));
}

QTEST_GUILESS_MAIN(HttpServerMetricsTest)
#include "tst_httpservermetrics.moc"
