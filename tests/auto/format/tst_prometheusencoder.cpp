// SPDX-License-Identifier: MIT
// The Prometheus/OpenMetrics codec: name sanitising, the mapping of counter types to metric
// types and names, collisions, escaping, value formatting and content negotiation.

#include "rows.h"

#include <counters/format/prometheusencoder.h>

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace counters;
using Format = PrometheusEncoder::Format;

namespace {

// Rows as live counters report them, with a window unless told otherwise.
CounterRow row(const QString &name, CounterType type, std::optional<double> value,
               double window = 300, quint64 count = 0, QMap<QString, double> sub = {})
{
    return testsupport::row(name, type, value, window, count, std::move(sub));
}

Snapshot snapshotOf(const QList<CounterRow> &rows, double time = 1700000000.5)
{
    return Snapshot(time, SnapshotSource{}, rows);
}

// "name type [unit]" for each family of a single row, the exporter's own left out.
QStringList describe(const QList<PrometheusEncoder::Family> &families)
{
    QStringList result;
    for (const auto &family : families) {
        if (family.counter.isEmpty())
            continue;
        const char *type = family.type == PrometheusEncoder::MetricType::Counter ? "counter"
            : family.type == PrometheusEncoder::MetricType::Summary              ? "summary"
                                                                                 : "gauge";
        QString text = family.sampleName() + QLatin1Char(' ') + QLatin1String(type);
        if (family.unit != counters::Unit::None)
            text += QLatin1Char(' ') + counters::unitName(family.unit);
        result.append(text);
    }
    return result;
}

// A row of the series `labels` of the counter family `family`.
CounterRow series(const QString &family, const Labels &labels, CounterType type,
                  std::optional<double> value, double window = 300, quint64 count = 0,
                  QMap<QString, double> sub = {})
{
    CounterRow r = row(seriesName(family, labels), type, value, window, count, std::move(sub));
    r.family = family;
    r.labels = labels;
    return r;
}

} // namespace

class PrometheusEncoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldSanitizeNames_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::newRow("valid") << QStringLiteral("requests_time")
                               << QStringLiteral("requests_time");
        QTest::newRow("case kept")
            << QStringLiteral("requestsTime") << QStringLiteral("requestsTime");
        QTest::newRow("dots") << QStringLiteral("shop.api.calls")
                              << QStringLiteral("shop_api_calls");
        QTest::newRow("dash and space") << QStringLiteral("a-b c") << QStringLiteral("a_b_c");
        QTest::newRow("colon replaced") << QStringLiteral("job:rate") << QStringLiteral("job_rate");
        QTest::newRow("leading digit") << QStringLiteral("5xx") << QStringLiteral("_5xx");
        QTest::newRow("digits later kept") << QStringLiteral("p99") << QStringLiteral("p99");
        QTest::newRow("leading underscore") << QStringLiteral("_x") << QStringLiteral("_x");
        QTest::newRow("empty") << QString() << QStringLiteral("_");
        QTest::newRow("non-ASCII, one _ per character")
            << QStringLiteral("gr\u00f6\u00dfe") << QStringLiteral("gr__e");
        QTest::newRow("outside the BMP, one _ per code point")
            << QString::fromUtf8("a\xf0\x9f\x98\x80"
                                 "b")
            << QStringLiteral("a_b");
        QTest::newRow("only invalid") << QStringLiteral("...") << QStringLiteral("___");
    }

    void shouldSanitizeNames()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        const QString sanitized = PrometheusEncoder::sanitizeName(text);
        QCOMPARE(sanitized, name);
        static const QRegularExpression rule(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
        QVERIFY(rule.match(sanitized).hasMatch());
    }

    void shouldMapCounterTypes_data()
    {
        QTest::addColumn<CounterRow>("counter");
        QTest::addColumn<QStringList>("families");
        const QMap<QString, double> minMax{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 3}};
        QTest::newRow("event: a counter with _total")
            << row(QStringLiteral("requests"), CounterType::Event, 3, 0)
            << QStringList{QStringLiteral("requests_total counter")};
        QTest::newRow("event named ..._total: not doubled")
            << row(QStringLiteral("requests_total"), CounterType::Event, 3, 0)
            << QStringList{QStringLiteral("requests_total counter")};
        QTest::newRow("total: a gauge, it can go down")
            << row(QStringLiteral("bytes"), CounterType::Total, -2, 0)
            << QStringList{QStringLiteral("bytes gauge")};
        QTest::newRow("average window: gauge, min, max, window events")
            << row(QStringLiteral("len_avg"), CounterType::AverageWindow, 2, 900, 3, minMax)
            << QStringList{QStringLiteral("len_avg gauge"), QStringLiteral("len_avg_max gauge"),
                           QStringLiteral("len_avg_min gauge"),
                           QStringLiteral("len_avg_window_events gauge")};
        QTest::newRow("average time: seconds")
            << row(QStringLiteral("requests_time"), CounterType::AverageTime, 0.2, 300, 3, minMax)
            << QStringList{QStringLiteral("requests_time_max_seconds gauge seconds"),
                           QStringLiteral("requests_time_min_seconds gauge seconds"),
                           QStringLiteral("requests_time_seconds gauge seconds"),
                           QStringLiteral("requests_time_window_events gauge")};
        QTest::newRow("average time named ..._seconds: not doubled")
            << row(QStringLiteral("latency_seconds"), CounterType::AverageTime, 0.2, 300, 1)
            << QStringList{QStringLiteral("latency_max_seconds gauge seconds"),
                           QStringLiteral("latency_min_seconds gauge seconds"),
                           QStringLiteral("latency_seconds gauge seconds"),
                           QStringLiteral("latency_window_events gauge")};
        QTest::newRow("frequency")
            << row(QStringLiteral("requests_frequency"), CounterType::Frequency, 0.5, 300, 150)
            << QStringList{QStringLiteral("requests_frequency gauge per_second"),
                           QStringLiteral("requests_frequency_window_events gauge")};
        QTest::newRow("window sum")
            << row(QStringLiteral("len_window"), CounterType::Window, 12, 900, 3)
            << QStringList{QStringLiteral("len_window gauge"),
                           QStringLiteral("len_window_window_events gauge")};
        QTest::newRow("a gauge never ends in _total (promtool): _value appended")
            << row(QStringLiteral("len_total"), CounterType::Window, 12, 900, 3)
            << QStringList{QStringLiteral("len_total_value gauge"),
                           QStringLiteral("len_total_window_events gauge")};
        QTest::newRow("nor in _count") << row(QStringLiteral("n_count"), CounterType::Total, 1, 0)
                                       << QStringList{QStringLiteral("n_count_value gauge")};
        QTest::newRow("nor in _sum") << row(QStringLiteral("n_Sum"), CounterType::MaxWindow, 1, 60)
                                     << QStringList{QStringLiteral("n_Sum_value gauge"),
                                                    QStringLiteral("n_Sum_window_events gauge")};
        QTest::newRow("nor in _bucket") << row(QStringLiteral("n_bucket"), CounterType::Unknown, 1,
                                               0, 0, {{QStringLiteral("count"), 1}})
                                        << QStringList{QStringLiteral("n_bucket_count_value gauge"),
                                                       QStringLiteral("n_bucket_value gauge")};
        QTest::newRow("an event counter may")
            << row(QStringLiteral("n_sum"), CounterType::Event, 1, 0)
            << QStringList{QStringLiteral("n_sum_total counter")};
        QTest::newRow("max") << row(QStringLiteral("len_max"), CounterType::MaxWindow, 6, 900, 3)
                             << QStringList{QStringLiteral("len_max gauge"),
                                            QStringLiteral("len_max_window_events gauge")};
        QTest::newRow("min") << row(QStringLiteral("len_min"), CounterType::MinWindow, 2, 900, 3)
                             << QStringList{QStringLiteral("len_min gauge"),
                                            QStringLiteral("len_min_window_events gauge")};
        QTest::newRow("unknown (a PyCounters file): gauge")
            << row(QStringLiteral("legacy"), CounterType::Unknown, 4, 0)
            << QStringList{QStringLiteral("legacy gauge")};
        const auto withUnit = [](CounterRow r, counters::Unit unit) {
            r.unit = unit;
            return r;
        };
        QTest::newRow("a window sum of bytes: the unit is the row's, not the type's")
            << withUnit(row(QStringLiteral("payload"), CounterType::Window, 1024, 60, 2),
                        counters::Unit::Byte)
            << QStringList{QStringLiteral("payload_bytes gauge bytes"),
                           QStringLiteral("payload_window_events gauge")};
        QTest::newRow("percentiles of durations: a summary in seconds")
            << withUnit(row(QStringLiteral("latency"), CounterType::PercentileWindow, 0.2, 60, 2,
                            {{QStringLiteral("p50"), 0.2}, {QStringLiteral("max"), 0.4}}),
                        counters::Unit::Second)
            << QStringList{QStringLiteral("latency_max_seconds gauge seconds"),
                           QStringLiteral("latency_seconds summary seconds"),
                           QStringLiteral("latency_window_events gauge")};
        QTest::newRow("an average time told it has no unit: no suffix")
            << withUnit(row(QStringLiteral("t"), CounterType::AverageTime, 0.2, 60, 2),
                        counters::Unit::None)
            << QStringList{QStringLiteral("t gauge"), QStringLiteral("t_max gauge"),
                           QStringLiteral("t_min gauge"), QStringLiteral("t_window_events gauge")};
        QTest::newRow("an event count has no unit, whatever it is told")
            << withUnit(row(QStringLiteral("n"), CounterType::Event, 2, 0), counters::Unit::Byte)
            << QStringList{QStringLiteral("n_total counter")};
        QTest::newRow("a rate per second has no OpenMetrics unit")
            << withUnit(row(QStringLiteral("r"), CounterType::AverageWindow, 2, 60, 1),
                        counters::Unit::PerSecond)
            << QStringList{QStringLiteral("r gauge per_second"),
                           QStringLiteral("r_max gauge per_second"),
                           QStringLiteral("r_min gauge per_second"),
                           QStringLiteral("r_window_events gauge")};
        QTest::newRow("gauge counter: a gauge")
            << row(QStringLiteral("queue_length"), CounterType::Gauge, 4, 0)
            << QStringList{QStringLiteral("queue_length gauge")};
        QTest::newRow("gauge counter named ..._total: not a counter's name")
            << row(QStringLiteral("tasks_total"), CounterType::Gauge, 4, 0)
            << QStringList{QStringLiteral("tasks_total_value gauge")};
        QTest::newRow("other sub-values: gauges named after the key")
            << row(QStringLiteral("acc"), CounterType::Unknown, std::nullopt, 0, 0,
                   {{QStringLiteral("a.b"), 1}, {QStringLiteral("99"), 2}})
            << QStringList{QStringLiteral("acc gauge"), QStringLiteral("acc_99 gauge"),
                           QStringLiteral("acc_a_b gauge")};
    }

    void shouldMapCounterTypes()
    {
        QFETCH(CounterRow, counter);
        QFETCH(QStringList, families);
        const PrometheusEncoder encoder;
        QCOMPARE(describe(encoder.families(snapshotOf({counter}))), families);
    }

    void shouldResolveCollisionsDeterministically_data()
    {
        QTest::addColumn<QList<CounterRow>>("rows");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QStringList>("samples");
        // Families that lost their name: "name<wanted:holder" (holder: the counter whose
        // series has it, empty for the exporter's own).
        QTest::addColumn<QStringList>("renamed");
        QTest::newRow("the exact name wins over a sanitised one")
            << QList<CounterRow>{row(QStringLiteral("a.b"), CounterType::Total, 1, 0),
                                 row(QStringLiteral("a_b"), CounterType::Total, 2, 0),
                                 row(QStringLiteral("a-b"), CounterType::Total, 3, 0)}
            << QString()
            << QStringList{QStringLiteral("a_b=2"), QStringLiteral("a_b_2=3"),
                           QStringLiteral("a_b_3=1")}
            << QStringList{QStringLiteral("a_b_2<a_b:a_b"), QStringLiteral("a_b_3<a_b:a_b")};
        QTest::newRow("a gauge named x_total moves away from the counter x")
            << QList<CounterRow>{row(QStringLiteral("x"), CounterType::Event, 1, 0),
                                 row(QStringLiteral("x_total"), CounterType::Total, 2, 0)}
            << QString()
            << QStringList{QStringLiteral("x_total=1"), QStringLiteral("x_total_value=2")}
            << QStringList{};
        QTest::newRow("an exact counter name wins over a sanitised one")
            << QList<CounterRow>{row(QStringLiteral("x.total"), CounterType::Event, 1, 0),
                                 row(QStringLiteral("x_total"), CounterType::Event, 2, 0)}
            << QString() << QStringList{QStringLiteral("x_2_total=1"), QStringLiteral("x_total=2")}
            << QStringList{QStringLiteral("x_2<x:x_total")};
        QTest::newRow("a counter's family name is claimed too (OpenMetrics)")
            << QList<CounterRow>{row(QStringLiteral("x_total"), CounterType::Event, 1, 0),
                                 row(QStringLiteral("x_created"), CounterType::Total, 2, 0)}
            << QString()
            << QStringList{QStringLiteral("x_2_total=1"), QStringLiteral("x_created=2")}
            << QStringList{QStringLiteral("x_2<x:x_created")};
        QTest::newRow("seconds suffix")
            << QList<CounterRow>{row(QStringLiteral("t"), CounterType::AverageTime, 1, 300, 1),
                                 row(QStringLiteral("t_seconds"), CounterType::Total, 2, 0)}
            << QString()
            << QStringList{QStringLiteral("t_2_max_seconds"), QStringLiteral("t_2_min_seconds"),
                           QStringLiteral("t_2_seconds=1"), QStringLiteral("t_2_window_events=1"),
                           QStringLiteral("t_seconds=2")}
            << QStringList{QStringLiteral("t_2_seconds<t_seconds:t_seconds")};
        QTest::newRow("a primary series wins over a derived one")
            << QList<CounterRow>{row(QStringLiteral("a"), CounterType::MaxWindow, 1, 300, 1),
                                 row(QStringLiteral("a_window_events"), CounterType::Total, 2, 0)}
            << QString()
            << QStringList{QStringLiteral("a=1"), QStringLiteral("a_window_events=2"),
                           QStringLiteral("a_window_events_2=1")}
            << QStringList{QStringLiteral("a_window_events_2<a_window_events:a_window_events")};
        QTest::newRow("the exporter's own series come first")
            << QList<CounterRow>{row(QStringLiteral("counters_report_timestamp_seconds"),
                                     CounterType::Total, 2, 0)}
            << QString()
            << QStringList{QStringLiteral("counters_metric_info=1"),
                           QStringLiteral("counters_report_timestamp_seconds=1700000000.5"),
                           QStringLiteral("counters_report_timestamp_seconds_2=2")}
            << QStringList{QStringLiteral(
                   "counters_report_timestamp_seconds_2<counters_report_timestamp_seconds:")};
        QTest::newRow("with a prefix")
            << QList<CounterRow>{row(QStringLiteral("calls"), CounterType::Event, 1, 0),
                                 row(QStringLiteral("9.x"), CounterType::Total, 2, 0)}
            << QStringLiteral("shop.")
            << QStringList{QStringLiteral("shop_9_x=2"), QStringLiteral("shop_calls_total=1")}
            << QStringList{};
        QTest::newRow("a window maximum and a counter named like it")
            << QList<CounterRow>{row(QStringLiteral("basket_size"), CounterType::AverageWindow, 3,
                                     300, 2,
                                     {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 5}}),
                                 row(QStringLiteral("basket_size_max"), CounterType::MaxWindow, 9,
                                     300, 1)}
            << QString() << QStringList{QStringLiteral("basket_size=3"),
                                        QStringLiteral("basket_size_max=9"),
                                        QStringLiteral("basket_size_max_2=5"),
                                        QStringLiteral("basket_size_max_window_events=1"),
                                        QStringLiteral("basket_size_min=1"),
                                        QStringLiteral("basket_size_window_events=2")}
            << QStringList{QStringLiteral("basket_size_max_2<basket_size_max:basket_size_max")};
        QTest::newRow("a prefix that starts with a digit")
            << QList<CounterRow>{row(QStringLiteral("calls"), CounterType::Total, 1, 0)}
            << QStringLiteral("1") << QStringList{QStringLiteral("_1calls=1")} << QStringList{};
    }

    // Samples as "name=value" ("name" alone when it has no value), sorted.
    void shouldResolveCollisionsDeterministically()
    {
        QFETCH(QList<CounterRow>, rows);
        QFETCH(QString, prefix);
        QFETCH(QStringList, samples);
        QFETCH(QStringList, renamed);
        PrometheusEncoder encoder;
        encoder.setNamePrefix(prefix);
        for (int attempt = 0; attempt < 2; ++attempt) {
            QStringList actual;
            QStringList actualRenamed;
            for (const auto &family : encoder.families(snapshotOf(rows))) {
                if (!family.wantedName.isEmpty()) {
                    actualRenamed.append(family.name + QLatin1Char('<') + family.wantedName
                                         + QLatin1Char(':') + family.wantedNameHolder);
                }
                // The exporter's own series only where the row is about them.
                if (family.counter.isEmpty()
                    && !QByteArray(QTest::currentDataTag()).startsWith("the exporter's own"))
                    continue;
                actual.append(
                    family.value ? family.sampleName() + QLatin1Char('=')
                            + QString::fromLatin1(PrometheusEncoder::formatValue(*family.value))
                                 : family.sampleName());
            }
            actual.sort();
            actualRenamed.sort();
            QCOMPARE(actual, samples);
            QCOMPARE(actualRenamed, renamed);
            std::reverse(rows.begin(), rows.end()); // the order of the input does not matter
        }
    }

    void shouldNeverCollideOnManyAwkwardNames()
    {
        QList<CounterRow> rows;
        const QList<CounterType> types{CounterType::Event,         CounterType::Total,
                                       CounterType::AverageWindow, CounterType::AverageTime,
                                       CounterType::Frequency,     CounterType::Window,
                                       CounterType::MaxWindow,     CounterType::MinWindow};
        const QStringList stems{QStringLiteral("x"),         QStringLiteral("x.total"),
                                QStringLiteral("x_total"),   QStringLiteral("x_seconds"),
                                QStringLiteral("x_min"),     QStringLiteral("x-min_seconds"),
                                QStringLiteral("x_created"), QStringLiteral("x_window_events"),
                                QStringLiteral("x_2"),       QStringLiteral("x 2"),
                                QStringLiteral("x_2_total"), QStringLiteral("x_max")};
        int i = 0;
        for (const QString &stem : stems) {
            for (const CounterType type : types) {
                rows.append(row(
                    stem + QStringLiteral("%1").arg(i % 3 == 0 ? QString() : QStringLiteral(".")),
                    type, 1, 60, 1, {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 2}}));
                ++i;
            }
        }
        const PrometheusEncoder encoder;
        const auto families = encoder.families(snapshotOf(rows));
        QSet<QString> claimed;
        static const QRegularExpression rule(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
        for (const auto &family : families) {
            QVERIFY2(rule.match(family.name).hasMatch(), qPrintable(family.name));
            QStringList names{family.name};
            if (family.type == PrometheusEncoder::MetricType::Counter)
                names << family.name + QLatin1String("_total")
                      << family.name + QLatin1String("_created");
            for (const QString &name : std::as_const(names)) {
                QVERIFY2(!claimed.contains(name), qPrintable(name));
                claimed.insert(name);
            }
            const QString unit = PrometheusEncoder::openMetricsUnit(family.unit);
            if (!unit.isEmpty())
                QVERIFY(family.name.endsWith(QLatin1Char('_') + unit));
        }
    }

    void shouldWriteTheTextFormat()
    {
        PrometheusEncoder encoder;
        QVERIFY(
            encoder.setConstantLabels({{QStringLiteral("service"), QStringLiteral("sh\"o\\p\n")},
                                       {QStringLiteral("instance"), QStringLiteral("a1")}}));
        const Snapshot snapshot = snapshotOf(
            {row(QStringLiteral("calls"), CounterType::Event, 3, 0),
             row(QStringLiteral("empty_avg"), CounterType::AverageWindow, std::nullopt, 60),
             row(QStringLiteral("time"), CounterType::AverageTime, 0.25, 300, 2,
                 {{QStringLiteral("min"), 0.125}, {QStringLiteral("max"), 0.375}}),
             row(QStringLiteral("odd\\name\n"), CounterType::Total, 1e16, 0)});
        const QByteArray expected =
            "# HELP calls_total EventCounter calls: events counted since the start or the last clear\n"
            "# TYPE calls_total counter\n"
            "calls_total{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 3\n"
            "# HELP counters_metric_info What each metric of this exporter is: the counter it reads, the counter's type, the statistic, the unit and the window in seconds\n"
            "# TYPE counters_metric_info gauge\n"
            "counters_metric_info{metric=\"calls_total\",counter=\"calls\",counter_type=\"EventCounter\",statistic=\"count\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"empty_avg_window_events\",counter=\"empty_avg\",counter_type=\"AverageWindowCounter\",statistic=\"count\",window_seconds=\"60\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"odd_name_\",counter=\"odd\\\\name\\n\",counter_type=\"TotalCounter\",statistic=\"sum\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"time_max_seconds\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"max\",unit=\"seconds\",window_seconds=\"300\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"time_min_seconds\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"min\",unit=\"seconds\",window_seconds=\"300\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"time_seconds\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"mean\",unit=\"seconds\",window_seconds=\"300\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "counters_metric_info{metric=\"time_window_events\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"count\",window_seconds=\"300\",instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1\n"
            "# HELP counters_report_timestamp_seconds Collection time of the report served, in seconds since the epoch\n"
            "# TYPE counters_report_timestamp_seconds gauge\n"
            "counters_report_timestamp_seconds{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1700000000.5\n"
            "# HELP empty_avg_window_events AverageWindowCounter empty_avg: events in the last 60 s window\n"
            "# TYPE empty_avg_window_events gauge\n"
            "empty_avg_window_events{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 0\n"
            "# HELP odd_name_ TotalCounter odd\\\\name\\n: running total of the values (can go down)\n"
            "# TYPE odd_name_ gauge\n"
            "odd_name_{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 1e+16\n"
            "# HELP time_max_seconds AverageTimeCounter time: largest value in the last 300 s window\n"
            "# TYPE time_max_seconds gauge\n"
            "time_max_seconds{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 0.375\n"
            "# HELP time_min_seconds AverageTimeCounter time: smallest value in the last 300 s window\n"
            "# TYPE time_min_seconds gauge\n"
            "time_min_seconds{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 0.125\n"
            "# HELP time_seconds AverageTimeCounter time: mean duration of the blocks that ended in the last 300 s window\n"
            "# TYPE time_seconds gauge\n"
            "time_seconds{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 0.25\n"
            "# HELP time_window_events AverageTimeCounter time: events in the last 300 s window\n"
            "# TYPE time_window_events gauge\n"
            "time_window_events{instance=\"a1\",service=\"sh\\\"o\\\\p\\n\"} 2\n";
        QCOMPARE(encoder.encode(snapshot, Format::Text), expected);
    }

    void shouldWriteOpenMetrics()
    {
        const PrometheusEncoder encoder;
        const Snapshot snapshot =
            snapshotOf({row(QStringLiteral("calls"), CounterType::Event, 3, 0),
                        row(QStringLiteral("say \"hi\""), CounterType::Total, 2, 0),
                        row(QStringLiteral("time"), CounterType::AverageTime, 0.5, 300, 1)});
        const QByteArray expected =
            "# HELP calls EventCounter calls: events counted since the start or the last clear\n"
            "# TYPE calls counter\n"
            "calls_total 3\n"
            "# HELP counters_metric What each metric of this exporter is: the counter it reads, the counter's type, the statistic, the unit and the window in seconds\n"
            "# TYPE counters_metric info\n"
            "counters_metric_info{metric=\"calls_total\",counter=\"calls\",counter_type=\"EventCounter\",statistic=\"count\"} 1\n"
            "counters_metric_info{metric=\"say__hi_\",counter=\"say \\\"hi\\\"\",counter_type=\"TotalCounter\",statistic=\"sum\"} 1\n"
            "counters_metric_info{metric=\"time_seconds\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"mean\",unit=\"seconds\",window_seconds=\"300\"} 1\n"
            "counters_metric_info{metric=\"time_window_events\",counter=\"time\",counter_type=\"AverageTimeCounter\",statistic=\"count\",window_seconds=\"300\"} 1\n"
            "# HELP counters_report_timestamp_seconds Collection time of the report served, in seconds since the epoch\n"
            "# TYPE counters_report_timestamp_seconds gauge\n"
            "# UNIT counters_report_timestamp_seconds seconds\n"
            "counters_report_timestamp_seconds 1700000000.5\n"
            "# HELP say__hi_ TotalCounter say \\\"hi\\\": running total of the values (can go down)\n"
            "# TYPE say__hi_ gauge\n"
            "say__hi_ 2\n"
            "# HELP time_seconds AverageTimeCounter time: mean duration of the blocks that ended in the last 300 s window\n"
            "# TYPE time_seconds gauge\n"
            "# UNIT time_seconds seconds\n"
            "time_seconds 0.5\n"
            "# HELP time_window_events AverageTimeCounter time: events in the last 300 s window\n"
            "# TYPE time_window_events gauge\n"
            "time_window_events 1\n"
            "# EOF\n";
        QCOMPARE(encoder.encode(snapshot, Format::OpenMetrics), expected);
    }

    // The series of a family are one Prometheus family: its lines once, a sample per series
    // (and per derived family) with the series' labels before the constant ones.
    void shouldWriteTheSeriesOfAFamilyAsLabelledSamples()
    {
        PrometheusEncoder encoder;
        QVERIFY(encoder.setConstantLabels({{QStringLiteral("service"), QStringLiteral("shop")}}));
        const auto get = Labels{{QStringLiteral("method"), QStringLiteral("GET")},
                                {QStringLiteral("route"), QStringLiteral("/a\"\\\n")}};
        const auto post = Labels{{QStringLiteral("method"), QStringLiteral("POST")},
                                 {QStringLiteral("route"), QStringLiteral("/")}};
        const Snapshot snapshot = snapshotOf({
            series(QStringLiteral("req.time"), post, CounterType::AverageTime, 0.5, 60, 1),
            series(QStringLiteral("req.time"), get, CounterType::AverageTime, 0.25, 60, 2,
                   {{QStringLiteral("min"), 0.125}, {QStringLiteral("max"), 0.375}}),
            series(QStringLiteral("hits"), {{QStringLiteral("service"), QStringLiteral("a")}},
                   CounterType::Event, 7, 0),
            series(QStringLiteral("hits"), {{QStringLiteral("service"), QStringLiteral("b")}},
                   CounterType::Event, std::nullopt, 0),
        });
        const QByteArray expected =
            "# HELP counters_metric What each metric of this exporter is: the counter it reads, the counter's type, the statistic, the unit and the window in seconds\n"
            "# TYPE counters_metric info\n"
            "counters_metric_info{metric=\"hits_total\",counter=\"hits\",counter_type=\"EventCounter\",statistic=\"count\",service=\"shop\"} 1\n"
            "counters_metric_info{metric=\"req_time_max_seconds\",counter=\"req.time\",counter_type=\"AverageTimeCounter\",statistic=\"max\",unit=\"seconds\",window_seconds=\"60\",service=\"shop\"} 1\n"
            "counters_metric_info{metric=\"req_time_min_seconds\",counter=\"req.time\",counter_type=\"AverageTimeCounter\",statistic=\"min\",unit=\"seconds\",window_seconds=\"60\",service=\"shop\"} 1\n"
            "counters_metric_info{metric=\"req_time_seconds\",counter=\"req.time\",counter_type=\"AverageTimeCounter\",statistic=\"mean\",unit=\"seconds\",window_seconds=\"60\",service=\"shop\"} 1\n"
            "counters_metric_info{metric=\"req_time_window_events\",counter=\"req.time\",counter_type=\"AverageTimeCounter\",statistic=\"count\",window_seconds=\"60\",service=\"shop\"} 1\n"
            "# HELP counters_report_timestamp_seconds Collection time of the report served, in seconds since the epoch\n"
            "# TYPE counters_report_timestamp_seconds gauge\n"
            "# UNIT counters_report_timestamp_seconds seconds\n"
            "counters_report_timestamp_seconds{service=\"shop\"} 1700000000.5\n"
            "# HELP hits EventCounter hits: events counted since the start or the last clear\n"
            "# TYPE hits counter\n"
            "hits_total{exported_service=\"a\",service=\"shop\"} 7\n"
            "# HELP req_time_max_seconds AverageTimeCounter req.time: largest value in the last 60 s window\n"
            "# TYPE req_time_max_seconds gauge\n"
            "# UNIT req_time_max_seconds seconds\n"
            "req_time_max_seconds{method=\"GET\",route=\"/a\\\"\\\\\\n\",service=\"shop\"} 0.375\n"
            "# HELP req_time_min_seconds AverageTimeCounter req.time: smallest value in the last 60 s window\n"
            "# TYPE req_time_min_seconds gauge\n"
            "# UNIT req_time_min_seconds seconds\n"
            "req_time_min_seconds{method=\"GET\",route=\"/a\\\"\\\\\\n\",service=\"shop\"} 0.125\n"
            "# HELP req_time_seconds AverageTimeCounter req.time: mean duration of the blocks that ended in the last 60 s window\n"
            "# TYPE req_time_seconds gauge\n"
            "# UNIT req_time_seconds seconds\n"
            "req_time_seconds{method=\"GET\",route=\"/a\\\"\\\\\\n\",service=\"shop\"} 0.25\n"
            "req_time_seconds{method=\"POST\",route=\"/\",service=\"shop\"} 0.5\n"
            "# HELP req_time_window_events AverageTimeCounter req.time: events in the last 60 s window\n"
            "# TYPE req_time_window_events gauge\n"
            "req_time_window_events{method=\"GET\",route=\"/a\\\"\\\\\\n\",service=\"shop\"} 2\n"
            "req_time_window_events{method=\"POST\",route=\"/\",service=\"shop\"} 1\n"
            "# EOF\n";
        QCOMPARE(encoder.encode(snapshot, Format::OpenMetrics), expected);
    }

    // A family keeps one name for all its series; a counter or another family of another
    // type under that name is a clash like any other, resolved by the names alone.
    void shouldShareAFamilysNamesAmongItsSeries()
    {
        const auto a = Labels{{QStringLiteral("k"), QStringLiteral("a")}};
        const auto b = Labels{{QStringLiteral("k"), QStringLiteral("b")}};
        const QList<CounterRow> rows{
            series(QStringLiteral("x"), b, CounterType::Total, 2, 0),
            row(QStringLiteral("x"), CounterType::Total, 1, 0),
            series(QStringLiteral("x"), a, CounterType::Total, 3, 0),
            series(QStringLiteral("x"), {{QStringLiteral("k"), QStringLiteral("c")}},
                   CounterType::Event, 4, 0),
        };
        QList<CounterRow> reversed = rows;
        std::reverse(reversed.begin(), reversed.end());
        const PrometheusEncoder encoder;
        const QByteArray text = encoder.encode(snapshotOf(rows), Format::Text);
        QCOMPARE(encoder.encode(snapshotOf(reversed), Format::Text), text);
        QVERIFY2(text.contains("\nx 1\n"), text.constData());
        QVERIFY2(text.contains("\nx_2{k=\"a\"} 3\nx_2{k=\"b\"} 2\n"), text.constData());
        QVERIFY2(text.contains("\nx_3_total{k=\"c\"} 4\n"), text.constData());
        QCOMPARE(text.count("# TYPE x_2 gauge"), 1);

        QStringList wanted;
        for (const auto &family : encoder.families(snapshotOf(rows))) {
            if (!family.wantedName.isEmpty())
                wanted << family.name + QLatin1Char('<') + family.wantedName;
        }
        QCOMPARE(wanted,
                 QStringList(
                     {QStringLiteral("x_2<x"), QStringLiteral("x_2<x"), QStringLiteral("x_3<x")}));
    }

    // Renamed labels never meet another label of the same name; sub-values that clean to the
    // same text stay apart in every series of the family, as in an unlabelled row.
    void shouldKeepEverySampleAndLabelNameUnique()
    {
        PrometheusEncoder encoder;
        QVERIFY(encoder.setConstantLabels({{QStringLiteral("env"), QStringLiteral("prod")}}));
        const Labels clash{{QStringLiteral("env"), QStringLiteral("a")},
                           {QStringLiteral("exported_env"), QStringLiteral("b")}};
        const QByteArray renamed = encoder.encode(
            snapshotOf({series(QStringLiteral("req"), clash, CounterType::Event, 1, 0)}),
            Format::Text);
        QVERIFY2(renamed.contains("\nreq_total{exported_exported_env=\"a\",exported_env=\"b\","
                                  "env=\"prod\"} 1\n"),
                 renamed.constData());

        const QMap<QString, double> sub{{QStringLiteral("a.b"), 1}, {QStringLiteral("a_b"), 2}};
        const QList<CounterRow> rows{
            series(QStringLiteral("f"), {{QStringLiteral("k"), QStringLiteral("x")}},
                   CounterType::Unknown, 0, 0, 0, sub),
            series(QStringLiteral("f"), {{QStringLiteral("k"), QStringLiteral("y")}},
                   CounterType::Unknown, 0, 0, 0, sub)};
        const QByteArray text = PrometheusEncoder().encode(snapshotOf(rows), Format::Text);
        QVERIFY2(text.contains("\nf_a_b{k=\"x\"} 1\nf_a_b{k=\"y\"} 1\n"), text.constData());
        QVERIFY2(text.contains("\nf_a_b_2{k=\"x\"} 2\nf_a_b_2{k=\"y\"} 2\n"), text.constData());
        // Paired by the sub-value's own key, whatever keys each series has.
        const QList<CounterRow> uneven{
            series(QStringLiteral("g"), {{QStringLiteral("k"), QStringLiteral("x")}},
                   CounterType::Unknown, 0, 0, 0, sub),
            series(QStringLiteral("g"), {{QStringLiteral("k"), QStringLiteral("y")}},
                   CounterType::Unknown, 0, 0, 0, {{QStringLiteral("a_b"), 3}})};
        const QByteArray paired = PrometheusEncoder().encode(snapshotOf(uneven), Format::Text);
        QVERIFY2(paired.contains("\ng_a_b{k=\"x\"} 1\n# "), paired.constData());
        QVERIFY2(paired.contains("\ng_a_b_2{k=\"x\"} 2\ng_a_b_2{k=\"y\"} 3\n"), paired.constData());

        // Renamed labels avoid constant labels named exported_ too.
        PrometheusEncoder both;
        QVERIFY(both.setConstantLabels({{QStringLiteral("env"), QStringLiteral("prod")},
                                        {QStringLiteral("exported_env"), QStringLiteral("c")}}));
        const QByteArray twice = both.encode(
            snapshotOf({series(QStringLiteral("req"), clash, CounterType::Event, 1, 0)}),
            Format::Text);
        QVERIFY2(twice.contains("\nreq_total{exported_exported_env=\"a\","
                                "exported_exported_exported_env=\"b\",env=\"prod\","
                                "exported_env=\"c\"} 1\n"),
                 twice.constData());

        QSet<QByteArray> samples;
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QByteArray sample = line.left(line.lastIndexOf(' '));
            QVERIFY2(!samples.contains(sample), sample.constData());
            samples.insert(sample);
        }
    }

    // What each family means travels as data: one info sample per family written.
    void shouldDescribeEveryFamilyInTheInfoMetric()
    {
        CounterRow bytes = row(QStringLiteral("payload"), CounterType::Window, 4096, 900, 3);
        bytes.unit = counters::Unit::Byte;
        const Snapshot snapshot =
            snapshotOf({bytes, row(QStringLiteral("calls"), CounterType::Event, 3, 0),
                        row(QStringLiteral("empty"), CounterType::MaxWindow, std::nullopt, 60)});
        const QByteArray text = PrometheusEncoder().encode(snapshot, Format::OpenMetrics);
        QStringList infos;
        for (const QByteArray &line : text.split('\n')) {
            if (line.startsWith("counters_metric_info"))
                infos.append(QString::fromUtf8(line));
        }
        QCOMPARE(
            infos,
            (QStringList{
                QStringLiteral("counters_metric_info{metric=\"calls_total\",counter=\"calls\","
                               "counter_type=\"EventCounter\",statistic=\"count\"} 1"),
                QStringLiteral("counters_metric_info{metric=\"empty_window_events\","
                               "counter=\"empty\",counter_type=\"MaxWindowCounter\","
                               "statistic=\"count\",window_seconds=\"60\"} 1"),
                QStringLiteral("counters_metric_info{metric=\"payload_bytes\",counter=\"payload\","
                               "counter_type=\"WindowCounter\",statistic=\"sum\","
                               "unit=\"bytes\",window_seconds=\"900\"} 1"),
                QStringLiteral("counters_metric_info{metric=\"payload_window_events\","
                               "counter=\"payload\",counter_type=\"WindowCounter\","
                               "statistic=\"count\",window_seconds=\"900\"} 1"),
            }));
        QVERIFY(text.contains("# TYPE counters_metric info\n"));
        QVERIFY(text.contains("# UNIT payload_bytes bytes\n"));
        QVERIFY(!text.contains("# UNIT calls")); // a count has no unit
        // The text format has no info type: a gauge named after its sample.
        QVERIFY(PrometheusEncoder()
                    .encode(snapshot, Format::Text)
                    .contains("# TYPE counters_metric_info gauge\n"));
        // A null snapshot describes nothing.
        QVERIFY(!PrometheusEncoder().encode(Snapshot(), Format::OpenMetrics).contains("info"));
    }

    void shouldWriteAPercentileCounterAsASummary()
    {
        PrometheusEncoder encoder;
        QVERIFY(encoder.setConstantLabels({{QStringLiteral("instance"), QStringLiteral("a1")}}));
        const Snapshot snapshot =
            snapshotOf({row(QStringLiteral("latency"), CounterType::PercentileWindow, 0.02, 60, 4,
                            {{QStringLiteral("p50"), 0.02},
                             {QStringLiteral("p99.9"), 0.5},
                             {QStringLiteral("p90"), 0.25},
                             {QStringLiteral("min"), 0.01},
                             {QStringLiteral("max"), 0.5},
                             {QStringLiteral("sum"), 0.79},
                             {QStringLiteral("lifetime_count"), 1234},
                             {QStringLiteral("lifetime_sum"), 56.5}})});
        const QByteArray text = encoder.encode(snapshot, Format::Text);
        const QByteArray summary =
            "# HELP latency PercentileWindowCounter latency: quantiles of the values in the last "
            "60 s window; count and sum of all values since the start or the last clear\n"
            "# TYPE latency summary\n"
            "latency{quantile=\"0.5\",instance=\"a1\"} 0.02\n"
            "latency{quantile=\"0.9\",instance=\"a1\"} 0.25\n"
            "latency{quantile=\"0.999\",instance=\"a1\"} 0.5\n"
            "latency_sum{instance=\"a1\"} 56.5\n"
            "latency_count{instance=\"a1\"} 1234\n";
        QVERIFY2(text.contains(summary), text.constData());
        QVERIFY(!text.contains("0.79")); // the window's sum: rate(_sum) / rate(_count) is the mean
        QVERIFY(text.contains("\nlatency_min{instance=\"a1\"} 0.01\n"));
        QVERIFY(text.contains("\nlatency_max{instance=\"a1\"} 0.5\n"));
        QVERIFY(text.contains("\nlatency_window_events{instance=\"a1\"} 4\n"));
        QVERIFY(!text.contains("lifetime"));
        QVERIFY(!text.contains("latency_p"));

        const QByteArray openMetrics = encoder.encode(snapshot, Format::OpenMetrics);
        QVERIFY(openMetrics.contains("# TYPE latency summary\n"));
        QVERIFY(openMetrics.contains("\nlatency_count{instance=\"a1\"} 1234\n"));
    }

    void shouldWriteAnEmptyWindowsSummaryWithItsLifetimeTotalsOnly()
    {
        const PrometheusEncoder encoder;
        const Snapshot snapshot = snapshotOf(
            {row(QStringLiteral("quiet"), CounterType::PercentileWindow, std::nullopt, 60, 0,
                 {{QStringLiteral("lifetime_count"), 7}, {QStringLiteral("lifetime_sum"), 3.5}})});
        const QByteArray text = encoder.encode(snapshot, Format::Text);
        QVERIFY2(text.contains("# TYPE quiet summary\nquiet_sum 3.5\nquiet_count 7\n"),
                 text.constData());
        QVERIFY(!text.contains("quantile="));
    }

    void shouldKeepSummarySamplesFreeOfOtherNames()
    {
        // A summary writes P, P_sum, P_count (and P_created in OpenMetrics): a gauge `lat_count`
        // must not take a sample name of the summary `lat`, whoever comes first.
        const PrometheusEncoder encoder;
        const auto families = encoder.families(
            snapshotOf({row(QStringLiteral("lat"), CounterType::PercentileWindow, 1, 60, 1,
                            {{QStringLiteral("p50"), 1}}),
                        row(QStringLiteral("lat_sum"), CounterType::Total, 2, 0)}));
        QStringList names;
        for (const auto &family : families)
            names.append(family.name);
        QVERIFY2(names.contains(QStringLiteral("lat")), qPrintable(names.join(u' ')));
        QVERIFY2(!names.contains(QStringLiteral("lat_sum")), qPrintable(names.join(u' ')));
        QVERIFY2(names.contains(QStringLiteral("lat_sum_value"))
                     || names.contains(QStringLiteral("lat_sum_2")),
                 qPrintable(names.join(u' ')));
    }

    void shouldWriteNothingForANullSnapshot()
    {
        const PrometheusEncoder encoder;
        QCOMPARE(encoder.encode(Snapshot(), Format::Text), QByteArray());
        QCOMPARE(encoder.encode(Snapshot(), Format::OpenMetrics), QByteArray("# EOF\n"));
    }

    void shouldLeaveOutEmptyValues()
    {
        const PrometheusEncoder encoder;
        const Snapshot snapshot = snapshotOf(
            {row(QStringLiteral("never"), CounterType::Event, std::nullopt, 0),
             row(QStringLiteral("quiet_max"), CounterType::MaxWindow, std::nullopt, 60)});
        const QByteArray text = encoder.encode(snapshot, Format::Text);
        QVERIFY(!text.contains("never"));
        QVERIFY(!text.contains("quiet_max "));
        QVERIFY(!text.contains("TYPE quiet_max gauge"));
        QVERIFY(text.contains("\nquiet_max_window_events 0\n"));
    }

    void shouldFormatValues_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << 3.0 << QByteArray("3");
        QTest::newRow("zero") << 0.0 << QByteArray("0");
        QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
        QTest::newRow("shortest exact") << 0.1 << QByteArray("0.1");
        QTest::newRow("third") << 1.0 / 3 << QByteArray("0.3333333333333333");
        QTest::newRow("large") << 1e16 << QByteArray("1e+16");
        QTest::newRow("small") << 1e-5 << QByteArray("1e-05");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("NaN");
        QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
        QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << QByteArray("-Inf");
    }

    void shouldFormatValues()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(PrometheusEncoder::formatValue(value), text);
        if (std::isfinite(value))
            QCOMPARE(text.toDouble(), value);
    }

    void shouldNegotiateTheFormat_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("openMetrics");
        QTest::newRow("Prometheus 2.x")
            << QByteArray("application/openmetrics-text;version=1.0.0,application/"
                          "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                          "*/*;q=0.1")
            << true;
        QTest::newRow("no header") << QByteArray() << false;
        QTest::newRow("text only") << QByteArray("text/plain;version=0.0.4") << false;
        QTest::newRow("anything") << QByteArray("*/*") << false;
        QTest::newRow("OpenMetrics, no version")
            << QByteArray("application/openmetrics-text") << true;
        QTest::newRow("OpenMetrics with spaces and case")
            << QByteArray("Application/OpenMetrics-Text ; Version=1.0.0 ; q=0.9, text/plain;q=0.5")
            << true;
        QTest::newRow("only an older OpenMetrics")
            << QByteArray("application/openmetrics-text;version=0.0.1") << false;
        QTest::newRow("text preferred")
            << QByteArray("application/openmetrics-text;q=0.3,text/plain;q=0.5") << false;
        QTest::newRow("tie goes to OpenMetrics")
            << QByteArray("text/plain, application/openmetrics-text") << true;
        QTest::newRow("OpenMetrics refused")
            << QByteArray("application/openmetrics-text;q=0") << false;
        QTest::newRow("garbage") << QByteArray(";;,,=q=x") << false;
    }

    void shouldNegotiateTheFormat()
    {
        QFETCH(QByteArray, accept);
        QFETCH(bool, openMetrics);
        QCOMPARE(PrometheusEncoder::negotiate(accept),
                 openMetrics ? Format::OpenMetrics : Format::Text);
    }

    void shouldNameContentTypes()
    {
        QCOMPARE(PrometheusEncoder::contentType(Format::Text),
                 QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QCOMPARE(PrometheusEncoder::contentType(Format::OpenMetrics),
                 QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8"));
    }

    void shouldRejectInvalidLabelNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("digit first") << QStringLiteral("1a") << QStringLiteral("[a-zA-Z_]");
        QTest::newRow("dash") << QStringLiteral("a-b") << QStringLiteral("[a-zA-Z_]");
        QTest::newRow("colon") << QStringLiteral("a:b") << QStringLiteral("[a-zA-Z_]");
        QTest::newRow("reserved prefix") << QStringLiteral("__x") << QStringLiteral("__");
        QTest::newRow("le") << QStringLiteral("le") << QStringLiteral("histograms");
        QTest::newRow("quantile") << QStringLiteral("quantile") << QStringLiteral("summaries");
        // A label of the info metric twice on one sample would make Prometheus refuse the
        // whole scrape.
        for (const char *info :
             {"metric", "counter", "counter_type", "statistic", "unit", "window_seconds"})
            QTest::newRow(info) << QString::fromLatin1(info) << QStringLiteral("info metric");
    }

    void shouldRejectInvalidLabelNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, mentions);
        PrometheusEncoder encoder;
        QVERIFY(encoder.setConstantLabels({{QStringLiteral("service"), QStringLiteral("s")}}));
        QString error;
        QVERIFY(!encoder.setConstantLabels(
            {{QStringLiteral("ok"), QStringLiteral("1")}, {name, QStringLiteral("v")}}, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(encoder.constantLabels(),
                 (QMap<QString, QString>{{QStringLiteral("service"), QStringLiteral("s")}}));
        QVERIFY(PrometheusEncoder::isValidLabelName(u"_ok_1"));
    }
};

QTEST_GUILESS_MAIN(PrometheusEncoderTest)
#include "tst_prometheusencoder.moc"
