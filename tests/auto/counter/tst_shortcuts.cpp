// SPDX-License-Identifier: MIT
#include <counters/base/clock.h>
#include <counters/counter/gaugecounter.h>
#include <counters/counter/maxwindowcounter.h>
#include <counters/counter/minwindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/shortcuts.h>
#include <counters/counter/totalcounter.h>
#include <counters/counter/windowcounter.h>

#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

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

namespace {

const std::optional<double> kNull;

std::shared_ptr<Counter> globalCounter(const char *name)
{
    return Registry::global().counter(QString::fromUtf8(name));
}

std::shared_ptr<Counter> makeOfType(const QString &typeName, const QString &name)
{
    const std::optional<CounterType> type = counterTypeFromName(typeName);
    Q_ASSERT(type);
    switch (*type) {
    case CounterType::Event:
        return std::make_shared<EventCounter>(name);
    case CounterType::Total:
        return std::make_shared<TotalCounter>(name);
    case CounterType::AverageWindow:
        return std::make_shared<AverageWindowCounter>(name);
    case CounterType::AverageTime:
        return std::make_shared<AverageTimeCounter>(name);
    case CounterType::Frequency:
        return std::make_shared<FrequencyCounter>(name);
    case CounterType::Window:
        return std::make_shared<WindowCounter>(name);
    case CounterType::MaxWindow:
        return std::make_shared<MaxWindowCounter>(name);
    case CounterType::MinWindow:
        return std::make_shared<MinWindowCounter>(name);
    case CounterType::PercentileWindow:
        return std::make_shared<PercentileWindowCounter>(name);
    case CounterType::Gauge:
        return std::make_shared<GaugeCounter>(name);
    case CounterType::Unknown:
        break;
    }
    return nullptr;
}

int noop()
{
    return 0;
}

} // namespace

class ShortcutsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void timeShouldAddAnAverageTimeCounter();
    void frequencyShouldAddAFrequencyCounter();
    void countShouldAddAnEventCounter();
    void occurrenceShouldAddAFrequencyCounterAndRaiseOneEnd();
    void valueShouldAddAnAverageWindowCounter();
    void addedCountersShouldHaveTheDefaultWindowAndTheGlobalClock();
    void shortcutShouldAddItsCounterOnlyOnce();
    void shortcutShouldReuseAnExistingCounterOfAnyType_data();
    void shortcutShouldReuseAnExistingCounterOfAnyType();
    void shortcutShouldWarnWhenTheCounterListensToOtherEvents();
    void noCounterShouldAddNoneButStillRaiseTheEvents();
    void templateArgumentShouldOverrideTheDefaultType();
    void shortcutsShouldAcceptEveryStringType();
    void reusedNameBufferShouldReachTheCounterOfItsCurrentContent();
    void scopeMacrosShouldAddTheirCounterAndWrapTheScope();
    void scopeMacrosShouldEndWhenAnExceptionLeavesTheScope();
    void wrappersShouldPassReturnValuesThrough();
    void wrappersShouldEndAndRethrowOnException();
    void shortcutShouldAddTheCounterAgainAfterItWasUnregistered();
    void shortcutShouldAddTheCounterAgainInAThreadThatUsedItBefore();

    void timedFunctionShouldAverageItsDurations();
    void shortcutsShouldRunOnTheGlobalRegistrysClock();
    void frequencyShouldDivideByTheTimeSinceListening();
    void countedFunctionShouldCountCallsAndRestartAfterClear();
    void labelledShortcutsShouldAddAFamilyOfTheDefaultType();
    void labelledShortcutsShouldUseAnExistingFamily();
    void labelledShortcutShouldAddItsFamilyAgainAfterUnregisterAll();
    void labelledShortcutShouldRecordEveryLabelSetAgainAfterUnregisterAll();
    void labelledShortcutWithAnInvalidLabelShouldWarnOnce();
};

void ShortcutsTest::cleanup()
{
    Registry::global().unregisterAll();
    QVERIFY(Registry::global().setClock(Clock::system()));
}

// What README's "Testing your instrumentation" shows: the global registry on a ManualClock,
// so that the shortcuts' counters measure the test's time.
void ShortcutsTest::shortcutsShouldRunOnTheGlobalRegistrysClock()
{
    ManualClock clock;
    QVERIFY(Registry::global().setClock(&clock));
    counters::time("sc.clock.time", [&] { clock.advance(Seconds(0.25)); });
    counters::time("sc.clock.time", [&] { clock.advance(Seconds(0.75)); });
    counters::occurrence("sc.clock.freq");
    clock.advance(Seconds(1));
    counters::occurrence("sc.clock.freq");
    clock.advance(Seconds(2));

    const Snapshot snapshot = Registry::global().collect();
    QCOMPARE(snapshot.time(), clock.wallSeconds());
    QCOMPARE(snapshot.value(u"sc.clock.time"), std::optional<double>(0.5));
    QCOMPARE(snapshot.row(u"sc.clock.time")->subValues.value(QStringLiteral("max")), 0.75);
    // Two occurrences over the 3 s the counter has listened (since its first use).
    QCOMPARE(snapshot.value(u"sc.clock.freq"), std::optional<double>(2.0 / 3.0));
}

void ShortcutsTest::timeShouldAddAnAverageTimeCounter()
{
    QCOMPARE(globalCounter("sc.time"), nullptr);
    counters::time("sc.time", noop);
    const auto counter = globalCounter("sc.time");
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::AverageTime);
    QCOMPARE(counter->count(), quint64(1));
    QVERIFY(counter->value().has_value());
    QVERIFY(*counter->value() >= 0);
}

void ShortcutsTest::frequencyShouldAddAFrequencyCounter()
{
    counters::frequency("sc.frequency", noop);
    const auto counter = globalCounter("sc.frequency");
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::Frequency);
    QCOMPARE(counter->count(), quint64(1));
}

void ShortcutsTest::countShouldAddAnEventCounter()
{
    counters::count("sc.count", noop);
    counters::count("sc.count", noop);
    const auto counter = globalCounter("sc.count");
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::Event);
    QCOMPARE(counter->value(), std::optional<double>(2));
}

void ShortcutsTest::occurrenceShouldAddAFrequencyCounterAndRaiseOneEnd()
{
    // Observed through an EventCounter of a private registry: one end event, nothing else.
    Registry observer;
    auto ends = std::make_shared<EventCounter>(QStringLiteral("sc.occurrence.observer"),
                                               QStringList{QStringLiteral("sc.occurrence")});
    QVERIFY(observer.registerCounter(ends));

    counters::occurrence("sc.occurrence");

    const auto counter = globalCounter("sc.occurrence");
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::Frequency);
    QCOMPARE(counter->count(), quint64(1));
    QCOMPARE(ends->value(), std::optional<double>(1));
}

void ShortcutsTest::valueShouldAddAnAverageWindowCounter()
{
    counters::value("sc.value", 2);
    counters::value("sc.value", 5);
    const auto counter = globalCounter("sc.value");
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::AverageWindow);
    QCOMPARE(counter->value(), std::optional<double>(3.5));
}

void ShortcutsTest::addedCountersShouldHaveTheDefaultWindowAndTheGlobalClock()
{
    counters::value("sc.defaults", 1);
    const auto counter = globalCounter("sc.defaults");
    QVERIFY(counter);
    QCOMPARE(counter->window().count(), 300.0);
    QCOMPARE(counter->clock(), Registry::global().clock());
    QCOMPARE(counter->events(), QStringList{QStringLiteral("sc.defaults")});
}

void ShortcutsTest::shortcutShouldAddItsCounterOnlyOnce()
{
    counters::value("sc.once", 1);
    const auto first = globalCounter("sc.once");
    counters::value("sc.once", 3);
    counters::occurrence("sc.once.other");
    counters::value("sc.once", 5);
    QCOMPARE(globalCounter("sc.once"), first);
    QCOMPARE(first->count(), quint64(3));
    QCOMPARE(first->value(), std::optional<double>(3));
    QCOMPARE(Registry::global().counters().size(), 2);
}

void ShortcutsTest::shortcutShouldReuseAnExistingCounterOfAnyType_data()
{
    QTest::addColumn<QString>("existingType");
    QTest::addColumn<QString>("shortcut");
    QTest::addColumn<std::optional<double>>("expected");
    QTest::addColumn<bool>("mismatched"); // the counter records nothing the shortcut raises

    // value("x", 5) on an existing TotalCounter that holds 1 adds 5 (as in PyCounters 0.6).
    QTest::newRow("value on Total") << QStringLiteral("TotalCounter") << QStringLiteral("value")
                                    << std::optional<double>(6) << false;
    QTest::newRow("value on MaxWindow")
        << QStringLiteral("MaxWindowCounter") << QStringLiteral("value") << std::optional<double>(5)
        << false;
    QTest::newRow("occurrence on Event")
        << QStringLiteral("EventCounter") << QStringLiteral("occurrence")
        << std::optional<double>(2) << false;
    QTest::newRow("time on Event") << QStringLiteral("EventCounter") << QStringLiteral("time")
                                   << std::optional<double>(2) << false;
    QTest::newRow("count on Window") << QStringLiteral("WindowCounter") << QStringLiteral("count")
                                     << std::optional<double>(2) << false;
    QTest::newRow("frequency on Event")
        << QStringLiteral("EventCounter") << QStringLiteral("frequency") << std::optional<double>(2)
        << false;
    QTest::newRow("value on AverageTime")
        << QStringLiteral("AverageTimeCounter") << QStringLiteral("value")
        << std::optional<double>(3) << false;
    // A TotalCounter ignores start and end events: reused, but nothing to add.
    QTest::newRow("count on Total") << QStringLiteral("TotalCounter") << QStringLiteral("count")
                                    << std::optional<double>(1) << true;
    QTest::newRow("time on AverageWindow")
        << QStringLiteral("AverageWindowCounter") << QStringLiteral("time")
        << std::optional<double>(1) << true;
    QTest::newRow("occurrence on MinWindow")
        << QStringLiteral("MinWindowCounter") << QStringLiteral("occurrence")
        << std::optional<double>(1) << true;
    // Ends without starts: each one dropped.
    QTest::newRow("occurrence on AverageTime")
        << QStringLiteral("AverageTimeCounter") << QStringLiteral("occurrence")
        << std::optional<double>(1) << true;
    QTest::newRow("occurrence on PercentileWindow")
        << QStringLiteral("PercentileWindowCounter") << QStringLiteral("occurrence")
        << std::optional<double>(1) << true;
    QTest::newRow("value on Event") << QStringLiteral("EventCounter") << QStringLiteral("value")
                                    << std::optional<double>(6) << false;
}

void ShortcutsTest::shortcutShouldReuseAnExistingCounterOfAnyType()
{
    QFETCH(QString, existingType);
    QFETCH(QString, shortcut);
    QFETCH(std::optional<double>, expected);
    QFETCH(bool, mismatched);

    // A name per row: a mismatch is reported once per name and process.
    const QString name = QStringLiteral("sc.reuse.") + QString::fromUtf8(QTest::currentDataTag());
    const auto existing = makeOfType(existingType, name);
    QVERIFY(existing);
    QVERIFY(Registry::global().registerCounter(existing));
    existing->reportValue(1);

    if (mismatched) {
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("a shortcut raises .* for \"")
                                                + QRegularExpression::escape(name)
                                                + QStringLiteral("\", but its counter is a ")
                                                + existingType));
    } else {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    }
    const auto raise = [&] {
        if (shortcut == QLatin1String("value"))
            counters::value(name, 5);
        else if (shortcut == QLatin1String("occurrence"))
            counters::occurrence(name);
        else if (shortcut == QLatin1String("time"))
            counters::time(name, noop);
        else if (shortcut == QLatin1String("count"))
            counters::count(name, noop);
        else if (shortcut == QLatin1String("frequency"))
            counters::frequency(name, noop);
        else
            QFAIL("unknown shortcut");
    };
    raise();
    QCOMPARE(existing->value(), expected);
    // Warned once, whatever the number of calls and threads.
    raise();
    std::thread(raise).join();

    QCOMPARE(Registry::global().counters().size(), 1);
    QCOMPARE(globalCounter(qPrintable(name)), existing);
    QCOMPARE(existing->type(), *counterTypeFromName(existingType));
    QCOMPARE(mismatchedShortcuts().contains(name), mismatched);
}

// A counter of the shortcut's name that listens to other events (an explicit list) hears
// nothing the shortcut raises.
void ShortcutsTest::shortcutShouldWarnWhenTheCounterListensToOtherEvents()
{
    const QString name = QStringLiteral("sc.elsewhere");
    QVERIFY(Registry::global().registerCounter(std::make_shared<AverageTimeCounter>(
        name, kDefaultWindow, QStringList{QStringLiteral("sc.elsewhere.request")})));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("a shortcut raises start and end "
                                                           "events for \"sc.elsewhere\"")));
    counters::time(name, noop);
    QVERIFY(mismatchedShortcuts().contains(name));
}

void ShortcutsTest::noCounterShouldAddNoneButStillRaiseTheEvents()
{
    Registry observer;
    auto ends = std::make_shared<EventCounter>(QStringLiteral("sc.none.ends"),
                                               QStringList{QStringLiteral("sc.none")});
    auto values = std::make_shared<TotalCounter>(QStringLiteral("sc.none.values"),
                                                 QStringList{QStringLiteral("sc.none")});
    QVERIFY(observer.registerCounter(ends));
    QVERIFY(observer.registerCounter(values));

    counters::time<NoCounter>("sc.none", noop);
    counters::frequency<NoCounter>("sc.none", noop);
    counters::count<NoCounter>("sc.none", noop);
    counters::occurrence<NoCounter>("sc.none");
    counters::value<NoCounter>("sc.none", 10);
    {
        const ScopedEvent scope{detail::shortcutEvent<NoCounter>("sc.none")};
    }

    QVERIFY(Registry::global().counters().isEmpty());
    QCOMPARE(ends->value(), std::optional<double>(5 + 10)); // five ends and the value 10
    QCOMPARE(values->value(), std::optional<double>(10));
}

void ShortcutsTest::templateArgumentShouldOverrideTheDefaultType()
{
    counters::time<EventCounter>("sc.override.time", noop);
    counters::frequency<WindowCounter>("sc.override.frequency", noop);
    counters::count<FrequencyCounter>("sc.override.count", noop);
    counters::occurrence<EventCounter>("sc.override.occurrence");
    counters::value<MaxWindowCounter>("sc.override.value", 3);
    counters::value<MaxWindowCounter>("sc.override.value", 7);
    counters::value<MaxWindowCounter>("sc.override.value", 5);

    QCOMPARE(globalCounter("sc.override.time")->type(), CounterType::Event);
    QCOMPARE(globalCounter("sc.override.time")->value(), std::optional<double>(1));
    QCOMPARE(globalCounter("sc.override.frequency")->type(), CounterType::Window);
    QCOMPARE(globalCounter("sc.override.frequency")->value(), std::optional<double>(1));
    QCOMPARE(globalCounter("sc.override.count")->type(), CounterType::Frequency);
    QCOMPARE(globalCounter("sc.override.count")->count(), quint64(1));
    QCOMPARE(globalCounter("sc.override.occurrence")->type(), CounterType::Event);
    QCOMPARE(globalCounter("sc.override.occurrence")->value(), std::optional<double>(1));
    QCOMPARE(globalCounter("sc.override.value")->type(), CounterType::MaxWindow);
    QCOMPARE(globalCounter("sc.override.value")->value(), std::optional<double>(7));
}

void ShortcutsTest::shortcutsShouldAcceptEveryStringType()
{
    counters::value("sc.strings", 1);
    counters::value(QStringLiteral("sc.strings"), 2);
    counters::value(QLatin1String("sc.strings"), 3);
    counters::value(QStringView(u"sc.strings"), 4);
    counters::value<TotalCounter>("sc.strings.total", 1);
    counters::value(QUtf8StringView(QByteArrayLiteral("sc.strings.total")), 2);

    QCOMPARE(Registry::global().counters().size(), 2);
    QCOMPARE(globalCounter("sc.strings")->value(), std::optional<double>(2.5));
    QCOMPARE(globalCounter("sc.strings")->count(), quint64(4));
    QCOMPARE(globalCounter("sc.strings.total")->value(), std::optional<double>(3));
}

void ShortcutsTest::reusedNameBufferShouldReachTheCounterOfItsCurrentContent()
{
    char buffer[16];
    qstrcpy(buffer, "sc.buf.a");
    counters::value<TotalCounter>(buffer, 1);
    qstrcpy(buffer, "sc.buf.b");
    counters::value<TotalCounter>(buffer, 10);
    qstrcpy(buffer, "sc.buf.a");
    counters::value<TotalCounter>(buffer, 100);

    QCOMPARE(Registry::global().counters().size(), 2);
    QCOMPARE(globalCounter("sc.buf.a")->value(), std::optional<double>(101));
    QCOMPARE(globalCounter("sc.buf.b")->value(), std::optional<double>(10));
}

void ShortcutsTest::scopeMacrosShouldAddTheirCounterAndWrapTheScope()
{
    {
        COUNTERS_TIME_SCOPE("sc.scope.time");
        COUNTERS_FREQUENCY_SCOPE("sc.scope.frequency");
        const auto timed = globalCounter("sc.scope.time");
        QVERIFY(timed);
        QCOMPARE(timed->type(), CounterType::AverageTime);
        QCOMPARE(timed->count(), quint64(0)); // not ended yet
        const auto frequency = globalCounter("sc.scope.frequency");
        QVERIFY(frequency);
        QCOMPARE(frequency->type(), CounterType::Frequency);
        QCOMPARE(frequency->count(), quint64(0));
    }
    QCOMPARE(globalCounter("sc.scope.time")->count(), quint64(1));
    QCOMPARE(globalCounter("sc.scope.frequency")->count(), quint64(1));

    for (int i = 0; i < 3; ++i) {
        COUNTERS_COUNT_SCOPE("sc.scope.count");
    }
    QCOMPARE(globalCounter("sc.scope.count")->type(), CounterType::Event);
    QCOMPARE(globalCounter("sc.scope.count")->value(), std::optional<double>(3));
}

void ShortcutsTest::scopeMacrosShouldEndWhenAnExceptionLeavesTheScope()
{
    try {
        COUNTERS_COUNT_SCOPE("sc.scope.throw");
        throw std::runtime_error("boom");
    } catch (const std::runtime_error &) {
    }
    QCOMPARE(globalCounter("sc.scope.throw")->value(), std::optional<double>(1));
}

void ShortcutsTest::wrappersShouldPassReturnValuesThrough()
{
    QCOMPARE(counters::time("sc.ret", [] { return 42; }), 42);
    QCOMPARE(counters::frequency("sc.ret.f", [] { return QStringLiteral("ok"); }),
             QStringLiteral("ok"));
    const std::unique_ptr<int> owned =
        counters::count("sc.ret.c", [] { return std::make_unique<int>(7); });
    QVERIFY(owned);
    QCOMPARE(*owned, 7);
    int target = 0;
    int &ref = counters::count("sc.ret.c", [&]() -> int & { return target; });
    QCOMPARE(&ref, &target);
    int calls = 0;
    counters::time("sc.ret", [&] { ++calls; });
    QCOMPARE(calls, 1);
    QCOMPARE(globalCounter("sc.ret.c")->value(), std::optional<double>(2));
    QCOMPARE(globalCounter("sc.ret")->count(), quint64(2));
}

void ShortcutsTest::wrappersShouldEndAndRethrowOnException()
{
    auto fail = []() -> int { throw std::runtime_error("boom"); };
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, counters::count("sc.throw.count", fail));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, counters::time("sc.throw.time", fail));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, counters::frequency("sc.throw.frequency", fail));

    QCOMPARE(globalCounter("sc.throw.count")->value(), std::optional<double>(1));
    QCOMPARE(globalCounter("sc.throw.time")->count(), quint64(1));
    QCOMPARE(globalCounter("sc.throw.frequency")->count(), quint64(1));
}

void ShortcutsTest::shortcutShouldAddTheCounterAgainAfterItWasUnregistered()
{
    counters::value<TotalCounter>("sc.readd", 1);
    const auto first = globalCounter("sc.readd");
    QVERIFY(first);

    QVERIFY(Registry::global().unregisterCounter(first));
    counters::value<TotalCounter>("sc.readd", 10);
    const auto second = globalCounter("sc.readd");
    QVERIFY(second);
    QVERIFY(second != first);
    QCOMPARE(second->value(), std::optional<double>(10));
    QCOMPARE(first->value(), std::optional<double>(1));

    // Unregistered by name, and replaced by a counter of another type: that one is reused.
    QVERIFY(Registry::global().unregisterCounter(QStringLiteral("sc.readd")));
    auto replacement = std::make_shared<EventCounter>(QStringLiteral("sc.readd"));
    QVERIFY(Registry::global().registerCounter(replacement));
    counters::value<TotalCounter>("sc.readd", 100);
    QCOMPARE(globalCounter("sc.readd"), std::shared_ptr<Counter>(replacement));
    QCOMPARE(replacement->value(), std::optional<double>(100));
    QCOMPARE(second->value(), std::optional<double>(10));
}

void ShortcutsTest::shortcutShouldAddTheCounterAgainInAThreadThatUsedItBefore()
{
    // Each thread remembers that it made sure of a name; an unregister in another thread must
    // make it check again.
    std::thread user([] { counters::value<TotalCounter>("sc.readd.thread", 1); });
    user.join();
    const auto first = globalCounter("sc.readd.thread");
    QVERIFY(first);

    // The main thread uses it too, then unregisters it.
    counters::value<TotalCounter>("sc.readd.thread", 1);
    QCOMPARE(first->value(), std::optional<double>(2));
    Registry::global().unregisterAll();
    counters::value<TotalCounter>("sc.readd.thread", 5);

    const auto second = globalCounter("sc.readd.thread");
    QVERIFY(second);
    QVERIFY(second != first);
    QCOMPARE(second->value(), std::optional<double>(5));
}

void ShortcutsTest::timedFunctionShouldAverageItsDurations()
{
    // Port of PyCounters test_perf_time: an AverageTimeCounter with a ticking timer and a
    // function decorated with @time(name="c") that reads the clock once; two calls, each 2
    // ticks long -> average 2. Adapted: the manual clock does not tick per read, so the function
    // moves it itself, by 1 s and by 3 s; the average is (1 + 3) / 2 = 2 s.
    static ManualClock clock; // outlives the counter, which the registry retires, not frees
    auto c = std::make_shared<AverageTimeCounter>(QStringLiteral("c"));
    c->setClock(&clock);
    QVERIFY(Registry::global().registerCounter(c));

    counters::time("c", [&] { clock.advance(Seconds(1)); });
    counters::time("c", [&] { clock.advance(Seconds(3)); });

    QCOMPARE(globalCounter("c"), std::shared_ptr<Counter>(c));
    QCOMPARE(c->count(), quint64(2));
    QCOMPARE(c->value(), std::optional<double>(2));
}

void ShortcutsTest::frequencyShouldDivideByTheTimeSinceListening()
{
    // Port of PyCounters test_perf_frequency: a FrequencyCounter "c" (window 10) listening to
    // f and c; f wrapped with frequency(auto_add_counter=None), g with frequency("c"); one call
    // each -> 0.5, which PyCounters 0.6 gets as 2 / (6 - 2) from a clock ticking on every read.
    // Adapted: our frequency is occurrences in the window / min(window, time since the counter
    // started listening). Registered at t, f called at t+1, g at t+2, read at t+4:
    // 2 occurrences / min(10 s, 4 s) = 0.5.
    static ManualClock clock; // outlives the counter, which the registry retires, not frees
    auto c = std::make_shared<FrequencyCounter>(
        QStringLiteral("c"), Seconds(10), QStringList{QStringLiteral("f"), QStringLiteral("c")});
    c->setClock(&clock);
    QVERIFY(Registry::global().registerCounter(c));

    clock.advance(Seconds(1));
    counters::frequency<NoCounter>("f", noop);
    clock.advance(Seconds(1));
    counters::frequency("c", noop);
    clock.advance(Seconds(2));

    QCOMPARE(globalCounter("f"), nullptr);
    QCOMPARE(globalCounter("c"), std::shared_ptr<Counter>(c));
    QCOMPARE(c->value(), std::optional<double>(0.5));
}

void ShortcutsTest::countedFunctionShouldCountCallsAndRestartAfterClear()
{
    // Port of PyCounters test_counted_func: @count("c") on a registered EventCounter: three
    // calls -> 3; clear -> 0; one more call -> 1.
    auto c = std::make_shared<EventCounter>(QStringLiteral("c"));
    QVERIFY(Registry::global().registerCounter(c));
    auto f = [] { return 1; };

    counters::count("c", f);
    counters::count("c", f);
    counters::count("c", f);
    QCOMPARE(c->value(), std::optional<double>(3));

    c->clear();
    QCOMPARE(c->value(), std::optional<double>(0));

    counters::count("c", f);
    QCOMPARE(c->value(), std::optional<double>(1));
}

// A labelled shortcut adds a family of its default type over the labels' names, and records
// into the series of the labels, on the global registry's clock.
void ShortcutsTest::labelledShortcutsShouldAddAFamilyOfTheDefaultType()
{
    ManualClock clock;
    QVERIFY(Registry::global().setClock(&clock));
    const Labels mail{{QStringLiteral("queue"), QStringLiteral("mail")}};
    const Labels jobs{{QStringLiteral("queue"), QStringLiteral("jobs")}};
    counters::value("sc.l.length", mail, 4);
    counters::value("sc.l.length", mail, 6);
    counters::value("sc.l.length", jobs, 1);
    counters::time("sc.l.time", {{QStringLiteral("route"), QStringLiteral("/a")}},
                   [&] { clock.advance(Seconds(0.5)); });
    counters::count("sc.l.count", jobs, noop);
    counters::occurrence("sc.l.seen", jobs);
    QCOMPARE(counters::timePercentiles("sc.l.pct", jobs, [] { return 7; }), 7);
    counters::frequency("sc.l.freq", jobs, noop);

    const Snapshot snapshot = Registry::global().collect();
    const CounterRow *length = snapshot.row(u"sc.l.length{queue=\"mail\"}");
    QVERIFY(length);
    QCOMPARE(length->type, CounterType::AverageWindow);
    QCOMPARE(length->family, QStringLiteral("sc.l.length"));
    QCOMPARE(length->labels, mail);
    QCOMPARE(length->value, std::optional<double>(5));
    QCOMPARE(snapshot.value(u"sc.l.length{queue=\"jobs\"}"), std::optional<double>(1));
    QCOMPARE(snapshot.value(u"sc.l.time{route=\"/a\"}"), std::optional<double>(0.5));
    QCOMPARE(snapshot.row(u"sc.l.time{route=\"/a\"}")->type, CounterType::AverageTime);
    QCOMPARE(snapshot.value(u"sc.l.count{queue=\"jobs\"}"), std::optional<double>(1));
    QCOMPARE(snapshot.row(u"sc.l.seen{queue=\"jobs\"}")->type, CounterType::Frequency);
    QCOMPARE(snapshot.row(u"sc.l.seen{queue=\"jobs\"}")->count, quint64(1));
    QCOMPARE(snapshot.row(u"sc.l.pct{queue=\"jobs\"}")->type, CounterType::PercentileWindow);
    QCOMPARE(snapshot.row(u"sc.l.pct{queue=\"jobs\"}")->unit, Unit::Second);
    QCOMPARE(snapshot.row(u"sc.l.freq{queue=\"jobs\"}")->count, quint64(1));
    QCOMPARE(snapshot.rows().size(), 7);
}

// A family of that name is used as it is, with its type and its series limit; one that
// ignores what the shortcut raises is warned about once.
void ShortcutsTest::labelledShortcutsShouldUseAnExistingFamily()
{
    Family<MaxWindowCounter> sizes(QStringLiteral("sc.l.sizes"), {QStringLiteral("kind")});
    sizes.setMaxSeries(1);
    counters::value("sc.l.sizes", {{QStringLiteral("kind"), QStringLiteral("a")}}, 3);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("counter family sc.l.sizes has 1")));
    counters::value("sc.l.sizes", {{QStringLiteral("kind"), QStringLiteral("b")}}, 8);
    const Snapshot snapshot = Registry::global().collect();
    QCOMPARE(snapshot.row(u"sc.l.sizes{kind=\"a\"}")->type, CounterType::MaxWindow);
    QCOMPARE(snapshot.value(u"sc.l.sizes{kind=\"__overflow__\"}"), std::optional<double>(8));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("shortcut raises start and end events "
                                                           "for \"sc.l.sizes\\{kind=.*MaxWindow")));
    counters::time("sc.l.sizes", {{QStringLiteral("kind"), QStringLiteral("a")}}, noop);
    counters::time("sc.l.sizes", {{QStringLiteral("kind"), QStringLiteral("a")}}, noop); // once
}

void ShortcutsTest::labelledShortcutShouldAddItsFamilyAgainAfterUnregisterAll()
{
    const Labels a{{QStringLiteral("k"), QStringLiteral("a")}};
    counters::value("sc.l.again", a, 2);
    QVERIFY(globalCounter("sc.l.again{k=\"a\"}"));
    Registry::global().unregisterAll();
    QCOMPARE(globalCounter("sc.l.again{k=\"a\"}"), nullptr);
    counters::value("sc.l.again", a, 3);
    const auto counter = globalCounter("sc.l.again{k=\"a\"}");
    QVERIFY(counter);
    QCOMPARE(counter->value(), std::optional<double>(3));
}

// The label sets seen before as well as new ones: none may point at a series that is gone.
void ShortcutsTest::labelledShortcutShouldRecordEveryLabelSetAgainAfterUnregisterAll()
{
    const Labels a{{QStringLiteral("route"), QStringLiteral("/a")}};
    const Labels b{{QStringLiteral("route"), QStringLiteral("/b")}};
    counters::count("sc.l.seen.before", a, noop);
    Registry::global().unregisterAll();
    counters::count("sc.l.seen.before", b, noop); // a new label set first
    counters::count("sc.l.seen.before", a, noop);
    const Snapshot snapshot = Registry::global().collect();
    QCOMPARE(snapshot.value(u"sc.l.seen.before{route=\"/b\"}"), std::optional<double>(1));
    QCOMPARE(snapshot.value(u"sc.l.seen.before{route=\"/a\"}"), std::optional<double>(1));
}

void ShortcutsTest::labelledShortcutWithAnInvalidLabelShouldWarnOnce()
{
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("counter family sc.l.bad: the label name \"bad-name\"")));
    for (int i = 0; i < 3; ++i)
        counters::count("sc.l.bad", {{QStringLiteral("bad-name"), QStringLiteral("x")}}, noop);
    QCOMPARE(Registry::global().counters().size(), 0);
}

QTEST_GUILESS_MAIN(ShortcutsTest)
#include "tst_shortcuts.moc"
