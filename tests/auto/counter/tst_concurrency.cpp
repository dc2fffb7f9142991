// SPDX-License-Identifier: MIT
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/shortcuts.h>
#include <counters/counter/totalcounter.h>
#include <counters/counter/windowcounter.h>
#include <counters/event/event.h>

#include <QTest>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace counters;

namespace QTest {
template <>
char *toString(const std::optional<double> &value)
{
    return value ? QTest::toString(*value) : qstrdup("null");
}
} // namespace QTest

namespace {

// Bounded work: enough events and registrations to interleave on two cores, few enough to
// finish in a second or two in a release build.
constexpr int kRaisers = 3;
constexpr int kEventsPerRaiser = 500'000;
constexpr int kMaxChurn = 20'000;

// Raises `count` value events (1 each) and as many end events on `name`, alternating between
// the handle and the by-name functions so both paths run concurrently.
void raise(int raiser, const char *name, int count)
{
    const Event handle{name};
    for (int i = 0; i < count; ++i) {
        if ((raiser + i) % 2 == 0) {
            handle.value(1);
            handle.end();
        } else {
            reportValue(name, 1);
            reportEnd(name);
        }
    }
}

} // namespace

class ConcurrencyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void countersRegisteredThroughoutShouldLoseNoEventWhileOthersChurn();
    void collectWhileRecordingShouldNeverGoBackAndEndExact();
    void currentThreadCountersShouldEachSeeExactlyTheirThreadsEvents();
    void concurrentShortcutsShouldAddOneCounterAndLoseNoEvent();
};

void ConcurrencyTest::cleanup()
{
    Registry::global().unregisterAll();
}

void ConcurrencyTest::countersRegisteredThroughoutShouldLoseNoEventWhileOthersChurn()
{
    const QStringList hot{QStringLiteral("conc.hot")};
    Registry registry;
    auto total = std::make_shared<TotalCounter>(QStringLiteral("conc.total"), hot);
    auto occurrences = std::make_shared<EventCounter>(QStringLiteral("conc.events"), hot);
    auto window =
        std::make_shared<WindowCounter>(QStringLiteral("conc.window"), Seconds(3600), hot);
    QVERIFY(registry.registerCounter(total));
    QVERIFY(registry.registerCounter(occurrences));
    QVERIFY(registry.registerCounter(window));

    std::atomic<int> running{kRaisers};
    std::atomic<int> churns{0};
    std::atomic<bool> churnFailed{false};

    // Registers and unregisters other counters on the same event (so the listener list is
    // republished under the raisers' feet), in its own registry and in this one.
    std::thread churner([&] {
        Registry own;
        for (int i = 0; i < kMaxChurn && running.load() > 0; ++i) {
            const QString name = QStringLiteral("conc.churn.%1").arg(i % 8);
            std::shared_ptr<Counter> c;
            if (i % 3 == 0)
                c = std::make_shared<AverageWindowCounter>(name, Seconds(60), hot);
            else
                c = std::make_shared<EventCounter>(name, hot);
            Registry &target = i % 2 ? own : registry;
            const auto scope = i % 5 == 0 ? Registry::ThreadScope::CurrentThread
                                          : Registry::ThreadScope::AllThreads;
            bool ok = target.registerCounter(c, Registry::IfExists::Fail, scope);
            ok = ok && (i % 4 == 0 ? target.unregisterCounter(name) : target.unregisterCounter(c));
            if (!ok)
                churnFailed = true;
            churns.fetch_add(1);
        }
    });

    std::vector<std::thread> raisers;
    for (int r = 0; r < kRaisers; ++r) {
        raisers.emplace_back([r, &running] {
            raise(r, "conc.hot", kEventsPerRaiser);
            running.fetch_sub(1);
        });
    }
    for (std::thread &t : raisers)
        t.join();
    churner.join();

    QVERIFY(!churnFailed.load());
    QVERIFY2(churns.load() > 0, "the churn thread never ran alongside the raisers");
    qInfo("%d registrations and unregistrations ran alongside", churns.load());

    const double events = double(kRaisers) * kEventsPerRaiser;
    QCOMPARE(total->value(), std::optional<double>(events)); // values only
    QCOMPARE(total->count(), quint64(events));
    QCOMPARE(occurrences->value(), std::optional<double>(2 * events)); // values + ends
    QCOMPARE(window->value(), std::optional<double>(2 * events));
    QCOMPARE(window->count(), quint64(2 * events));
    QCOMPARE(registry.counters().size(), 3); // the churned ones are all gone
}

void ConcurrencyTest::collectWhileRecordingShouldNeverGoBackAndEndExact()
{
    Registry registry;
    auto total = std::make_shared<TotalCounter>(QStringLiteral("conc.collect"));
    QVERIFY(registry.registerCounter(total));

    std::atomic<int> running{kRaisers};
    std::atomic<bool> wentBack{false};
    std::atomic<int> collections{0};
    std::thread reader([&] {
        double last = 0;
        while (running.load() > 0) {
            const Snapshot s = registry.collect();
            const double now = s.value(u"conc.collect").value_or(0);
            if (now < last)
                wentBack = true;
            last = now;
            collections.fetch_add(1);
        }
    });

    std::vector<std::thread> raisers;
    for (int r = 0; r < kRaisers; ++r) {
        raisers.emplace_back([r, &running] {
            raise(r, "conc.collect", kEventsPerRaiser / 4);
            running.fetch_sub(1);
        });
    }
    for (std::thread &t : raisers)
        t.join();
    reader.join();

    QVERIFY(!wentBack.load());
    QVERIFY(collections.load() > 0);
    QCOMPARE(registry.collect().value(u"conc.collect"),
             std::optional<double>(double(kRaisers) * (kEventsPerRaiser / 4)));
}

void ConcurrencyTest::currentThreadCountersShouldEachSeeExactlyTheirThreadsEvents()
{
    // Every raiser registers a counter for itself and raises a different number of events; an
    // all-threads counter sees the sum.
    Registry registry;
    const QStringList events{QStringLiteral("conc.scoped")};
    auto all = std::make_shared<TotalCounter>(QStringLiteral("conc.scoped.all"), events);
    QVERIFY(registry.registerCounter(all));

    std::vector<std::shared_ptr<TotalCounter>> mine;
    for (int r = 0; r < kRaisers; ++r)
        mine.push_back(
            std::make_shared<TotalCounter>(QStringLiteral("conc.scoped.%1").arg(r), events));

    std::atomic<int> registered{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> raisers;
    for (int r = 0; r < kRaisers; ++r) {
        raisers.emplace_back([&, r] {
            if (!registry.registerCounter(mine[std::size_t(r)], Registry::IfExists::Fail,
                                          Registry::ThreadScope::CurrentThread))
                failures.fetch_add(1);
            registered.fetch_add(1);
            // Wait until every thread has its counter, so the lists change while others raise.
            while (registered.load() < kRaisers)
                std::this_thread::yield();
            raise(r, "conc.scoped", (r + 1) * 10'000);
        });
    }
    for (std::thread &t : raisers)
        t.join();

    QCOMPARE(failures.load(), 0);
    double sum = 0;
    for (int r = 0; r < kRaisers; ++r) {
        const double expected = (r + 1) * 10'000.0;
        QCOMPARE(mine[std::size_t(r)]->value(), std::optional<double>(expected));
        sum += expected;
    }
    QCOMPARE(all->value(), std::optional<double>(sum));
}

void ConcurrencyTest::concurrentShortcutsShouldAddOneCounterAndLoseNoEvent()
{
    constexpr int kCalls = 50'000;
    std::vector<std::thread> callers;
    for (int r = 0; r < kRaisers; ++r) {
        callers.emplace_back([] {
            for (int i = 0; i < kCalls; ++i)
                counters::value<TotalCounter>("conc.shortcut", 1);
        });
    }
    for (std::thread &t : callers)
        t.join();

    QCOMPARE(Registry::global().counters().size(), 1);
    const auto counter = Registry::global().counter(QStringLiteral("conc.shortcut"));
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::Total);
    QCOMPARE(counter->value(), std::optional<double>(double(kRaisers) * kCalls));
}

QTEST_GUILESS_MAIN(ConcurrencyTest)
#include "tst_concurrency.moc"
