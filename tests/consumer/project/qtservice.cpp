// SPDX-License-Identifier: MIT
// README's "Instrument a Qt service", as a user writes it from there: every integration set up
// against the installed Counters::Qt, a request through each, one report, then exit.

#include <counters/counters.h>
#include <counters/qt/eventlooplag.h>
#include <counters/qt/httpservermetrics.h>
#include <counters/qt/networkaccessmetrics.h>
#include <counters/qt/servicereporting.h>
#include <counters/qt/threadpoolmetrics.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    counters::EventLoopLagMonitor lag;
    QHttpServer server;
    counters::HttpServerMetrics http(&server);
    http.route("/api/items/<arg>", QHttpServerRequest::Method::Get, [](int id) {
        return QJsonObject{{"id", id}};
    });
    auto *tcp = new QTcpServer;
    if (!tcp->listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen");
    const quint16 port = tcp->serverPort();
    server.bind(tcp);

    QNetworkAccessManager client;
    new counters::NetworkAccessMetrics(&client);
    QThreadPool pool;
    counters::ThreadPoolMetrics workers(&pool, "worker_pool");
    workers.start([] { /* work */ });

    counters::ServiceReporting reporting;
    counters::ServiceReporting::Options options;
    options.jsonFile = QDir::temp().filePath("counters-consumer-qt.json");
    options.localSocket = false;
    options.httpPort = 0;
    if (!reporting.start(options))
        qFatal("%ls", qUtf16Printable(reporting.errorString()));

    auto queued = std::make_shared<counters::GaugeCounter>(QStringLiteral("jobs_queued"),
                                                           [] { return std::optional<double>(3); });
    queued->setMergeRule(counters::MergeRule::Max);
    if (!counters::Registry::global().registerCounter(queued))
        qFatal("%ls", qUtf16Printable(counters::Registry::global().errorString()));

    QNetworkReply *reply = client.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/api/items/7").arg(port))));
    QObject::connect(reply, &QNetworkReply::finished, &app, [&] {
        pool.waitForDone();
        const counters::Snapshot snapshot = counters::Registry::global().collect();
        const bool ok = reply->readAll() == R"({"id":7})"
            && snapshot.row(
                counters::seriesName(QStringLiteral("http_request_time"),
                                     {{QStringLiteral("method"), QStringLiteral("GET")},
                                      {QStringLiteral("route"), QStringLiteral("/api/items/<arg>")},
                                      {QStringLiteral("status"), QStringLiteral("200")}}))
            && snapshot.value(u"worker_pool.max_threads") && snapshot.value(u"jobs_queued") == 3.0;
        qInfo("counters-consumer-qt: %s, %d counters", ok ? "ok" : "FAILED",
              int(snapshot.rows().size()));
        reporting.stop();
        QFile::remove(options.jsonFile);
        app.exit(ok ? 0 : 1);
    });
    QTimer::singleShot(30000, &app, [&app] { app.exit(2); });
    return app.exec();
}
