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
};

QTEST_MAIN(DefaultChartsTest)
#include "tst_defaultcharts.moc"
