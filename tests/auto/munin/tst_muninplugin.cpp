// SPDX-License-Identifier: MIT
// The munin plugin: PyCounters 0.6's test_munin_cfg and test_munin_output, the graph config, field
// names, and the fetch output for reports with nulls, missing counters, stale and fresh files.

#include "files.h"
#include "muninplugin.h"
#include "rows.h"

#include <counters/counters.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace counters;
using Graph = MuninPlugin::Graph;
using Field = MuninPlugin::Field;

namespace {

// PyCounters 0.6's test graph: {"id": "test", "global": {"title": "T"},
//                         "data": [{"counter": "test1", "label": "Test"}]}
QList<Graph> pyCountersGraphs()
{
    return {Graph{
        QStringLiteral("test"),
        {{QStringLiteral("title"), QStringLiteral("T")}},
        {Field{QStringLiteral("test1"), {{QStringLiteral("label"), QStringLiteral("Test")}}}}}};
}

using testsupport::writeFile;

CounterRow row(const QString &name, std::optional<double> value)
{
    return testsupport::row(name, CounterType::Total, value);
}

} // namespace

class MuninPluginTest : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{Seconds(1000), 1.7e9};

private Q_SLOTS:
    // PyCounters 0.6's test_munin_cfg.
    void muninCfg()
    {
        const MuninPlugin plugin(pyCountersGraphs());
        QCOMPARE(plugin.config(),
                 (QStringList{QStringLiteral("multigraph test"), QStringLiteral("graph_title T"),
                              QStringLiteral("test1.label Test"), QString()}));
    }

    // PyCounters 0.6's test_munin_output: a report written by the JSON reporter.
    void muninOutput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("json_test.txt"));
        Registry registry(&m_clock);
        const auto test1 = std::make_shared<EventCounter>(QStringLiteral("test1"));
        QVERIFY(registry.registerCounter(test1));
        ReportingController controller(registry);
        QVERIFY(controller.registerReporter(std::make_shared<JsonFileReporter>(path)));
        test1->reportValue(2);
        QVERIFY(controller.outputReport());

        MuninPlugin plugin(pyCountersGraphs(), path);
        plugin.setClock(&m_clock);
        QString error;
        const QStringList expected{QStringLiteral("multigraph test"),
                                   QStringLiteral("test1.value 2")};
        QCOMPARE(plugin.fetch(&error), std::optional<QStringList>(expected));

        m_clock.advance(Seconds(0.001));
        plugin.setMaxAge(Seconds(0.00001));
        QCOMPARE(plugin.fetch(&error), std::optional<QStringList>(QStringList()));

        plugin.setMaxAge(Seconds(0)); // PyCounters 0.6's max_file_age_in_seconds=None
        QCOMPARE(plugin.fetch(&error), std::optional<QStringList>(expected));
    }

    void shouldWriteEveryOptionOfEveryGraph()
    {
        const QByteArray json = R"([
            {"id": "requests", "global": {"title": "Requests", "vlabel": "seconds", "args": "--base 1000"},
             "data": [{"counter": "requests_time", "label": "Time", "min": 0, "draw": "LINE2"},
                      {"counter": "requests.frequency", "label": "Per second"}]},
            {"id": "lengths.sub", "global": {"scale": false, "order": 1.5},
             "data": [{"counter": "len max", "label": "Max"}, {"counter": "len.max", "info": "i"}]}
        ])";
        QString error;
        const auto graphs = MuninPlugin::parseGraphs(json, &error);
        QVERIFY2(graphs, qPrintable(error));
        QCOMPARE(graphs->size(), 2);
        const MuninPlugin plugin(*graphs);
        QCOMPARE(plugin.config(),
                 (QStringList{
                     QStringLiteral("multigraph requests"),
                     QStringLiteral("graph_args --base 1000"),
                     QStringLiteral("graph_title Requests"),
                     QStringLiteral("graph_vlabel seconds"),
                     QStringLiteral("requests_time.draw LINE2"),
                     QStringLiteral("requests_time.label Time"),
                     QStringLiteral("requests_time.min 0"),
                     QStringLiteral("requests_frequency.label Per second"),
                     QString(),
                     QStringLiteral("multigraph lengths.sub"),
                     QStringLiteral("graph_order 1.5"),
                     QStringLiteral("graph_scale no"),
                     QStringLiteral("len_max.label Max"),
                     QStringLiteral("len_max_2.info i"),
                     QString(),
                 }));

        // Fetch uses the same field names, looked up by the counters' own names.
        const Snapshot report(m_clock.wallSeconds(), SnapshotSource{},
                              {row(QStringLiteral("requests_time"), 0.000392),
                               row(QStringLiteral("requests.frequency"), 1.0 / 3),
                               row(QStringLiteral("len max"), 6),
                               row(QStringLiteral("len.max"), 7)});
        MuninPlugin fetching(*graphs);
        fetching.setClock(&m_clock);
        QCOMPARE(fetching.fetch(report, &error),
                 std::optional<QStringList>(QStringList{
                     QStringLiteral("multigraph requests"),
                     QStringLiteral("requests_time.value 0.000392"),
                     QStringLiteral("requests_frequency.value 0.333333333333"),
                     QStringLiteral("multigraph lengths.sub"),
                     QStringLiteral("len_max.value 6"),
                     QStringLiteral("len_max_2.value 7"),
                 }));
    }

    void shouldCleanFieldNamesAsMuninDoes_data()
    {
        QTest::addColumn<QString>("counter");
        QTest::addColumn<QString>("field");
        QTest::newRow("clean") << QStringLiteral("requests_time")
                               << QStringLiteral("requests_time");
        QTest::newRow("space (PyCounters 0.6)") << QStringLiteral("a b") << QStringLiteral("a_b");
        QTest::newRow("dot (PyCounters 0.6)") << QStringLiteral("a.b") << QStringLiteral("a_b");
        QTest::newRow("dash") << QStringLiteral("a-b") << QStringLiteral("a_b");
        QTest::newRow("colon") << QStringLiteral("a:b") << QStringLiteral("a_b");
        QTest::newRow("leading digit replaced") << QStringLiteral("5xx") << QStringLiteral("_xx");
        QTest::newRow("later digits kept") << QStringLiteral("p99") << QStringLiteral("p99");
        QTest::newRow("non-ASCII") << QStringLiteral("l\u00e4nge") << QStringLiteral("l_nge");
        QTest::newRow("outside the BMP")
            << QString::fromUtf8("a\xf0\x9f\x98\x80") << QStringLiteral("a_");
        QTest::newRow("empty") << QString() << QStringLiteral("_");
    }

    void shouldCleanFieldNamesAsMuninDoes()
    {
        QFETCH(QString, counter);
        QFETCH(QString, field);
        QCOMPARE(MuninPlugin::fieldName(counter), field);
    }

    void shouldLeaveOutNullAndMissingCounters()
    {
        const QList<Graph> graphs{
            Graph{QStringLiteral("g"),
                  {},
                  {Field{QStringLiteral("present"), {}}, Field{QStringLiteral("null"), {}},
                   Field{QStringLiteral("missing"), {}}, Field{QStringLiteral("zero"), {}}}}};
        MuninPlugin plugin(graphs);
        plugin.setClock(&m_clock);
        const Snapshot report(m_clock.wallSeconds(), SnapshotSource{},
                              {row(QStringLiteral("present"), 2.5),
                               row(QStringLiteral("null"), std::nullopt),
                               row(QStringLiteral("zero"), 0)});
        QCOMPARE(plugin.fetch(report),
                 std::optional<QStringList>(QStringList{QStringLiteral("multigraph g"),
                                                        QStringLiteral("present.value 2.5"),
                                                        QStringLiteral("zero.value 0")}));
        // A graph whose counters are all absent still names itself.
        QCOMPARE(plugin.fetch(Snapshot(m_clock.wallSeconds(), SnapshotSource{}, {})),
                 std::optional<QStringList>(QStringList{QStringLiteral("multigraph g")}));
    }

    void shouldGraphSubValuesOfCounters()
    {
        const QList<Graph> graphs{
            Graph{QStringLiteral("latency"),
                  {},
                  {Field{QStringLiteral("lat.p99"), {}}, Field{QStringLiteral("lat.p99.9"), {}},
                   Field{QStringLiteral("lat.max"), {}}, Field{QStringLiteral("lat.none"), {}},
                   Field{QStringLiteral("a.b.p50"), {}}}}};
        MuninPlugin plugin(graphs);
        plugin.setClock(&m_clock);
        CounterRow lat = row(QStringLiteral("lat"), 0.01);
        lat.type = CounterType::PercentileWindow;
        lat.subValues = {{QStringLiteral("p99"), 0.5},
                         {QStringLiteral("p99.9"), 0.75},
                         {QStringLiteral("max"), 0.8}};
        CounterRow dotted = row(QStringLiteral("a.b"), 1);
        dotted.subValues = {{QStringLiteral("p50"), 2}};
        // Read back from a real report file: the flat `lat.p99` pairs are sub-values there.
        const QByteArray json =
            JsonCodec::toJson(Snapshot(m_clock.wallSeconds(), SnapshotSource{}, {lat, dotted}));
        const std::optional<Snapshot> report = JsonCodec::fromJson(json);
        QVERIFY(report);
        QCOMPARE(plugin.fetch(*report),
                 std::optional<QStringList>(QStringList{
                     QStringLiteral("multigraph latency"), QStringLiteral("lat_p99.value 0.5"),
                     QStringLiteral("lat_p99_9.value 0.75"), QStringLiteral("lat_max.value 0.8"),
                     QStringLiteral("a_b_p50.value 2")}));
    }

    void shouldPrintNothingForAStaleReport_data()
    {
        QTest::addColumn<double>("age");
        QTest::addColumn<double>("maxAge");
        QTest::addColumn<bool>("output");
        QTest::newRow("fresh") << 10.0 << 900.0 << true;
        QTest::newRow("exactly the maximum age (PyCounters 0.6's strict >)")
            << 900.0 << 900.0 << true;
        QTest::newRow("just older") << 900.5 << 900.0 << false;
        QTest::newRow("a day old") << 86400.0 << 900.0 << false;
        QTest::newRow("a day old, check off") << 86400.0 << 0.0 << true;
        QTest::newRow("from the future") << -60.0 << 900.0 << true;
    }

    void shouldPrintNothingForAStaleReport()
    {
        QFETCH(double, age);
        QFETCH(double, maxAge);
        QFETCH(bool, output);
        MuninPlugin plugin(pyCountersGraphs());
        plugin.setClock(&m_clock);
        QCOMPARE(plugin.maxAge(), MuninPlugin::DefaultMaxAge);
        plugin.setMaxAge(Seconds(maxAge));
        const Snapshot report(m_clock.wallSeconds() - age, SnapshotSource{},
                              {row(QStringLiteral("test1"), 2)});
        QString error;
        const auto lines = plugin.fetch(report, &error);
        QVERIFY2(lines, qPrintable(error));
        QCOMPARE(lines->isEmpty(), !output);
    }

    // PyCounters' own files: flat, Python's NaN token, a nested accumulator, no metadata.
    void shouldReadPyCountersFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("py.json"));
        QVERIFY(writeFile(
            path,
            QByteArrayLiteral(R"({"test1": 2, "b": 0.3333333333333333, "n": null, "x": NaN, )"
                              R"("acc": {"k": 1}, "__collection_time__": 1700000900.5})")));
        const QList<Graph> graphs{
            Graph{QStringLiteral("py"),
                  {},
                  {Field{QStringLiteral("test1"), {}}, Field{QStringLiteral("b"), {}},
                   Field{QStringLiteral("n"), {}}, Field{QStringLiteral("x"), {}},
                   Field{QStringLiteral("acc"), {}}}}};
        MuninPlugin plugin(graphs, path);
        plugin.setClock(&m_clock); // wall time 1.7e9 + 1000
        QString error;
        QCOMPARE(plugin.fetch(&error),
                 std::optional<QStringList>(QStringList{QStringLiteral("multigraph py"),
                                                        QStringLiteral("test1.value 2"),
                                                        QStringLiteral("b.value 0.333333333333")}));
    }

    void shouldFailWithoutCollectionTimeOnlyWhenCheckingAge()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.json"));
        QVERIFY(writeFile(path, QByteArrayLiteral(R"({"test1": 2})")));
        MuninPlugin plugin(pyCountersGraphs(), path);
        plugin.setClock(&m_clock);
        QString error;
        QVERIFY(!plugin.fetch(&error));
        QVERIFY2(error.contains(QStringLiteral("__collection_time__")), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(plugin.autoconf().startsWith(QStringLiteral("no (")));

        plugin.setMaxAge(Seconds(0));
        QCOMPARE(plugin.fetch(&error),
                 std::optional<QStringList>(QStringList{QStringLiteral("multigraph test"),
                                                        QStringLiteral("test1.value 2")}));
        QCOMPARE(plugin.autoconf(), QStringLiteral("yes"));
    }

    void shouldFailClearlyForUnreadableReports_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no file at all
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing file") << QByteArray() << QStringLiteral("report.json");
        QTest::newRow("not JSON") << QByteArray("{oops") << QStringLiteral("report.json");
        QTest::newRow("a list") << QByteArray("[1, 2]") << QStringLiteral("report.json");
    }

    void shouldFailClearlyForUnreadableReports()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        MuninPlugin plugin(pyCountersGraphs(), path);
        QString error;
        QVERIFY(!plugin.fetch(&error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY(!plugin.run(MuninPlugin::Command::Fetch, &error));
        const QString answer = plugin.autoconf();
        QVERIFY2(answer.startsWith(QStringLiteral("no (")) && answer.endsWith(QLatin1Char(')')),
                 qPrintable(answer));
        QVERIFY(!answer.contains(QLatin1Char('\n')));
    }

    // A data item selects one series of a labelled family, its value or a sub-value, from
    // the graph config's "labels" or from the series' flat key.
    void shouldSelectALabelledSeries()
    {
        const QByteArray config =
            "[{\"id\": \"requests\", \"data\": ["
            "{\"counter\": \"req_time\", \"labels\": {\"status\": \"200\", "
            "\"method\": \"GET\"}, \"label\": \"GET 200\"},"
            "{\"counter\": \"req_time.max\", \"labels\": {\"method\": \"GET\", "
            "\"status\": \"200\"}},"
            "{\"counter\": \"req_time\", \"labels\": {\"method\": \"POST\", "
            "\"status\": \"500\"}},"
            "{\"counter\": \"req_time{method=\\\"POST\\\",status=\\\"500\\\"}\"},"
            "{\"counter\": \"req_time\", \"labels\": {\"method\": \"PUT\"}},"
            "{\"counter\": \"req_time\"}]}]";
        QString error;
        const std::optional<QList<Graph>> graphs = MuninPlugin::parseGraphs(config, &error);
        QVERIFY2(graphs, qPrintable(error));
        QCOMPARE(graphs->first().fields.first().labels,
                 Labels({{QStringLiteral("method"), QStringLiteral("GET")},
                         {QStringLiteral("status"), QStringLiteral("200")}}));
        MuninPlugin plugin(*graphs);
        plugin.setClock(&m_clock);

        const auto series = [](const Labels &labels, double value) {
            CounterRow r = row(seriesName(QStringLiteral("req_time"), labels), value);
            r.type = CounterType::AverageTime;
            r.family = QStringLiteral("req_time");
            r.labels = labels;
            r.subValues = {{QStringLiteral("max"), value * 2}};
            return r;
        };
        const Snapshot written(m_clock.wallSeconds(), SnapshotSource{},
                               {series({{QStringLiteral("method"), QStringLiteral("GET")},
                                        {QStringLiteral("status"), QStringLiteral("200")}},
                                       0.25),
                                series({{QStringLiteral("method"), QStringLiteral("POST")},
                                        {QStringLiteral("status"), QStringLiteral("500")}},
                                       1.5),
                                row(QStringLiteral("req_time"), 9)});
        const std::optional<Snapshot> report = JsonCodec::fromJson(JsonCodec::toJson(written));
        QVERIFY(report);
        QCOMPARE(plugin.config(),
                 QStringList({QStringLiteral("multigraph requests"),
                              QStringLiteral("req_time_GET_200.label GET 200"), QString()}));
        QCOMPARE(plugin.fetch(*report),
                 std::optional<QStringList>(
                     QStringList{QStringLiteral("multigraph requests"),
                                 QStringLiteral("req_time_GET_200.value 0.25"),
                                 QStringLiteral("req_time_max_GET_200.value 0.5"),
                                 QStringLiteral("req_time_POST_500.value 1.5"),
                                 QStringLiteral("req_time_method__POST__status__500__.value 1.5"),
                                 QStringLiteral("req_time.value 9")}));
    }

    void shouldRejectInvalidGraphConfigs_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("[{") << QStringLiteral("not JSON");
        QTest::newRow("not a list") << QByteArray(R"({"id": "x"})") << QStringLiteral("list");
        QTest::newRow("graph not an object") << QByteArray("[1]") << QStringLiteral("graph 1");
        QTest::newRow("missing id (PyCounters 0.6: Missing graph id)")
            << QByteArray(R"([{"data": []}])") << QStringLiteral("missing graph id");
        QTest::newRow("id with a space")
            << QByteArray(R"([{"id": "a b", "data": []}])") << QStringLiteral("white space");
        QTest::newRow("no data (PyCounters 0.6: TypeError)")
            << QByteArray(R"([{"id": "g"}])") << QStringLiteral("\"data\"");
        QTest::newRow("data item without counter")
            << QByteArray(R"([{"id": "g", "data": [{"label": "x"}]}])")
            << QStringLiteral("data item 1: missing \"counter\"");
        QTest::newRow("global not an object")
            << QByteArray(R"([{"id": "g", "global": [], "data": []}])") << QStringLiteral("global");
        QTest::newRow("option value a list")
            << QByteArray(R"([{"id": "g", "data": [{"counter": "c", "label": []}]}])")
            << QStringLiteral("\"label\"");
        QTest::newRow("line break in a value")
            << QByteArray(R"([{"id": "g", "global": {"title": "a\nb"}, "data": []}])")
            << QStringLiteral("line break");
        QTest::newRow("labels not an object")
            << QByteArray("[{\"id\": \"g\", \"data\": [{\"counter\": \"c\", \"labels\": 1}]}]")
            << QStringLiteral("\"labels\" must be an object");
        QTest::newRow("label value not a string")
            << QByteArray(
                   "[{\"id\": \"g\", \"data\": [{\"counter\": \"c\", \"labels\": {\"a\": 1}}]}]")
            << QStringLiteral("the label \"a\" must be a string");
        QTest::newRow("invalid label name") << QByteArray(
            "[{\"id\": \"g\", \"data\": [{\"counter\": \"c\", \"labels\": {\"1a\": \"x\"}}]}]")
                                            << QStringLiteral("\"1a\" is not");
        QTest::newRow("option name with a space")
            << QByteArray(R"([{"id": "g", "global": {"a b": "x"}, "data": []}])")
            << QStringLiteral("\"a b\"");
    }

    void shouldRejectInvalidGraphConfigs()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!MuninPlugin::parseGraphs(json, &error));
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
    }

    void shouldReadGraphConfigFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("graphs.json"));
        QVERIFY(
            writeFile(path,
                      QByteArrayLiteral(R"([{"id": "test", "global": {"title": "T"}, )"
                                        R"("data": [{"counter": "test1", "label": "Test"}]}])")));
        QString error;
        QCOMPARE(MuninPlugin::readGraphs(path, &error),
                 std::optional<QList<Graph>>(pyCountersGraphs()));
        QVERIFY(!MuninPlugin::readGraphs(dir.filePath(QStringLiteral("none.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("none.json")), qPrintable(error));
        QVERIFY(writeFile(path, "[{}]"));
        QVERIFY(!MuninPlugin::readGraphs(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("id")), qPrintable(error));
    }

    void shouldRunMuninsCommands()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.json"));
        QVERIFY(JsonFileReporter::safeWrite(
            Snapshot(m_clock.wallSeconds(), SnapshotSource{}, {row(QStringLiteral("test1"), 4)}),
            path));
        MuninPlugin plugin(pyCountersGraphs(), path);
        plugin.setClock(&m_clock);
        QCOMPARE(plugin.reportPath(), path);
        QCOMPARE(plugin.run(MuninPlugin::Command::Config),
                 std::optional<QStringList>(plugin.config()));
        QCOMPARE(plugin.run(MuninPlugin::Command::Fetch),
                 std::optional<QStringList>(QStringList{QStringLiteral("multigraph test"),
                                                        QStringLiteral("test1.value 4")}));
        QCOMPARE(plugin.run(MuninPlugin::Command::Autoconf),
                 std::optional<QStringList>(QStringList{QStringLiteral("yes")}));
        QCOMPARE(MuninPlugin(QList<Graph>(), path).autoconf(),
                 QStringLiteral("no (no graphs configured)"));
    }
};

QTEST_GUILESS_MAIN(MuninPluginTest)
#include "tst_muninplugin.moc"
