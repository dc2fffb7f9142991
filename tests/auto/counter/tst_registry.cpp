// SPDX-License-Identifier: MIT
#include <counters/base/clock.h>
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/frequencycounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/event.h>
#include <counters/event/listeners_p.h>

#include <QTest>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
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

const std::optional<double> kNull;

std::shared_ptr<TotalCounter> total(const QString &name, const QStringList &events = {})
{
    return std::make_shared<TotalCounter>(name, events);
}

QStringList namesOf(const QList<std::shared_ptr<Counter>> &list)
{
    QStringList names;
    for (const auto &c : list)
        names.append(c->name());
    return names;
}

QStringList namesOf(const Snapshot &snapshot)
{
    QStringList names;
    for (const CounterRow &row : snapshot.rows())
        names.append(row.name);
    return names;
}

// A one-shot gate between two threads.
class Gate
{
public:
    void open()
    {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_changed.notify_all();
    }
    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_open; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
};

} // namespace

class RegistryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registeredCounterShouldReceiveItsEvents();
    void registeringANullOrUnnamedCounterShouldFail();
    void registeringATakenNameShouldFailWithIfExistsFail();
    void registeringATakenNameShouldKeepTheExistingOneWithIfExistsIgnore();
    void errorStringShouldExplainTheCallingThreadsFailure();
    void setClockShouldWorkOnlyWhileTheRegistryIsEmpty();
    void countersShouldTakeTheRegistrysClockUnlessGivenOne();
    void counterShouldRefuseANewClockWhileRegistered();
    void newClockShouldForgetWhatWasRecordedUnderTheOldOne();
    void unregisterByObjectShouldStopEvents();
    void unregisterByNameShouldStopEvents();
    void unregisterShouldFailForUnknownCounters();
    void unregisterShouldFailForAnotherObjectOfTheSameName();
    void counterShouldBeRegisteredAgainAfterUnregister();
    void unregisterAllShouldEmptyTheRegistry();
    void destroyedRegistryShouldStopItsCountersEvents();
    void counterShouldFindByName();
    void countersShouldBeSortedByName();
    void counterListingItsEventTwiceShouldReceiveEachEventOnce();
    void counterOrAddShouldAddOnlyWhenAbsent();
    void counterOrAddShouldFailWhenNothingIsMade();
    void generationShouldChangeOnRegisterAndUnregister();
    void collectShouldReadEveryCounterAtTheRegistryClockTime();
    void collectOfAnEmptyRegistryShouldHaveNoRows();
    void collectShouldCarryTheServiceName();
    void registriesShouldBeIndependent();
    void getValuesShouldGiveEveryCountersValue();
    void currentThreadCounterShouldReceiveOnlyItsThreadsEvents();
    void currentThreadCounterShouldIgnoreLaterThreadsAfterItsThreadExited();
    void counterInAnotherRegistryShouldNotRegisterTwice();
    void unregisteredCountersShouldBeFreedAfterAGracePeriod();
};

void RegistryTest::registeredCounterShouldReceiveItsEvents()
{
    Registry registry;
    auto counter = total(QStringLiteral("reg.receive"));
    reportValue("reg.receive", 1); // not registered yet: lost
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.receive", 2);
    QCOMPARE(counter->value(), std::optional<double>(2));
}

void RegistryTest::registeringANullOrUnnamedCounterShouldFail()
{
    Registry registry;
    QVERIFY(!registry.registerCounter(nullptr));
    QVERIFY(!registry.errorString().isEmpty());
    QVERIFY(!registry.registerCounter(total(QString())));
    QVERIFY(!registry.errorString().isEmpty());
    QVERIFY(registry.counters().isEmpty());
}

// A failure is explained to the thread that made the call, whatever other threads do between
// the call and the read, and only by the registry it happened in.
void RegistryTest::errorStringShouldExplainTheCallingThreadsFailure()
{
    Registry registry;
    Registry other;
    QVERIFY(registry.registerCounter(total(QStringLiteral("reg.err.taken"))));
    QVERIFY(!registry.registerCounter(total(QStringLiteral("reg.err.taken"))));
    const QString mine = registry.errorString();
    QVERIFY(mine.contains(QStringLiteral("reg.err.taken")));

    QString theirs;
    QString theirsBefore;
    bool theyFailed = false;
    std::thread([&] {
        theirsBefore = registry.errorString(); // this thread has not failed yet
        theyFailed = !registry.unregisterCounter(QStringLiteral("reg.err.unknown"));
        theirs = registry.errorString();
    }).join();
    QVERIFY(theyFailed);
    QVERIFY(theirsBefore.isEmpty());
    QVERIFY(theirs.contains(QStringLiteral("reg.err.unknown")));
    QCOMPARE(registry.errorString(), mine);
    QVERIFY(other.errorString().isEmpty());

    // A registry made later, perhaps at the same address, starts without one.
    auto later = std::make_unique<Registry>();
    QVERIFY(later->errorString().isEmpty());
}

void RegistryTest::setClockShouldWorkOnlyWhileTheRegistryIsEmpty()
{
    ManualClock clock(Seconds(50), 1.7e9);
    Registry registry;
    QCOMPARE(registry.clock(), Clock::system());
    QVERIFY(!registry.setClock(nullptr));
    QVERIFY(registry.setClock(&clock));
    QCOMPARE(registry.clock(), &clock);
    QCOMPARE(registry.collect().time(), 1.7e9 + 50);

    QVERIFY(registry.registerCounter(total(QStringLiteral("reg.clock.t"))));
    QVERIFY(!registry.setClock(Clock::system()));
    QVERIFY2(registry.errorString().contains(QStringLiteral("unregister")),
             qPrintable(registry.errorString()));
    QCOMPARE(registry.clock(), &clock);
    registry.unregisterAll();
    QVERIFY(registry.setClock(Clock::system()));
}

void RegistryTest::countersShouldTakeTheRegistrysClockUnlessGivenOne()
{
    ManualClock clock;
    ManualClock own;
    Registry registry(&clock);
    auto plain = std::make_shared<AverageWindowCounter>(QStringLiteral("reg.clock.plain"));
    auto given = std::make_shared<AverageWindowCounter>(QStringLiteral("reg.clock.given"));
    QVERIFY(given->setClock(&own));
    QVERIFY(registry.registerCounter(plain));
    QVERIFY(registry.registerCounter(given));
    QCOMPARE(plain->clock(), &clock);
    QCOMPARE(given->clock(), &own);
    auto made = registry.counterOrAdd(QStringLiteral("reg.clock.made"), [] {
        return std::make_shared<EventCounter>(QStringLiteral("reg.clock.made"));
    });
    QCOMPARE(made->clock(), &clock);

    // The registry's window now moves with the test's clock.
    reportValue("reg.clock.plain", 3);
    QCOMPARE(plain->value(), std::optional<double>(3));
    clock.advance(Seconds(400));
    QCOMPARE(plain->value(), std::optional<double>());

    // A registry on the system clock leaves counters as they are.
    Registry system;
    auto other = std::make_shared<TotalCounter>(QStringLiteral("reg.clock.other"));
    QVERIFY(other->setClock(&own));
    QVERIFY(system.registerCounter(other));
    QCOMPARE(other->clock(), &own);
}

void RegistryTest::counterShouldRefuseANewClockWhileRegistered()
{
    ManualClock clock;
    ManualClock later;
    Registry registry(&clock);
    auto counter = std::make_shared<AverageWindowCounter>(QStringLiteral("reg.clock.locked"));
    QVERIFY(registry.registerCounter(counter));
    QTest::ignoreMessage(QtWarningMsg,
                         "counter reg.clock.locked: cannot change the clock of a registered "
                         "counter; unregister it first");
    QVERIFY(!counter->setClock(&later));
    QCOMPARE(counter->clock(), &clock);
    QVERIFY(registry.unregisterCounter(counter));
    QVERIFY(counter->setClock(&later));
    QCOMPARE(counter->clock(), &later);
}

void RegistryTest::newClockShouldForgetWhatWasRecordedUnderTheOldOne()
{
    ManualClock clock(Seconds(10'000));
    auto average = std::make_shared<AverageWindowCounter>(QStringLiteral("reg.clock.avg"));
    auto events = std::make_shared<EventCounter>(QStringLiteral("reg.clock.events"));
    average->reportValue(7); // at the system clock's time, which means nothing on `clock`
    events->reportEnd();
    QVERIFY(average->setClock(&clock));
    QVERIFY(events->setClock(&clock));
    QCOMPARE(average->value(), std::optional<double>());
    QCOMPARE(events->value(), std::optional<double>()); // as new: null, not the 0 of clear()
    average->reportValue(2);
    QCOMPARE(average->value(), std::optional<double>(2));
}

void RegistryTest::registeringATakenNameShouldFailWithIfExistsFail()
{
    Registry registry;
    auto first = total(QStringLiteral("reg.taken"));
    auto second = total(QStringLiteral("reg.taken"));
    QVERIFY(registry.registerCounter(first));
    QVERIFY(registry.errorString().isEmpty());

    QVERIFY(!registry.registerCounter(second)); // IfExists::Fail is the default
    QVERIFY(registry.errorString().contains(QStringLiteral("reg.taken")));
    QVERIFY(!registry.registerCounter(second, Registry::IfExists::Fail));
    // Registering the same object again is a taken name too.
    QVERIFY(!registry.registerCounter(first));

    QCOMPARE(registry.counter(QStringLiteral("reg.taken")), first);
    reportValue("reg.taken", 3);
    QCOMPARE(first->value(), std::optional<double>(3)); // once, not twice
    QCOMPARE(second->value(), kNull);
}

void RegistryTest::registeringATakenNameShouldKeepTheExistingOneWithIfExistsIgnore()
{
    Registry registry;
    auto first = total(QStringLiteral("reg.ignore"));
    auto second = std::make_shared<EventCounter>(QStringLiteral("reg.ignore"));
    QVERIFY(registry.registerCounter(first));
    QVERIFY(registry.registerCounter(second, Registry::IfExists::Ignore));

    QCOMPARE(registry.counter(QStringLiteral("reg.ignore")), std::shared_ptr<Counter>(first));
    QCOMPARE(registry.counters().size(), 1);
    reportValue("reg.ignore", 5);
    QCOMPARE(first->value(), std::optional<double>(5));
    QCOMPARE(second->value(), kNull);
}

void RegistryTest::unregisterByObjectShouldStopEvents()
{
    Registry registry;
    auto counter = total(QStringLiteral("reg.unreg.object"));
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.unreg.object", 1);

    QVERIFY(registry.unregisterCounter(std::shared_ptr<Counter>(counter)));
    reportValue("reg.unreg.object", 10);
    Event{"reg.unreg.object"}.value(100);

    QCOMPARE(counter->value(), std::optional<double>(1));
    QCOMPARE(registry.counter(QStringLiteral("reg.unreg.object")), nullptr);
    QVERIFY(!Event{"reg.unreg.object"}.hasListeners());
}

void RegistryTest::unregisterByNameShouldStopEvents()
{
    Registry registry;
    auto counter = total(QStringLiteral("reg.unreg.name"), {QStringLiteral("reg.unreg.event")});
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.unreg.event", 1);

    QVERIFY(registry.unregisterCounter(QStringLiteral("reg.unreg.name")));
    reportValue("reg.unreg.event", 10);

    QCOMPARE(counter->value(), std::optional<double>(1));
    QVERIFY(registry.counters().isEmpty());
}

void RegistryTest::unregisterShouldFailForUnknownCounters()
{
    Registry registry;
    QVERIFY(registry.registerCounter(total(QStringLiteral("reg.known"))));

    QVERIFY(!registry.unregisterCounter(QStringLiteral("reg.unknown")));
    QVERIFY(registry.errorString().contains(QStringLiteral("reg.unknown")));
    QVERIFY(!registry.unregisterCounter(total(QStringLiteral("reg.unknown.object"))));
    QVERIFY(registry.errorString().contains(QStringLiteral("reg.unknown.object")));
    QVERIFY(!registry.unregisterCounter(std::shared_ptr<Counter>()));
    QVERIFY(!registry.errorString().isEmpty());
    // Twice: the second time it is unknown.
    QVERIFY(registry.unregisterCounter(QStringLiteral("reg.known")));
    QVERIFY(!registry.unregisterCounter(QStringLiteral("reg.known")));
}

void RegistryTest::unregisterShouldFailForAnotherObjectOfTheSameName()
{
    Registry registry;
    auto registered = total(QStringLiteral("reg.same"));
    auto impostor = total(QStringLiteral("reg.same"));
    QVERIFY(registry.registerCounter(registered));

    QVERIFY(!registry.unregisterCounter(std::shared_ptr<Counter>(impostor)));
    QVERIFY(!registry.errorString().isEmpty());

    // Nothing was removed: the registered one still counts.
    QCOMPARE(registry.counter(QStringLiteral("reg.same")), std::shared_ptr<Counter>(registered));
    reportValue("reg.same", 4);
    QCOMPARE(registered->value(), std::optional<double>(4));
}

void RegistryTest::counterShouldBeRegisteredAgainAfterUnregister()
{
    Registry registry;
    auto counter = total(QStringLiteral("reg.again"));
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.again", 1);
    QVERIFY(registry.unregisterCounter(std::shared_ptr<Counter>(counter)));
    reportValue("reg.again", 10);
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.again", 100);
    QCOMPARE(counter->value(), std::optional<double>(101));
}

void RegistryTest::unregisterAllShouldEmptyTheRegistry()
{
    Registry registry;
    auto a = total(QStringLiteral("reg.all.a"));
    auto b = total(QStringLiteral("reg.all.b"));
    QVERIFY(registry.registerCounter(a));
    QVERIFY(registry.registerCounter(b));
    registry.unregisterAll();
    QVERIFY(registry.counters().isEmpty());
    reportValue("reg.all.a", 1);
    reportValue("reg.all.b", 1);
    QCOMPARE(a->value(), kNull);
    QCOMPARE(b->value(), kNull);
}

void RegistryTest::destroyedRegistryShouldStopItsCountersEvents()
{
    auto counter = total(QStringLiteral("reg.destroyed"));
    {
        Registry registry;
        QVERIFY(registry.registerCounter(counter));
        reportValue("reg.destroyed", 1);
    }
    reportValue("reg.destroyed", 10);
    QCOMPARE(counter->value(), std::optional<double>(1));
    QVERIFY(!Event{"reg.destroyed"}.hasListeners());
}

void RegistryTest::counterShouldFindByName()
{
    Registry registry;
    auto a = total(QStringLiteral("reg.find.a"));
    QVERIFY(registry.registerCounter(a));
    QCOMPARE(registry.counter(QStringLiteral("reg.find.a")), std::shared_ptr<Counter>(a));
    QCOMPARE(registry.counter(QStringLiteral("reg.find.b")), nullptr);
    QCOMPARE(registry.counter(QStringLiteral("reg.find")), nullptr);
    QCOMPARE(registry.counter(QString()), nullptr);
}

void RegistryTest::countersShouldBeSortedByName()
{
    Registry registry;
    for (const char *name : {"reg.sort.c", "reg.sort.a", "reg.sort.B", "reg.sort.b"})
        QVERIFY(registry.registerCounter(total(QString::fromUtf8(name))));
    QCOMPARE(namesOf(registry.counters()),
             (QStringList{QStringLiteral("reg.sort.B"), QStringLiteral("reg.sort.a"),
                          QStringLiteral("reg.sort.b"), QStringLiteral("reg.sort.c")}));
}

void RegistryTest::counterListingItsEventTwiceShouldReceiveEachEventOnce()
{
    Registry registry;
    auto counter = total(QStringLiteral("reg.twice"),
                         {QStringLiteral("reg.twice.e"), QStringLiteral("reg.twice.e")});
    QVERIFY(registry.registerCounter(counter));
    reportValue("reg.twice.e", 1);
    QCOMPARE(counter->value(), std::optional<double>(1));
}

void RegistryTest::counterOrAddShouldAddOnlyWhenAbsent()
{
    ManualClock clock;
    Registry registry(&clock);
    int made = 0;
    auto make = [&made] {
        ++made;
        return std::make_shared<AverageWindowCounter>(QStringLiteral("reg.oradd"));
    };

    const std::shared_ptr<Counter> added = registry.counterOrAdd(QStringLiteral("reg.oradd"), make);
    QVERIFY(added);
    QCOMPARE(made, 1);
    QCOMPARE(added->type(), CounterType::AverageWindow);
    QCOMPARE(added->clock(), &clock); // handed the registry's clock
    QCOMPARE(registry.counter(QStringLiteral("reg.oradd")), added);

    QCOMPARE(registry.counterOrAdd(QStringLiteral("reg.oradd"), make), added);
    QCOMPARE(made, 1);

    // An existing counter of another type is reused as it is.
    auto existing = total(QStringLiteral("reg.oradd.total"));
    QVERIFY(registry.registerCounter(existing));
    QCOMPARE(registry.counterOrAdd(QStringLiteral("reg.oradd.total"),
                                   [] {
                                       return std::make_shared<AverageWindowCounter>(
                                           QStringLiteral("reg.oradd.total"));
                                   }),
             std::shared_ptr<Counter>(existing));

    reportValue("reg.oradd", 3);
    QCOMPARE(added->value(), std::optional<double>(3));
}

void RegistryTest::counterOrAddShouldFailWhenNothingIsMade()
{
    Registry registry;
    QCOMPARE(registry.counterOrAdd(QStringLiteral("reg.oradd.none"),
                                   [] { return std::shared_ptr<Counter>(); }),
             nullptr);
    QVERIFY(registry.errorString().contains(QStringLiteral("reg.oradd.none")));
    QVERIFY(registry.counters().isEmpty());
}

void RegistryTest::generationShouldChangeOnRegisterAndUnregister()
{
    Registry registry;
    const quint64 g0 = registry.generation();
    auto counter = total(QStringLiteral("reg.gen"));
    QVERIFY(registry.registerCounter(counter));
    const quint64 g1 = registry.generation();
    QVERIFY(g1 != g0);
    QVERIFY(!registry.registerCounter(total(QStringLiteral("reg.gen"))));
    (void)registry.counter(QStringLiteral("reg.gen"));
    (void)registry.collect();
    QCOMPARE(registry.generation(), g1);
    QVERIFY(registry.unregisterCounter(QStringLiteral("reg.gen")));
    QVERIFY(registry.generation() != g1);
}

void RegistryTest::collectShouldReadEveryCounterAtTheRegistryClockTime()
{
    ManualClock clock(Seconds(1000), 1.7e9);
    Registry registry(&clock);
    QCOMPARE(registry.clock(), &clock);

    auto average =
        std::make_shared<AverageWindowCounter>(QStringLiteral("reg.collect.b"), Seconds(10));
    auto totalCounter = total(QStringLiteral("reg.collect.a"));
    auto frequency =
        std::make_shared<FrequencyCounter>(QStringLiteral("reg.collect.c"), Seconds(10));
    for (const std::shared_ptr<Counter> &c :
         {std::shared_ptr<Counter>(average), std::shared_ptr<Counter>(totalCounter),
          std::shared_ptr<Counter>(frequency)}) {
        c->setClock(&clock);
        QVERIFY(registry.registerCounter(c));
    }

    reportValue("reg.collect.a", 2);
    reportValue("reg.collect.b", 1);
    reportValue("reg.collect.b", 3);
    reportValue("reg.collect.c", 4); // four occurrences
    clock.advance(Seconds(2));

    const Snapshot snapshot = registry.collect();
    QVERIFY(!snapshot.isNull());
    QCOMPARE(snapshot.time(), 1.7e9 + 1002.0);
    QCOMPARE(namesOf(snapshot),
             (QStringList{QStringLiteral("reg.collect.a"), QStringLiteral("reg.collect.b"),
                          QStringLiteral("reg.collect.c")}));

    const CounterRow *a = snapshot.row(u"reg.collect.a");
    QVERIFY(a);
    QCOMPARE(a->type, CounterType::Total);
    QCOMPARE(a->value, std::optional<double>(2));
    QCOMPARE(a->count, quint64(1));
    QCOMPARE(a->window, 0.0);

    const CounterRow *b = snapshot.row(u"reg.collect.b");
    QVERIFY(b);
    QCOMPARE(b->type, CounterType::AverageWindow);
    QCOMPARE(b->value, std::optional<double>(2));
    QCOMPARE(b->count, quint64(2));
    QCOMPARE(b->window, 10.0);
    QCOMPARE(b->subValues.value(QStringLiteral("min")), 1.0);
    QCOMPARE(b->subValues.value(QStringLiteral("max")), 3.0);

    // 4 occurrences over the 2 s since registration (shorter than the 10 s window).
    const CounterRow *c = snapshot.row(u"reg.collect.c");
    QVERIFY(c);
    QCOMPARE(c->type, CounterType::Frequency);
    QCOMPARE(c->value, std::optional<double>(2));

    // The next collection is a new reading at the new time.
    clock.advance(Seconds(1));
    reportValue("reg.collect.a", 1);
    const Snapshot later = registry.collect();
    QCOMPARE(later.time(), 1.7e9 + 1003.0);
    QCOMPARE(later.value(u"reg.collect.a"), std::optional<double>(3));
    QCOMPARE(snapshot.value(u"reg.collect.a"), std::optional<double>(2)); // immutable
}

void RegistryTest::collectOfAnEmptyRegistryShouldHaveNoRows()
{
    ManualClock clock(Seconds(5), 100.0);
    Registry registry(&clock);
    const Snapshot snapshot = registry.collect();
    QVERIFY(!snapshot.isNull());
    QVERIFY(snapshot.rows().isEmpty());
    QCOMPARE(snapshot.time(), 105.0);
}

void RegistryTest::collectShouldCarryTheServiceName()
{
    Registry registry;
    QVERIFY(!registry.serviceName().isEmpty()); // the application's (or executable's) name
    registry.setServiceName(QStringLiteral("billing"));
    QCOMPARE(registry.serviceName(), QStringLiteral("billing"));
    const Snapshot snapshot = registry.collect();
    QCOMPARE(snapshot.source().service, QStringLiteral("billing"));
    QCOMPARE(snapshot.source().pid, QCoreApplication::applicationPid());
    QVERIFY(!snapshot.source().host.isEmpty());
}

void RegistryTest::registriesShouldBeIndependent()
{
    ManualClock clockA(Seconds(0), 100.0);
    ManualClock clockB(Seconds(0), 200.0);
    Registry a(&clockA);
    Registry b(&clockB);

    // The same name in both: each registry counts the shared event its own way.
    auto inA = total(QStringLiteral("reg.indep"));
    auto inB = std::make_shared<EventCounter>(QStringLiteral("reg.indep"));
    auto onlyB = total(QStringLiteral("reg.indep.b"));
    QVERIFY(a.registerCounter(inA));
    QVERIFY(b.registerCounter(inB));
    QVERIFY(b.registerCounter(onlyB));

    Event e{"reg.indep"};
    e.value(2);
    e.end();

    QCOMPARE(inA->value(), std::optional<double>(2));
    QCOMPARE(inB->value(), std::optional<double>(3));

    QCOMPARE(namesOf(a.collect()), QStringList{QStringLiteral("reg.indep")});
    QCOMPARE(namesOf(b.collect()),
             (QStringList{QStringLiteral("reg.indep"), QStringLiteral("reg.indep.b")}));
    QCOMPARE(a.collect().time(), 100.0);
    QCOMPARE(b.collect().time(), 200.0);
    QCOMPARE(a.counter(QStringLiteral("reg.indep.b")), nullptr);

    // Unregistering from one leaves the other alone.
    QVERIFY(a.unregisterCounter(QStringLiteral("reg.indep")));
    QVERIFY(!a.unregisterCounter(QStringLiteral("reg.indep.b")));
    e.value(1);
    QCOMPARE(inA->value(), std::optional<double>(2));
    QCOMPARE(inB->value(), std::optional<double>(4));
    QCOMPARE(b.counters().size(), 2);
}

void RegistryTest::getValuesShouldGiveEveryCountersValue()
{
    // Port of PyCounters test_registry_get_values: a private registry with two counters fed
    // directly (not through events) -> get_values().values == {"test1": 2, "test2": 3}.
    ManualClock clock;
    Registry registry(&clock);
    auto test1 = std::make_shared<EventCounter>(QStringLiteral("test1"));
    auto test2 = std::make_shared<EventCounter>(QStringLiteral("test2"));
    QVERIFY(registry.registerCounter(test1));
    QVERIFY(registry.registerCounter(test2));

    test1->reportValue(2);
    test2->reportValue(3);

    const Snapshot snapshot = registry.collect();
    QCOMPARE(namesOf(snapshot), (QStringList{QStringLiteral("test1"), QStringLiteral("test2")}));
    QCOMPARE(snapshot.value(u"test1"), std::optional<double>(2));
    QCOMPARE(snapshot.value(u"test2"), std::optional<double>(3));
}

void RegistryTest::currentThreadCounterShouldReceiveOnlyItsThreadsEvents()
{
    Registry registry;
    auto mine = total(QStringLiteral("reg.thread.mine"), {QStringLiteral("reg.thread")});
    auto everyone = total(QStringLiteral("reg.thread.all"), {QStringLiteral("reg.thread")});
    QVERIFY(registry.registerCounter(everyone));

    Gate registered;
    Gate othersDone;
    bool ok = false;
    std::thread owner([&] {
        ok = registry.registerCounter(mine, Registry::IfExists::Fail,
                                      Registry::ThreadScope::CurrentThread);
        registered.open();
        othersDone.wait(); // stay alive while the other threads raise events
        Event{"reg.thread"}.value(1);
        reportValue("reg.thread", 2);
    });

    registered.wait();
    QVERIFY(ok);
    Event{"reg.thread"}.value(10); // main thread
    reportValue("reg.thread", 20);
    std::thread([] { Event{"reg.thread"}.value(100); }).join(); // a third thread
    othersDone.open();
    owner.join();

    QCOMPARE(mine->value(), std::optional<double>(3));
    QCOMPARE(everyone->value(), std::optional<double>(133));
}

void RegistryTest::currentThreadCounterShouldIgnoreLaterThreadsAfterItsThreadExited()
{
    // A thread that starts after the registering thread has exited is another thread, even if
    // the system reuses the old thread's stack and thread-local storage for it.
    Registry registry;
    auto mine = total(QStringLiteral("reg.exited.mine"), {QStringLiteral("reg.exited")});
    bool ok = false;
    std::thread owner([&] {
        ok = registry.registerCounter(mine, Registry::IfExists::Fail,
                                      Registry::ThreadScope::CurrentThread);
        Event{"reg.exited"}.value(1);
    });
    owner.join();
    QVERIFY(ok);
    QCOMPARE(mine->value(), std::optional<double>(1));

    for (int i = 0; i < 8; ++i)
        std::thread([] { Event{"reg.exited"}.value(1000); }).join();

    QCOMPARE(mine->value(), std::optional<double>(1));
}

void RegistryTest::counterInAnotherRegistryShouldNotRegisterTwice()
{
    Registry first;
    Registry second;
    auto counter = std::make_shared<TotalCounter>(QStringLiteral("shared"));
    QVERIFY(first.registerCounter(counter));
    QVERIFY(!second.registerCounter(counter));
    QVERIFY(second.errorString().contains(QStringLiteral("another registry")));
    QVERIFY(first.unregisterCounter(counter));
    QVERIFY(second.registerCounter(counter)); // free again once unregistered
}

// Unregistered counters are kept only for a grace period (threads may still be delivering to
// them), so registering and unregistering in a loop does not grow memory without bound.
void RegistryTest::unregisteredCountersShouldBeFreedAfterAGracePeriod()
{
    Registry registry;
    const Event event{"grace_period_event"};
    std::vector<std::weak_ptr<Counter>> unregistered;
    for (int i = 0; i < 1000; ++i) {
        auto counter = std::make_shared<TotalCounter>(
            QStringLiteral("grace_%1").arg(i), QStringList{QStringLiteral("grace_period_event")});
        QVERIFY(registry.registerCounter(counter));
        event.value(1);
        QVERIFY(registry.unregisterCounter(counter));
        unregistered.push_back(counter);
    }
    // Batches are freed as they fill up: most are gone already, without any explicit call.
    const auto alive = [&] {
        return std::count_if(unregistered.begin(), unregistered.end(),
                             [](const std::weak_ptr<Counter> &c) { return !c.expired(); });
    };
    QVERIFY2(alive() < 200, qPrintable(QString::number(alive())));
    detail::reclaimRetired();
    QCOMPARE(alive(), 0);
}

QTEST_GUILESS_MAIN(RegistryTest)
#include "tst_registry.moc"
