// SPDX-License-Identifier: MIT
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/alleventslistener.h>
#include <counters/event/event.h>

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

// Writes down every event it hears as "<name> <kind> <value>".
class RecordingListener final : public AllEventsListener
{
public:
    explicit RecordingListener(int kinds = EventListener::ValueEvents | EventListener::StartEvents
                                   | EventListener::EndEvents)
        : m_kinds(kinds)
    {
    }
    ~RecordingListener() { stopListening(); }

    int eventKinds() const noexcept override { return m_kinds; }
    void onEvent(Event event, EventListener::EventKind kind, double value) noexcept override
    {
        const char *kindName = kind == EventListener::ValueEvents
            ? "value"
            : (kind == EventListener::StartEvents ? "start" : "end");
        std::lock_guard lock(m_mutex);
        m_entries.append(
            QStringLiteral("%1 %2 %3")
                .arg(event.name(), QLatin1StringView(kindName), QString::number(value)));
    }

    QStringList entries() const
    {
        std::lock_guard lock(m_mutex);
        return m_entries;
    }

private:
    int m_kinds;
    mutable std::mutex m_mutex;
    QStringList m_entries;
};

// Counts what it hears, and whether anything arrived after it was told it had stopped.
class CountingListener final : public AllEventsListener
{
public:
    ~CountingListener() { stopListening(); }
    int eventKinds() const noexcept override { return EventListener::ValueEvents; }
    void onEvent(Event, EventListener::EventKind, double) noexcept override
    {
        heard.fetch_add(1, std::memory_order_relaxed);
        // Stays a while, as a listener that logs would: a stop that did not wait for it
        // returns meanwhile.
        const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(20);
        while (std::chrono::steady_clock::now() < until) {
        }
        if (stopped.load(std::memory_order_acquire))
            lateDeliveries.fetch_add(1, std::memory_order_relaxed);
    }

    std::atomic<quint64> heard{0};
    std::atomic<bool> stopped{false};
    std::atomic<quint64> lateDeliveries{0};
};

} // namespace

class AllEventsListenerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void processListenerShouldHearEveryEventOfEveryThread();
    void thisThreadListenerShouldHearOnlyItsThread();
    void eventKindsShouldLimitWhatIsHeard();
    void eventsNamedAfterStartingShouldBeHeardToo();
    void catchAllListenersShouldHearAnEventBeforeItsCounters();
    void stoppingShouldLeaveCountersAndTheNoListenerPathAsTheyWere();
    void startingTwiceShouldBeRefused();
    void nothingShouldBeDeliveredAfterStopListeningReturns();
};

void AllEventsListenerTest::processListenerShouldHearEveryEventOfEveryThread()
{
    RecordingListener listener;
    QVERIFY(listener.startListening(AllEventsListener::Scope::Process));
    QVERIFY(listener.isListening());
    const Event event(u"process.listener.a");
    event.value(2.5);
    std::thread([] {
        reportStart("process.listener.b");
        reportEnd("process.listener.b");
    }).join();
    QCOMPARE(listener.entries(),
             QStringList({u"process.listener.a value 2.5"_s, u"process.listener.b start 0"_s,
                          u"process.listener.b end 0"_s}));
}

void AllEventsListenerTest::thisThreadListenerShouldHearOnlyItsThread()
{
    RecordingListener listener;
    QVERIFY(listener.startListening(AllEventsListener::Scope::ThisThread));
    std::thread([] { reportValue("thread.listener.other", 1); }).join();
    reportValue("thread.listener.mine", 2);
    QCOMPARE(listener.entries(), QStringList({u"thread.listener.mine value 2"_s}));

    // A listener of another thread hears that thread, not this one.
    std::unique_ptr<RecordingListener> theirs;
    std::thread([&] {
        theirs = std::make_unique<RecordingListener>();
        theirs->startListening(AllEventsListener::Scope::ThisThread);
        reportValue("thread.listener.theirs", 3);
    }).join();
    reportValue("thread.listener.mine", 4);
    QCOMPARE(theirs->entries(), QStringList({u"thread.listener.theirs value 3"_s}));
    theirs->stopListening(); // from another thread than its own: waits for a grace period
    QVERIFY(!theirs->isListening());
}

void AllEventsListenerTest::eventKindsShouldLimitWhatIsHeard()
{
    RecordingListener blocks(EventListener::StartEvents | EventListener::EndEvents);
    blocks.startListening(AllEventsListener::Scope::ThisThread);
    const Event event(u"kinds.limited");
    event.value(1);
    event.start();
    event.end();
    QCOMPARE(blocks.entries(), QStringList({u"kinds.limited start 0"_s, u"kinds.limited end 0"_s}));
    // Only the kinds some listener wants take the call into the library.
    QVERIFY(event.hasListeners());
}

void AllEventsListenerTest::eventsNamedAfterStartingShouldBeHeardToo()
{
    RecordingListener listener;
    listener.startListening(AllEventsListener::Scope::ThisThread);
    const Event fresh(u"named.after.starting.%1"_s.arg(quintptr(&listener)));
    QVERIFY(fresh.hasListeners());
    fresh.value(7);
    QCOMPARE(listener.entries().size(), 1);
    QVERIFY(listener.entries().constFirst().endsWith(u" value 7"_s));
}

void AllEventsListenerTest::catchAllListenersShouldHearAnEventBeforeItsCounters()
{
    Registry registry;
    auto total = std::make_shared<TotalCounter>(u"order.total"_s);
    QVERIFY(registry.registerCounter(total));

    // Reads the counter when it hears the event: the counter has not had it yet.
    class Peeker final : public AllEventsListener
    {
    public:
        explicit Peeker(const TotalCounter &counter) : m_counter(counter) { }
        ~Peeker() { stopListening(); }
        int eventKinds() const noexcept override { return EventListener::ValueEvents; }
        void onEvent(Event, EventListener::EventKind, double) noexcept override
        {
            seen = m_counter.value();
        }
        std::optional<double> seen{-1};

    private:
        const TotalCounter &m_counter;
    } peeker(*total);
    peeker.startListening(AllEventsListener::Scope::ThisThread);

    reportValue("order.total", 5);
    QVERIFY(!peeker.seen.has_value()); // a new TotalCounter reads null
    reportValue("order.total", 1);
    QCOMPARE(peeker.seen, std::optional<double>(5));
    QCOMPARE(total->value(), std::optional<double>(6));
}

void AllEventsListenerTest::stoppingShouldLeaveCountersAndTheNoListenerPathAsTheyWere()
{
    Registry registry;
    auto total = std::make_shared<TotalCounter>(u"stop.counted"_s);
    QVERIFY(registry.registerCounter(total));
    const Event counted(u"stop.counted");
    const Event silent(u"stop.silent");
    QVERIFY(!silent.hasListeners());

    {
        RecordingListener listener;
        listener.startListening(AllEventsListener::Scope::Process);
        QVERIFY(silent.hasListeners());
        counted.value(1);
        silent.value(1);
        QCOMPARE(listener.entries().size(), 2);
        listener.stopListening();
        QVERIFY(!listener.isListening());
        counted.value(1);
        QCOMPARE(listener.entries().size(), 2);
    }
    QVERIFY(!silent.hasListeners());
    QVERIFY(counted.hasListeners());
    counted.value(1);
    QCOMPARE(total->value(), std::optional<double>(3));
}

void AllEventsListenerTest::startingTwiceShouldBeRefused()
{
    RecordingListener listener;
    QVERIFY(listener.startListening(AllEventsListener::Scope::ThisThread));
    QVERIFY(!listener.startListening(AllEventsListener::Scope::Process));
    QCOMPARE(listener.scope(), AllEventsListener::Scope::ThisThread);
    reportValue("twice", 1);
    QCOMPARE(listener.entries().size(), 1); // listed once, heard once
    listener.stopListening();
    listener.stopListening(); // a no-op
    QVERIFY(listener.startListening(AllEventsListener::Scope::Process));
}

// The grace period: once stopListening() returned, no thread may still be inside onEvent()
// (the listener could be destroyed then). Threads raise events all along while one listener
// after another starts and stops.
void AllEventsListenerTest::nothingShouldBeDeliveredAfterStopListeningReturns()
{
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back([&done] {
            const Event event(u"grace.period");
            while (!done.load(std::memory_order_relaxed))
                event.value(1);
        });
    }
    quint64 heard = 0;
    for (int round = 0; round < 200; ++round) {
        auto listener = std::make_unique<CountingListener>();
        listener->startListening(AllEventsListener::Scope::Process);
        while (listener->heard.load() < 10)
            std::this_thread::yield();
        listener->stopListening();
        listener->stopped.store(true, std::memory_order_release);
        // Anything late would arrive now, while the listener still exists to notice it.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        QCOMPARE(listener->lateDeliveries.load(), quint64(0));
        heard += listener->heard.load();
    }
    done = true;
    for (std::thread &t : threads)
        t.join();
    QVERIFY(heard >= 2000);
}

QTEST_GUILESS_MAIN(AllEventsListenerTest)
#include "tst_alleventslistener.moc"
