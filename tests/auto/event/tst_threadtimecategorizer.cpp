// SPDX-License-Identifier: MIT
#include "valuecatcher.h"

#include <counters/base/clock.h>
#include <counters/event/alleventslistener.h>
#include <counters/event/event.h>
#include <counters/event/scopedevent.h>
#include <counters/event/threadtimecategorizer.h>

#include <QTest>

#include <thread>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

// Runs a script of steps on `clock`: "a" starts a block of event a, "/a" ends it, "+2" moves
// the clock 2 s on, "pause" and "resume" call the categorizer's.
void run(ThreadTimeCategorizer &categorizer, ManualClock &clock, const QString &script)
{
    for (const QString &step : script.split(u' ', Qt::SkipEmptyParts)) {
        if (step.startsWith(u'+'))
            clock.advance(Seconds(step.mid(1).toDouble()));
        else if (step == u"pause")
            categorizer.pause();
        else if (step == u"resume")
            categorizer.resume();
        else if (step.startsWith(u'/'))
            reportEnd(step.mid(1));
        else
            reportStart(step);
    }
}

} // namespace

class ThreadTimeCategorizerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pyCountersTest1ShouldGiveItsExactFigures();
    void timesShouldFollowTheNesting_data();
    void timesShouldFollowTheNesting();
    void aBlockInProgressShouldCountUpToNow();
    void raisingAndClearingShouldWorkLikePyCountersTimer();
    void clearingShouldKeepTheCategories();
    void otherThreadsShouldNotCount();
};

// PyCounters 0.6's test_ThreadTimeCategorizer: f's block calls multicat (timed, but no
// category), which runs cat1 and cat2; then f runs cat1 again. Its timers ticked once per
// reading; here the clock moves one second wherever one of them would have ticked.
void ThreadTimeCategorizerTest::pyCountersTest1ShouldGiveItsExactFigures()
{
    ManualClock clock;
    ThreadTimeCategorizer tc(u"tc"_s, {u"cat1"_s, u"cat2"_s, u"f"_s}, &clock);
    const auto cat1 = [&] {
        ScopedEvent block(Event(u"cat1"));
        clock.advance(Seconds(1));
    };
    const auto cat2 = [&] {
        ScopedEvent block(Event(u"cat2"));
        clock.advance(Seconds(1));
    };
    const auto multicat = [&] {
        ScopedEvent block(Event(u"multicat"));
        cat1();
        clock.advance(Seconds(1));
        cat2();
    };
    {
        ScopedEvent f(Event(u"f"));
        clock.advance(Seconds(1));
        multicat();
        clock.advance(Seconds(1));
        cat1();
        clock.advance(Seconds(1));
    }

    ValueCatcher caught;
    tc.raiseValueEvents();
    using Values = ValueCatcher::Values;
    QCOMPARE(caught.values, Values({{u"tc.cat1"_s, 2.0}, {u"tc.cat2"_s, 1.0}, {u"tc.f"_s, 4.0}}));
    QCOMPARE(tc.times(), caught.values);
}

void ThreadTimeCategorizerTest::timesShouldFollowTheNesting_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");

    QTest::newRow("one block") << "a +3 /a +5" << 3.0 << 0.0;
    QTest::newRow("nested") << "a +1 b +2 /b +4 /a" << 5.0 << 2.0;
    QTest::newRow("in a block of no category") << "x +1 a +2 /a +1 /x" << 2.0 << 0.0;
    QTest::newRow("no category inside a block") << "a +1 x +2 /x +1 /a" << 4.0 << 0.0;
    QTest::newRow("one category nested in itself") << "a +1 a +2 /a +3 /a" << 6.0 << 0.0;
    QTest::newRow("paused") << "a +1 pause +10 resume +2 /a" << 3.0 << 0.0;
    QTest::newRow("blocks while paused nest") << "a pause b +5 /b resume +1 /a" << 1.0 << 0.0;
    QTest::newRow("paused twice, resumed twice")
        << "a +1 pause pause +4 resume resume +1 /a" << 2.0 << 0.0;
    QTest::newRow("end without start") << "/a +1 a +1 /a" << 1.0 << 0.0;
    QTest::newRow("outer ends before inner") << "a +1 b +2 /a +4 /b" << 1.0 << 2.0;
    QTest::newRow("clock set back: no time") << "a +2 /a a -5 +1 /a" << 2.0 << 0.0;
}

void ThreadTimeCategorizerTest::timesShouldFollowTheNesting()
{
    QFETCH(QString, script);
    QFETCH(double, a);
    QFETCH(double, b);
    ManualClock clock;
    ThreadTimeCategorizer categorizer(u"t"_s, {u"a"_s, u"b"_s}, &clock);
    run(categorizer, clock, script.replace(u" -"_s, u" +-"_s));
    QCOMPARE(categorizer.time(u"a"), a);
    QCOMPARE(categorizer.time(u"b"), b);
    QCOMPARE(categorizer.time(u"x"), 0.0);
}

void ThreadTimeCategorizerTest::aBlockInProgressShouldCountUpToNow()
{
    ManualClock clock;
    ThreadTimeCategorizer categorizer(u"t"_s, {u"a"_s}, &clock);
    run(categorizer, clock, u"a +2.5"_s);
    QCOMPARE(categorizer.time(u"a"), 2.5);
    clock.advance(Seconds(1));
    QCOMPARE(categorizer.times(), (QList<std::pair<QString, double>>{{u"t.a"_s, 3.5}}));
}

// PyCounters 0.6's test_Thread_Timer, as a category's time: a block of one second raised
// with clearing gives 1; the next block's second stays (not raised); with the one after, 2.
void ThreadTimeCategorizerTest::raisingAndClearingShouldWorkLikePyCountersTimer()
{
    ManualClock clock;
    ThreadTimeCategorizer categorizer(u"timer"_s, {u"t"_s}, &clock);
    ValueCatcher caught;
    run(categorizer, clock, u"t +1 /t"_s);
    categorizer.raiseValueEvents(true);
    run(categorizer, clock, u"t +1 /t"_s);
    QCOMPARE(categorizer.time(u"t"), 1.0);
    run(categorizer, clock, u"t +1 /t"_s);
    categorizer.raiseValueEvents(true);
    using Values = ValueCatcher::Values;
    QCOMPARE(caught.values, Values({{u"timer.t"_s, 1.0}, {u"timer.t"_s, 2.0}}));
}

void ThreadTimeCategorizerTest::clearingShouldKeepTheCategories()
{
    ManualClock clock;
    ThreadTimeCategorizer categorizer(u"t"_s, {u"a"_s, u"b"_s, u"a"_s}, &clock);
    QCOMPARE(categorizer.categories(), QStringList({u"a"_s, u"b"_s}));
    run(categorizer, clock, u"a +1 b +2"_s);
    categorizer.clear();
    QCOMPARE(categorizer.categories(), QStringList({u"a"_s, u"b"_s}));
    QCOMPARE(categorizer.time(u"b"), 0.0);
    // The blocks in progress go on from the clearing.
    run(categorizer, clock, u"+3 /b +4 /a"_s);
    QCOMPARE(categorizer.time(u"a"), 4.0);
    QCOMPARE(categorizer.time(u"b"), 3.0);
}

void ThreadTimeCategorizerTest::otherThreadsShouldNotCount()
{
    ManualClock clock;
    ThreadTimeCategorizer categorizer(u"t"_s, {u"a"_s}, &clock);
    std::thread([&] {
        reportStart("a");
        clock.advance(Seconds(5));
        reportEnd("a");
    }).join();
    QCOMPARE(categorizer.time(u"a"), 0.0);
}

QTEST_GUILESS_MAIN(ThreadTimeCategorizerTest)
#include "tst_threadtimecategorizer.moc"
