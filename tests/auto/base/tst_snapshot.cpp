// SPDX-License-Identifier: MIT
#include "rows.h"

#include <counters/base/snapshot.h>

#include <QTest>

#include <optional>

using namespace counters;

namespace QTest {
template <>
char *toString(const std::optional<double> &value)
{
    return value ? QTest::toString(*value) : qstrdup("null");
}
template <>
char *toString(const CounterType &type)
{
    return qstrdup(counterTypeName(type).toUtf8().constData());
}
} // namespace QTest

namespace counters {
// Found by QCOMPARE through argument-dependent lookup.
char *toString(const CounterRow &row)
{
    QString text = row.name + QLatin1String(" ") + counterTypeName(row.type) + QLatin1String(" ")
        + (row.value ? QString::number(*row.value, 'g', 17) : QStringLiteral("null"))
        + QLatin1String(" window=") + QString::number(row.window) + QLatin1String(" count=")
        + QString::number(row.count);
    for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it)
        text += QLatin1String(" ") + it.key() + QLatin1String("=") + QString::number(it.value());
    return qstrdup(text.toUtf8().constData());
}
} // namespace counters

namespace {

const std::optional<double> kNull;

CounterRow makeRow(const char *name, CounterType type, std::optional<double> value,
                   quint64 count = 0, double window = 0, QMap<QString, double> subValues = {})
{
    return testsupport::row(QString::fromUtf8(name), type, value, window, count,
                            std::move(subValues));
}

// PyCounters 0.6's value objects: accumulative values carry no meaningful count here, so give them
// one event per non-null value.
CounterRow sumRow(CounterType type, std::optional<double> value)
{
    return makeRow("x", type, value, value ? 1 : 0);
}

CounterRow total(std::optional<double> value)
{
    return sumRow(CounterType::Total, value);
}

CounterRow average(std::optional<double> mean, quint64 count,
                   CounterType type = CounterType::AverageWindow)
{
    return makeRow("x", type, mean, count, 300);
}

CounterRow maxRow(std::optional<double> value)
{
    return makeRow("x", CounterType::MaxWindow, value, value ? 1 : 0, 300);
}

CounterRow minRow(std::optional<double> value)
{
    return makeRow("x", CounterType::MinWindow, value, value ? 1 : 0, 300);
}

SnapshotSource source(const char *service, qint64 pid = 1)
{
    SnapshotSource s;
    s.service = QString::fromUtf8(service);
    s.host = QStringLiteral("host");
    s.pid = pid;
    s.processStart = 10;
    return s;
}

QStringList namesOf(const Snapshot &snapshot)
{
    QStringList names;
    for (const CounterRow &row : snapshot.rows())
        names.append(row.name);
    return names;
}

} // namespace

class SnapshotTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultSnapshotShouldBeNull();
    void constructedSnapshotShouldKeepTimeSourceAndNodes();
    void constructorShouldSortRowsByName();
    void constructorShouldKeepOnlyTheFirstRowOfAName();
    void rowShouldFindRowsByName();
    void valueShouldBeEmptyForMissingAndNullRows();
    void equalityShouldCompareEveryField_data();
    void equalityShouldCompareEveryField();
    void copiesShouldShareTheirData();

    void mergeRowsShouldCombineValuesByType_data();
    void mergeRowsShouldCombineValuesByType();
    void mergeRowsShouldCombineSubValues_data();
    void mergeRowsShouldCombineSubValues();
    void mergeRowsOfNothingShouldHaveNoValue();
    void mergeRowsShouldAddUpDroppedEvents();
    void mergeRowsOfOneRowShouldPassItThrough();
    void mergeRowsShouldKeepTheMeaningTheRowsAgreeOn();
    void percentileRowsShouldMergeTheirHistograms();
    void percentileRowsWithoutHistogramsShouldLoseTheirQuantilesWhenMerged();

    void averageValuesShouldMergeAsCountWeightedMean();
    void accumulativeValuesShouldMergeAsSumIgnoringNull();
    void minValuesShouldMergeIgnoringNull();
    void maxValuesShouldMergeIgnoringNull();

    void mergeShouldCombineSnapshots_data();
    void mergeShouldCombineSnapshots();
    void mergeShouldPassCountersOfOneSnapshotThrough();
    void mergeShouldKeepTheInputsAsNodes();
    void mergeOfNoSnapshotShouldBeEmpty();
};

namespace {
CounterRow percentiles(const QList<double> &values)
{
    CounterRow r;
    r.name = QStringLiteral("latency");
    r.type = CounterType::PercentileWindow;
    r.window = 60;
    r.count = quint64(values.size());
    for (double v : values)
        r.histogram.add(v);
    r.subValues = {{QStringLiteral("p50"), 0},
                   {QStringLiteral("p90"), 0},
                   {QStringLiteral("min"), *std::min_element(values.cbegin(), values.cend())},
                   {QStringLiteral("max"), *std::max_element(values.cbegin(), values.cend())}};
    recomputeQuantiles(r);
    return r;
}
} // namespace

void SnapshotTest::percentileRowsShouldMergeTheirHistograms()
{
    // Quantiles are not averaged: p50 of {1, 1, 1} and {100, 100} is 1, p90 is 100.
    const CounterRow merged = mergeRows({percentiles({1, 1, 1}), percentiles({100, 100})});
    QCOMPARE(merged.count, quint64(5));
    QCOMPARE(merged.histogram.count(), quint64(5));
    const double p50 = merged.subValues.value(QStringLiteral("p50"));
    QVERIFY(p50 >= 1 && p50 <= 1 + LogHistogram::relativeError());
    QCOMPARE(merged.subValues.value(QStringLiteral("p90")), 100.0); // clamped to the exact max
    QCOMPARE(merged.value, std::optional<double>(p50));
    QCOMPARE(merged, percentiles({1, 1, 1, 100, 100}));
}

void SnapshotTest::percentileRowsWithoutHistogramsShouldLoseTheirQuantilesWhenMerged()
{
    // Quantiles cannot be merged without the histograms behind them (a report of another
    // writer): rather no quantile than a wrong one. A single row passes through.
    CounterRow bare = percentiles({1, 2, 3});
    bare.histogram = LogHistogram();
    QCOMPARE(mergeRows({bare}), bare);
    const CounterRow merged = mergeRows({bare, bare});
    QVERIFY(!merged.subValues.contains(QStringLiteral("p50")));
    QCOMPARE(merged.value, kNull);
    QCOMPARE(merged.subValues.value(QStringLiteral("max")), 3.0);
}

void SnapshotTest::defaultSnapshotShouldBeNull()
{
    const Snapshot s;
    QVERIFY(s.isNull());
    QCOMPARE(s.time(), 0.0);
    QVERIFY(s.rows().isEmpty());
    QVERIFY(s.nodes().isEmpty());
    QCOMPARE(s.row(u"x"), nullptr);
    QCOMPARE(s.value(u"x"), kNull);
    QCOMPARE(s, Snapshot());
}

void SnapshotTest::constructedSnapshotShouldKeepTimeSourceAndNodes()
{
    const Snapshot node(5, source("node"), {makeRow("a", CounterType::Total, 1)});
    const Snapshot s(1.7e9, source("svc", 42), {makeRow("a", CounterType::Total, 2)}, {node});
    QVERIFY(!s.isNull());
    QCOMPARE(s.time(), 1.7e9);
    QCOMPARE(s.source(), source("svc", 42));
    QCOMPARE(s.source().service, QStringLiteral("svc"));
    QCOMPARE(s.source().pid, qint64(42));
    QCOMPARE(s.nodes().size(), 1);
    QCOMPARE(s.nodes().first(), node);

    // Empty but constructed is not null.
    QVERIFY(!Snapshot(0, {}, {}).isNull());
}

void SnapshotTest::constructorShouldSortRowsByName()
{
    const CounterRow c = makeRow("c", CounterType::Total, 3, 1);
    const CounterRow a =
        makeRow("a", CounterType::AverageWindow, 1, 2, 10, {{QStringLiteral("min"), 0.5}});
    const CounterRow b = makeRow("b", CounterType::MaxWindow, kNull, 0, 300);
    const CounterRow upper = makeRow("B", CounterType::Event, 7, 7);

    const Snapshot s(1, {}, {c, a, b, upper});
    QCOMPARE(namesOf(s),
             (QStringList{QStringLiteral("B"), QStringLiteral("a"), QStringLiteral("b"),
                          QStringLiteral("c")}));
    QCOMPARE(s.rows().at(1), a); // rows are kept whole
    QCOMPARE(s.rows().at(2), b);
    QCOMPARE(s.rows().at(3), c);
}

void SnapshotTest::constructorShouldKeepOnlyTheFirstRowOfAName()
{
    const Snapshot s(1, {},
                     {makeRow("b", CounterType::Total, 1), makeRow("a", CounterType::Total, 2),
                      makeRow("b", CounterType::Event, 3), makeRow("a", CounterType::Total, 4),
                      makeRow("b", CounterType::Total, 5)});
    QCOMPARE(namesOf(s), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(s.value(u"a"), std::optional<double>(2));
    QCOMPARE(s.value(u"b"), std::optional<double>(1));
    QCOMPARE(s.row(u"b")->type, CounterType::Total);
}

void SnapshotTest::rowShouldFindRowsByName()
{
    const Snapshot s(1, {},
                     {makeRow("m", CounterType::Total, 1), makeRow("a", CounterType::Event, 2),
                      makeRow("z", CounterType::Window, 3), makeRow("k", CounterType::Total, 4)});
    for (const char *name : {"a", "k", "m", "z"}) {
        const CounterRow *row = s.row(QString::fromUtf8(name));
        QVERIFY2(row, name);
        QCOMPARE(row->name, QString::fromUtf8(name));
    }
    QCOMPARE(s.row(u"z")->type, CounterType::Window);
    QCOMPARE(s.row(u""), nullptr);
    QCOMPARE(s.row(u"A"), nullptr);
    QCOMPARE(s.row(u"b"), nullptr);  // between a and k
    QCOMPARE(s.row(u"zz"), nullptr); // after the last
    QCOMPARE(s.row(u"0"), nullptr);  // before the first
}

void SnapshotTest::valueShouldBeEmptyForMissingAndNullRows()
{
    const Snapshot s(
        1, {},
        {makeRow("zero", CounterType::Total, 0.0), makeRow("null", CounterType::Total, kNull)});
    QCOMPARE(s.value(u"zero"), std::optional<double>(0.0));
    QCOMPARE(s.value(u"null"), kNull);
    QVERIFY(s.row(u"null")); // the row is there, its value is not
    QCOMPARE(s.value(u"missing"), kNull);
}

void SnapshotTest::equalityShouldCompareEveryField_data()
{
    QTest::addColumn<Snapshot>("a");
    QTest::addColumn<Snapshot>("b");
    QTest::addColumn<bool>("equal");

    const QList<CounterRow> rows{makeRow("a", CounterType::AverageWindow, 2, 3, 10,
                                         {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 3}}),
                                 makeRow("b", CounterType::Total, kNull)};
    const Snapshot node(4, source("node"), rows);
    const Snapshot base(5, source("svc"), rows, {node});

    auto withRow = [&](int index, const CounterRow &row) {
        QList<CounterRow> changed = rows;
        changed[index] = row;
        return Snapshot(5, source("svc"), changed, {node});
    };
    CounterRow changedSub = rows.at(0);
    changedSub.subValues[QStringLiteral("max")] = 4;
    SnapshotSource otherNode = source("svc");
    otherNode.node = QStringLiteral("host_1_0_5");

    QTest::newRow("same content") << base << Snapshot(5, source("svc"), rows, {node}) << true;
    QTest::newRow("same content, rows in another order")
        << base << Snapshot(5, source("svc"), {rows.at(1), rows.at(0)}, {node}) << true;
    QTest::newRow("two null snapshots") << Snapshot() << Snapshot() << true;
    QTest::newRow("null vs empty") << Snapshot() << Snapshot(0, {}, {}) << false;
    QTest::newRow("time") << base << Snapshot(6, source("svc"), rows, {node}) << false;
    QTest::newRow("service") << base << Snapshot(5, source("other"), rows, {node}) << false;
    QTest::newRow("pid") << base << Snapshot(5, source("svc", 2), rows, {node}) << false;
    QTest::newRow("node id") << base << Snapshot(5, otherNode, rows, {node}) << false;
    QTest::newRow("nodes") << base << Snapshot(5, source("svc"), rows) << false;
    QTest::newRow("row missing") << base << Snapshot(5, source("svc"), {rows.at(0)}, {node})
                                 << false;
    QTest::newRow("value") << base
                           << withRow(0,
                                      makeRow("a", CounterType::AverageWindow, 2.5, 3, 10,
                                              rows.at(0).subValues))
                           << false;
    QTest::newRow("null vs 0") << base << withRow(1, makeRow("b", CounterType::Total, 0.0))
                               << false;
    QTest::newRow("type") << base << withRow(1, makeRow("b", CounterType::Event, kNull)) << false;
    CounterRow otherUnit = rows.at(1);
    otherUnit.unit = Unit::Byte;
    QTest::newRow("unit") << base << withRow(1, otherUnit) << false;
    CounterRow otherStatistic = rows.at(1);
    otherStatistic.statistic = Statistic::Count;
    QTest::newRow("statistic") << base << withRow(1, otherStatistic) << false;
    QTest::newRow("count") << base
                           << withRow(0,
                                      makeRow("a", CounterType::AverageWindow, 2, 4, 10,
                                              rows.at(0).subValues))
                           << false;
    QTest::newRow("window") << base
                            << withRow(0,
                                       makeRow("a", CounterType::AverageWindow, 2, 3, 20,
                                               rows.at(0).subValues))
                            << false;
    QTest::newRow("sub-value") << base << withRow(0, changedSub) << false;
    CounterRow dropped = rows.at(1);
    dropped.dropped = 1;
    QTest::newRow("dropped") << base << withRow(1, dropped) << false;
    CounterRow overflowed = rows.at(1);
    overflowed.overflowed = 1;
    QTest::newRow("overflowed") << base << withRow(1, overflowed) << false;
    CounterRow labelled = rows.at(1);
    labelled.family = QStringLiteral("b");
    QTest::newRow("family") << base << withRow(1, labelled) << false;
    labelled.family.clear();
    labelled.labels = {{QStringLiteral("kind"), QStringLiteral("text")}};
    QTest::newRow("labels") << base << withRow(1, labelled) << false;
}

void SnapshotTest::equalityShouldCompareEveryField()
{
    QFETCH(Snapshot, a);
    QFETCH(Snapshot, b);
    QFETCH(bool, equal);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
    QCOMPARE(a != b, !equal);
}

void SnapshotTest::copiesShouldShareTheirData()
{
    std::optional<Snapshot> original;
    original.emplace(7, source("svc"), QList<CounterRow>{makeRow("a", CounterType::Total, 1)});
    const QList<CounterRow> *rows = &original->rows();

    const Snapshot copy = *original;
    QCOMPARE(&copy.rows(), rows); // one shared copy of the data, not two
    QCOMPARE(&copy.source(), &original->source());

    Snapshot assigned;
    assigned = copy;
    QCOMPARE(&assigned.rows(), rows);

    Snapshot moved = std::move(assigned);
    QCOMPARE(&moved.rows(), rows);

    // The copies outlive the original and stay intact.
    original.reset();
    QCOMPARE(copy.time(), 7.0);
    QCOMPARE(copy.value(u"a"), std::optional<double>(1));
    QCOMPARE(moved, copy);
}

void SnapshotTest::mergeRowsShouldCombineValuesByType_data()
{
    QTest::addColumn<QList<CounterRow>>("rows");
    QTest::addColumn<CounterType>("type");
    QTest::addColumn<std::optional<double>>("value");
    QTest::addColumn<quint64>("count");

    using T = CounterType;
    // Sum (Event, Total, Frequency, Window), nulls ignored.
    QTest::newRow("sum") << QList<CounterRow>{total(1), total(2), total(3)} << T::Total
                         << std::optional<double>(6) << quint64(3);
    QTest::newRow("sum ignores null") << QList<CounterRow>{total(1), total(kNull), total(3)}
                                      << T::Total << std::optional<double>(4) << quint64(2);
    QTest::newRow("0 + null = 0") << QList<CounterRow>{total(0.0), total(kNull)} << T::Total
                                  << std::optional<double>(0) << quint64(1);
    QTest::newRow("null + 0 = 0") << QList<CounterRow>{total(kNull), total(0.0)} << T::Total
                                  << std::optional<double>(0) << quint64(1);
    QTest::newRow("null + null = null")
        << QList<CounterRow>{total(kNull), total(kNull)} << T::Total << kNull << quint64(0);
    QTest::newRow("-2 + 2 + null = 0") << QList<CounterRow>{total(-2), total(2), total(kNull)}
                                       << T::Total << std::optional<double>(0) << quint64(2);
    QTest::newRow("fractions are not truncated")
        << QList<CounterRow>{total(0.5), total(0.25)} << T::Total << std::optional<double>(0.75)
        << quint64(2);
    QTest::newRow("event counters sum")
        << QList<CounterRow>{sumRow(T::Event, 2), sumRow(T::Event, 5)} << T::Event
        << std::optional<double>(7) << quint64(2);
    QTest::newRow("frequencies sum (rates of the processes add)")
        << QList<CounterRow>{sumRow(T::Frequency, 0.5), sumRow(T::Frequency, 1.5)} << T::Frequency
        << std::optional<double>(2) << quint64(2);
    QTest::newRow("window sums sum")
        << QList<CounterRow>{sumRow(T::Window, 0.0), sumRow(T::Window, 3)} << T::Window
        << std::optional<double>(3) << quint64(1 + 1);

    // Count-weighted mean (AverageWindow, AverageTime).
    QTest::newRow("mean weighted by count")
        << QList<CounterRow>{average(1, 1), average(3, 3)} << T::AverageWindow
        << std::optional<double>(2.5) << quint64(4);
    QTest::newRow("mean ignores empty windows")
        << QList<CounterRow>{average(kNull, 0), average(1, 1), average(kNull, 0), average(3, 3)}
        << T::AverageWindow << std::optional<double>(2.5) << quint64(4);
    QTest::newRow("mean of empty windows is null")
        << QList<CounterRow>{average(kNull, 0), average(kNull, 0)} << T::AverageWindow << kNull
        << quint64(0);
    QTest::newRow("mean of three processes (PyCounters 0.6 example)")
        << QList<CounterRow>{average(0.0, 1), average(0.5, 2), average(1.0, 3)} << T::AverageWindow
        << std::optional<double>(2.0 / 3.0) << quint64(6);
    QTest::newRow("average times")
        << QList<CounterRow>{average(0.5, 2, T::AverageTime), average(2, 2, T::AverageTime)}
        << T::AverageTime << std::optional<double>(1.25) << quint64(4);

    // Max and min, nulls ignored.
    QTest::newRow("max") << QList<CounterRow>{maxRow(3), maxRow(1), maxRow(4)} << T::MaxWindow
                         << std::optional<double>(4) << quint64(3);
    QTest::newRow("max of negatives") << QList<CounterRow>{maxRow(-5), maxRow(-2)} << T::MaxWindow
                                      << std::optional<double>(-2) << quint64(2);
    QTest::newRow("max ignores null first")
        << QList<CounterRow>{maxRow(kNull), maxRow(-1)} << T::MaxWindow << std::optional<double>(-1)
        << quint64(1);
    QTest::newRow("max of nulls is null")
        << QList<CounterRow>{maxRow(kNull), maxRow(kNull)} << T::MaxWindow << kNull << quint64(0);
    QTest::newRow("min") << QList<CounterRow>{minRow(1), minRow(3), minRow(2)} << T::MinWindow
                         << std::optional<double>(1) << quint64(3);
    QTest::newRow("min ignores null first")
        << QList<CounterRow>{minRow(kNull), minRow(5)} << T::MinWindow << std::optional<double>(5)
        << quint64(1);
    QTest::newRow("min of positives and a null is not 0")
        << QList<CounterRow>{minRow(2), minRow(kNull), minRow(3)} << T::MinWindow
        << std::optional<double>(2) << quint64(2);
    QTest::newRow("min of nulls is null")
        << QList<CounterRow>{minRow(kNull)} << T::MinWindow << kNull << quint64(0);

    // Different types: Unknown, the first non-null value.
    QTest::newRow("mixed types") << QList<CounterRow>{total(1), average(5, 5)} << T::Unknown
                                 << std::optional<double>(1) << quint64(6);
    QTest::newRow("mixed types, null first")
        << QList<CounterRow>{total(kNull), maxRow(7), minRow(2)} << T::Unknown
        << std::optional<double>(7) << quint64(2);
    QTest::newRow("mixed types, type changes back")
        << QList<CounterRow>{maxRow(kNull), minRow(3), maxRow(9)} << T::Unknown
        << std::optional<double>(3) << quint64(2);
    QTest::newRow("mixed types, all null")
        << QList<CounterRow>{total(kNull), maxRow(kNull)} << T::Unknown << kNull << quint64(0);
    QTest::newRow("unknown rows: first non-null")
        << QList<CounterRow>{sumRow(T::Unknown, kNull), sumRow(T::Unknown, 3),
                             sumRow(T::Unknown, 4)}
        << T::Unknown << std::optional<double>(3) << quint64(2);
}

void SnapshotTest::mergeRowsShouldCombineValuesByType()
{
    QFETCH(QList<CounterRow>, rows);
    QFETCH(CounterType, type);
    QFETCH(std::optional<double>, value);
    QFETCH(quint64, count);

    const CounterRow merged = mergeRows(rows);
    QCOMPARE(merged.name, QStringLiteral("x"));
    QCOMPARE(merged.type, type);
    QCOMPARE(merged.value, value);
    QCOMPARE(merged.count, count);
}

void SnapshotTest::mergeRowsShouldCombineSubValues_data()
{
    using Map = QMap<QString, double>;
    QTest::addColumn<QList<Map>>("subValues");
    QTest::addColumn<Map>("expected");

    const QString min = QStringLiteral("min");
    const QString max = QStringLiteral("max");
    const QString other = QStringLiteral("acc");

    QTest::newRow("min takes the smallest")
        << QList<Map>{{{min, 2}}, {{min, 0.5}}, {{min, 1}}} << Map{{min, 0.5}};
    QTest::newRow("max takes the largest")
        << QList<Map>{{{max, 2}}, {{max, 5}}, {{max, 1}}} << Map{{max, 5}};
    QTest::newRow("negative min and max")
        << QList<Map>{{{min, -1}, {max, -1}}, {{min, -3}, {max, -2}}} << Map{{min, -3}, {max, -1}};
    QTest::newRow("other sub-values are summed")
        << QList<Map>{{{other, 2}}, {{other, 3}}} << Map{{other, 5}};
    QTest::newRow("all three") << QList<Map>{{{min, 1}, {max, 3}, {other, 1}},
                                             {{min, 0}, {max, 2}, {other, 2}}}
                               << Map{{min, 0}, {max, 3}, {other, 3}};
    QTest::newRow("keys of one row pass through")
        << QList<Map>{{{min, 1}}, {}, {{max, 9}}, {{other, 4}}}
        << Map{{min, 1}, {max, 9}, {other, 4}};
    QTest::newRow("none") << QList<Map>{{}, {}} << Map{};
}

void SnapshotTest::mergeRowsShouldCombineSubValues()
{
    using Map = QMap<QString, double>;
    QFETCH(QList<Map>, subValues);
    QFETCH(Map, expected);

    QList<CounterRow> rows;
    for (const Map &sub : subValues)
        rows.append(makeRow("x", CounterType::AverageWindow, 1, 1, 300, sub));
    QCOMPARE(mergeRows(rows).subValues, expected);
}

void SnapshotTest::mergeRowsOfNothingShouldHaveNoValue()
{
    const CounterRow merged = mergeRows({});
    QCOMPARE(merged.value, kNull);
    QCOMPARE(merged.count, quint64(0));
    QVERIFY(merged.subValues.isEmpty());
}

void SnapshotTest::mergeRowsShouldAddUpDroppedEvents()
{
    CounterRow a = makeRow("t", CounterType::AverageWindow, 1, 1, 60);
    CounterRow b = makeRow("t", CounterType::AverageWindow, 3, 1, 60);
    CounterRow c = makeRow("t", CounterType::AverageWindow, kNull, 0, 60);
    a.dropped = 2;
    c.dropped = 5;
    a.overflowed = 4;
    b.overflowed = 1;
    const CounterRow merged = mergeRows({a, b, c});
    QCOMPARE(merged.dropped, quint64(7));
    QCOMPARE(merged.overflowed, quint64(5));

    // A labelled series merges as any row, and keeps what it is.
    for (CounterRow *r : {&a, &b, &c}) {
        r->family = QStringLiteral("t");
        r->labels = {{QStringLiteral("kind"), QStringLiteral("text")}};
        r->name = seriesName(r->family, r->labels);
    }
    const CounterRow series = mergeRows({a, b, c});
    QCOMPARE(series.family, QStringLiteral("t"));
    QCOMPARE(series.labels, a.labels);
    QCOMPARE(series.name, QStringLiteral(R"(t{kind="text"})"));
    QCOMPARE(merged.value, std::optional<double>(2));
}

void SnapshotTest::mergeRowsShouldKeepTheMeaningTheRowsAgreeOn()
{
    CounterRow a = makeRow("t", CounterType::AverageTime, 0.25, 4, 60);
    a.unit = Unit::Second;
    a.statistic = Statistic::Mean;
    CounterRow b = a;
    b.value = 0.5;
    CounterRow merged = mergeRows({a, b});
    QCOMPARE(merged.unit, Unit::Second);
    QCOMPARE(merged.statistic, Statistic::Mean);

    // Processes that disagree (one built with another unit, say): nothing is claimed.
    b.unit = Unit::None;
    merged = mergeRows({a, b});
    QCOMPARE(merged.unit, Unit::None);
    QCOMPARE(merged.statistic, Statistic::Mean);
    b.statistic = Statistic::Max;
    QCOMPARE(mergeRows({a, b}).statistic, Statistic::Unknown);
}

void SnapshotTest::mergeRowsOfOneRowShouldPassItThrough()
{
    const QList<CounterRow> singles{
        makeRow("a", CounterType::AverageTime, 0.25, 4, 60,
                {{QStringLiteral("min"), 0.1}, {QStringLiteral("max"), 0.5}}),
        makeRow("b", CounterType::Total, kNull),
        makeRow("c", CounterType::Frequency, 2, 20, 10),
        makeRow("d", CounterType::MinWindow, -1, 3, 300),
        makeRow("e", CounterType::Unknown, 42),
    };
    for (const CounterRow &row : singles)
        QCOMPARE(mergeRows({row}), row);
}

void SnapshotTest::averageValuesShouldMergeAsCountWeightedMean()
{
    // Port of PyCounters test_average_counter_value: (1, 1) ⊕ (3, 3) ⊕ (None, 0) -> 2.5.
    const CounterRow merged = mergeRows({average(1, 1), average(3, 3), average(kNull, 0)});
    QCOMPARE(merged.value, std::optional<double>(2.5));
}

void SnapshotTest::accumulativeValuesShouldMergeAsSumIgnoringNull()
{
    // Port of PyCounters test_accumulative_counter_value: 1 ⊕ 3 ⊕ None -> 4.
    const CounterRow merged = mergeRows({total(1), total(3), total(kNull)});
    QCOMPARE(merged.value, std::optional<double>(4));
}

void SnapshotTest::minValuesShouldMergeIgnoringNull()
{
    // Port of PyCounters test_min_counter_value: min(1, 3) -> 1; ⊕ 0 -> 0; ⊕ None -> 0.
    QCOMPARE(mergeRows({minRow(1), minRow(3)}).value, std::optional<double>(1));
    QCOMPARE(mergeRows({minRow(1), minRow(3), minRow(0.0)}).value, std::optional<double>(0));
    QCOMPARE(mergeRows({minRow(1), minRow(3), minRow(0.0), minRow(kNull)}).value,
             std::optional<double>(0));
}

void SnapshotTest::maxValuesShouldMergeIgnoringNull()
{
    // Port of PyCounters test_max_counter_value: max(3, 1) -> 3; ⊕ 4 -> 4; ⊕ None -> 4.
    QCOMPARE(mergeRows({maxRow(3), maxRow(1)}).value, std::optional<double>(3));
    QCOMPARE(mergeRows({maxRow(3), maxRow(1), maxRow(4)}).value, std::optional<double>(4));
    QCOMPARE(mergeRows({maxRow(3), maxRow(1), maxRow(4), maxRow(kNull)}).value,
             std::optional<double>(4));
}

void SnapshotTest::mergeShouldCombineSnapshots_data()
{
    QTest::addColumn<QList<Snapshot>>("snapshots");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<std::optional<double>>>("values");

    using T = CounterType;
    auto process = [](double pid, std::optional<double> totalValue, std::optional<double> mean,
                      quint64 n, std::optional<double> max, std::optional<double> min) {
        return Snapshot(100, source("svc", qint64(pid)),
                        {makeRow("total", T::Total, totalValue, totalValue ? 1 : 0),
                         makeRow("avg", T::AverageWindow, mean, n, 300),
                         makeRow("max", T::MaxWindow, max, max ? 1 : 0, 300),
                         makeRow("min", T::MinWindow, min, min ? 1 : 0, 300),
                         makeRow("never", T::AverageTime, kNull, 0, 300)});
    };

    // PyCounters 0.6's three-process example: totals 1, 2, 3 -> 6; averages
    // 0.0 (n=1), 0.5 (n=2), 1.0 (n=3) -> 2/3; max 0/10/20 -> 20; min -> 0; null everywhere ->
    // null.
    QTest::newRow("three processes")
        << QList<Snapshot>{process(1, 1, 0.0, 1, 0.0, 0.0), process(2, 2, 0.5, 2, 10, 10),
                           process(3, 3, 1.0, 3, 20, 20)}
        << QStringList{QStringLiteral("avg"), QStringLiteral("max"), QStringLiteral("min"),
                       QStringLiteral("never"), QStringLiteral("total")}
        << QList<std::optional<double>>{2.0 / 3.0, 20.0, 0.0, kNull, 6.0};
    QTest::newRow("one process with empty windows")
        << QList<Snapshot>{process(1, 4, 2, 2, 5, -5), process(2, kNull, kNull, 0, kNull, kNull)}
        << QStringList{QStringLiteral("avg"), QStringLiteral("max"), QStringLiteral("min"),
                       QStringLiteral("never"), QStringLiteral("total")}
        << QList<std::optional<double>>{2.0, 5.0, -5.0, kNull, 4.0};
    QTest::newRow("disjoint counters")
        << QList<Snapshot>{Snapshot(1, {}, {makeRow("b", T::Total, 1, 1)}),
                           Snapshot(
                               2, {},
                               {makeRow("a", T::Event, 2, 2), makeRow("c", T::MaxWindow, 3, 1)})}
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
        << QList<std::optional<double>>{2.0, 1.0, 3.0};
    QTest::newRow("one snapshot") << QList<Snapshot>{Snapshot(1, {},
                                                              {makeRow("a", T::Total, 5, 1)})}
                                  << QStringList{QStringLiteral("a")}
                                  << QList<std::optional<double>>{5.0};
}

void SnapshotTest::mergeShouldCombineSnapshots()
{
    QFETCH(QList<Snapshot>, snapshots);
    QFETCH(QStringList, names);
    QFETCH(QList<std::optional<double>>, values);

    const Snapshot merged = merge(snapshots, 1234.5, source("leader"));
    QCOMPARE(merged.time(), 1234.5);
    QCOMPARE(merged.source(), source("leader"));
    QCOMPARE(namesOf(merged), names);
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(merged.value(names.at(i)), values.at(i));
        // Every merged row is exactly mergeRows() of the rows of that name.
        QList<CounterRow> group;
        for (const Snapshot &s : std::as_const(snapshots)) {
            if (const CounterRow *row = s.row(names.at(i)))
                group.append(*row);
        }
        QCOMPARE(*merged.row(names.at(i)), mergeRows(group));
    }
}

void SnapshotTest::mergeShouldPassCountersOfOneSnapshotThrough()
{
    const CounterRow onlyInA =
        makeRow("only.a", CounterType::AverageTime, 0.25, 4, 60,
                {{QStringLiteral("min"), 0.125}, {QStringLiteral("max"), 0.5}});
    const CounterRow onlyInB = makeRow("only.b", CounterType::MinWindow, kNull, 0, 300);
    const Snapshot a(1, source("a"), {onlyInA, makeRow("both", CounterType::Total, 1, 1)});
    const Snapshot b(2, source("b"), {makeRow("both", CounterType::Total, 2, 1), onlyInB});

    const Snapshot merged = merge({a, b}, 3);
    QCOMPARE(*merged.row(u"only.a"), onlyInA);
    QCOMPARE(*merged.row(u"only.b"), onlyInB);
    QCOMPARE(merged.value(u"both"), std::optional<double>(3));
    QCOMPARE(merged.row(u"both")->count, quint64(2));
}

void SnapshotTest::mergeShouldKeepTheInputsAsNodes()
{
    const Snapshot a(1, source("a", 1), {makeRow("x", CounterType::Total, 1, 1)});
    const Snapshot b(2, source("b", 2), {makeRow("x", CounterType::Total, 2, 1)});
    const Snapshot aBefore = a;

    const Snapshot merged = merge({a, b}, 3);
    QCOMPARE(merged.nodes().size(), 2);
    QCOMPARE(merged.nodes().at(0), a);
    QCOMPARE(merged.nodes().at(1), b);
    QCOMPARE(a, aBefore); // a pure function: the inputs are unchanged
    QVERIFY(merged.source() == SnapshotSource());
}

void SnapshotTest::mergeOfNoSnapshotShouldBeEmpty()
{
    const Snapshot merged = merge({}, 9, source("leader"));
    QVERIFY(!merged.isNull());
    QVERIFY(merged.rows().isEmpty());
    QVERIFY(merged.nodes().isEmpty());
    QCOMPARE(merged.time(), 9.0);
}

QTEST_GUILESS_MAIN(SnapshotTest)
#include "tst_snapshot.moc"
