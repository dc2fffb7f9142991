// SPDX-License-Identifier: MIT
#include "recordingcounter.h"

#include <counters/base/clock.h>
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/maxwindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/event.h>

#include <QTest>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>

using namespace counters;

namespace QTest {
template <>
char *toString(const std::optional<double> &value)
{
    return value ? QTest::toString(*value) : qstrdup("null");
}
} // namespace QTest

namespace {
std::shared_ptr<TotalCounter> registeredTotal(Registry &registry, const QString &name,
                                              const QStringList &events = {})
{
    auto counter = std::make_shared<TotalCounter>(name, events);
    const bool ok = registry.registerCounter(counter);
    Q_ASSERT(ok);
    Q_UNUSED(ok);
    return counter;
}
} // namespace

class EventTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handleShouldKeepItsName();
    void handlesOfOneNameShouldBeOneEventWhateverTheStringType();
    void handleShouldDeliverValueStartAndEndInOrder();
    void eventCounterShouldCountEndsAndAddValuesButIgnoreStarts();
    void byNameFunctionsShouldReachTheEventWhateverTheStringType();
    void byNameStartAndEndShouldReachListeners();
    void nonAsciiNamesShouldBeOneEventInEveryEncoding();
    void reusedCharBufferShouldNeverMapToTheOldEvent();
    void qstringChangedInPlaceShouldNeverMapToTheOldEvent();
    void manyNamesThroughOneBufferShouldEachReachTheirOwnCounter();
    void byNameFunctionsShouldWorkInEveryThread();
    void hasListenersShouldFollowRegistration();
    void oneEventShouldFeedSeveralCounters();
    void counterShouldListenToSeveralEvents();
    void explicitEventListShouldReplaceTheCounterName();
    void severalCountersOnOneEventShouldAllShowInCollect();
    void eventNobodyListensToShouldDoNothing();
    void eventsFromLateThreadLocalDestructorsShouldBeDelivered();
};

void EventTest::handleShouldKeepItsName()
{
    const Event e{"evt.name"};
    QCOMPARE(e.name(), QStringLiteral("evt.name"));
    QVERIFY(e.slot() != nullptr);
    const Event copy = e;
    QCOMPARE(copy.slot(), e.slot());
}

void EventTest::handlesOfOneNameShouldBeOneEventWhateverTheStringType()
{
    const Event fromLiteral{"evt.same"};
    QCOMPARE(Event{QStringLiteral("evt.same")}.slot(), fromLiteral.slot());
    QCOMPARE(Event{QLatin1String("evt.same")}.slot(), fromLiteral.slot());
    QCOMPARE(Event{QStringView(u"evt.same")}.slot(), fromLiteral.slot());
    QCOMPARE(Event{QUtf8StringView(QByteArrayLiteral("evt.same"))}.slot(), fromLiteral.slot());
    QCOMPARE(detail::cachedEvent("evt.same"), fromLiteral.slot());
    QVERIFY(Event{"evt.same2"}.slot() != fromLiteral.slot());
    QVERIFY(Event{"evt.sam"}.slot() != fromLiteral.slot());
}

void EventTest::handleShouldDeliverValueStartAndEndInOrder()
{
    EventLog log;
    Registry registry;
    QVERIFY(registry.registerCounter(
        std::make_shared<RecordingCounter>(QStringLiteral("evt.rec"), &log)));

    const Event e{"evt.rec"};
    e.start();
    e.value(2.5);
    e.end();

    QCOMPARE(log.entries(),
             (QStringList{QStringLiteral("evt.rec:start"), QStringLiteral("evt.rec:value=2.5"),
                          QStringLiteral("evt.rec:end")}));
}

void EventTest::eventCounterShouldCountEndsAndAddValuesButIgnoreStarts()
{
    Registry registry;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("evt.eventcounter"));
    QVERIFY(registry.registerCounter(counter));

    const Event e{"evt.eventcounter"};
    QCOMPARE(counter->value(), std::nullopt);
    e.start();
    QCOMPARE(counter->value(), std::nullopt);
    e.end();
    e.value(2.5);
    e.start();

    QCOMPARE(counter->value(), std::optional<double>(3.5));
}

void EventTest::byNameFunctionsShouldReachTheEventWhateverTheStringType()
{
    Registry registry;
    auto total = registeredTotal(registry, QStringLiteral("evt.byname"));

    reportValue("evt.byname", 1);
    reportValue(QStringLiteral("evt.byname"), 2);
    reportValue(QLatin1String("evt.byname"), 4);
    reportValue(QStringView(u"evt.byname"), 8);
    reportValue(QUtf8StringView(QByteArrayLiteral("evt.byname")), 16);
    const QString name = QStringLiteral("evt.byname");
    reportValue(QStringView(name), 32);
    // Other names must not reach it, however close.
    reportValue("evt.bynam", 64);
    reportValue("evt.byname2", 128);
    reportValue(QLatin1String("evt.bynamE"), 256);

    QCOMPARE(total->value(), std::optional<double>(63));
    QCOMPARE(total->count(), quint64(6));
}

void EventTest::byNameStartAndEndShouldReachListeners()
{
    EventLog log;
    Registry registry;
    QVERIFY(registry.registerCounter(
        std::make_shared<RecordingCounter>(QStringLiteral("evt.se"), &log)));

    reportStart("evt.se");
    reportEnd(QStringLiteral("evt.se"));
    reportStart(QLatin1String("evt.se"));
    reportValue(QStringView(u"evt.se"), 3);
    reportEnd(QStringView(u"evt.se"));

    QCOMPARE(log.entries(),
             (QStringList{QStringLiteral("evt.se:start"), QStringLiteral("evt.se:end"),
                          QStringLiteral("evt.se:start"), QStringLiteral("evt.se:value=3"),
                          QStringLiteral("evt.se:end")}));
}

void EventTest::nonAsciiNamesShouldBeOneEventInEveryEncoding()
{
    // "evt.café" as UTF-8 (a char literal), as Latin-1 and as UTF-16.
    Registry registry;
    auto total = registeredTotal(registry, QString::fromUtf8("evt.caf\xc3\xa9"));

    const Event handle{QString::fromUtf8("evt.caf\xc3\xa9")};
    QCOMPARE(Event{"evt.caf\xc3\xa9"}.slot(), handle.slot());
    QCOMPARE(Event{QLatin1String("evt.caf\xe9")}.slot(), handle.slot());
    QCOMPARE(Event{QStringView(u"evt.caf\u00e9")}.slot(), handle.slot());

    reportValue("evt.caf\xc3\xa9", 1);
    reportValue(QLatin1String("evt.caf\xe9"), 2);
    reportValue(QStringView(u"evt.caf\u00e9"), 4);
    reportValue("evt.cafe", 8); // a different event

    QCOMPARE(total->value(), std::optional<double>(7));
}

void EventTest::reusedCharBufferShouldNeverMapToTheOldEvent()
{
    Registry registry;
    auto a = registeredTotal(registry, QStringLiteral("evt.buf.a"));
    auto b = registeredTotal(registry, QStringLiteral("evt.buf.b"));
    auto longer = registeredTotal(registry, QStringLiteral("evt.buf.longer"));

    char buffer[32];
    const char *pointer = buffer;

    // Same address, same length, different content.
    qstrcpy(buffer, "evt.buf.a");
    reportValue(buffer, 1);
    qstrcpy(buffer, "evt.buf.b");
    reportValue(buffer, 10);
    qstrcpy(buffer, "evt.buf.a");
    reportValue(pointer, 100);
    qstrcpy(buffer, "evt.buf.b");
    reportValue(pointer, 1000);
    // Same address, different length.
    qstrcpy(buffer, "evt.buf.longer");
    reportValue(pointer, 10000);
    qstrcpy(buffer, "evt.buf.a");
    reportValue(pointer, 100000);
    // Through a Latin-1 view of the same buffer.
    qstrcpy(buffer, "evt.buf.b");
    reportValue(QLatin1String(pointer), 1000000);
    qstrcpy(buffer, "evt.buf.a");
    reportValue(QLatin1String(pointer), 10000000);

    QCOMPARE(a->value(), std::optional<double>(10100101));
    QCOMPARE(b->value(), std::optional<double>(1001010));
    QCOMPARE(longer->value(), std::optional<double>(10000));
}

void EventTest::qstringChangedInPlaceShouldNeverMapToTheOldEvent()
{
    Registry registry;
    auto a = registeredTotal(registry, QStringLiteral("evt.qs.a"));
    auto b = registeredTotal(registry, QStringLiteral("evt.qs.b"));

    QString name = QStringLiteral("evt.qs.a");
    name.detach();
    const QChar *before = name.constData();
    reportValue(name, 1);
    name[name.size() - 1] = u'b';
    QCOMPARE(name.constData(), before); // changed in place: the cache sees the same address
    reportValue(name, 10);
    reportStart(name);
    name[name.size() - 1] = u'a';
    reportValue(name, 100);

    QCOMPARE(a->value(), std::optional<double>(101));
    QCOMPARE(b->value(), std::optional<double>(10));
}

void EventTest::manyNamesThroughOneBufferShouldEachReachTheirOwnCounter()
{
    // More names than the per-thread cache has entries, all at one address: every call must
    // land on its own event.
    constexpr int kNames = 200;
    Registry registry;
    QList<std::shared_ptr<TotalCounter>> totals;
    for (int i = 0; i < kNames; ++i)
        totals.append(registeredTotal(
            registry, QStringLiteral("evt.many.%1").arg(i, 3, 10, QLatin1Char('0'))));

    char buffer[32];
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < kNames; ++i) {
            std::snprintf(buffer, sizeof buffer, "evt.many.%03d", i);
            reportValue(buffer, i);
            // And as distinct strings, which the cache spreads over its entries.
            reportValue(QStringLiteral("evt.many.%1").arg(i, 3, 10, QLatin1Char('0')), 1000);
        }
    }

    for (int i = 0; i < kNames; ++i)
        QCOMPARE(totals.at(i)->value(), std::optional<double>(3 * (i + 1000)));
}

void EventTest::byNameFunctionsShouldWorkInEveryThread()
{
    Registry registry;
    auto total = registeredTotal(registry, QStringLiteral("evt.threads"));

    reportValue("evt.threads", 1);
    std::thread other([] {
        reportValue("evt.threads", 10);
        reportValue(QStringLiteral("evt.threads"), 100);
    });
    other.join();
    reportValue("evt.threads", 1000);
    // Threads that start after others exited (often on the same stack and thread-local
    // storage) get a working cache of their own.
    for (int i = 0; i < 4; ++i)
        std::thread([] { reportValue("evt.threads", 10000); }).join();

    QCOMPARE(total->value(), std::optional<double>(41111));
}

void EventTest::hasListenersShouldFollowRegistration()
{
    const Event e{"evt.listeners"};
    QVERIFY(!e.hasListeners());

    Registry registry;
    auto first = registeredTotal(registry, QStringLiteral("evt.listeners"));
    QVERIFY(e.hasListeners());
    auto second = registeredTotal(registry, QStringLiteral("evt.listeners.2"),
                                  {QStringLiteral("evt.listeners")});
    QVERIFY(e.hasListeners());

    QVERIFY(registry.unregisterCounter(first));
    QVERIFY(e.hasListeners());
    QVERIFY(registry.unregisterCounter(second));
    QVERIFY(!e.hasListeners());
}

void EventTest::oneEventShouldFeedSeveralCounters()
{
    ManualClock clock;
    Registry registry(&clock);
    const QStringList events{QStringLiteral("evt.shared")};
    auto total = std::make_shared<TotalCounter>(QStringLiteral("evt.shared.total"), events);
    auto occurrences = std::make_shared<EventCounter>(QStringLiteral("evt.shared.count"), events);
    auto average = std::make_shared<AverageWindowCounter>(QStringLiteral("evt.shared.avg"),
                                                          Seconds(10), events);
    auto max =
        std::make_shared<MaxWindowCounter>(QStringLiteral("evt.shared.max"), Seconds(10), events);
    for (const std::shared_ptr<Counter> &c :
         {std::shared_ptr<Counter>(total), std::shared_ptr<Counter>(occurrences),
          std::shared_ptr<Counter>(average), std::shared_ptr<Counter>(max)}) {
        c->setClock(&clock);
        QVERIFY(registry.registerCounter(c));
    }

    const Event e{"evt.shared"};
    e.value(1);
    e.value(4);
    e.start();
    e.end();

    QCOMPARE(total->value(), std::optional<double>(5));       // values only
    QCOMPARE(occurrences->value(), std::optional<double>(6)); // 1 + 4 + one end
    QCOMPARE(average->value(), std::optional<double>(2.5));   // (1 + 4) / 2
    QCOMPARE(max->value(), std::optional<double>(4));
}

void EventTest::counterShouldListenToSeveralEvents()
{
    // Port of PyCounters test_one_counter_multiple_events: a TotalCounter listening to test1
    // and test2 gets 1 and 2 -> 3.
    Registry registry;
    auto total = registeredTotal(registry, QStringLiteral("test"),
                                 {QStringLiteral("test1"), QStringLiteral("test2")});

    reportValue("test1", 1);
    reportValue("test2", 2);

    QCOMPARE(total->value(), std::optional<double>(3));
}

void EventTest::explicitEventListShouldReplaceTheCounterName()
{
    Registry registry;
    auto total =
        registeredTotal(registry, QStringLiteral("evt.own"), {QStringLiteral("evt.other")});
    QCOMPARE(total->events(), QStringList{QStringLiteral("evt.other")});

    reportValue("evt.own", 1);
    QCOMPARE(total->value(), std::nullopt);
    reportValue("evt.other", 2);
    QCOMPARE(total->value(), std::optional<double>(2));
}

void EventTest::severalCountersOnOneEventShouldAllShowInCollect()
{
    // Port of PyCounters test_multiple_counters_one_event: two TotalCounters on event "test",
    // report_value("test", 1) -> the report shows {test1: 1, test2: 1}. Here the report is
    // Registry::collect().
    ManualClock clock;
    Registry registry(&clock);
    registeredTotal(registry, QStringLiteral("test1"), {QStringLiteral("test")});
    registeredTotal(registry, QStringLiteral("test2"), {QStringLiteral("test")});

    reportValue("test", 1);

    const Snapshot snapshot = registry.collect();
    QCOMPARE(snapshot.rows().size(), 2);
    QCOMPARE(snapshot.rows().at(0).name, QStringLiteral("test1"));
    QCOMPARE(snapshot.rows().at(1).name, QStringLiteral("test2"));
    QCOMPARE(snapshot.value(u"test1"), std::optional<double>(1));
    QCOMPARE(snapshot.value(u"test2"), std::optional<double>(1));
}

void EventTest::eventNobodyListensToShouldDoNothing()
{
    // A counter of that name that is not registered must not see anything.
    EventLog log;
    auto unregistered = std::make_shared<RecordingCounter>(QStringLiteral("evt.nobody"), &log);

    const Event e{"evt.nobody"};
    QVERIFY(!e.hasListeners());
    e.value(1);
    e.start();
    e.end();
    reportValue("evt.nobody", 1);
    reportStart(QStringLiteral("evt.nobody"));
    reportEnd(QStringView(u"evt.nobody"));

    QVERIFY(!e.hasListeners());
    QCOMPARE(log.entries(), QStringList());

    // Fed directly, the same counter records: the log above is empty because nothing was
    // delivered, not because the double does not work.
    unregistered->reportEnd();
    QCOMPARE(log.entries(), QStringList{QStringLiteral("evt.nobody:end")});
}

// A thread-local object made before the thread's first event is destroyed after the thread's
// reader record: its destructor's events must still be delivered, and safely.
void EventTest::eventsFromLateThreadLocalDestructorsShouldBeDelivered()
{
    Registry registry;
    auto counter = std::make_shared<EventCounter>(QStringLiteral("late.event"));
    QVERIFY(registry.registerCounter(counter));
    struct Late
    {
        ~Late() { Event("late.event").value(1); }
    };
    std::thread thread([] {
        thread_local Late late;
        Event("late.event").value(1); // makes the record, after `late`
    });
    thread.join();
    QCOMPARE(counter->value(), std::optional<double>(2));
}

QTEST_GUILESS_MAIN(EventTest)
#include "tst_event.moc"
