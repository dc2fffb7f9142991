// SPDX-License-Identifier: MIT
#include "crosscheckencoder.h"
#include "rows.h"
#include "snapshotprinting.h"

#include <counters/format/jsoncodec.h>
#include <counters/format/jsoncodec_p.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace counters;

namespace {

using SubValues = QMap<QString, double>;

using testsupport::row;

SnapshotSource source(const QString &node = {})
{
    return SnapshotSource{QStringLiteral("demo-server"), QStringLiteral("box"), 4242, 1.7e9 - 60.25,
                          node};
}

QList<CounterRow> everyType()
{
    return {
        row(QStringLiteral("events"), CounterType::Event, 3, 0, 3),
        row(QStringLiteral("total"), CounterType::Total, -2.5, 0, 2),
        row(QStringLiteral("avg"), CounterType::AverageWindow, 0.3333333333333333, 300, 3,
            {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 1}}),
        row(QStringLiteral("time"), CounterType::AverageTime, 1e-05, 60, 1,
            {{QStringLiteral("min"), 1e-05}, {QStringLiteral("max"), 1e-05}}),
        row(QStringLiteral("freq"), CounterType::Frequency, 0.5, 10, 5),
        row(QStringLiteral("window"), CounterType::Window, 1e16, 0.5, 7),
        row(QStringLiteral("max"), CounterType::MaxWindow, 20, 300, 3),
        row(QStringLiteral("min"), CounterType::MinWindow, -0.0, 300, 3),
        row(QStringLiteral("acc"), CounterType::Unknown, std::nullopt, 0, 0,
            {{QStringLiteral("s1"), 3}, {QStringLiteral("s2"), 5}}),
    };
}

/// A PercentileWindowCounter's row as the counter makes it: quantiles from its histogram.
CounterRow percentileRow(const QString &name, const QList<double> &values)
{
    CounterRow r =
        row(name, CounterType::PercentileWindow, std::nullopt, 60, quint64(values.size()));
    for (double v : values)
        r.histogram.add(v);
    r.subValues = {{QStringLiteral("p50"), 0},
                   {QStringLiteral("p99.9"), 0},
                   {QStringLiteral("min"), *std::min_element(values.cbegin(), values.cend())},
                   {QStringLiteral("max"), *std::max_element(values.cbegin(), values.cend())},
                   {QStringLiteral("lifetime_count"), double(values.size())}};
    recomputeQuantiles(r);
    return r;
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("parse error: %ls", qUtf16Printable(error.errorString()));
    return document.object();
}

/// The path of the first difference between two JSON values; empty when equal.
QString firstDifference(const QJsonValue &a, const QJsonValue &b,
                        const QString &path = QStringLiteral("$"))
{
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.keys() != y.keys())
            return path + QStringLiteral(" keys: ") + x.keys().join(u',') + QStringLiteral(" vs ")
                + y.keys().join(u',');
        for (const QString &key : x.keys()) {
            const QString d = firstDifference(x.value(key), y.value(key), path + u'.' + key);
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (a == b)
        return {};
    return path + QStringLiteral(": ")
        + QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson(QJsonDocument::Compact))
        + QStringLiteral(" vs ")
        + QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson(QJsonDocument::Compact));
}

/// Where the quick reader (JsonTree) reads `json`, QJsonDocument's reading must give the same
/// snapshot; an empty string when they agree.
QString disagreement(const QByteArray &json, int *quickReads)
{
    const std::optional<Snapshot> quick = detail::readReport(json, detail::JsonReader::Quick);
    if (!quick)
        return {};
    ++*quickReads;
    QString error;
    const std::optional<Snapshot> qt = detail::readReport(json, detail::JsonReader::Qt, &error);
    if (!qt)
        return QStringLiteral("only the quick reader reads it; QJsonDocument: ") + error;
    if (*qt != *quick || JsonCodec::toJson(*qt) != JsonCodec::toJson(*quick))
        return QStringLiteral("the readers differ: ") + QString::fromUtf8(JsonCodec::toJson(*quick))
            + QStringLiteral(" vs ") + QString::fromUtf8(JsonCodec::toJson(*qt));
    return {};
}

/// `json` and a few thousand damaged copies of it: bytes left out, doubled, replaced and
/// inserted, and the text cut short, at about a hundred places.
QList<QByteArray> withDamagedCopies(const QByteArray &json)
{
    static const QList<QByteArray> replacements = {"\"", "\\", "{", "}", "[",        "]",    ",",
                                                   ":",  "0",  "-", ".", "e",        "N",    "I",
                                                   "n",  "t",  "9", " ", "\xc3\xa9", "\x7f", "\t"};
    QList<QByteArray> copies{json};
    const qsizetype step = std::max<qsizetype>(1, json.size() / 100);
    for (qsizetype at = 0; at < json.size(); at += step) {
        copies.append(json.left(at));
        copies.append(QByteArray(json).remove(at, 1));
        copies.append(QByteArray(json).insert(at, json.at(at)));
        for (const QByteArray &replacement : replacements) {
            copies.append(QByteArray(json).replace(at, 1, replacement));
            copies.append(QByteArray(json).insert(at, replacement));
        }
    }
    return copies;
}

/// No byte that JsonTree leaves to QJsonDocument: escapes, non-ASCII, control characters.
bool isPlain(const QByteArray &json)
{
    return std::all_of(json.cbegin(), json.cend(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u != '\\' && u < 0x80 && (u >= 0x20 || u == '\n' || u == '\r' || u == '\t');
    });
}

/// The quick reader reads `json` if it is plain; on it and on its damaged copies the two
/// readers agree; and, when `json` is plain, more than `quickReads` copies still read quickly
/// (so that the comparison is not vacuous).
void checkReadersAgree(const QByteArray &json, int quickReads)
{
    if (isPlain(json))
        QVERIFY(detail::readReport(json, detail::JsonReader::Quick));
    int read = 0;
    for (const QByteArray &copy : withDamagedCopies(json)) {
        const QString difference = disagreement(copy, &read);
        QVERIFY2(difference.isEmpty(), qPrintable(QString::fromUtf8(copy) + u'\n' + difference));
    }
    if (isPlain(json))
        QVERIFY2(read > quickReads, qPrintable(QString::number(read)));
}

} // namespace

class JsonCodecTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRoundTripEveryField_data()
    {
        QTest::addColumn<Snapshot>("snapshot");

        QTest::newRow("empty") << Snapshot(1234.5, {}, {});
        QTest::newRow("every type") << Snapshot(1.7e9 + 0.125, source(), everyType());
        QTest::newRow("nulls") << Snapshot(
            1.7e9, source(),
            {row(QStringLiteral("idle_avg"), CounterType::AverageWindow, std::nullopt, 300, 0),
             row(QStringLiteral("never"), CounterType::Event, std::nullopt)});
        QTest::newRow("big count and window")
            << Snapshot(1.7e9, source(),
                        {row(QStringLiteral("busy"), CounterType::Frequency, 123456.789, 86400,
                             quint64(1) << 60)});
        QTest::newRow("names needing escapes")
            << Snapshot(1.7e9, source(),
                        {row(QStringLiteral("quote\"back\\slash"), CounterType::Total, 1),
                         row(QStringLiteral("tab\tnew\nline\x01"), CounterType::Total, 2),
                         row(QStringLiteral("größe µs ✓ 😀"), CounterType::Total, 3),
                         row(QStringLiteral("NaN"), CounterType::Total, 4),
                         row(QStringLiteral(""), CounterType::Total, 5)});
        QTest::newRow("dunder names")
            << Snapshot(1.7e9, source(),
                        {row(QStringLiteral("__private__"), CounterType::Total, 1),
                         row(QStringLiteral("__collection_time__"), CounterType::Total, 2),
                         row(QStringLiteral("__node_reports__"), CounterType::Event, std::nullopt),
                         row(QStringLiteral("__counters__"), CounterType::Window, 3, 1, 3)});
        CounterRow dropping =
            row(QStringLiteral("poisoned_avg"), CounterType::AverageWindow, 2, 300, 3);
        dropping.dropped = 7;
        QTest::newRow("dropped events") << Snapshot(1.7e9, source(), {dropping});
        CounterRow get = row(QString(), CounterType::AverageTime, 0.25, 300, 4);
        get.family = QStringLiteral("http_request_time");
        get.labels = {{QStringLiteral("method"), QStringLiteral("GET")},
                      {QStringLiteral("status"), QStringLiteral("200")}};
        get.name = seriesName(get.family, get.labels);
        CounterRow odd = get;
        odd.labels = {{QStringLiteral("method"), QStringLiteral("PO\"ST\\ \n größe 😀")},
                      {QStringLiteral("status"), QString()}};
        odd.name = seriesName(odd.family, odd.labels);
        CounterRow plain = row(QStringLiteral("http_request_time"), CounterType::AverageTime, 0.5);
        CounterRow overflow = get;
        overflow.labels = {{QStringLiteral("method"), QStringLiteral("__overflow__")},
                           {QStringLiteral("status"), QStringLiteral("__overflow__")}};
        overflow.name = seriesName(overflow.family, overflow.labels);
        overflow.overflowed = 12;
        QTest::newRow("labelled series") << Snapshot(1.7e9, source(), {get, odd, plain, overflow});
        CounterRow gauge = row(QStringLiteral("busy_threads"), CounterType::Gauge, 3);
        gauge.statistic = Statistic::Current;
        gauge.merge = MergeRule::Max;
        CounterRow lastGauge = row(QStringLiteral("config_version"), CounterType::Gauge, 7);
        lastGauge.merge = MergeRule::Last;
        QTest::newRow("gauges with their merge rules")
            << Snapshot(1.7e9, source(),
                        {gauge, lastGauge, row(QStringLiteral("queue"), CounterType::Gauge, 0)});
        QTest::newRow("sub-values only")
            << Snapshot(0, {},
                        {row(QStringLiteral("pct"), CounterType::AverageTime, 0.2, 300, 100,
                             {{QStringLiteral("p50"), 0.1}, {QStringLiteral("p99"), 0.9}})});

        QTest::newRow("percentiles") << Snapshot(
            1.7e9, source(),
            {percentileRow(QStringLiteral("latency"), {0.001, 0.002, 0.002, 0.5, -3, 0}),
             row(QStringLiteral("latency.p99"), CounterType::Total, 7), // a counter: keeps its key
             row(QStringLiteral("quiet"), CounterType::PercentileWindow, std::nullopt, 60, 0,
                 {{QStringLiteral("lifetime_count"), 12}})});
        QTest::newRow("merged percentiles")
            << merge({Snapshot(1.7e9, source(QStringLiteral("a")),
                               {percentileRow(QStringLiteral("latency"), {0.1, 0.2})}),
                      Snapshot(1.7e9, source(QStringLiteral("b")),
                               {percentileRow(QStringLiteral("latency"), {0.3, 40})})},
                     1.7e9, source(QStringLiteral("leader")));

        const Snapshot nodeA(1.7e9 - 0.5, source(QStringLiteral("box_1_0_1700000000")),
                             {row(QStringLiteral("val"), CounterType::Total, 1, 0, 1),
                              row(QStringLiteral("avg"), CounterType::AverageWindow, 0.5, 300, 2)});
        const Snapshot nodeB(1.7e9 - 0.25, source(QStringLiteral("box_2_0_1700000000")),
                             {row(QStringLiteral("val"), CounterType::Total, 2, 0, 1),
                              row(QStringLiteral("only_here"), CounterType::Event, std::nullopt)});
        // Node ids out of alphabetical order: the order of nodes() must survive.
        const Snapshot nodeC(1.7e9 - 0.75, source(QStringLiteral("a_first_alphabetically")),
                             {row(QStringLiteral("val"), CounterType::Total, 3, 0, 1)});
        QTest::newRow("nodes") << merge({nodeA, nodeB, nodeC}, 1.7e9,
                                        source(QStringLiteral("leader")));
        SnapshotSource staleSource = source(QStringLiteral("box_3_0_1700000000"));
        staleSource.stale = true;
        QTest::newRow("stale node") << merge({nodeA, Snapshot(1.7e9 - 30, staleSource, {})}, 1.7e9,
                                             source(QStringLiteral("leader")));
        QTest::newRow("nodes without ids")
            << merge({Snapshot(1.0, {}, {row(QStringLiteral("val"), CounterType::Total, 1)}),
                      Snapshot(2.0, {}, {row(QStringLiteral("val"), CounterType::Total, 2)}),
                      Snapshot(3.0, source(QStringLiteral("dup")), {}),
                      Snapshot(4.0, source(QStringLiteral("dup")), {})},
                     5.0);
    }

    void shouldRoundTripEveryField()
    {
        QFETCH(Snapshot, snapshot);

        QString error;
        const std::optional<Snapshot> fromBytes =
            JsonCodec::fromJson(JsonCodec::toJson(snapshot), &error);
        QVERIFY2(fromBytes, qPrintable(error));
        QCOMPARE(*fromBytes, snapshot);

        const std::optional<Snapshot> fromObject =
            JsonCodec::fromJsonObject(testsupport::reportObject(snapshot), &error);
        QVERIFY2(fromObject, qPrintable(error));
        QCOMPARE(*fromObject, snapshot);
    }

    // The writer's bytes against a second encoder written independently (crosscheckencoder.h).
    void bytesShouldCarryWhatTheCrossCheckEncoderWrites_data() { shouldRoundTripEveryField_data(); }

    void bytesShouldCarryWhatTheCrossCheckEncoderWrites()
    {
        QFETCH(Snapshot, snapshot);
        const QByteArray bytes = JsonCodec::toJson(snapshot);
        QVERIFY(!bytes.endsWith('\n'));
        QVERIFY(!bytes.contains("\": ") && !bytes.contains(", \"")); // compact
        const QJsonObject object = testsupport::reportObject(snapshot);
        const QString difference = firstDifference(parse(bytes), object);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        const QString viaQt = firstDifference(parse(QJsonDocument(object).toJson()), object);
        QVERIFY2(viaQt.isEmpty(), qPrintable(viaQt));
    }

    void topLevelShouldHoldPyCountersFlatPairs()
    {
        const Snapshot snapshot(1234.5, source(), everyType());
        const QJsonObject object = parse(JsonCodec::toJson(snapshot));
        QStringList expectedKeys{QStringLiteral("__collection_time__"),
                                 QStringLiteral("__counters__")};
        for (const CounterRow &r : snapshot.rows())
            expectedKeys.append(r.name);
        expectedKeys.sort();
        QCOMPARE(object.keys(), expectedKeys);
        QCOMPARE(object.value(QLatin1String("events")), QJsonValue(3));
        QCOMPARE(object.value(QLatin1String("avg")).toDouble(), 0.3333333333333333);
        QCOMPARE(object.value(QLatin1String("time")).toDouble(), 1e-05);
        QVERIFY(object.value(QLatin1String("acc")).isNull());
        QCOMPARE(object.value(QLatin1String("__collection_time__")).toDouble(), 1234.5);
        QVERIFY(!object.contains(QLatin1String("__node_reports__")));
    }

    void numbersShouldBeShortestRoundTrip_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << 3.0 << QByteArray("3");
        QTest::newRow("third") << 1.0 / 3 << QByteArray("0.3333333333333333");
        QTest::newRow("small") << 1e-05 << QByteArray("1e-05");
        QTest::newRow("large") << 1e16 << QByteArray("1e+16");
        QTest::newRow("time") << 1700000000.125 << QByteArray("1700000000.125");
        // Whole numbers take a short cut below 10^5: the same text as the double's.
        QTest::newRow("zero") << 0.0 << QByteArray("0");
        QTest::newRow("negative zero") << -0.0 << QByteArray("-0");
        QTest::newRow("window") << 300.0 << QByteArray("300");
        QTest::newRow("tie of forms") << 10000.0 << QByteArray("10000");
        QTest::newRow("largest short cut") << 99999.0 << QByteArray("99999");
        QTest::newRow("10^5 is shorter as 1e+05") << 100000.0 << QByteArray("1e+05");
        QTest::newRow("whole and large") << 1234567.0 << QByteArray("1234567");
        QTest::newRow("negative whole") << -42.0 << QByteArray("-42");
    }

    void numbersShouldBeShortestRoundTrip()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        const QByteArray json = JsonCodec::toJson(
            Snapshot(0, {}, {row(QStringLiteral("x"), CounterType::Total, value)}));
        QVERIFY2(json.startsWith(QByteArray("{\"x\":" + text + ',')), json.constData());
    }

    void metadataShouldFollowTheDocumentedSchema()
    {
        const Snapshot snapshot(1234.5, source(QStringLiteral("n1")),
                                {row(QStringLiteral("avg"), CounterType::AverageWindow, 2, 300, 4,
                                     {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 3}}),
                                 row(QStringLiteral("total"), CounterType::Total, 1, 0, 1)});
        const QJsonObject metadata =
            parse(JsonCodec::toJson(snapshot)).value(QLatin1String("__counters__")).toObject();
        const QJsonObject expected = parse(R"({
            "version": 1,
            "source": {"service": "demo-server", "host": "box", "pid": 4242,
                       "process_start": 1699999939.75, "node": "n1"},
            "counters": {
                "avg": {"type": "AverageWindowCounter", "unit": "", "statistic": "mean",
                        "window": 300, "count": 4, "sub": {"max": 3, "min": 1}},
                "total": {"type": "TotalCounter", "unit": "", "statistic": "sum", "window": 0,
                          "count": 1}
            }})");
        QCOMPARE(metadata, expected);
    }

    void nodeReportsShouldHoldEachNodesPlainValues()
    {
        const Snapshot a(10, source(QStringLiteral("host_1_0_10")),
                         {row(QStringLiteral("val"), CounterType::Total, 1),
                          row(QStringLiteral("none"), CounterType::Event, std::nullopt)});
        const Snapshot b(11, source(QStringLiteral("host_2_0_10")),
                         {row(QStringLiteral("val"), CounterType::Total, 2)});
        const QJsonObject object = parse(JsonCodec::toJson(merge({a, b}, 12)));
        QCOMPARE(object.value(QLatin1String("val")), QJsonValue(3));
        const QJsonObject expected = parse(R"({"host_1_0_10": {"val": 1, "none": null},
                                               "host_2_0_10": {"val": 2}})");
        QCOMPARE(object.value(QLatin1String("__node_reports__")).toObject(), expected);
        const QJsonObject nodes = object.value(QLatin1String("__counters__"))
                                      .toObject()
                                      .value(QLatin1String("nodes"))
                                      .toObject();
        QCOMPARE(nodes.keys(),
                 (QStringList{QStringLiteral("host_1_0_10"), QStringLiteral("host_2_0_10")}));
        QCOMPARE(nodes.value(QLatin1String("host_2_0_10")).toObject().value(QLatin1String("time")),
                 QJsonValue(11));
    }

    void nonFiniteValuesShouldBeWrittenAsNull_data()
    {
        QTest::addColumn<double>("value");
        QTest::newRow("NaN") << std::nan("");
        QTest::newRow("+inf") << std::numeric_limits<double>::infinity();
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity();
    }

    void nonFiniteValuesShouldBeWrittenAsNull()
    {
        QFETCH(double, value);
        const Snapshot snapshot(
            value, {},
            {row(QStringLiteral("x"), CounterType::AverageWindow, value, 300, 1,
                 {{QStringLiteral("max"), value}, {QStringLiteral("min"), 1}})});
        const QByteArray json = JsonCodec::toJson(snapshot);
        QJsonParseError error;
        QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(parse(json).value(QLatin1String("x")).isNull());
        QVERIFY(testsupport::reportObject(snapshot).value(QLatin1String("x")).isNull());

        const std::optional<Snapshot> decoded = JsonCodec::fromJson(json);
        QVERIFY(decoded);
        QCOMPARE(decoded->time(), 0.0);
        const CounterRow *x = decoded->row(u"x");
        QVERIFY(x);
        QVERIFY(!x->value);
        QCOMPARE(x->subValues, (QMap<QString, double>{{QStringLiteral("min"), 1}}));
    }

    void shouldReadPyCountersFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<Snapshot>("expected");

        const auto unknown = [](const QString &name, std::optional<double> value,
                                QMap<QString, double> sub = {}) {
            return row(name, CounterType::Unknown, value, 0, 0, std::move(sub));
        };

        QTest::newRow("PyCounters 0.6 example")
            << QByteArray(
                   R"({"a": 3, "b": 0.3333333333333333, "__collection_time__": 1234.5, "n": null})")
            << Snapshot(1234.5, {},
                        {unknown(QStringLiteral("a"), 3),
                         unknown(QStringLiteral("b"), 0.3333333333333333),
                         unknown(QStringLiteral("n"), std::nullopt)});
        CounterRow latency = unknown(QStringLiteral("latency"), 0.25);
        latency.unit = counters::Unit::Second; // its name says so
        QTest::newRow("old file without collection time")
            << QByteArray(R"({"requests": 12, "latency": 0.25})")
            << Snapshot(0, {}, {latency, unknown(QStringLiteral("requests"), 12)});
        QTest::newRow("python NaN and infinities") << QByteArray(
            R"({"nan": NaN, "inf": Infinity, "ninf": -Infinity, "ok": 1.0, "__collection_time__": 5})")
                                                   << Snapshot(5, {},
                                                               {unknown(QStringLiteral("inf"),
                                                                        std::nullopt),
                                                                unknown(QStringLiteral("nan"),
                                                                        std::nullopt),
                                                                unknown(QStringLiteral("ninf"),
                                                                        std::nullopt),
                                                                unknown(QStringLiteral("ok"), 1)});
        QTest::newRow("tokens inside strings stay")
            << QByteArray("{\"NaN count\": NaN, \"say \\\"Infinity\\\"\": 2, \"x\": NaN}")
            << Snapshot(0, {},
                        {unknown(QStringLiteral("NaN count"), std::nullopt),
                         unknown(QStringLiteral("say \"Infinity\""), 2),
                         unknown(QStringLiteral("x"), std::nullopt)});
        QTest::newRow("value accumulator")
            << QByteArray(
                   R"({"acc": {"s1": 3, "s2": 5.5, "label": "x"}, "__collection_time__": 1.5})")
            << Snapshot(1.5, {},
                        {unknown(QStringLiteral("acc"), std::nullopt,
                                 {{QStringLiteral("s1"), 3}, {QStringLiteral("s2"), 5.5}})});
        QTest::newRow("integers and floats")
            << QByteArray(R"({"int": 12345678901234, "float": 1e-05, "big": 1e+16, "neg": -7})")
            << Snapshot(0, {},
                        {unknown(QStringLiteral("big"), 1e16),
                         unknown(QStringLiteral("float"), 1e-05),
                         unknown(QStringLiteral("int"), 12345678901234.0),
                         unknown(QStringLiteral("neg"), -7)});
        QTest::newRow("non-counter entries skipped")
            << QByteArray(R"({"s": "text", "l": [1, 2], "t": true, "__other__": 3, "c": 1})")
            << Snapshot(0, {}, {unknown(QStringLiteral("c"), 1)});

        const Snapshot n1(1234.5, SnapshotSource{{}, {}, 0, 0, QStringLiteral("host_1_1_1")},
                          {unknown(QStringLiteral("val"), 1)});
        const Snapshot n2(
            1234.5, SnapshotSource{{}, {}, 0, 0, QStringLiteral("host_2_1_1")},
            {unknown(QStringLiteral("val"), 2), unknown(QStringLiteral("nan"), std::nullopt)});
        QTest::newRow("multi-process leader")
            << QByteArray(
                   R"({"val": 3, "nan": NaN, "__collection_time__": 1234.5, "__node_reports__": )"
                   R"({"host_1_1_1": {"val": 1}, "host_2_1_1": {"val": 2, "nan": NaN}}})")
            << Snapshot(1234.5, {},
                        {unknown(QStringLiteral("nan"), std::nullopt),
                         unknown(QStringLiteral("val"), 3)},
                        {n1, n2});
        QTest::newRow("leader without nodes")
            << QByteArray(R"({"__collection_time__": 7.0, "__node_reports__": {}})")
            << Snapshot(7, {}, {});
    }

    // What a PyCounters report does not say is filled in once, from the tutorial's names.
    void shouldFillInTheMeaningOfPyCountersRows_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("counter");
        QTest::addColumn<int>("unit");      // counters::Unit
        QTest::addColumn<int>("statistic"); // counters::Statistic
        QTest::addColumn<SubValues>("sub");
        using counters::Statistic;
        using counters::Unit;
        const QByteArray tutorial = R"({"requests_time": 0.01, "requests_frequency": 2.5,
            "requests_data_len": 120, "requests_data_len_avg": 12, "requests_data_len_max": 40,
            "requests_data_len_min": 3, "__collection_time__": 1.7e9})";
        QTest::newRow("a time is in seconds")
            << tutorial << QStringLiteral("requests_time") << int(Unit::Second)
            << int(Statistic::Unknown) << SubValues{};
        QTest::newRow("a frequency is a rate per second")
            << tutorial << QStringLiteral("requests_frequency") << int(Unit::PerSecond)
            << int(Statistic::Rate) << SubValues{};
        QTest::newRow("an average gets its siblings' extremes")
            << tutorial << QStringLiteral("requests_data_len_avg") << int(Unit::None)
            << int(Statistic::Mean)
            << SubValues{{QStringLiteral("min"), 3}, {QStringLiteral("max"), 40}};
        QTest::newRow("the event itself too, without a statistic")
            << tutorial << QStringLiteral("requests_data_len") << int(Unit::None)
            << int(Statistic::Unknown)
            << SubValues{{QStringLiteral("min"), 3}, {QStringLiteral("max"), 40}};
        QTest::newRow("a maximum is one, and gets no sub-values")
            << tutorial << QStringLiteral("requests_data_len_max") << int(Unit::None)
            << int(Statistic::Max) << SubValues{};
        QTest::newRow("a minimum") << tutorial << QStringLiteral("requests_data_len_min")
                                   << int(Unit::None) << int(Statistic::Min) << SubValues{};
        QTest::newRow("dotted names, a latency mean without a minimum")
            << QByteArray(R"({"db.latency.mean": 0.2, "db.latency.max": 0.9})")
            << QStringLiteral("db.latency.mean") << int(Unit::Second) << int(Statistic::Mean)
            << SubValues{{QStringLiteral("max"), 0.9}};
        QTest::newRow("words, not substrings: a timeout count is no duration")
            << QByteArray(R"({"timeouts": 4, "uptime_total": 9})") << QStringLiteral("timeouts")
            << int(Unit::None) << int(Statistic::Unknown) << SubValues{};
        QTest::newRow("a sibling without a value is not folded in")
            << QByteArray(R"({"x_avg": 1, "x_min": null})") << QStringLiteral("x_avg")
            << int(Unit::None) << int(Statistic::Mean) << SubValues{};
        QTest::newRow("the nodes of a PyCounters leader too")
            << QByteArray(R"({"__node_reports__": {"h_1_1_1": {"job_time": 2}}})")
            << QStringLiteral("h_1_1_1/job_time") << int(Unit::Second) << int(Statistic::Unknown)
            << SubValues{};
        QTest::newRow("rows of our format are never guessed")
            << JsonCodec::toJson(
                   Snapshot(1, {}, {row(QStringLiteral("request_time"), CounterType::Total, 1)}))
            << QStringLiteral("request_time") << int(Unit::None) << int(Statistic::Sum)
            << SubValues{};
    }
    void shouldFillInTheMeaningOfPyCountersRows()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, counter);
        QFETCH(int, unit);
        QFETCH(int, statistic);
        QFETCH(SubValues, sub);
        QString error;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(json, &error);
        QVERIFY2(snapshot, qPrintable(error));
        const CounterRow *r = nullptr;
        if (counter.contains(QLatin1Char('/'))) {
            const QString node = counter.section(QLatin1Char('/'), 0, 0);
            for (const Snapshot &n : snapshot->nodes()) {
                if (n.source().node == node)
                    r = n.row(counter.section(QLatin1Char('/'), 1));
            }
        } else {
            r = snapshot->row(counter);
        }
        QVERIFY(r);
        QCOMPARE(int(r->unit), unit);
        QCOMPARE(int(r->statistic), statistic);
        QCOMPARE(r->subValues, sub);
    }

    void shouldReadUnitsAndStatistics_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<int>("unit");      // counters::Unit; -1: refused
        QTest::addColumn<int>("statistic"); // counters::Statistic
        using counters::Statistic;
        using counters::Unit;
        QTest::newRow("written before units: the type's")
            << QByteArray(R"({"type": "AverageTimeCounter", "window": 300, "count": 1})")
            << int(Unit::Second) << int(Statistic::Mean);
        QTest::newRow("said") << QByteArray(R"({"type": "WindowCounter", "unit": "bytes",
                                               "statistic": "sum"})")
                              << int(Unit::Byte) << int(Statistic::Sum);
        QTest::newRow("no unit said")
            << QByteArray(R"({"type": "AverageTimeCounter", "unit": "", "statistic": ""})")
            << int(Unit::None) << int(Statistic::Unknown);
        QTest::newRow("names of a later version read as none")
            << QByteArray(R"({"type": "Gauge", "unit": "furlongs", "statistic": "p999"})")
            << int(Unit::None) << int(Statistic::Unknown);
        QTest::newRow("a unit that is no string")
            << QByteArray(R"({"type": "TotalCounter", "unit": 3})") << -1 << 0;
        QTest::newRow("a statistic that is no string")
            << QByteArray(R"({"type": "TotalCounter", "statistic": {}})") << -1 << 0;
    }
    void shouldReadUnitsAndStatistics()
    {
        QFETCH(QByteArray, entry);
        QFETCH(int, unit);
        QFETCH(int, statistic);
        const QByteArray json =
            R"({"x": 1, "__counters__": {"version": 1, "counters": {"x": )" + entry + "}}}";
        QString error;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(json, &error);
        if (unit < 0) {
            QVERIFY(!snapshot);
            QVERIFY2(error.endsWith(QLatin1String(" is not a string")), qPrintable(error));
            QVERIFY2(error.contains(QLatin1String("__counters__.counters.\"x\".")),
                     qPrintable(error));
            return;
        }
        QVERIFY2(snapshot, qPrintable(error));
        QCOMPARE(int(snapshot->rows().first().unit), unit);
        QCOMPARE(int(snapshot->rows().first().statistic), statistic);
    }

    void shouldReadPyCountersFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(Snapshot, expected);
        QString error;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(json, &error);
        QVERIFY2(snapshot, qPrintable(error));
        // Rows compared as snapshots, so that a difference prints (snapshotprinting.h).
        QCOMPARE(Snapshot(0, {}, snapshot->rows()), Snapshot(0, {}, expected.rows()));
        QCOMPARE(snapshot->nodes(), expected.nodes());
        QCOMPARE(*snapshot, expected);
    }

    void percentilesShouldAlsoBeFlatPairsForFlatReaders()
    {
        const Snapshot snapshot(1.7e9, source(),
                                {percentileRow(QStringLiteral("latency"), {1, 2, 3, 4}),
                                 row(QStringLiteral("latency.p50"), CounterType::Total, 7)});
        const QJsonObject object = parse(JsonCodec::toJson(snapshot));
        QCOMPARE(object.value(QLatin1String("latency")).toDouble(), *snapshot.value(u"latency"));
        QCOMPARE(object.value(QLatin1String("latency.p99.9")).toDouble(),
                 snapshot.row(u"latency")->subValues.value(QStringLiteral("p99.9")));
        QCOMPARE(object.value(QLatin1String("latency.p50")).toDouble(), 7.0); // the counter's
        QVERIFY(!object.contains(QLatin1String("latency.min")));
        const QJsonObject histogram = object.value(QLatin1String("__counters__"))
                                          .toObject()
                                          .value(QLatin1String("counters"))
                                          .toObject()
                                          .value(QLatin1String("latency"))
                                          .toObject()
                                          .value(QLatin1String("histogram"))
                                          .toObject();
        QCOMPARE(histogram.value(QLatin1String("scheme")).toString(), QStringLiteral("log2x64"));
        QCOMPARE(histogram.value(QLatin1String("buckets")).toArray().size(), 8);

        // A flat reader (no metadata) sees the quantiles as counters of their own.
        QJsonObject flatOnly = object;
        flatOnly.remove(QLatin1String("__counters__"));
        const std::optional<Snapshot> flat = JsonCodec::fromJsonObject(flatOnly);
        QVERIFY(flat);
        QVERIFY(flat->row(u"latency.p99.9"));
    }

    void histogramsOfALaterSchemeShouldBeIgnored()
    {
        const QByteArray json = R"({"lat": 1, "__counters__": {"counters": {"lat": {
            "type": "PercentileWindowCounter", "histogram": {"scheme": "ddsketch", "buckets": {}}}}}})";
        QString error;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(json, &error);
        QVERIFY2(snapshot, qPrintable(error));
        QVERIFY(snapshot->row(u"lat")->histogram.isEmpty());
    }

    void shouldRejectCorruptInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("blank") << QByteArray(" \n ") << QStringLiteral("empty");
        QTest::newRow("unterminated") << QByteArray("{\"a\": 1") << QStringLiteral("offset");
        QTest::newRow("missing value") << QByteArray("{\"a\": }") << QStringLiteral("offset");
        QTest::newRow("garbage") << QByteArray("\x00\xff\xfe garbage", 12)
                                 << QStringLiteral("offset");
        QTest::newRow("bad token") << QByteArray("{\"a\": Nan}") << QStringLiteral("offset");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("not an object");
        QTest::newRow("string") << QByteArray("\"report\"") << QStringLiteral("offset");
        QTest::newRow("time not a number") << QByteArray(R"({"__collection_time__": "yesterday"})")
                                           << QStringLiteral("__collection_time__");
        QTest::newRow("metadata not an object") << QByteArray(R"({"__counters__": 5})")
                                                << QStringLiteral("__counters__ is not an object");
        QTest::newRow("counter metadata not an object")
            << QByteArray(R"({"__counters__": {"counters": {"a": 3}}})")
            << QStringLiteral("__counters__.counters.\"a\" is not an object");
        QTest::newRow("count negative")
            << QByteArray(R"({"__counters__": {"counters": {"a": {"count": -1}}}})")
            << QStringLiteral(".count");
        QTest::newRow("dropped not a count")
            << QByteArray(R"({"__counters__": {"counters": {"a": {"dropped": "many"}}}})")
            << QStringLiteral(".dropped is not a non-negative number");
        QTest::newRow("labels without a family")
            << QByteArray(R"({"__counters__": {"counters": {"a": {"labels": {"k": "v"}}}}})")
            << QStringLiteral(".family is not a name");
        QTest::newRow("family without labels")
            << QByteArray(R"({"__counters__": {"counters": {"a": {"family": "a"}}}})")
            << QStringLiteral(".labels is not an object");
        QTest::newRow("label value not a string")
            << QByteArray(
                   R"({"__counters__": {"counters": {"a": {"family": "a", "labels": {"k": 1}}}}})")
            << QStringLiteral(".labels.\"k\" is not a string");
        QTest::newRow("label name invalid") << QByteArray(
            R"({"__counters__": {"counters": {"a": {"family": "a", "labels": {"1k": ""}}}}})")
                                            << QStringLiteral("is not [a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("key that is not the series' name")
            << QByteArray("{\"__counters__\": {\"counters\": {\"a\": {\"family\": \"f\", "
                          "\"labels\": {\"k\": \"v\"}}}}}")
            << QStringLiteral("must be its family and labels, \"f{k=\"v\"}\"");
        QTest::newRow("node report not an object")
            << QByteArray(R"({"__node_reports__": {"n": 3}})")
            << QStringLiteral("__node_reports__.\"n\"");
        QTest::newRow("source not an object") << QByteArray(R"({"__counters__": {"source": []}})")
                                              << QStringLiteral("__counters__.source");
        QTest::newRow("stale not a boolean")
            << QByteArray(R"({"__counters__": {"source": {"stale": 1}}})")
            << QStringLiteral("__counters__.source.stale");

        const auto histogram = [](const char *buckets) -> QByteArray {
            return QByteArray(R"({"__counters__": {"counters": {"a": {"histogram": )") + buckets
                + "}}}}";
        };
        QTest::newRow("histogram not an object")
            << histogram("[1, 2]") << QStringLiteral(".\"a\".histogram is not an object");
        QTest::newRow("histogram without a scheme")
            << histogram(R"({"buckets": [1, 2]})")
            << QStringLiteral("histogram.scheme is not a name");
        QTest::newRow("histogram scheme not a string")
            << histogram(R"({"scheme": 2, "buckets": [1, 2]})")
            << QStringLiteral("histogram.scheme is not a name");
        QTest::newRow("histogram buckets not an array")
            << histogram(R"({"scheme": "log2x64", "buckets": 3})")
            << QStringLiteral("histogram.buckets is not an array");
        QTest::newRow("histogram odd bucket list")
            << histogram(R"({"scheme": "log2x64", "buckets": [1, 2, 3]})")
            << QStringLiteral("key, count pairs");
        QTest::newRow("histogram key out of range")
            << histogram(R"({"scheme": "log2x64", "buckets": [8193, 1]})")
            << QStringLiteral("buckets[0]");
        QTest::newRow("histogram fractional key")
            << histogram(R"({"scheme": "log2x64", "buckets": [1.5, 1]})")
            << QStringLiteral("buckets[0]");
        QTest::newRow("histogram zero count")
            << histogram(R"({"scheme": "log2x64", "buckets": [1, 1, 2, 0]})")
            << QStringLiteral("buckets[1]");
        QTest::newRow("histogram count not a number")
            << histogram(R"({"scheme": "log2x64", "buckets": [1, "many"]})")
            << QStringLiteral("buckets[0]");
        QTest::newRow("histogram keys not increasing")
            << histogram(R"({"scheme": "log2x64", "buckets": [5, 1, 5, 1]})")
            << QStringLiteral("not increasing");

        const Snapshot valid(1.7e9, source(), everyType());
        const QByteArray bytes = JsonCodec::toJson(valid);
        QTest::newRow("truncated report")
            << bytes.left(bytes.size() / 2) << QStringLiteral("offset");
    }

    void shouldRejectCorruptInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!JsonCodec::fromJson(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!JsonCodec::fromJson(json)); // a null error pointer is fine
    }

    void parseErrorOffsetShouldPointIntoTheOriginalText()
    {
        // NaN (3 characters) becomes null (4) before parsing; the offset still refers to the
        // input. The same text with 1.0 in place of NaN fails at the same offset.
        const QByteArray withNan = R"({"a": NaN, "b": -Infinity, "c": })";
        const QByteArray withNumbers = R"({"a": 1.0, "b": -99999999, "c": })";
        QCOMPARE(withNan.size(), withNumbers.size());
        QJsonParseError expected;
        QJsonDocument::fromJson(withNumbers, &expected);
        QVERIFY(expected.error != QJsonParseError::NoError);
        QString error;
        QVERIFY(!JsonCodec::fromJson(withNan, &error));
        QVERIFY2(error.contains(QStringLiteral("offset %1:").arg(expected.offset)),
                 qPrintable(error));
    }

    void laterVersionsShouldStillBeRead()
    {
        const QByteArray json = R"({"a": 1, "__collection_time__": 2,
            "__counters__": {"version": 2, "shiny": true,
                             "counters": {"a": {"type": "HistogramCounter", "window": 60, "count": 1,
                                                "buckets": [1, 2]}}}})";
        QString error;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(json, &error);
        QVERIFY2(snapshot, qPrintable(error));
        QCOMPARE(Snapshot(0, {}, snapshot->rows()),
                 Snapshot(0, {}, {row(QStringLiteral("a"), CounterType::Unknown, 1, 60, 1)}));
    }

    void shouldWriteBackNamesWithLoneSurrogatesUnchanged()
    {
        // Found by tests/fuzz/fuzz_json_report: "\ud800" reads as a lone surrogate, which was
        // written as U+FFFD, so the name changed on every relay (leader, dashboard export).
        const QByteArray json =
            R"({"a\ud800": 1, "\udc00b": {"s\ud800": 2}, "__collection_time__": 3})";
        const std::optional<Snapshot> read = JsonCodec::fromJson(json);
        QVERIFY(read);
        QCOMPARE(read->rows().size(), 2);
        QCOMPARE(read->rows().at(0).name, QStringLiteral("a") + QChar(0xd800));
        const QByteArray written = JsonCodec::toJson(*read);
        QVERIFY2(written.startsWith(R"({"a\ud800":1,"\udc00b":null,)"), written.constData());
        const std::optional<Snapshot> again = JsonCodec::fromJson(written);
        QVERIFY(again);
        QCOMPARE(*again, *read);
    }

    void shouldKeepCountsBeyondQint64Readable_data()
    {
        QTest::addColumn<quint64>("count");
        QTest::newRow("2^63") << (quint64(1) << 63);
        QTest::newRow("saturated") << std::numeric_limits<quint64>::max();
    }

    void shouldKeepCountsBeyondQint64Readable()
    {
        // Found by tests/fuzz/fuzz_json_report: an object encoder wrote such counts (a report may
        // hold any count; the reader saturates) as negative numbers, which no reader accepts.
        QFETCH(quint64, count);
        const Snapshot snapshot(1, source(),
                                {row(QStringLiteral("c"), CounterType::Event, 1, 0, count)});
        QString error;
        const std::optional<Snapshot> viaObject =
            JsonCodec::fromJsonObject(testsupport::reportObject(snapshot), &error);
        QVERIFY2(viaObject, qPrintable(error));
        QCOMPARE(*viaObject, snapshot);
        const std::optional<Snapshot> viaBytes = JsonCodec::fromJson(JsonCodec::toJson(snapshot));
        QVERIFY(viaBytes);
        QCOMPARE(*viaBytes, snapshot);
    }

    // At volume; its speed is BM_Snapshot10kToJson's to measure (bench/), never a unit test's.
    void shouldRoundTripTenThousandRows()
    {
        QList<CounterRow> rows;
        for (int i = 0; i < 10000; ++i) {
            rows.append(row(QStringLiteral("service.module%1.counter%2").arg(i % 97).arg(i),
                            CounterType(i % 8), i * 0.001, 300, quint64(i),
                            i % 2 ? QMap<QString, double>{{QStringLiteral("min"), 0.5},
                                                          {QStringLiteral("max"), i * 1.5}}
                                  : SubValues{}));
        }
        const Snapshot snapshot(1.7e9, source(), rows);
        const QByteArray json = JsonCodec::toJson(snapshot);
        const std::optional<Snapshot> decoded = JsonCodec::fromJson(json);
        QVERIFY(decoded);
        QCOMPARE(*decoded, snapshot);
    }

    // fromJson() reads plain reports with JsonTree, the rest with QJsonDocument: both must read
    // a report the same, and damaged reports must not read differently either.
    void quickReaderShouldAgreeWithQJsonDocument_data() { shouldRoundTripEveryField_data(); }

    void quickReaderShouldAgreeWithQJsonDocument()
    {
        QFETCH(Snapshot, snapshot);
        const QByteArray json = JsonCodec::toJson(snapshot);
        // What the codec writes is what the quick reader is for.
        checkReadersAgree(json, 100);
    }

    void quickReaderShouldAgreeOnTheFuzzingCorpus_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QDir corpus(QStringLiteral(COUNTERS_JSON_REPORT_CORPUS));
        const QFileInfoList files = corpus.entryInfoList(QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QFileInfo &info : files) {
            QFile file(info.filePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QTest::newRow(qPrintable(info.fileName())) << file.readAll();
        }
    }

    void quickReaderShouldAgreeOnTheFuzzingCorpus()
    {
        QFETCH(QByteArray, json);
        // PyCounters' files and past regressions: plain ones are the quick reader's.
        checkReadersAgree(json, 0);
    }
};

QTEST_GUILESS_MAIN(JsonCodecTest)
#include "tst_jsoncodec.moc"
