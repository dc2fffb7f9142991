// SPDX-License-Identifier: MIT
// What every counter type promises, one table over all of them: the row it reads before any
// event, the events it listens to, its default window and bucket width, and what its values
// mean (unit and statistic), which every report carries.

#include "countertesthelpers.h"

#include <counters/counters.h>

#include <functional>

using namespace counters;
using namespace counterstest;

namespace {

using Factory = std::function<std::shared_ptr<Counter>(const QString &name)>;

template <typename T>
Factory make()
{
    return [](const QString &name) { return std::make_shared<T>(name); };
}

using WindowedFactory = std::function<std::shared_ptr<WindowedCounter>(Seconds window)>;
/// Records what a test row needs at `atNs` (moving the clock there).
using Feed = std::function<void(Counter &counter, ManualClock &clock, qint64 atNs)>;

template <typename T>
WindowedFactory makeWindowed()
{
    return [](Seconds window) { return std::make_shared<T>(QStringLiteral("c"), window); };
}

Feed value(double v)
{
    return [v](Counter &counter, ManualClock &clock, qint64 atNs) {
        clock.setTime(nanoseconds(atNs));
        counter.reportValue(v);
    };
}

Feed occurrence()
{
    return [](Counter &counter, ManualClock &clock, qint64 atNs) {
        clock.setTime(nanoseconds(atNs));
        counter.reportEnd();
    };
}

/// A value and an occurrence (an end event counts as one, as PyCounters 0.6's window sum).
Feed valueAndOccurrence(double v)
{
    return [v](Counter &counter, ManualClock &clock, qint64 atNs) {
        clock.setTime(nanoseconds(atNs));
        counter.reportValue(v);
        counter.reportEnd();
    };
}

Feed block(qint64 durationNs)
{
    return [durationNs](Counter &counter, ManualClock &clock, qint64 atNs) {
        clock.setTime(nanoseconds(atNs - durationNs));
        counter.reportStart();
        clock.setTime(nanoseconds(atNs));
        counter.reportEnd();
    };
}

} // namespace

Q_DECLARE_METATYPE(Factory)
Q_DECLARE_METATYPE(WindowedFactory)
Q_DECLARE_METATYPE(Feed)

class CounterContractTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyType_data();
    void shouldReadEmptyBeforeAnyEvent_data() { everyType_data(); }
    void shouldReadEmptyBeforeAnyEvent();
    void shouldListenToItsKindsOfEvents_data() { everyType_data(); }
    void shouldListenToItsKindsOfEvents();
    void shouldDefaultToAWindowOf300Seconds_data() { everyType_data(); }
    void shouldDefaultToAWindowOf300Seconds();
    void shouldSayWhatItsValuesMean_data() { everyType_data(); }
    void shouldSayWhatItsValuesMean();
    void shouldCarryTheUnitItIsGiven_data() { everyType_data(); }
    void shouldCarryTheUnitItIsGiven();
    void shouldDropValuesThatAreNotFinite_data();
    void shouldDropValuesThatAreNotFinite();
    void shouldKeepEventsForTheWindow_data();
    void shouldKeepEventsForTheWindow();
};

void CounterContractTest::everyType_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<int>("type");      // CounterType
    QTest::addColumn<bool>("windowed"); // a 300 s window by default, else none
    QTest::addColumn<Value>("empty");   // the value before any event
    QTest::addColumn<int>("kinds");     // EventListener::EventKind bits
    QTest::addColumn<int>("unit");      // Unit by default
    QTest::addColumn<int>("statistic"); // Statistic
    const int value = EventListener::ValueEvents;
    const int end = EventListener::EndEvents;
    const int blocks = EventListener::StartEvents | EventListener::EndEvents;
    QTest::newRow("EventCounter") << make<EventCounter>() << int(CounterType::Event) << false
                                  << Value() << (value | end) << int(Unit::None)
                                  << int(Statistic::Count);
    QTest::newRow("TotalCounter") << make<TotalCounter>() << int(CounterType::Total) << false
                                  << Value() << value << int(Unit::None) << int(Statistic::Sum);
    QTest::newRow("AverageWindowCounter")
        << make<AverageWindowCounter>() << int(CounterType::AverageWindow) << true << Value()
        << value << int(Unit::None) << int(Statistic::Mean);
    QTest::newRow("AverageTimeCounter")
        << make<AverageTimeCounter>() << int(CounterType::AverageTime) << true << Value()
        << (value | blocks) << int(Unit::Second) << int(Statistic::Mean);
    QTest::newRow("FrequencyCounter")
        << make<FrequencyCounter>() << int(CounterType::Frequency) << true << Value(0.0)
        << (value | end) << int(Unit::PerSecond) << int(Statistic::Rate);
    QTest::newRow("WindowCounter")
        << make<WindowCounter>() << int(CounterType::Window) << true << Value(0.0) << (value | end)
        << int(Unit::None) << int(Statistic::Sum);
    QTest::newRow("MaxWindowCounter")
        << make<MaxWindowCounter>() << int(CounterType::MaxWindow) << true << Value() << value
        << int(Unit::None) << int(Statistic::Max);
    QTest::newRow("MinWindowCounter")
        << make<MinWindowCounter>() << int(CounterType::MinWindow) << true << Value() << value
        << int(Unit::None) << int(Statistic::Min);
    QTest::newRow("PercentileWindowCounter")
        << make<PercentileWindowCounter>() << int(CounterType::PercentileWindow) << true << Value()
        << (value | blocks) << int(Unit::None) << int(Statistic::Median);
}

void CounterContractTest::shouldReadEmptyBeforeAnyEvent()
{
    QFETCH(Factory, factory);
    QFETCH(int, type);
    QFETCH(bool, windowed);
    QFETCH(Value, empty);
    ManualClock clock;
    const auto counter = factory(QStringLiteral("requests"));
    counter->setClock(&clock);
    clock.advance(Seconds(5));

    COMPARE_VALUE(counter->value(), empty);
    QCOMPARE(counter->count(), quint64(0));
    const CounterRow row = counter->row();
    QCOMPARE(row.name, QStringLiteral("requests"));
    QCOMPARE(int(row.type), type);
    COMPARE_VALUE(row.value, empty);
    QCOMPARE(row.window, windowed ? 300.0 : 0.0);
    QCOMPARE(row.count, quint64(0));
    QVERIFY(!row.subValues.contains(QStringLiteral("min")));
    QVERIFY(!row.subValues.contains(QStringLiteral("max")));
    QVERIFY(row.histogram.isEmpty());
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

void CounterContractTest::shouldListenToItsKindsOfEvents()
{
    QFETCH(Factory, factory);
    QFETCH(int, kinds);
    QCOMPARE(factory(QStringLiteral("c"))->eventKinds(), kinds);
}

void CounterContractTest::shouldDefaultToAWindowOf300Seconds()
{
    QFETCH(Factory, factory);
    QFETCH(int, type);
    QFETCH(bool, windowed);
    ManualClock clock;
    const auto counter = factory(QStringLiteral("c"));
    counter->setClock(&clock);
    QCOMPARE(kDefaultWindow, Seconds(300));
    QCOMPARE(counter->window(), windowed ? Seconds(300) : Seconds(0));
    // A thirtieth of the window (a sixth for the percentiles' histogram slices).
    const qint64 bucket =
        type == int(CounterType::PercentileWindow) ? 50'000'000'000 : 10'000'000'000;
    if (const auto *w = dynamic_cast<const WindowedCounter *>(counter.get()))
        QCOMPARE(toNanoseconds(w->bucketWidth()), bucket);
    else
        QVERIFY(!windowed);
}

void CounterContractTest::shouldSayWhatItsValuesMean()
{
    QFETCH(Factory, factory);
    QFETCH(int, type);
    QFETCH(int, unit);
    QFETCH(int, statistic);
    ManualClock clock;
    const auto counter = factory(QStringLiteral("c"));
    counter->setClock(&clock);
    QCOMPARE(int(counter->unit()), unit);
    QCOMPARE(int(defaultUnit(CounterType(type))), unit);
    QCOMPARE(int(statisticOf(CounterType(type))), statistic);
    counter->reportValue(2);
    const CounterRow row = counter->row();
    QCOMPARE(int(row.unit), unit);
    QCOMPARE(int(row.statistic), statistic);

    // And so does the registry's snapshot, which every report is made of.
    Registry registry(&clock);
    QVERIFY(registry.registerCounter(factory(QStringLiteral("r"))));
    const Snapshot snapshot = registry.collect();
    QCOMPARE(int(snapshot.row(QStringLiteral("r"))->unit), unit);
    QCOMPARE(int(snapshot.row(QStringLiteral("r"))->statistic), statistic);
}

void CounterContractTest::shouldCarryTheUnitItIsGiven()
{
    QFETCH(Factory, factory);
    QFETCH(int, statistic);
    ManualClock clock;
    const auto counter = factory(QStringLiteral("c"));
    counter->setClock(&clock);
    counter->setUnit(Unit::Byte);
    QCOMPARE(counter->unit(), Unit::Byte);
    QCOMPARE(counter->row().unit, Unit::Byte);
    QCOMPARE(int(counter->row().statistic), statistic); // the unit does not change what it is
    counter->setUnit(Unit::None);
    QCOMPARE(counter->row().unit, Unit::None);
}

void CounterContractTest::shouldDropValuesThatAreNotFinite_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<double>("bad");
    const QList<std::pair<const char *, Factory>> types{
        {"EventCounter", make<EventCounter>()},
        {"TotalCounter", make<TotalCounter>()},
        {"AverageWindowCounter", make<AverageWindowCounter>()},
        {"AverageTimeCounter", make<AverageTimeCounter>()},
        {"FrequencyCounter", make<FrequencyCounter>()},
        {"WindowCounter", make<WindowCounter>()},
        {"MaxWindowCounter", make<MaxWindowCounter>()},
        {"MinWindowCounter", make<MinWindowCounter>()},
        {"PercentileWindowCounter", make<PercentileWindowCounter>()},
    };
    const QList<std::pair<const char *, double>> values{
        {"NaN", std::numeric_limits<double>::quiet_NaN()},
        {"-NaN", -std::numeric_limits<double>::quiet_NaN()},
        {"+inf", std::numeric_limits<double>::infinity()},
        {"-inf", -std::numeric_limits<double>::infinity()},
    };
    for (const auto &[type, factory] : types) {
        for (const auto &[name, bad] : values)
            QTest::addRow("%s %s", type, name) << factory << bad;
    }
}

// One policy for every type: a value that is not a finite number leaves the counter's reading
// exactly as if it had never come, and is counted in droppedEvents() and in every row.
void CounterContractTest::shouldDropValuesThatAreNotFinite()
{
    QFETCH(Factory, factory);
    QFETCH(double, bad);
    ManualClock clock;
    const auto poisoned = factory(QStringLiteral("c"));
    const auto clean = factory(QStringLiteral("c"));
    poisoned->setClock(&clock);
    clean->setClock(&clock);
    clock.advance(Seconds(1));
    for (const auto &counter : {poisoned, clean})
        counter->reportValue(2);
    poisoned->reportValue(bad);
    poisoned->reportValue(bad);
    for (const auto &counter : {poisoned, clean})
        counter->reportValue(4);
    clock.advance(Seconds(1));

    QCOMPARE(poisoned->droppedEvents(), quint64(2));
    QCOMPARE(clean->droppedEvents(), quint64(0));
    CounterRow row = poisoned->row();
    QCOMPARE(row.dropped, quint64(2));
    QVERIFY(row.value.has_value());
    QVERIFY(std::isfinite(*row.value));
    row.dropped = 0;
    QCOMPARE(row, clean->row());

    // clear() forgets the values, not that some were dropped; every report carries the count.
    poisoned->clear();
    QCOMPARE(poisoned->droppedEvents(), quint64(2));
    Registry registry(&clock);
    QVERIFY(registry.registerCounter(poisoned));
    QCOMPARE(registry.collect().row(QStringLiteral("c"))->dropped, quint64(2));
}

// Every counter with a bucketed window keeps an event for at least its window and forgets it
// within a bucket after (the window-edge table of countertesthelpers.h); its value then is
// that of an empty window.
void CounterContractTest::shouldKeepEventsForTheWindow_data()
{
    QTest::addColumn<WindowedFactory>("factory");
    QTest::addColumn<Feed>("feed");
    QTest::addColumn<Value>("keptValue"); // empty: any number (a rate depends on the age)
    QTest::addColumn<Value>("emptyValue");
    QTest::addColumn<quint64>("keptCount");
    addWindowEdgeColumns();
    struct Type
    {
        const char *name;
        WindowedFactory factory;
        Feed feed;
        Value keptValue;
        Value emptyValue;
        quint64 keptCount;
    };
    const Type types[] = {
        {"AverageWindowCounter", makeWindowed<AverageWindowCounter>(), value(7.25), 7.25, Value(),
         1},
        {"AverageTimeCounter", makeWindowed<AverageTimeCounter>(), block(3'000'000), 0.003, Value(),
         1},
        {"FrequencyCounter", makeWindowed<FrequencyCounter>(), occurrence(), Value(), 0.0, 1},
        {"WindowCounter", makeWindowed<WindowCounter>(), valueAndOccurrence(1.5), 2.5, 0.0, 2},
        {"MaxWindowCounter", makeWindowed<MaxWindowCounter>(), value(-7.5), -7.5, Value(), 1},
        {"MinWindowCounter", makeWindowed<MinWindowCounter>(), value(7.5), 7.5, Value(), 1},
    };
    const QList<WindowEdge> edges = windowEdges();
    for (const Type &type : types) {
        for (const WindowEdge &e : edges) {
            QTest::addRow("%s: %s", type.name, e.name.constData())
                << type.factory << type.feed << type.keptValue << type.emptyValue << type.keptCount
                << e.windowNs << e.bucketNs << e.recordAtNs << e.readAtNs << e.kept;
        }
    }
}

void CounterContractTest::shouldKeepEventsForTheWindow()
{
    QFETCH(WindowedFactory, factory);
    QFETCH(Feed, feed);
    QFETCH(Value, keptValue);
    QFETCH(Value, emptyValue);
    QFETCH(quint64, keptCount);
    QFETCH(qint64, windowNs);
    QFETCH(qint64, bucketNs);
    QFETCH(qint64, recordAtNs);
    QFETCH(qint64, readAtNs);
    QFETCH(bool, kept);

    // Listening since a window before the event, so a rate divides by the whole window.
    ManualClock clock(nanoseconds(recordAtNs - windowNs));
    const auto counter = factory(nanoseconds(windowNs));
    counter->setClock(&clock);
    QCOMPARE(toNanoseconds(counter->bucketWidth()), bucketNs);
    feed(*counter, clock, recordAtNs);
    clock.setTime(nanoseconds(readAtNs));

    QCOMPARE(counter->count(), kept ? keptCount : quint64(0));
    if (!kept)
        COMPARE_VALUE(counter->value(), emptyValue);
    else if (keptValue)
        COMPARE_VALUE(counter->value(), keptValue);
    else
        QVERIFY(counter->value().value_or(0) > 0);
}

QTEST_GUILESS_MAIN(CounterContractTest)
#include "tst_countercontract.moc"
