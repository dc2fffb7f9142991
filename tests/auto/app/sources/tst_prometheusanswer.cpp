// SPDX-License-Identifier: MIT
// The dashboard's reader of Prometheus API answers, on answers written as Prometheus writes
// them (the real server is in PrometheusSourceTest) and on every way they can be wrong.

#include "sources/prometheusanswer.h"

#include <QJsonDocument>
#include <QTest>

using namespace dashboard;
using namespace counters;

namespace {

QJsonObject dataOf(const QByteArray &body)
{
    QString reason;
    const std::optional<QJsonObject> data = PrometheusAnswer::data(body, 200, &reason);
    if (!data)
        qFatal("not a successful answer: %s (%s)", body.constData(), qPrintable(reason));
    return *data;
}

// Metadata as /api/v1/metadata gives it for an exporter's families (scraped as OpenMetrics).
PrometheusAnswer::Metadata exporterMetadata()
{
    return PrometheusAnswer::readMetadata(dataOf(R"({"status":"success","data":{
        "calls": [{"type":"counter","help":"EventCounter calls: events counted since the start or the last clear","unit":""}],
        "requests_time_seconds": [{"type":"gauge","help":"AverageTimeCounter requests_time: mean duration of the blocks that ended in the last 300 s window","unit":"seconds"}],
        "requests_time_window_events": [{"type":"gauge","help":"AverageTimeCounter requests_time: events in the last 300 s window","unit":""}],
        "requests_frequency": [{"type":"gauge","help":"FrequencyCounter requests_frequency: events per second over the last 0.5 s window","unit":""}],
        "payload_bytes": [{"type":"gauge","help":"a size","unit":"bytes"}],
        "latency_seconds": [{"type":"summary","help":"quantiles","unit":"seconds"}],
        "go_goroutines": [{"type":"gauge","help":"Number of goroutines that currently exist.","unit":""}],
        "empty": []}})"));
}

// The info samples of counters::PrometheusEncoder for the families above: what they mean.
const char *const kInfoSeries[] = {
    R"("metric":{"__name__":"counters_metric_info","metric":"calls_total","counter":"calls","counter_type":"EventCounter","statistic":"count","instance":"a:1"})",
    R"("metric":{"__name__":"counters_metric_info","metric":"requests_time_seconds","counter":"requests_time","counter_type":"AverageTimeCounter","statistic":"mean","unit":"seconds","window_seconds":"300","instance":"a:1"})",
    R"("metric":{"__name__":"counters_metric_info","metric":"requests_frequency","counter":"requests_frequency","counter_type":"FrequencyCounter","statistic":"rate","window_seconds":"0.5","instance":"a:1"})",
    R"("metric":{"__name__":"counters_metric_info","metric":"latency_seconds","counter":"latency","counter_type":"PercentileWindowCounter","statistic":"median","unit":"seconds","window_seconds":"60","instance":"a:1"})",
};

// The info series as a range query returns them, sampled at `times`.
QByteArray infoMatrix(const QByteArray &times)
{
    QByteArray out;
    for (const char *series : kInfoSeries)
        out += "{" + QByteArray(series) + R"(,"values":)" + times + "},";
    return out;
}

QByteArray infoVector(const QByteArray &sample)
{
    QByteArray out;
    for (const char *series : kInfoSeries)
        out += "{" + QByteArray(series) + R"(,"value":)" + sample + "},";
    return out;
}

QByteArray matrix(const QByteArray &result)
{
    return R"({"status":"success","data":{"resultType":"matrix","result":)" + result + "}}";
}

QByteArray vector(const QByteArray &result)
{
    return R"({"status":"success","data":{"resultType":"vector","result":)" + result + "}}";
}

} // namespace

class PrometheusAnswerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldQuoteLabelValues()
    {
        QCOMPARE(PrometheusAnswer::quoted(QStringLiteral("a\"b\\c\nd")),
                 QStringLiteral("\"a\\\"b\\\\c\\nd\""));
    }

    void shouldRefuseUnsuccessfulAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        // (Escaped quotes in raw strings confuse moc.)
        QTest::newRow("API error") << QByteArray("{\"status\":\"error\",\"errorType\":\"bad_data\","
                                                 "\"error\":\"invalid parameter \\\"query\\\"\"}")
                                   << 400 << QStringLiteral("invalid parameter \"query\"");
        QTest::newRow("success with HTTP 503")
            << QByteArray(R"({"status":"success","data":{}})") << 503 << QString();
        QTest::newRow("not JSON") << QByteArray("<html>proxy error</html>") << 200 << QString();
        QTest::newRow("empty body") << QByteArray() << 200 << QString();
        QTest::newRow("array") << QByteArray(R"([{"status":"success"}])") << 200 << QString();
        QTest::newRow("no status") << QByteArray(R"({"data":{}})") << 200 << QString();
        QTest::newRow("data not an object") << QByteArray(R"({"status":"success","data":[1]})")
                                            << 200 << QStringLiteral("the answer has no data");
        QTest::newRow("no data") << QByteArray(R"({"status":"success"})") << 200
                                 << QStringLiteral("the answer has no data");
    }

    void shouldRefuseUnsuccessfulAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, reason);
        QString given = QStringLiteral("unchanged");
        QVERIFY(!PrometheusAnswer::data(body, status, &given));
        QCOMPARE(given, reason);
        QVERIFY(!PrometheusAnswer::data(body, status)); // a null reason pointer is fine
    }

    // Metadata says only the Prometheus type and the unit; HELP is prose for people.
    void shouldReadTypesAndUnitsFromMetadata()
    {
        const PrometheusAnswer::Metadata metadata = exporterMetadata();
        QCOMPARE(metadata.size(), 8);
        QCOMPARE(metadata.value(QStringLiteral("calls")).type, CounterType::Event);
        QCOMPARE(metadata.value(QStringLiteral("calls")).statistic, Statistic::Count);
        QCOMPARE(metadata.value(QStringLiteral("requests_time_seconds")).unit, Unit::Second);
        QCOMPARE(metadata.value(QStringLiteral("requests_time_seconds")).type,
                 CounterType::Unknown);
        QCOMPARE(metadata.value(QStringLiteral("requests_time_seconds")).window, 0.0);
        QCOMPARE(metadata.value(QStringLiteral("payload_bytes")).unit, Unit::Byte);
        QCOMPARE(metadata.value(QStringLiteral("requests_frequency")).window, 0.0);
        QCOMPARE(metadata.value(QStringLiteral("go_goroutines")).type, CounterType::Unknown);
        QCOMPARE(metadata.value(QStringLiteral("go_goroutines")).unit, Unit::None);
        QCOMPARE(metadata.value(QStringLiteral("empty")).type, CounterType::Unknown);

        // The samples of a counter family carry _total, those of a summary _sum and _count.
        QVERIFY(PrometheusAnswer::familyOf(metadata, QStringLiteral("calls_total")));
        QCOMPARE(PrometheusAnswer::familyOf(metadata, QStringLiteral("calls_total"))->type,
                 CounterType::Event);
        QVERIFY(PrometheusAnswer::familyOf(metadata, QStringLiteral("latency_seconds_count")));
        QVERIFY(PrometheusAnswer::familyOf(metadata, QStringLiteral("latency_seconds_sum")));
        QVERIFY(!PrometheusAnswer::familyOf(metadata, QStringLiteral("unknown_total")));
        QVERIFY(!PrometheusAnswer::familyOf(metadata, QStringLiteral("")));
    }

    void shouldIgnoreMalformedMetadata()
    {
        const auto metadata = PrometheusAnswer::readMetadata(dataOf(R"({"status":"success",
            "data":{"a":[{"help":"FrequencyCounter a: events per second over the last 5 s window"}],
                    "b":[{"type":"gauge","unit":"furlongs"}],
                    "c":"not an array", "d":[7]}})"));
        // Prose is not read: no type, no window from a HELP text.
        QCOMPARE(metadata.value(QStringLiteral("a")).type, CounterType::Unknown);
        QCOMPARE(metadata.value(QStringLiteral("a")).window, 0.0);
        QCOMPARE(metadata.value(QStringLiteral("b")).unit, Unit::None);
        QCOMPARE(metadata.value(QStringLiteral("c")).type, CounterType::Unknown);
        QCOMPARE(metadata.value(QStringLiteral("d")).type, CounterType::Unknown);
    }

    // The info samples arrive with the data and say what each metric is; they are no rows.
    void shouldTakeMeaningFromInfoSamples()
    {
        const QJsonObject data = dataOf(vector("[" + infoVector(R"([1700000000,"1"])") + R"(
            {"metric":{"__name__":"requests_time_seconds","instance":"a:1"},"value":[1700000000,"0.25"]},
            {"metric":{"__name__":"latency_seconds","quantile":"0.99","instance":"a:1"},"value":[1700000000,"0.5"]},
            {"metric":{"__name__":"latency_seconds_count","instance":"a:1"},"value":[1700000000,"40"]},
            {"metric":{"__name__":"latency_seconds_sum","instance":"a:1"},"value":[1700000000,"4"]},
            {"metric":{"__name__":"payload_bytes","instance":"a:1"},"value":[1700000000,"2048"]}])"));
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY2(PrometheusAnswer::readVector(data, exporterMetadata(), &answer, &error),
                 qPrintable(error));
        QCOMPARE(answer.rows.size(), 5); // no info rows
        QVERIFY(!answer.unknownFamily);
        const auto rowNamed = [&answer](const QString &name) -> const CounterRow & {
            for (const CounterRow &r : answer.rows) {
                if (r.name == name)
                    return r;
            }
            qFatal("no row %s", qPrintable(name));
        };
        const CounterRow &time =
            rowNamed(QStringLiteral("requests_time_seconds{instance=\"a:1\"}"));
        QCOMPARE(time.type, CounterType::AverageTime);
        QCOMPARE(time.unit, Unit::Second);
        QCOMPARE(time.statistic, Statistic::Mean);
        QCOMPARE(time.window, 300.0);
        const CounterRow &p99 =
            rowNamed(QStringLiteral("latency_seconds{instance=\"a:1\",quantile=\"0.99\"}"));
        QCOMPARE(p99.type, CounterType::PercentileWindow);
        QCOMPARE(p99.unit, Unit::Second);
        QCOMPARE(p99.statistic, Statistic::Unknown); // a quantile, not the median
        const CounterRow &count =
            rowNamed(QStringLiteral("latency_seconds_count{instance=\"a:1\"}"));
        QCOMPARE(count.statistic, Statistic::Count);
        QCOMPARE(count.unit, Unit::None);
        const CounterRow &sum = rowNamed(QStringLiteral("latency_seconds_sum{instance=\"a:1\"}"));
        QCOMPARE(sum.statistic, Statistic::Sum);
        QCOMPARE(sum.unit, Unit::Second);
        // Without an info sample, what the metadata says.
        const CounterRow &bytes = rowNamed(QStringLiteral("payload_bytes{instance=\"a:1\"}"));
        QCOMPARE(bytes.type, CounterType::Unknown);
        QCOMPARE(bytes.unit, Unit::Byte);
    }

    // Without info samples (another exporter), a summary's `_count` and `_sum` series are still
    // told from its quantiles by what the metadata says of the family.
    void shouldTellASummarysSamplesApartFromMetadataAlone()
    {
        const QJsonObject data = dataOf(vector(R"([
            {"metric":{"__name__":"latency_seconds_count"},"value":[1700000000,"40"]},
            {"metric":{"__name__":"latency_seconds_sum"},"value":[1700000000,"4"]},
            {"metric":{"__name__":"latency_seconds","quantile":"0.5"},"value":[1700000000,"0.1"]},
            {"metric":{"__name__":"calls_total"},"value":[1700000000,"3"]}])"));
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY2(PrometheusAnswer::readVector(data, exporterMetadata(), &answer, &error),
                 qPrintable(error));
        QCOMPARE(answer.rows.size(), 4);
        QVERIFY(!answer.unknownFamily);
        for (const CounterRow &row : std::as_const(answer.rows)) {
            if (row.name == QLatin1String("latency_seconds_count")) {
                QCOMPARE(row.statistic, Statistic::Count);
                QCOMPARE(row.unit, Unit::None);
            } else if (row.name == QLatin1String("latency_seconds_sum")) {
                QCOMPARE(row.statistic, Statistic::Sum);
                QCOMPARE(row.unit, Unit::Second);
            } else if (row.name.startsWith(QLatin1String("latency_seconds{"))) {
                QCOMPARE(row.statistic, Statistic::Unknown);
                QCOMPARE(row.unit, Unit::Second);
            } else {
                QCOMPARE(row.type, CounterType::Event);
                QCOMPARE(row.statistic, Statistic::Count);
            }
        }
    }

    // Two services may export one metric name with other windows: each series takes its own
    // target's description.
    void shouldTakeTheDescriptionOfTheSeriesOwnTarget()
    {
        const QJsonObject data = dataOf(vector(R"([
            {"metric":{"__name__":"counters_metric_info","metric":"lat","counter":"lat","counter_type":"AverageWindowCounter","statistic":"mean","window_seconds":"60","job":"a","instance":"h:1"},"value":[1700000000,"1"]},
            {"metric":{"__name__":"counters_metric_info","metric":"lat","counter":"lat","counter_type":"MaxWindowCounter","statistic":"max","window_seconds":"900","job":"b","instance":"h:2"},"value":[1700000000,"1"]},
            {"metric":{"__name__":"lat","job":"a","instance":"h:1"},"value":[1700000000,"2"]},
            {"metric":{"__name__":"lat","job":"b","instance":"h:2"},"value":[1700000000,"9"]}])"));
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY2(PrometheusAnswer::readVector(data, {}, &answer, &error), qPrintable(error));
        QCOMPARE(answer.rows.size(), 2);
        for (const CounterRow &row : std::as_const(answer.rows)) {
            const bool first = row.value == std::optional<double>(2);
            QCOMPARE(row.window, first ? 60.0 : 900.0);
            QCOMPARE(row.statistic, first ? Statistic::Mean : Statistic::Max);
        }
    }

    // Two instances of one service, samples at different times: a snapshot per time, oldest
    // first, each with the series that have a sample then.
    void shouldTurnAMatrixIntoHistory()
    {
        const QJsonObject data = dataOf(matrix("[" + infoMatrix(R"([[1700000000,"1"]])") + R"(
            {"metric":{"__name__":"calls_total","instance":"a:1","job":"shop"},
             "values":[[1700000010,"3"],[1700000000,"2"]]},
            {"metric":{"__name__":"requests_time_seconds","instance":"a:1","job":"shop"},
             "values":[[1700000000,"0.25"],[1700000005,"NaN"],[1700000010,"+Inf"]]}])"));
        SnapshotSource source;
        source.service = QStringLiteral("Prometheus");
        QList<Snapshot> history;
        QString error;
        QVERIFY2(PrometheusAnswer::readMatrix(data, exporterMetadata(), source, &history, &error),
                 qPrintable(error));
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.at(0).time(), 1700000000.0);
        QCOMPARE(history.at(1).time(), 1700000005.0);
        QCOMPARE(history.at(2).time(), 1700000010.0);
        QCOMPARE(history.at(0).source().service, QStringLiteral("Prometheus"));

        const QString calls = QStringLiteral("calls_total{instance=\"a:1\"}");
        const QString time = QStringLiteral("requests_time_seconds{instance=\"a:1\"}");
        QCOMPARE(history.at(0).rows().size(), 2);
        QCOMPARE(history.at(0).row(calls)->value, std::optional<double>(2));
        QCOMPARE(history.at(0).row(calls)->type, CounterType::Event);
        QCOMPARE(history.at(0).row(time)->value, std::optional<double>(0.25));
        QCOMPARE(history.at(0).row(time)->type, CounterType::AverageTime);
        QCOMPARE(history.at(0).row(time)->unit, Unit::Second);
        QCOMPARE(history.at(0).row(time)->statistic, Statistic::Mean);
        QCOMPARE(history.at(0).row(time)->window, 300.0);
        QCOMPARE(history.at(1).rows().size(), 1);
        QCOMPARE(history.at(1).row(time)->value, std::nullopt); // NaN: no value
        QCOMPARE(history.at(2).row(calls)->value, std::optional<double>(3));
        QCOMPARE(history.at(2).row(time)->value, std::nullopt); // +Inf: no value
    }

    void shouldNameSeriesByTheirJobOnlyWhenAmbiguous()
    {
        // (Escaped quotes in raw strings confuse moc.)
        const QJsonObject data = dataOf(
            vector("[{\"metric\":{\"__name__\":\"up_rate\",\"instance\":\"a:1\",\"job\":\"one\"},"
                   "\"value\":[1700000000,\"1\"]},"
                   "{\"metric\":{\"__name__\":\"up_rate\",\"instance\":\"a:1\",\"job\":\"two\"},"
                   "\"value\":[1700000000,\"2\"]},"
                   "{\"metric\":{\"__name__\":\"calls_total\",\"job\":\"one\",\"x\":\"q\\\"uote\"},"
                   "\"value\":[1700000000,\"3\"]}]"));
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY2(PrometheusAnswer::readVector(data, {}, &answer, &error), qPrintable(error));
        QCOMPARE(answer.rows.size(), 3);
        QCOMPARE(answer.rows.at(0).name, QStringLiteral("up_rate{instance=\"a:1\",job=\"one\"}"));
        QCOMPARE(answer.rows.at(1).name, QStringLiteral("up_rate{instance=\"a:1\",job=\"two\"}"));
        QCOMPARE(answer.rows.at(2).name, QStringLiteral("calls_total{x=\"q\\\"uote\"}"));
        QVERIFY(answer.unknownFamily);
    }

    void shouldReadAVector()
    {
        const QJsonObject data = dataOf(vector("[" + infoVector(R"([1700000000,"1"])") + R"(
            {"metric":{"__name__":"calls_total","instance":"a:1"},"value":[1700000001.5,"7"]},
            {"metric":{"__name__":"requests_frequency","instance":"a:1"},"value":[1700000002,"-Inf"]}])"));
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY2(PrometheusAnswer::readVector(data, exporterMetadata(), &answer, &error),
                 qPrintable(error));
        QCOMPARE(answer.time, 1700000002.0); // the latest sample
        QVERIFY(!answer.unknownFamily);
        QCOMPARE(answer.rows.at(0).value, std::optional<double>(7));
        QCOMPARE(answer.rows.at(0).type, CounterType::Event);
        QCOMPARE(answer.rows.at(1).value, std::nullopt);
        QCOMPARE(answer.rows.at(1).type, CounterType::Frequency);
        QCOMPARE(answer.rows.at(1).statistic, Statistic::Rate);
        QCOMPARE(answer.rows.at(1).window, 0.5);

        QVERIFY(PrometheusAnswer::readVector(dataOf(vector("[]")), {}, &answer, &error));
        QVERIFY(answer.rows.isEmpty());
        QCOMPARE(answer.time, 0.0);
    }

    void shouldRefuseMalformedResults_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("isMatrix");
        QTest::addColumn<QString>("message");
        const QString notMatrix = QStringLiteral("did not give a matrix");
        const QString notVector = QStringLiteral("did not give a vector");
        const QString badSample = QStringLiteral("a sample is not [time, \"value\"]");
        QTest::newRow("vector for a range query") << vector("[]") << true << notMatrix;
        QTest::newRow("matrix for an instant query") << matrix("[]") << false << notVector;
        QTest::newRow("scalar") << QByteArray(R"({"status":"success","data":{
            "resultType":"scalar","result":[1700000000,"1"]}})")
                                << false << notVector;
        QTest::newRow("no result type")
            << QByteArray(R"({"status":"success","data":{}})") << true << notMatrix;
        const auto series = [](const char *sample) -> QByteArray {
            return QByteArray(R"([{"metric":{"__name__":"a"},"values":[)") + sample + "]}]";
        };
        const auto instant = [](const char *sample) -> QByteArray {
            return QByteArray(R"([{"metric":{"__name__":"a"},"value":)") + sample + "}]";
        };
        QTest::newRow("matrix sample of one")
            << matrix(series("[1700000000]")) << true << badSample;
        QTest::newRow("matrix value a number")
            << matrix(series("[1700000000, 1]")) << true << badSample;
        QTest::newRow("matrix time a string")
            << matrix(series(R"(["1700000000", "1"])")) << true << badSample;
        QTest::newRow("matrix time zero") << matrix(series(R"([0, "1"])")) << true << badSample;
        QTest::newRow("matrix time negative")
            << matrix(series(R"([-1e9, "1"])")) << true << badSample;
        QTest::newRow("matrix sample an object")
            << matrix(series(R"({"t": 1})")) << true << badSample;
        QTest::newRow("matrix triple")
            << matrix(series(R"([1700000000, "1", "2"])")) << true << badSample;
        QTest::newRow("vector without value")
            << vector(R"([{"metric":{"__name__":"a"}}])") << false << badSample;
        QTest::newRow("vector value a number")
            << vector(instant("[1700000000, 1]")) << false << badSample;
        QTest::newRow("vector time null")
            << vector(instant(R"([null, "1"])")) << false << badSample;
    }

    void shouldRefuseMalformedResults()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, isMatrix);
        QFETCH(QString, message);
        const QJsonObject data = dataOf(body);
        QString error;
        if (isMatrix) {
            QList<Snapshot> history;
            QVERIFY(!PrometheusAnswer::readMatrix(data, {}, SnapshotSource{}, &history, &error));
        } else {
            PrometheusAnswer::Vector answer;
            QVERIFY(!PrometheusAnswer::readVector(data, {}, &answer, &error));
        }
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // Values Prometheus cannot have sent but a proxy or another server might: taken as
    // missing values rather than numbers.
    void shouldTakeUnreadableValuesAsMissing()
    {
        PrometheusAnswer::Vector answer;
        QString error;
        QVERIFY(PrometheusAnswer::readVector(
            dataOf(vector(R"([{"metric":{"__name__":"a"},"value":[1700000000,"many"]},
                              {"metric":{"__name__":"b"},"value":[1700000000,"1e999"]}])")),
            {}, &answer, &error));
        QCOMPARE(answer.rows.size(), 2);
        QCOMPARE(answer.rows.at(0).value, std::nullopt);
        QCOMPARE(answer.rows.at(1).value, std::nullopt);
    }
};

QTEST_GUILESS_MAIN(PrometheusAnswerTest)
#include "tst_prometheusanswer.moc"
