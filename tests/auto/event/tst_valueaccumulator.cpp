// SPDX-License-Identifier: MIT
#include "valuecatcher.h"

#include <counters/event/alleventslistener.h>
#include <counters/event/event.h>
#include <counters/event/valueaccumulator.h>

#include <QTest>

#include <cmath>
#include <limits>
#include <thread>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

using Values = ValueCatcher::Values;

} // namespace

class ValueAccumulatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pyCountersTest2ShouldRaiseTheSums();
    void itShouldGoOnAccumulatingAfterRaising();
    void withoutPrefixTheSumsShouldKeepTheEventNames();
    void anEventListShouldLimitWhatIsAccumulated();
    void valuesThatAreNotFiniteShouldBeSkipped();
    void otherThreadsShouldNotCount();
};

// PyCounters 0.6's test_ValueAccumulator: s1 = 1, s1 = 2, s2 = 5, then raise. The sums come
// sorted by name here (PyCounters' followed its dict).
void ValueAccumulatorTest::pyCountersTest2ShouldRaiseTheSums()
{
    ValueAccumulator accumulator(u"ac"_s);
    ValueCatcher caught;
    reportValue("s1", 1);
    reportValue("s1", 2);
    reportValue("s2", 5);
    accumulator.raiseValueEvents();
    QCOMPARE(caught.values,
             Values({{u"s1"_s, 1.0},
                     {u"s1"_s, 2.0},
                     {u"s2"_s, 5.0},
                     {u"ac.s1"_s, 3.0},
                     {u"ac.s2"_s, 5.0}}));
    // Its own raised events were not accumulated.
    QCOMPARE(accumulator.values(), Values({{u"s1"_s, 3.0}, {u"s2"_s, 5.0}}));
}

void ValueAccumulatorTest::itShouldGoOnAccumulatingAfterRaising()
{
    ValueAccumulator accumulator(u"ac"_s);
    reportValue("go.on", 1);
    accumulator.raiseValueEvents();
    reportValue("go.on", 2);
    QCOMPARE(accumulator.value(u"go.on"), 3.0);
    accumulator.raiseValueEvents(true);
    QCOMPARE(accumulator.values(), Values());
    reportValue("go.on", 4);
    QCOMPARE(accumulator.value(u"go.on"), 4.0);
}

void ValueAccumulatorTest::withoutPrefixTheSumsShouldKeepTheEventNames()
{
    ValueAccumulator accumulator;
    reportValue("plain", 1);
    reportValue("plain", 1);
    ValueCatcher caught;
    accumulator.raiseValueEvents();
    QCOMPARE(caught.values, Values({{u"plain"_s, 2.0}}));
    QCOMPARE(accumulator.value(u"plain"), 2.0);
}

void ValueAccumulatorTest::anEventListShouldLimitWhatIsAccumulated()
{
    ValueAccumulator accumulator(u"req"_s, {u"rows"_s});
    reportValue("rows", 10);
    reportValue("bytes", 100);
    reportValue("rows", 5);
    QCOMPARE(accumulator.values(), Values({{u"rows"_s, 15.0}}));
}

void ValueAccumulatorTest::valuesThatAreNotFiniteShouldBeSkipped()
{
    ValueAccumulator accumulator;
    reportValue("finite", 1);
    reportValue("finite", std::numeric_limits<double>::quiet_NaN());
    reportValue("finite", std::numeric_limits<double>::infinity());
    QCOMPARE(accumulator.value(u"finite"), 1.0);
}

void ValueAccumulatorTest::otherThreadsShouldNotCount()
{
    ValueAccumulator accumulator;
    std::thread([] { reportValue("elsewhere", 1); }).join();
    QCOMPARE(accumulator.values(), Values());
}

QTEST_GUILESS_MAIN(ValueAccumulatorTest)
#include "tst_valueaccumulator.moc"
