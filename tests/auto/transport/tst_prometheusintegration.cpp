// SPDX-License-Identifier: MIT
// A real Prometheus scrapes counters-demo-server's /metrics (negotiating OpenMetrics, as it
// does by default); the values its HTTP API returns are compared with the JSON report of the
// same collection, read from the demo server's history file.

#include "integrationprocesses.h"
#include "rows.h"

#include <counters/counters.h>
#include <counters/format/prometheusencoder.h>
#include <counters/transport/httpexporter.h>

#include <QTest>

using namespace counters;
using namespace exposition;

namespace {

// The latest sample of every series Prometheus scraped from `instance`, by name and labels
// (seriesName(): `name{kind="text",quantile="0.5"}`, the target's and the constant label
// `service` left out), as Prometheus wrote the value; `*labels` gets the labels of one of them.
QMap<QString, QString> scraped(const PrometheusProcess &prometheus, const QString &instance,
                               QJsonObject *labels, QString *error)
{
    QUrlQuery query;
    query.addQueryItem(
        QStringLiteral("query"),
        QStringLiteral("{instance=\"%1\",__name__!~\"up|scrape_.*\"}").arg(instance));
    QMap<QString, QString> values;
    const QJsonArray result = prometheus.api(QStringLiteral("/api/v1/query"), query, error)
                                  .toObject()
                                  .value(QLatin1String("result"))
                                  .toArray();
    for (const QJsonValue &series : result) {
        *labels = series[QLatin1String("metric")].toObject();
        const QString name = labels->value(QLatin1String("__name__")).toString();
        Labels own;
        for (auto it = labels->constBegin(); it != labels->constEnd(); ++it) {
            if (it.key() != QLatin1String("__name__") && it.key() != QLatin1String("instance")
                && it.key() != QLatin1String("job") && it.key() != QLatin1String("service"))
                own.insert(it.key(), it.value().toString());
        }
        if (name == QLatin1String("counters_metric_info")) // told apart by what it describes
            own = {{QStringLiteral("metric"), own.value(QStringLiteral("metric"))}};
        values.insert(seriesName(name, own),
                      series[QLatin1String("value")].toArray().at(1).toString());
    }
    return values;
}

// Every series of `report`, and nothing else, with exactly the report's value.
bool sameValues(const QMap<QString, QString> &values, const Snapshot &report, QString *difference)
{
    QStringList expected;
    const auto check = [&](const QString &name, double value) {
        if (!expected.contains(name)) // an info sample describes all series of a family
            expected.append(name);
        if (!values.contains(name)) {
            *difference = name + QStringLiteral(" is missing");
            return false;
        }
        if (values.value(name).toDouble() != value) {
            *difference = QStringLiteral("%1: Prometheus has %2, the report %3")
                              .arg(name, values.value(name))
                              .arg(value, 0, 'g', 17);
            return false;
        }
        return true;
    };
    for (const PrometheusEncoder::Family &family : PrometheusEncoder().families(report)) {
        if (!family.value)
            continue;
        if (family.type == PrometheusEncoder::MetricType::Info)
            continue; // its samples are checked with the families they describe, below
        if (!family.counter.isEmpty()
            && !check(seriesName(QStringLiteral("counters_metric_info"),
                                 {{QStringLiteral("metric"), family.sampleName()}}),
                      1))
            return false;
        if (family.type != PrometheusEncoder::MetricType::Summary) {
            if (!check(seriesName(family.sampleName(), family.labels), *family.value))
                return false;
            continue;
        }
        for (const PrometheusEncoder::Quantile &q : family.quantiles) {
            Labels labels = family.labels;
            labels.insert(QStringLiteral("quantile"),
                          QString::fromLatin1(PrometheusEncoder::formatValue(q.quantile)));
            if (!check(seriesName(family.name, labels), q.value))
                return false;
        }
        if (!check(seriesName(family.name + QLatin1String("_sum"), family.labels), family.sum)
            || !check(seriesName(family.name + QLatin1String("_count"), family.labels),
                      *family.value))
            return false;
    }
    expected.sort();
    if (values.keys() != expected) {
        *difference = QStringLiteral("Prometheus has %1, the report %2")
                          .arg(values.keys().join(u' '), expected.join(u' '));
        return false;
    }
    return true;
}

Snapshot everyType()
{
    const auto make = [](const char *name, CounterType type, double value, double window = 300,
                         quint64 count = 1, QMap<QString, double> sub = {}) {
        return testsupport::row(QString::fromLatin1(name), type, value, window, count,
                                std::move(sub));
    };
    const QMap<QString, double> minMax{{QStringLiteral("min"), 0.125},
                                       {QStringLiteral("max"), 1.5}};
    const auto labelled = [&](const char *family, const Labels &labels, CounterType type,
                              double value, QMap<QString, double> sub = {}) {
        CounterRow row = make("", type, value, 60, 2, std::move(sub));
        row.family = QString::fromLatin1(family);
        row.labels = labels;
        row.name = seriesName(row.family, labels);
        return row;
    };
    const Labels get{{QStringLiteral("method"), QStringLiteral("GET")},
                     {QStringLiteral("route"), QStringLiteral("/a \"b\" \\ größe")}};
    const Labels post{{QStringLiteral("method"), QStringLiteral("POST")},
                      {QStringLiteral("route"), QStringLiteral("/")}};
    return Snapshot(1700000000.25, SnapshotSource{},
                    {labelled("http.time", get, CounterType::AverageTime, 0.5, minMax),
                     labelled("http.time", post, CounterType::AverageTime, 0.25, minMax),
                     labelled("http.calls", post, CounterType::Event, 2),
                     labelled("http.sizes", get, CounterType::PercentileWindow, 3,
                              {{QStringLiteral("p50"), 3},
                               {QStringLiteral("lifetime_count"), 2},
                               {QStringLiteral("lifetime_sum"), 6}}),
                     make("calls", CounterType::Event, 5, 0, 5),
                     make("bytes", CounterType::Total, -7.5, 0, 3),
                     make("calls_total", CounterType::Total, 9, 0, 1),
                     make("db.query-time", CounterType::AverageTime, 0.75, 60, 4, minMax),
                     make("size_avg", CounterType::AverageWindow, 3.25, 60, 4, minMax),
                     make("rate", CounterType::Frequency, 0.5, 60, 30),
                     make("sum", CounterType::Window, 12, 60, 3),
                     make("peak", CounterType::MaxWindow, 1e16, 60, 3),
                     make("low", CounterType::MinWindow, 1e-5, 60, 3),
                     make("latency", CounterType::PercentileWindow, 0.25, 60, 3,
                          {{QStringLiteral("p50"), 0.25},
                           {QStringLiteral("p99"), 0.5},
                           {QStringLiteral("min"), 0.125},
                           {QStringLiteral("max"), 0.5},
                           {QStringLiteral("sum"), 0.875},
                           {QStringLiteral("lifetime_count"), 40},
                           {QStringLiteral("lifetime_sum"), 9.5}})});
}

} // namespace

class PrometheusIntegrationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldServePrometheusTheValuesOfTheJsonReport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString history = dir.filePath(QStringLiteral("history.jsonl"));
        DemoServerProcess demo;
        QString error;
        QVERIFY2(
            demo.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                       {QStringLiteral("--interval=0.5"), QStringLiteral("--history"), history},
                       &error),
            qPrintable(error));
        for (const QByteArray &text : {QByteArray("ab"), QByteArray("abcdef"), QByteArray("abcd")})
            QCOMPARE(demo.ask(text), text.toUpper());

        // A second target in this process, with the counter types the demo lacks (its
        // server thread answers while this thread waits).
        HttpExporter exporter;
        QVERIFY2(exporter.listen(), qPrintable(exporter.listenErrorString()));
        const Snapshot inProcess = everyType();
        QVERIFY(exporter.report(inProcess));

        PrometheusProcess prometheus;
        QVERIFY2(prometheus.start({QStringLiteral("127.0.0.1:%1").arg(demo.httpPort),
                                   QStringLiteral("127.0.0.1:%1").arg(exporter.serverPort())},
                                  &error),
                 qPrintable(error));

        // Wait for a scrape of a report that has seen the three requests.
        const QString instance = QStringLiteral("127.0.0.1:%1").arg(demo.httpPort);
        QMap<QString, QString> values; // series name → value as Prometheus wrote it
        QJsonObject labels;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (values = scraped(prometheus, instance, &labels, &error))
                    .value(QStringLiteral("requests_data_len"))
                == QLatin1String("12"),
            qPrintable(error + QLatin1String(" / ") + QString::fromUtf8(prometheus.output)), 20000);
        QCOMPARE(labels.value(QLatin1String("service")).toString(),
                 QStringLiteral("counters-demo-server"));
        QCOMPARE(labels.value(QLatin1String("job")).toString(), QStringLiteral("counters-demo"));

        // The report of that scrape, found by its collection time in the history.
        const double time =
            values.value(QStringLiteral("counters_report_timestamp_seconds")).toDouble();
        QVERIFY(time > 0);
        Snapshot report;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const Snapshot &snapshot : JsonHistoryReporter::readHistory(history, &error)) {
                    if (snapshot.time() == time)
                        report = snapshot;
                }
                return !report.isNull();
            }(),
            5000);
        QString difference;
        QVERIFY2(sameValues(values, report, &difference), qPrintable(difference));

        QJsonObject inProcessLabels;
        QMap<QString, QString> inProcessValues;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(inProcessValues =
                  scraped(prometheus, QStringLiteral("127.0.0.1:%1").arg(exporter.serverPort()),
                          &inProcessLabels, &error))
                 .isEmpty(),
            10000);
        // The tutorial's counters, by their Prometheus names.
        QCOMPARE(values.value(QStringLiteral("requests_data_len_total_value")),
                 QStringLiteral("12"));
        QCOMPARE(values.value(QStringLiteral("requests_data_len_max")), QStringLiteral("6"));
        QCOMPARE(values.value(QStringLiteral("requests_data_len_min")), QStringLiteral("2"));
        QCOMPARE(values.value(QStringLiteral("requests_data_len_avg")), QStringLiteral("4"));
        QCOMPARE(values.value(QStringLiteral("requests_time_window_events")), QStringLiteral("3"));
        QVERIFY(values.contains(QStringLiteral("requests_time_seconds")));
        QVERIFY(values.contains(QStringLiteral("requests_frequency")));
        QCOMPARE(values.value(QStringLiteral("requests_time_percentiles_seconds_count")),
                 QStringLiteral("3"));
        QVERIFY(values.contains(
            QStringLiteral("requests_time_percentiles_seconds{quantile=\"0.99\"}")));

        // Every counter type, in process: names, types and values as Prometheus reads them.
        // (The event counter calls is calls_total; the gauge calls_total moves away.)
        QCOMPARE(inProcessValues.value(QStringLiteral("calls_total")), QStringLiteral("5"));
        QCOMPARE(inProcessValues.value(QStringLiteral("calls_total_value")), QStringLiteral("9"));
        QVERIFY2(sameValues(inProcessValues, inProcess, &difference), qPrintable(difference));

        // The scrapes went well, in OpenMetrics: only that format carries units.
        const QJsonArray targets = prometheus.api(QStringLiteral("/api/v1/targets"), {}, &error)
                                       .toObject()
                                       .value(QLatin1String("activeTargets"))
                                       .toArray();
        QCOMPARE(targets.size(), 2);
        for (const QJsonValue &target : targets) {
            QCOMPARE(target[QLatin1String("health")].toString(), QStringLiteral("up"));
            QCOMPARE(target[QLatin1String("lastError")].toString(), QString());
        }
        QUrlQuery metadataQuery;
        metadataQuery.addQueryItem(QStringLiteral("match_target"),
                                   QStringLiteral("{job=\"counters-demo\"}"));
        const QJsonArray metadata =
            prometheus.api(QStringLiteral("/api/v1/targets/metadata"), metadataQuery, &error)
                .toArray();
        QVERIFY2(!metadata.isEmpty(), qPrintable(error));
        QMap<QString, QString> types;
        QMap<QString, QString> units;
        for (const QJsonValue &entry : metadata) {
            types.insert(entry[QLatin1String("metric")].toString(),
                         entry[QLatin1String("type")].toString());
            units.insert(entry[QLatin1String("metric")].toString(),
                         entry[QLatin1String("unit")].toString());
        }
        QCOMPARE(types.value(QStringLiteral("requests_time_seconds")), QStringLiteral("gauge"));
        QCOMPARE(units.value(QStringLiteral("requests_time_seconds")), QStringLiteral("seconds"));
        QCOMPARE(types.value(QStringLiteral("requests_data_len")), QStringLiteral("gauge"));
        QCOMPARE(types.value(QStringLiteral("calls")), QStringLiteral("counter"));
        QCOMPARE(types.value(QStringLiteral("calls_total_value")), QStringLiteral("gauge"));
        QCOMPARE(units.value(QStringLiteral("db_query_time_seconds")), QStringLiteral("seconds"));
        QCOMPARE(types.value(QStringLiteral("bytes")), QStringLiteral("gauge"));
        QCOMPARE(types.value(QStringLiteral("requests_time_percentiles_seconds")),
                 QStringLiteral("summary"));
        QCOMPARE(inProcessValues.value(QStringLiteral("latency{quantile=\"0.99\"}")),
                 QStringLiteral("0.5"));
        QCOMPARE(inProcessValues.value(QStringLiteral("latency_count")), QStringLiteral("40"));

        // What each metric is travels as data that PromQL reads: the info metric.
        QCOMPARE(types.value(QStringLiteral("counters_metric")), QStringLiteral("info"));
        QUrlQuery infoQuery;
        infoQuery.addQueryItem(QStringLiteral("query"),
                               QStringLiteral("counters_metric_info{job=\"counters-demo\","
                                              "metric=\"requests_time_seconds\"}"));
        const QJsonArray info = prometheus.api(QStringLiteral("/api/v1/query"), infoQuery, &error)
                                    .toObject()
                                    .value(QLatin1String("result"))
                                    .toArray();
        QCOMPARE(info.size(), 1);
        const QJsonObject described = info.at(0)[QLatin1String("metric")].toObject();
        QCOMPARE(described.value(QLatin1String("counter")).toString(),
                 QStringLiteral("requests_time"));
        QCOMPARE(described.value(QLatin1String("counter_type")).toString(),
                 QStringLiteral("AverageTimeCounter"));
        QCOMPARE(described.value(QLatin1String("statistic")).toString(), QStringLiteral("mean"));
        QCOMPARE(described.value(QLatin1String("unit")).toString(), QStringLiteral("seconds"));
        QCOMPARE(described.value(QLatin1String("window_seconds")).toString(),
                 QStringLiteral("300"));
        QCOMPARE(described.value(QLatin1String("service")).toString(),
                 QStringLiteral("counters-demo-server")); // the constant labels too

        // The demo's labelled families are one metric each, which PromQL sums over a label.
        QCOMPARE(values.value(QStringLiteral("request_count_total{kind=\"text\"}")),
                 QStringLiteral("3"));
        QCOMPARE(types.value(QStringLiteral("request_count")), QStringLiteral("counter"));
        QUrlQuery sumQuery;
        sumQuery.addQueryItem(
            QStringLiteral("query"),
            QStringLiteral("sum without (kind) "
                           "(request_time_window_events{job=\"counters-demo\"})"));
        const QJsonArray sum = prometheus.api(QStringLiteral("/api/v1/query"), sumQuery, &error)
                                   .toObject()
                                   .value(QLatin1String("result"))
                                   .toArray();
        QCOMPARE(sum.size(), 1);
        QCOMPARE(sum.at(0)[QLatin1String("value")].toArray().at(1).toString(), QStringLiteral("3"));
    }
};

QTEST_GUILESS_MAIN(PrometheusIntegrationTest)
#include "tst_prometheusintegration.moc"
