// SPDX-License-Identifier: MIT
// counters-example-service as its users run it: a real process, its API over HTTP, and its
// Prometheus endpoint scraped for what the README promises.

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kProcessTimeoutMs = 30000;

struct Service
{
    QProcess process;
    quint16 apiPort = 0;
    quint16 metricsPort = 0;
    QString output;
};

// GET `url`: (status, body); status 0 when no answer came.
std::pair<int, QByteArray> get(QNetworkAccessManager &client, const QString &url)
{
    QNetworkReply *reply = client.get(QNetworkRequest(QUrl(url)));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kProcessTimeoutMs))
        reply->abort();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return {status, body};
}

} // namespace

class ExampleServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void itsEndpointShouldCarryEveryIntegrationsMetrics();
    void aBadPortShouldBeRefusedWithAClearMessage();

private:
    QTemporaryDir m_runtime;
    QProcessEnvironment m_environment;
};

void ExampleServiceTest::initTestCase()
{
    // Its local socket in a directory of this test's own.
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(u"XDG_RUNTIME_DIR"_s, m_runtime.path());
}

void ExampleServiceTest::itsEndpointShouldCarryEveryIntegrationsMetrics()
{
    Service service;
    service.process.setProcessEnvironment(m_environment);
    service.process.start(QStringLiteral(EXAMPLE_SERVICE_EXECUTABLE),
                          {u"--port"_s, u"0"_s, u"--http"_s, u"0"_s});
    QVERIFY(service.process.waitForStarted(kProcessTimeoutMs));
    const QRegularExpression api(u"API on http://127.0.0.1:(\\d+)/"_s);
    const QRegularExpression metrics(u"metrics on http://127.0.0.1:(\\d+)/metrics"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        (service.output += QString::fromUtf8(service.process.readAllStandardOutput()),
         metrics.match(service.output).hasMatch()),
        kProcessTimeoutMs);
    service.apiPort = quint16(api.match(service.output).captured(1).toUInt());
    service.metricsPort = quint16(metrics.match(service.output).captured(1).toUInt());
    QVERIFY(service.output.contains(u"publishing on the local socket "_s + m_runtime.path()));

    QNetworkAccessManager client;
    const QString base = u"http://127.0.0.1:%1"_s.arg(service.apiPort);
    const auto [status, body] = get(client, base + u"/api/primes/30"_s);
    QCOMPARE(status, 200);
    QCOMPARE(body, QByteArray(R"({"below":30,"count":10,"primes":[2,3,5,7,11,13,17,19,23,29]})"));
    QCOMPARE(get(client, base + u"/api/primes/-1"_s).first, 400);
    // The summary counts primes itself (a third pool task) and says how its self-check went:
    // it asks its own /healthz over HTTP every two seconds, from the start.
    const auto summary = get(client, base + u"/api/summary"_s);
    QCOMPARE(summary.first, 200);
    QVERIFY2(summary.second.startsWith(R"({"primes_below_1000":168,"self_check":{)"),
             summary.second.constData());

    // The exporter publishes every 5 s by default: wait for a report with the requests.
    const QString scrape = u"http://127.0.0.1:%1/metrics"_s.arg(service.metricsPort);
    QByteArray text;
    const QStringList expected{
        // The server's requests, by route, method and status.
        uR"(http_request_time_seconds_count{method="GET",route="/api/primes/<arg>",status="200",service="counters-example-service"} 1)"_s,
        uR"(http_request_time_seconds_count{method="GET",route="/api/primes/<arg>",status="400",service="counters-example-service"} 1)"_s,
        uR"(http_request_time_seconds_count{method="GET",route="/api/summary",status="200",service="counters-example-service"} 1)"_s,
        // Its outgoing requests to itself, and their answers.
        uR"(http_client_request_time_seconds_count{host="127.0.0.1",method="GET",status="200",service="counters-example-service"} )"_s,
        uR"(http_request_time_seconds_count{method="GET",route="/healthz",status="200",service="counters-example-service"} )"_s,
        // The pool (a task for /api/primes/30, one for the summary), and where their time went.
        uR"(worker_pool_task_time_seconds_count{service="counters-example-service"} 2)"_s,
        uR"(worker_pool_max_threads{service="counters-example-service"} 4)"_s,
        uR"(primes_compute_window_events{service="counters-example-service"} 2)"_s,
        uR"(primes_format_window_events{service="counters-example-service"} 2)"_s,
        // The main thread's event loop.
        uR"(# TYPE event_loop_lag_seconds summary)"_s,
    };
    const auto hasAll = [&] {
        text = get(client, scrape).second;
        for (const QString &line : expected) {
            if (!text.contains(line.toUtf8()))
                return false;
        }
        return true;
    };
    QVERIFY2(QTest::qWaitFor(hasAll, kProcessTimeoutMs), text.constData());

    service.process.terminate();
    QVERIFY(service.process.waitForFinished(kProcessTimeoutMs));
    QCOMPARE(service.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(service.process.exitCode(), 0);
}

void ExampleServiceTest::aBadPortShouldBeRefusedWithAClearMessage()
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral(EXAMPLE_SERVICE_EXECUTABLE), {u"--http"_s, u"http"_s});
    QVERIFY(process.waitForFinished(kProcessTimeoutMs));
    QCOMPARE(process.exitCode(), 2);
    QCOMPARE(process.readAllStandardError(),
             QByteArray("counters-example-service: --http: not a port: http\n"));
}

QTEST_GUILESS_MAIN(ExampleServiceTest)
#include "tst_exampleservice.moc"
