// SPDX-License-Identifier: MIT
// The charts shown before the user charts anything: kinds by what rows say, one per chart.

#include "controller/defaultcharts.h"
#include "models/counterlistmodel.h"
#include "snapshots.h"

#include <QTest>

using counters::CounterType;
using dashboard::CounterListModel;
using dashboard::DefaultCharts;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src-a");

QStringList names(const QList<SeriesKey> &keys)
{
    QStringList result;
    for (const SeriesKey &key : keys)
        result.append(key.counter);
    return result;
}

} // namespace

class DefaultChartsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldChartDurationsAndRatesOfTheTutorial()
    {
        CounterListModel list;
        list.applySnapshot(kSource, QStringLiteral("A"), tutorial(1000));
        const auto groups = DefaultCharts::groups(list, {kSource});
        QCOMPARE(groups.size(), 2);
        QCOMPARE(names(groups.at(0)), QStringList{QStringLiteral("requests_time")});
        QCOMPARE(names(groups.at(1)), QStringList{QStringLiteral("requests_frequency")});
    }

    void shouldPreferPercentilesToMeanDurations()
    {
        counters::CounterRow latency =
            row(QStringLiteral("latency"), CounterType::PercentileWindow, 0.01);
        CounterListModel list;
        list.applySnapshot(
            kSource, QStringLiteral("A"),
            snapshot(1000,
                     {latency,
                      average(QStringLiteral("t"), 0.01, 0.001, 0.1, CounterType::AverageTime)}));
        const auto groups = DefaultCharts::groups(list, {kSource});
        QCOMPARE(groups.size(), 1);
        QCOMPARE(names(groups.at(0)), QStringList{QStringLiteral("latency")});
    }

    // Units and statistics decide, not names: a value counter in seconds is a duration, a
    // counter named like a time without a unit is not.
    void shouldSortByMeaningNotByName()
    {
        counters::CounterRow told =
            row(QStringLiteral("queue_wait"), CounterType::AverageWindow, 0.2);
        told.unit = counters::Unit::Second;
        const counters::CounterRow named =
            row(QStringLiteral("request_time_total"), CounterType::Total, 12);
        CounterListModel list;
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, {told, named}));
        const auto groups = DefaultCharts::groups(list, {kSource});
        QCOMPARE(groups.size(), 1);
        QCOMPARE(names(groups.at(0)), QStringList{QStringLiteral("queue_wait")});
    }

    void shouldTakeOneSourceAndAFewSeriesPerChart()
    {
        QList<counters::CounterRow> rates;
        for (const char *name : {"a", "b", "c", "d", "e"})
            rates.append(row(QString::fromLatin1(name), CounterType::Frequency, 1));
        CounterListModel list;
        list.applySnapshot(QStringLiteral("src-b"), QStringLiteral("B"), snapshot(1000, rates));
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rates));
        const auto groups = DefaultCharts::groups(list, {kSource, QStringLiteral("src-b")});
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.at(0).size(), DefaultCharts::MaxSeries);
        for (const SeriesKey &key : groups.at(0))
            QCOMPARE(key.sourceId, kSource); // the first source of the order
    }

    // Gauges are levels: a chart of their own beside durations and rates, also when their
    // unit would make them a duration.
    void shouldChartGaugesOnAChartOfTheirOwn()
    {
        counters::CounterRow queued =
            row(QStringLiteral("pool.queued_tasks"), CounterType::Gauge, 3);
        queued.statistic = counters::Statistic::Current;
        counters::CounterRow oldest =
            row(QStringLiteral("pool.oldest_wait"), CounterType::Gauge, 0.5);
        oldest.statistic = counters::Statistic::Current;
        oldest.unit = counters::Unit::Second;
        QList<counters::CounterRow> rows = tutorial(1000).rows();
        rows << queued << oldest;
        CounterListModel list;
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rows));
        const auto groups = DefaultCharts::groups(list, {kSource});
        QCOMPARE(groups.size(), 3);
        QCOMPARE(names(groups.at(0)), QStringList{QStringLiteral("requests_time")});
        QCOMPARE(names(groups.at(1)), QStringList{QStringLiteral("requests_frequency")});
        QCOMPARE(
            names(groups.at(2)),
            QStringList({QStringLiteral("pool.oldest_wait"), QStringLiteral("pool.queued_tasks")}));
    }

    void shouldChartOtherCountersOnlyWhenNothingElseIsThere()
    {
        CounterListModel list;
        list.applySnapshot(
            kSource, QStringLiteral("A"),
            snapshot(1000,
                     {row(QStringLiteral("jobs"), CounterType::Total, 3),
                      row(QStringLiteral("empty"), CounterType::MaxWindow, std::nullopt)}));
        const auto groups = DefaultCharts::groups(list, {kSource});
        QCOMPARE(groups.size(), 1);
        QCOMPARE(names(groups.at(0)), QStringList{QStringLiteral("jobs")}); // values only
        QVERIFY(DefaultCharts::groups(CounterListModel(), {}).isEmpty());
    }

    // Kept up to date frame by frame, the charts are those of the list read whole: when parts
    // of a report append rows, when a counter gains a value, when a source of a better rank
    // comes and goes.
    void shouldKeepUpWithTheListAsItChanges()
    {
        const auto rates = [](const QStringList &names) {
            QList<counters::CounterRow> rows;
            for (const QString &name : names)
                rows.append(row(name, CounterType::Frequency, 1));
            return rows;
        };
        CounterListModel list;
        DefaultCharts charts;
        QStringList order{kSource};
        const auto check = [&](const QStringList &expected) {
            charts.update(list, order);
            QCOMPARE(charts.groups(), DefaultCharts::groups(list, order));
            QCOMPARE(charts.groups().isEmpty() ? QStringList() : names(charts.groups().constLast()),
                     expected);
        };
        const QStringList later{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"),
                                QStringLiteral("m4")};
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1000, rates(later)), 2);
        check(later.mid(0, 3));
        // The next part brings names that sort first.
        list.applySnapshot(kSource, QStringLiteral("A"),
                           snapshot(1000, rates({QStringLiteral("a1"), QStringLiteral("a2")})));
        check({QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("m1")});

        // A duration without a value yet, then with one.
        QList<counters::CounterRow> rows = rates(later);
        rows.append(row(QStringLiteral("wait"), CounterType::AverageTime, std::nullopt));
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1001, rows));
        check(later.mid(0, 3));
        QCOMPARE(charts.groups().size(), 1);
        rows.last() = row(QStringLiteral("wait"), CounterType::AverageTime, 0.5);
        list.applySnapshot(kSource, QStringLiteral("A"), snapshot(1002, rows));
        check(later.mid(0, 3));
        QCOMPARE(charts.groups().size(), 2);
        QCOMPARE(names(charts.groups().constFirst()), QStringList{QStringLiteral("wait")});

        // A source first in the order takes the charts, and gives them back when it goes.
        const QString better = QStringLiteral("src-b");
        order.prepend(better);
        list.applySnapshot(better, QStringLiteral("B"),
                           snapshot(1002, rates({QStringLiteral("x")})));
        check({QStringLiteral("x")});
        QCOMPARE(charts.groups().constLast().constFirst().sourceId, better);
        list.removeSource(better);
        check(later.mid(0, 3));
    }
};

QTEST_MAIN(DefaultChartsTest)
#include "tst_defaultcharts.moc"
