// SPDX-License-Identifier: MIT
// HttpExporter over real HTTP: the endpoints, content negotiation, 404/405, HEAD, the report
// it serves, promtool's verdict on its output, and scrapes while reports keep coming.

#include "exposition.h"
#include "multiprocesstesthelpers.h"
#include "threadnames.h"

#include <counters/counters.h>
#include <counters/format/prometheusencoder.h>
#include <counters/transport/httpexporter.h>

#include <QProcess>
#include <QTest>

#include <atomic>
#include <thread>

using namespace counters;
using exposition::request;

namespace {

// Every kind of counter, with names that need sanitising and that would collide, fed so
// that every one of them has a value.
Snapshot busySnapshot(ManualClock &clock)
{
    Registry registry(&clock);
    const auto add = [&](std::shared_ptr<Counter> counter) {
        counter->setClock(&clock);
        if (!registry.registerCounter(counter))
            qFatal("%ls", qUtf16Printable(registry.errorString()));
        return counter;
    };
    const auto requests = add(std::make_shared<EventCounter>(QStringLiteral("requests")));
    const auto total = add(std::make_shared<TotalCounter>(QStringLiteral("requests_total")));
    const auto time = add(std::make_shared<AverageTimeCounter>(QStringLiteral("handler.time")));
    const auto negative = add(std::make_shared<TotalCounter>(QStringLiteral("len_avg_min")));
    add(std::make_shared<TotalCounter>(QStringLiteral("never")));
    const QList<std::shared_ptr<Counter>> lengths{
        add(std::make_shared<AverageWindowCounter>(QStringLiteral("len_avg"), Seconds(900))),
        add(std::make_shared<FrequencyCounter>(QStringLiteral("len_frequency"), Seconds(60))),
        add(std::make_shared<WindowCounter>(QStringLiteral("len_sum"), Seconds(900))),
        add(std::make_shared<MaxWindowCounter>(QStringLiteral("len_max"), Seconds(900))),
        add(std::make_shared<MinWindowCounter>(QStringLiteral("5xx-min"), Seconds(900))),
        add(std::make_shared<PercentileWindowCounter>(QStringLiteral("len.percentiles"),
                                                      Seconds(900))),
    };
    // Labelled families, with label values that need escaping and label names that clash
    // with the quantile and with the constant label `service` of the promtool test.
    Family<AverageTimeCounter> requestTime(QStringLiteral("http.request_time"),
                                           {QStringLiteral("method"), QStringLiteral("path")},
                                           registry);
    Family<PercentileWindowCounter> sizes(QStringLiteral("size"), {QStringLiteral("quantile")},
                                          registry);
    Family<EventCounter> calls(QStringLiteral("calls"), {QStringLiteral("service")}, registry);
    const QList<Event> timed{requestTime.with({u"GET", u"/a\"b\\c\nd"}),
                             requestTime.with({u"PÖST", u"/"})};
    const QList<Event> valued{sizes.with({u"x"}), sizes.with({u"y"}), calls.with({u"one"}),
                              calls.with({u"two"})};
    for (const double value : {2.0, 6.0, 4.0}) {
        for (const Event &event : valued)
            event.value(value);
        for (const Event &event : timed)
            event.start();
        for (const auto &counter : lengths)
            counter->reportValue(value);
        requests->reportValue(1);
        total->reportValue(value);
        negative->reportValue(-value);
        time->reportStart();
        clock.advance(Seconds(0.25));
        time->reportEnd();
        for (const Event &event : timed)
            event.end();
    }
    return registry.collect();
}

} // namespace

class HttpExporterTest : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    Snapshot m_snapshot;

    QUrl url(const HttpExporter &exporter, const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(exporter.serverPort()).arg(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_snapshot = busySnapshot(m_clock);
        QVERIFY(m_snapshot.rows().size() >= 10);
    }

    void shouldServeTheTextFormatByDefault()
    {
        HttpExporter exporter;
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        QCOMPARE(exporter.serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(exporter.serverPort() != 0);
        QVERIFY(exporter.report(m_snapshot));

        const auto answer = request(url(exporter, QStringLiteral("/metrics")));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QCOMPARE(answer.body,
                 PrometheusEncoder().encode(m_snapshot, PrometheusEncoder::Format::Text));
        QVERIFY(answer.body.contains("\nrequests_total 3\n"));
        QVERIFY(answer.body.contains("\nrequests_total_value 12\n"));
        QVERIFY(answer.body.contains("\nhandler_time_seconds 0.25\n"));
        QCOMPARE(answer.header("Vary"), QByteArray("Accept"));
        // Its thread shows as ours in top -H, debuggers and profilers.
        if (QFile::exists(QStringLiteral("/proc/self/task")))
            QVERIFY(testsupport::threadNames().contains(QStringLiteral("counters-http")));
    }

    void shouldNegotiateOpenMetrics_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("openMetrics");
        QTest::newRow("Prometheus' own header")
            << QByteArray("application/openmetrics-text;version=1.0.0,application/"
                          "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                          "*/*;q=0.1")
            << true;
        QTest::newRow("plain OpenMetrics") << QByteArray("application/openmetrics-text") << true;
        QTest::newRow("text asked") << QByteArray("text/plain") << false;
        QTest::newRow("text preferred")
            << QByteArray("application/openmetrics-text;q=0.2, text/plain") << false;
        QTest::newRow("anything") << QByteArray("*/*") << false;
    }

    void shouldNegotiateOpenMetrics()
    {
        QFETCH(QByteArray, accept);
        QFETCH(bool, openMetrics);
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        const auto answer = request(url(exporter, QStringLiteral("/metrics")), "GET",
                                    {{QByteArrayLiteral("Accept"), accept}});
        QCOMPARE(answer.status, 200);
        const auto format =
            openMetrics ? PrometheusEncoder::Format::OpenMetrics : PrometheusEncoder::Format::Text;
        QCOMPARE(answer.contentType, PrometheusEncoder::contentType(format));
        QCOMPARE(answer.body, PrometheusEncoder().encode(m_snapshot, format));
        QCOMPARE(answer.body.endsWith("# EOF\n"), openMetrics);
    }

    void shouldServeTheJsonReport()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        const auto before = request(url(exporter, QStringLiteral("/report.json")));
        QCOMPARE(before.status, 503);
        QCOMPARE(before.header("Retry-After"), QByteArray("1"));

        QVERIFY(exporter.report(m_snapshot));
        const auto answer = request(url(exporter, QStringLiteral("/report.json?x=1")));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.contentType, QByteArray("application/json"));
        QCOMPARE(answer.body, JsonCodec::toJson(m_snapshot));
        QString error;
        const auto decoded = JsonCodec::fromJson(answer.body, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, m_snapshot);
        QCOMPARE(exporter.latestSnapshot(), m_snapshot);
    }

    void shouldAnswerHealthAndIndex()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        const auto health = request(url(exporter, QStringLiteral("/healthz")));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.body, QByteArray("ok\n"));
        const auto index = request(url(exporter, QStringLiteral("/")));
        QCOMPARE(index.status, 200);
        QVERIFY(index.body.contains("/metrics"));
        // Before the first report /metrics is empty but fine.
        const auto metrics = request(url(exporter, QStringLiteral("/metrics")));
        QCOMPARE(metrics.status, 200);
        QCOMPARE(metrics.body, QByteArray());
        QCOMPARE(exporter.requestCount(), quint64(3));
    }

    void shouldAnswer404ForUnknownPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("unknown") << QStringLiteral("/nope") << QByteArray("GET");
        QTest::newRow("below /metrics") << QStringLiteral("/metrics/x") << QByteArray("GET");
        QTest::newRow("prefix of a path") << QStringLiteral("/metricsx") << QByteArray("GET");
        QTest::newRow("trailing slash") << QStringLiteral("/healthz/") << QByteArray("GET");
        QTest::newRow("unknown, POST") << QStringLiteral("/nope") << QByteArray("POST");
    }

    void shouldAnswer404ForUnknownPaths()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        const auto answer = request(url(exporter, path), method);
        QCOMPARE(answer.status, 404);
        QVERIFY(answer.body.contains("not found"));
    }

    void shouldAnswer405ForOtherMethods_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        for (const char *path : {"/metrics", "/report.json", "/healthz"}) {
            for (const char *method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
                // newRow(), not addRow("%s %s"): GCC 12 at -O3 believes a %s argument null.
                const QByteArray tag = QByteArray(method) + ' ' + path;
                QTest::newRow(tag.constData()) << QString::fromLatin1(path) << QByteArray(method);
            }
        }
    }

    void shouldAnswer405ForOtherMethods()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        const auto answer = request(url(exporter, path), method);
        QCOMPARE(answer.status, 405);
        QCOMPARE(answer.header("Allow"), QByteArray("GET, HEAD"));
    }

    void shouldAnswerHeadWithoutABody()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        const auto head = request(url(exporter, QStringLiteral("/metrics")), "HEAD");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        const QByteArray full =
            PrometheusEncoder().encode(m_snapshot, PrometheusEncoder::Format::Text);
        QCOMPARE(head.header("Content-Length"), QByteArray::number(full.size()));
        // The connection is still usable after a HEAD answer.
        QCOMPARE(request(url(exporter, QStringLiteral("/healthz"))).status, 200);
    }

    void shouldApplyPrefixAndConstantLabels()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        exporter.setNamePrefix(QStringLiteral("shop_"));
        QVERIFY(exporter.setConstantLabels({{QStringLiteral("service"), QStringLiteral("shop")},
                                            {QStringLiteral("instance"), QStringLiteral("a1")}}));
        QString error;
        QVERIFY(!exporter.setConstantLabels({{QStringLiteral("bad-name"), QStringLiteral("x")}},
                                            &error));
        QVERIFY(error.contains(QStringLiteral("bad-name")));
        QCOMPARE(exporter.constantLabels().value(QStringLiteral("service")),
                 QStringLiteral("shop"));
        QCOMPARE(exporter.namePrefix(), QStringLiteral("shop_"));

        const auto answer = request(url(exporter, QStringLiteral("/metrics")));
        QCOMPARE(answer.status, 200);
        QVERIFY2(
            answer.body.contains("\nshop_handler_time_seconds{instance=\"a1\",service=\"shop\"} "
                                 "0.25\n"),
            answer.body.constData());
        QVERIFY(answer.body.contains(
            "\ncounters_report_timestamp_seconds{instance=\"a1\",service=\"shop\"} "));
    }

    // A series that lost its name to another counter's is one an alert may depend on: the
    // exporter says so once, naming both counters and both names.
    void shouldWarnOnceAboutASeriesThatLostItsName()
    {
        testsupport::TransportLog log;
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        CounterRow basket;
        basket.name = QStringLiteral("basket_size");
        basket.type = CounterType::AverageWindow;
        basket.window = 300;
        basket.count = 2;
        basket.value = 3;
        basket.subValues = {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 5}};
        CounterRow max = basket;
        max.name = QStringLiteral("basket_size_max");
        max.type = CounterType::MaxWindow;
        max.subValues.clear();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(exporter.report(Snapshot(1000 + i, SnapshotSource{}, {basket, max})));
            const auto answer = request(url(exporter, QStringLiteral("/metrics")));
            QVERIFY(answer.body.contains("\nbasket_size_max_2 5\n"));
        }
        const QStringList warnings = log.warnings();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first(),
                 QStringLiteral("HTTP exporter: counter \"basket_size\" would export "
                                "basket_size_max, which clashes with a series of counter "
                                "\"basket_size_max\"; it is exported as basket_size_max_2 "
                                "instead, and may move again as counters come and go: rename "
                                "one of the two counters"));
    }

    void shouldServeTheLatestReport()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        CounterRow row;
        row.name = QStringLiteral("value");
        row.type = CounterType::Total;
        for (int i = 1; i <= 3; ++i) {
            row.value = i;
            QVERIFY(exporter.report(Snapshot(1000 + i, SnapshotSource{}, {row})));
            const auto answer = request(url(exporter, QStringLiteral("/metrics")));
            QVERIFY2(answer.body.contains(QByteArray("\nvalue " + QByteArray::number(i) + '\n')),
                     answer.body.constData());
        }
    }

    void shouldFailToListenTwiceOrOnABusyPort()
    {
        HttpExporter first;
        QVERIFY(first.listen());
        QVERIFY(!first.listen());
        QVERIFY(first.listenErrorString().contains(QStringLiteral("already")));

        HttpExporter second;
        QVERIFY(!second.listen(QHostAddress::LocalHost, first.serverPort()));
        QVERIFY2(second.listenErrorString().contains(QString::number(first.serverPort())),
                 qPrintable(second.listenErrorString()));
        QVERIFY(!second.isListening());
        QCOMPARE(second.serverPort(), quint16(0));

        first.close();
        QVERIFY(!first.isListening());
        QVERIFY2(second.listen(QHostAddress::LocalHost, quint16(0)),
                 qPrintable(second.listenErrorString()));
        QVERIFY(second.listenErrorString().isEmpty());
        QVERIFY(first.listen()); // again, after close()
        QCOMPARE(request(url(first, QStringLiteral("/healthz"))).status, 200);
    }

    // Scrapes keep being answered, complete and parseable, while another thread reports as
    // fast as it can; reports never wait for a scrape in progress.
    void shouldServeScrapesWhileReportsKeepComing()
    {
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.report(m_snapshot));
        std::atomic<bool> stop{false};
        std::atomic<int> reports{0};
        std::thread reporter([&] {
            CounterRow row;
            row.name = QStringLiteral("moving");
            row.type = CounterType::Total;
            while (!stop.load()) {
                row.value = reports.load();
                QList<CounterRow> rows = m_snapshot.rows();
                rows.append(row);
                exporter.report(Snapshot(2000 + reports.load(), SnapshotSource{}, rows));
                reports.fetch_add(1);
            }
        });
        // At least 20 scrapes, and on until more than 20 reports came in meanwhile (how fast
        // each side goes depends on the machine's load).
        for (int i = 0; (i < 20 || reports.load() <= 20) && i < 100000; ++i) {
            const auto answer = request(
                url(exporter, QStringLiteral("/metrics")), "GET",
                {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/openmetrics-text")}});
            QCOMPARE(answer.status, 200);
            QVERIFY(answer.body.endsWith("# EOF\n"));
            QVERIFY(answer.body.contains("\nhandler_time_seconds 0.25\n"));
        }
        stop = true;
        reporter.join();
        QVERIFY(reports.load() > 20);
        QCOMPARE(exporter.failureCount(), quint64(0));
    }

    // The acceptance test of the format: `promtool check metrics` (Debian's prometheus
    // package; scripts/test.sh installs it) on what the exporter serves, without any warning.
    void shouldPassPromtoolWithoutWarnings()
    {
        const QString promtool = exposition::findTool(QStringLiteral("promtool"));
        QVERIFY2(!promtool.isEmpty(),
                 "promtool is not installed: install Debian's prometheus package "
                 "(scripts/test.sh does it)");
        HttpExporter exporter;
        QVERIFY(exporter.listen());
        QVERIFY(exporter.setConstantLabels({{QStringLiteral("service"), QStringLiteral("demo")}}));
        QVERIFY(exporter.report(m_snapshot));
        const auto answer = request(url(exporter, QStringLiteral("/metrics")));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("_total"));
        QVERIFY(answer.body.contains("# TYPE len_percentiles summary\n"));
        // The labelled families: one family each, a sample per series, labels escaped, clashes
        // with the constant labels and the quantile renamed.
        QCOMPARE(answer.body.count("# TYPE http_request_time_seconds gauge\n"), 1);
        QVERIFY(answer.body.contains("\nhttp_request_time_seconds{method=\"GET\",path=\"/a\\\"b"
                                     "\\\\c\\nd\",service=\"demo\"} 0.25\n"));
        QVERIFY(
            answer.body.contains("\nhttp_request_time_seconds{method=\"P\xc3\x96ST\",path=\"/\","
                                 "service=\"demo\"} 0.25\n"));
        QVERIFY(
            answer.body.contains("\ncalls_total{exported_service=\"two\",service=\"demo\"} 12\n"));
        QVERIFY(answer.body.contains("\nsize_count{exported_quantile=\"x\",service=\"demo\"} 3\n"));

        QProcess process;
        process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
        process.write(answer.body);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(output.trimmed().isEmpty(),
                 QByteArray(output + "\n--- input:\n" + answer.body).constData());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(HttpExporterTest)
#include "tst_httpexporter.moc"
