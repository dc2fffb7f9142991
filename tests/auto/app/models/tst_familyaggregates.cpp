// SPDX-License-Identifier: MIT
// The rows that sum a labelled family up: totals and splits by one label, merged by each
// counter type's rule, for the snapshot and each of its processes.

#include "models/familyaggregates.h"
#include "snapshots.h"

#include <QTest>

using counters::CounterRow;
using counters::CounterType;
using counters::Labels;
using counters::Snapshot;
using namespace dashboard;
using namespace testdata;

namespace {

Labels labels(const QString &method, const QString &status)
{
    return {{QStringLiteral("method"), method}, {QStringLiteral("status"), status}};
}

// Four series of (method, status) of one type, with values 1, 2, 3, 4 and counts 1, 1, 1, 5.
QList<CounterRow> fourSeries(CounterType type)
{
    const QString family = QStringLiteral("req");
    return {series(family, labels(QStringLiteral("GET"), QStringLiteral("200")), type, 1, 1),
            series(family, labels(QStringLiteral("GET"), QStringLiteral("500")), type, 2, 1),
            series(family, labels(QStringLiteral("POST"), QStringLiteral("200")), type, 3, 1),
            series(family, labels(QStringLiteral("POST"), QStringLiteral("500")), type, 4, 5)};
}

} // namespace

class FamilyAggregatesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldNameAggregatesApartFromSeries()
    {
        QCOMPARE(totalName(QStringLiteral("req")), QStringLiteral("req{*}"));
        QCOMPARE(splitName(QStringLiteral("req"), QStringLiteral("method"), QStringLiteral("G\"T")),
                 QStringLiteral("req{method=\"G\\\"T\",*}"));
        QVERIFY(isAggregate(u"req{*}"));
        QVERIFY(isTotal(u"req{*}"));
        QVERIFY(isAggregate(u"req{method=\"GET\",*}"));
        QVERIFY(!isTotal(u"req{method=\"GET\",*}"));
        // A series' name ends in a quoted value, even one that ends in "*}".
        QVERIFY(!isAggregate(counters::seriesName(QStringLiteral("req"),
                                                  {{QStringLiteral("a"), QStringLiteral("*}")}})));
        QVERIFY(!isAggregate(u"plain"));
        QCOMPARE(displayName(QStringLiteral("req{*}")), QStringLiteral("req (all)"));
        QCOMPARE(displayName(splitName(QStringLiteral("req"), QStringLiteral("path"),
                                       QStringLiteral("/a\"b\\c\nd"))),
                 QStringLiteral("req (path=/a\"b\\c\nd)"));
        QCOMPARE(displayName(QStringLiteral("req{k=\"v\"}")), QStringLiteral("req{k=\"v\"}"));
    }

    // Each type's merge rule, over all four series and over the two of method GET.
    void shouldSumUpByEachTypesRule_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<double>("total");
        QTest::addColumn<double>("get");
        QTest::newRow("counts add up") << int(CounterType::Event) << 10.0 << 3.0;
        QTest::newRow("rates add up") << int(CounterType::Frequency) << 10.0 << 3.0;
        // (1 + 2 + 3 + 4·5) / 8, (1 + 2) / 2
        QTest::newRow("averages by count") << int(CounterType::AverageTime) << 26.0 / 8 << 1.5;
        QTest::newRow("maxima") << int(CounterType::MaxWindow) << 4.0 << 2.0;
        QTest::newRow("minima") << int(CounterType::MinWindow) << 1.0 << 1.0;
    }
    void shouldSumUpByEachTypesRule()
    {
        QFETCH(int, type);
        QFETCH(double, total);
        QFETCH(double, get);
        const Snapshot summed = withFamilyAggregates(snapshot(1000, fourSeries(CounterType(type))));
        // The series, the total, two splits by method and two by status.
        QCOMPARE(summed.rows().size(), 4 + 1 + 2 + 2);
        const CounterRow *all = summed.row(u"req{*}");
        QVERIFY(all);
        QCOMPARE(all->value, std::optional<double>(total));
        QCOMPARE(all->count, quint64(8));
        QCOMPARE(all->family, QStringLiteral("req"));
        QVERIFY(all->labels.isEmpty());
        QCOMPARE(all->type, CounterType(type));
        const CounterRow *byGet = summed.row(u"req{method=\"GET\",*}");
        QVERIFY(byGet);
        QCOMPARE(byGet->value, std::optional<double>(get));
        QCOMPARE(byGet->labels, Labels({{QStringLiteral("method"), QStringLiteral("GET")}}));
        QVERIFY(summed.row(u"req{status=\"500\",*}"));
    }

    void percentilesShouldMergeTheirHistograms()
    {
        QList<CounterRow> rows;
        for (const double v : {0.001, 0.002, 1.0}) {
            CounterRow r =
                series(QStringLiteral("lat"), {{QStringLiteral("k"), QString::number(v)}},
                       CounterType::PercentileWindow, v);
            r.histogram.add(v);
            r.subValues = {{QStringLiteral("p99"), v}};
            rows.append(r);
        }
        const Snapshot summed = withFamilyAggregates(snapshot(1000, rows));
        const CounterRow *all = summed.row(u"lat{*}");
        QVERIFY(all);
        QCOMPARE(all->histogram.count(), quint64(3));
        QVERIFY(qAbs(*all->value - 0.002) < 0.002 / 100); // the median of the three
        QVERIFY(qAbs(all->subValues.value(QStringLiteral("p99")) - 1.0) < 1.0 / 100);
    }

    void aSingleLabelShouldGiveATotalOnly()
    {
        const QList<CounterRow> rows{
            series(QStringLiteral("q"), {{QStringLiteral("kind"), QStringLiteral("a")}},
                   CounterType::Event, 1),
            series(QStringLiteral("q"), {{QStringLiteral("kind"), QStringLiteral("b")}},
                   CounterType::Event, 2)};
        const Snapshot summed = withFamilyAggregates(snapshot(1000, rows));
        QCOMPARE(summed.rows().size(), 3);
        QCOMPARE(summed.value(u"q{*}"), std::optional<double>(3));
    }

    void processesShouldGetTheirOwnAggregates()
    {
        const Snapshot merged = snapshot(
            1000, fourSeries(CounterType::Event),
            {node(QStringLiteral("n1"), 1000, fourSeries(CounterType::Event).mid(0, 2)),
             node(QStringLiteral("n2"), 1000, {row(QStringLiteral("x"), CounterType::Event, 1)})});
        const Snapshot summed = withFamilyAggregates(merged);
        QCOMPARE(summed.value(u"req{*}"), std::optional<double>(10));
        QCOMPARE(summed.nodes().at(0).value(u"req{*}"), std::optional<double>(3));
        QCOMPARE(summed.nodes().at(1).rows().size(), 1);
    }

    void unlabelledSnapshotsShouldStayAsTheyAre()
    {
        const Snapshot plain = tutorial(1000);
        QCOMPARE(withFamilyAggregates(plain), plain);
    }
};

QTEST_GUILESS_MAIN(FamilyAggregatesTest)
#include "tst_familyaggregates.moc"
