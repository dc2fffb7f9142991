// SPDX-License-Identifier: MIT
#include "optionalprinting.h"

#include <counters/base/snapshot.h>
#include <counters/counter/gaugecounter.h>
#include <counters/counter/registry.h>
#include <counters/event/event.h>
#include <counters/event/scopedevent.h>

#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

using namespace counters;
using namespace Qt::StringLiterals;

class GaugeCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aNewGaugeShouldBeEmpty();
    void setAndAddShouldMoveTheLevel_data();
    void setAndAddShouldMoveTheLevel();
    void valueEventsShouldSetItAndBlocksShouldCountWhileInProgress();
    void blocksInProgressOnManyThreadsShouldBalanceToZero();
    void aSamplerShouldBeReadAtEachReading();
    void aSampledGaugeShouldIgnoreEvents();
    void clearShouldKeepTheLevel();
    void valuesThatAreNotFiniteShouldBeDropped();
    void mergeRuleShouldBeChosenPerGaugeAndTravelInItsRow();
    void mergeRulesThatAreNotForLevelsShouldBeRefused();
};

void GaugeCounterTest::aNewGaugeShouldBeEmpty()
{
    GaugeCounter gauge(u"queue"_s);
    const CounterRow row = gauge.row();
    QCOMPARE(row.type, CounterType::Gauge);
    QCOMPARE(row.statistic, Statistic::Current);
    QCOMPARE(row.value, std::nullopt);
    QCOMPARE(row.count, quint64(0));
    QCOMPARE(row.window, 0.0);
}

void GaugeCounterTest::setAndAddShouldMoveTheLevel_data()
{
    QTest::addColumn<QString>("steps"); // "=5" sets 5, "+2" adds 2, "-1" adds -1
    QTest::addColumn<double>("level");

    QTest::newRow("set") << "=5" << 5.0;
    QTest::newRow("set twice: the last") << "=5 =3" << 3.0;
    QTest::newRow("add to nothing starts from 0") << "+2" << 2.0;
    QTest::newRow("add after set") << "=5 +2 -3" << 4.0;
    QTest::newRow("below zero") << "-1 -1" << -2.0;
    QTest::newRow("set after add") << "+2 =0.5" << 0.5;
}

void GaugeCounterTest::setAndAddShouldMoveTheLevel()
{
    QFETCH(QString, steps);
    QFETCH(double, level);
    GaugeCounter gauge(u"g"_s);
    for (const QString &step : steps.split(u' ')) {
        if (step.startsWith(u'='))
            gauge.set(step.mid(1).toDouble());
        else
            gauge.add(step.toDouble());
    }
    QCOMPARE(gauge.value(), std::optional<double>(level));
}

void GaugeCounterTest::valueEventsShouldSetItAndBlocksShouldCountWhileInProgress()
{
    Registry registry;
    auto queue = std::make_shared<GaugeCounter>(u"gauge.queue"_s);
    auto inFlight =
        std::make_shared<GaugeCounter>(u"gauge.in_flight"_s, QStringList{u"gauge.request"_s});
    QVERIFY(registry.registerCounter(queue));
    QVERIFY(registry.registerCounter(inFlight));

    reportValue("gauge.queue", 7);
    reportValue("gauge.queue", 4);
    QCOMPARE(queue->value(), std::optional<double>(4));

    const Event request(u"gauge.request");
    {
        ScopedEvent outer(request);
        {
            ScopedEvent inner(request);
            QCOMPARE(inFlight->value(), std::optional<double>(2));
        }
        QCOMPARE(inFlight->value(), std::optional<double>(1));
    }
    QCOMPARE(inFlight->value(), std::optional<double>(0));
}

void GaugeCounterTest::blocksInProgressOnManyThreadsShouldBalanceToZero()
{
    Registry registry;
    auto inFlight = std::make_shared<GaugeCounter>(u"gauge.threads"_s);
    QVERIFY(registry.registerCounter(inFlight));
    std::atomic<int> inside{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            const Event event(u"gauge.threads");
            while (!go.load())
                std::this_thread::yield();
            for (int i = 0; i < 20000; ++i) {
                ScopedEvent block(event);
                inside.fetch_add(1);
                inside.fetch_sub(1);
            }
        });
    }
    go = true;
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(inFlight->value(), std::optional<double>(0));
}

void GaugeCounterTest::aSamplerShouldBeReadAtEachReading()
{
    int level = 3;
    int reads = 0;
    GaugeCounter gauge(u"sampled"_s, [&]() -> std::optional<double> {
        ++reads;
        if (level < 0)
            return std::nullopt;
        return level;
    });
    QCOMPARE(gauge.value(), std::optional<double>(3));
    level = 8;
    QCOMPARE(gauge.row().value, std::optional<double>(8));
    QCOMPARE(reads, 2);
    level = -1;
    QCOMPARE(gauge.value(), std::nullopt);
    gauge.set(100); // the sampler decides
    level = 1;
    QCOMPARE(gauge.value(), std::optional<double>(1));
}

void GaugeCounterTest::aSampledGaugeShouldIgnoreEvents()
{
    Registry registry;
    auto gauge = std::make_shared<GaugeCounter>(u"gauge.sampled.events"_s,
                                                [] { return std::optional<double>(1); });
    QVERIFY(registry.registerCounter(gauge));
    // Nothing listens: its events cost what an event nobody hears costs.
    QVERIFY(!Event(u"gauge.sampled.events").hasListeners());
    reportValue("gauge.sampled.events", 50);
    QCOMPARE(gauge->value(), std::optional<double>(1));
}

void GaugeCounterTest::clearShouldKeepTheLevel()
{
    GaugeCounter gauge(u"kept"_s);
    gauge.add(1);
    gauge.add(1);
    gauge.clear();
    gauge.add(-1); // a block that began before the clear ends after it
    QCOMPARE(gauge.value(), std::optional<double>(1));
}

void GaugeCounterTest::valuesThatAreNotFiniteShouldBeDropped()
{
    GaugeCounter gauge(u"finite"_s);
    gauge.set(2);
    gauge.set(std::numeric_limits<double>::quiet_NaN());
    gauge.add(std::numeric_limits<double>::infinity());
    QCOMPARE(gauge.value(), std::optional<double>(2));
    QCOMPARE(gauge.droppedEvents(), quint64(2));

    GaugeCounter sampled(u"nan"_s, [] { return std::numeric_limits<double>::quiet_NaN(); });
    QCOMPARE(sampled.value(), std::nullopt);
}

void GaugeCounterTest::mergeRuleShouldBeChosenPerGaugeAndTravelInItsRow()
{
    GaugeCounter byDefault(u"g"_s);
    QCOMPARE(byDefault.mergeRule(), MergeRule::Sum);
    QCOMPARE(byDefault.row().merge, std::optional<MergeRule>(MergeRule::Sum));

    // Two processes' rows of one gauge, merged as the leader does.
    for (const MergeRule rule : {MergeRule::Sum, MergeRule::Max, MergeRule::Min, MergeRule::Last}) {
        GaugeCounter a(u"g"_s);
        GaugeCounter b(u"g"_s);
        QVERIFY(a.setMergeRule(rule));
        QVERIFY(b.setMergeRule(rule));
        a.set(2);
        b.set(5);
        const Snapshot newer(20, {}, {b.row()});
        const Snapshot older(10, {}, {a.row()});
        const std::optional<double> merged = merge({newer, older}, 30).value(u"g");
        const double expected = rule == MergeRule::Sum ? 7 : rule == MergeRule::Min ? 2 : 5;
        QCOMPARE(merged, std::optional<double>(expected));
        QCOMPARE(merge({newer, older}, 30).row(u"g")->merge, std::optional<MergeRule>(rule));
    }
}

void GaugeCounterTest::mergeRulesThatAreNotForLevelsShouldBeRefused()
{
    GaugeCounter gauge(u"g"_s);
    QTest::ignoreMessage(QtWarningMsg,
                         "gauge g: a gauge merges by sum, max, min or last, not by mean");
    QVERIFY(!gauge.setMergeRule(MergeRule::WeightedMean));
    QCOMPARE(gauge.mergeRule(), MergeRule::Sum);
}

QTEST_GUILESS_MAIN(GaugeCounterTest)
#include "tst_gaugecounter.moc"
