// SPDX-License-Identifier: MIT
#include "countertesthelpers.h"

#include <counters/counter/percentilewindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/shortcuts.h>

#include <QTest>

#include <functional>
#include <memory>
#include <random>
#include <thread>

using namespace counters;
using namespace counterstest;

namespace {

using Generator = std::function<double(std::mt19937_64 &)>;

/// The ⌈q·n⌉-th smallest of `sorted` (at least the first): the quantile the counter promises.
double exactQuantile(const std::vector<double> &sorted, double q)
{
    const auto rank =
        std::clamp<size_t>(size_t(std::ceil(q * double(sorted.size()) - 1e-9)), 1, sorted.size());
    return sorted[rank - 1];
}

bool withinError(double actual, double exact)
{
    return std::abs(actual - exact)
        <= LogHistogram::relativeError() * std::abs(exact) * (1 + 1e-12);
}

std::shared_ptr<PercentileWindowCounter> makeCounter(ManualClock &clock,
                                                     Seconds window = Seconds(60),
                                                     QList<double> quantiles = {0.5, 0.9, 0.99})
{
    auto counter =
        std::make_shared<PercentileWindowCounter>(QStringLiteral("latency"), window, quantiles);
    counter->setClock(&clock);
    return counter;
}

} // namespace

Q_DECLARE_METATYPE(Generator)

class PercentileWindowCounterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBeNullBeforeAnyEvent();
    void shouldMatchExactQuantilesWithinTheStatedError_data();
    void shouldMatchExactQuantilesWithinTheStatedError();
    void shouldKeepValuesForTheWindow_data();
    void shouldKeepValuesForTheWindow();
    void shouldForgetOldValuesAndKeepNewOnes();
    void shouldTimeBlocksInSeconds();
    void shouldDropNaNAndUnmatchedEnds();
    void shouldKeepLifetimeTotalsBeyondTheWindowUntilClear();
    void shouldForgetEverythingOnClear();
    void shouldSortAndCheckItsQuantiles();
    void shouldStayWithin72KiBWhateverTheRate();
    void shouldCountValuesBeyondThePagePoolAtOctaveResolution();
    void shouldCountEveryValueFromManyThreads();
    void lanesShouldSharePagesRatherThanGoCoarseWhenThePoolIsDry();
    void fourThreadsShouldKeepFullResolutionOverManyBuckets();
    void shouldMergeProcessesExactlyAsOneProcessFedEverything_data();
    void shouldMergeProcessesExactlyAsOneProcessFedEverything();
    void shouldBeAddedByTheTimePercentilesShortcut();
};

void PercentileWindowCounterTest::shouldBeNullBeforeAnyEvent()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    const CounterRow row = counter->row();
    QCOMPARE(row.type, CounterType::PercentileWindow);
    QCOMPARE(row.value, std::nullopt);
    QCOMPARE(row.count, quint64(0));
    const QMap<QString, double> lifetimeOnly{{QStringLiteral("lifetime_count"), 0},
                                             {QStringLiteral("lifetime_sum"), 0}};
    QCOMPARE(row.subValues, lifetimeOnly);
    QVERIFY(row.histogram.isEmpty());
    QCOMPARE(counter->window(), Seconds(60));
    QCOMPARE(counter->bucketWidth(), Seconds(10));
    QCOMPARE(counter->eventKinds(),
             Counter::ValueEvents | Counter::StartEvents | Counter::EndEvents);
}

void PercentileWindowCounterTest::shouldMatchExactQuantilesWithinTheStatedError_data()
{
    QTest::addColumn<Generator>("generate");
    QTest::addColumn<int>("n");
    QTest::addRow("uniform 0..1") << Generator([](std::mt19937_64 &r) {
        return std::uniform_real_distribution<double>(0, 1)(r);
    }) << 200000;
    QTest::addRow("exponential, mean 10 ms") << Generator([](std::mt19937_64 &r) {
        return std::exponential_distribution<double>(100)(r);
    }) << 200000;
    QTest::addRow("bimodal: cache hits and misses") << Generator([](std::mt19937_64 &r) {
        const bool miss = std::bernoulli_distribution(0.2)(r);
        return std::abs(miss ? std::normal_distribution<double>(0.25, 0.05)(r)
                             : std::normal_distribution<double>(0.002, 0.0003)(r));
    }) << 200000;
    QTest::addRow("constant") << Generator([](std::mt19937_64 &) { return 0.125; }) << 1000;
    QTest::addRow("lognormal, heavy tail") << Generator([](std::mt19937_64 &r) {
        return std::lognormal_distribution<double>(-6, 2.5)(r);
    }) << 200000;
    QTest::addRow("integers 1..1000") << Generator([](std::mt19937_64 &r) {
        return double(std::uniform_int_distribution<int>(1, 1000)(r));
    }) << 100000;
    QTest::addRow("around zero, both signs")
        << Generator([](std::mt19937_64 &r) { return std::normal_distribution<double>(0, 3)(r); })
        << 100000;
    QTest::addRow("few values") << Generator([](std::mt19937_64 &r) {
        return std::uniform_real_distribution<double>(1, 2)(r);
    }) << 3;
}

void PercentileWindowCounterTest::shouldMatchExactQuantilesWithinTheStatedError()
{
    QFETCH(Generator, generate);
    QFETCH(int, n);
    ManualClock clock;
    const QList<double> quantiles{0.01, 0.25, 0.5, 0.9, 0.99, 0.999};
    auto counter = makeCounter(clock, Seconds(60), quantiles);
    std::mt19937_64 random(20261127);
    std::vector<double> values;
    values.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        values.push_back(generate(random));
        counter->reportValue(values.back());
        if (i % 1000 == 999)
            clock.advance(Seconds(0.01)); // several slices of the window, all inside it
    }
    std::sort(values.begin(), values.end());

    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(n));
    QCOMPARE(row.histogram.count(), quint64(n));
    QCOMPARE(row.subValues.value(QStringLiteral("min")), values.front());
    QCOMPARE(row.subValues.value(QStringLiteral("max")), values.back());
    for (double q : quantiles) {
        const QString key = LogHistogram::quantileKey(q);
        QVERIFY2(row.subValues.contains(key), qPrintable(key));
        const double actual = row.subValues.value(key);
        const double exact = exactQuantile(values, q);
        QVERIFY2(withinError(actual, exact),
                 qPrintable(QStringLiteral("%1: %2, exact %3")
                                .arg(key)
                                .arg(actual, 0, 'g', 17)
                                .arg(exact, 0, 'g', 17)));
    }
    QVERIFY(row.value);
    QVERIFY(withinError(*row.value, exactQuantile(values, 0.5)));
    QCOMPARE(counter->coarseValues(), quint64(0));
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

void PercentileWindowCounterTest::shouldKeepValuesForTheWindow_data()
{
    // Buckets of ceil(window / 6): a value is kept while at most `window` old and gone once
    // older than window + bucket.
    QTest::addColumn<qint64>("windowNs");
    QTest::addColumn<qint64>("bucketNs");
    QTest::addColumn<qint64>("ageNs");
    QTest::addColumn<bool>("kept");
    struct Case
    {
        const char *name;
        qint64 window;
        qint64 bucket; // by hand
    };
    const Case cases[] = {{"1 s", 1'000'000'000, 166'666'667},
                          {"60 s", 60'000'000'000, 10'000'000'000},
                          {"300 s", 300'000'000'000, 50'000'000'000}};
    for (const Case &c : cases) {
        QTest::addRow("%s: new", c.name) << c.window << c.bucket << qint64(0) << true;
        QTest::addRow("%s: half a window", c.name) << c.window << c.bucket << c.window / 2 << true;
        QTest::addRow("%s: a window", c.name) << c.window << c.bucket << c.window << true;
        QTest::addRow("%s: window + bucket + 1 ns", c.name)
            << c.window << c.bucket << c.window + c.bucket + 1 << false;
        QTest::addRow("%s: ten windows", c.name) << c.window << c.bucket << 10 * c.window << false;
    }
}

void PercentileWindowCounterTest::shouldKeepValuesForTheWindow()
{
    QFETCH(qint64, windowNs);
    QFETCH(qint64, bucketNs);
    QFETCH(qint64, ageNs);
    QFETCH(bool, kept);
    for (const qint64 phase : {qint64(0), bucketNs / 2, bucketNs - 1}) {
        ManualClock clock(nanoseconds(1000 * bucketNs + phase));
        auto counter = makeCounter(clock, nanoseconds(windowNs));
        QCOMPARE(counter->bucketWidth(), nanoseconds(bucketNs));
        counter->reportValue(0.5);
        clock.advance(nanoseconds(ageNs));
        const CounterRow row = counter->row();
        QCOMPARE(row.count, quint64(kept ? 1 : 0));
        QCOMPARE(row.histogram.count(), quint64(kept ? 1 : 0));
        QCOMPARE(row.value.has_value(), kept);
        QCOMPARE(row.subValues.contains(QStringLiteral("p99")), kept);
    }
}

void PercentileWindowCounterTest::shouldForgetOldValuesAndKeepNewOnes()
{
    ManualClock clock;
    auto counter = makeCounter(clock); // 60 s, buckets of 10 s
    for (int i = 0; i < 900; ++i)
        counter->reportValue(1.0); // slow requests, long ago
    clock.advance(Seconds(30));
    for (int i = 0; i < 100; ++i)
        counter->reportValue(0.001);
    CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(1000));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p50")), 1.0));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p90")), 1.0));

    clock.advance(Seconds(40.001)); // the first batch is 70.001 s old: gone
    row = counter->row();
    QCOMPARE(row.count, quint64(100));
    QCOMPARE(row.histogram.count(), quint64(100));
    QCOMPARE(row.subValues.value(QStringLiteral("max")), 0.001);
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p99")), 0.001));

    // New values reuse the slices of the old ones, which start empty.
    for (int rounds = 0; rounds < 20; ++rounds) {
        clock.advance(Seconds(10));
        counter->reportValue(double(rounds));
    }
    row = counter->row();
    QCOMPARE(row.count, quint64(7)); // a value every 10 s, the oldest exactly 60 s old
    QCOMPARE(row.histogram.count(), quint64(7));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p50")), 16.0));
}

void PercentileWindowCounterTest::shouldTimeBlocksInSeconds()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    for (int i = 1; i <= 100; ++i) {
        counter->reportStart();
        clock.advance(Seconds(i / 1000.0)); // 1 ms … 100 ms
        counter->reportEnd();
    }
    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(100));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p50")), 0.050));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p90")), 0.090));
    QVERIFY(withinError(row.subValues.value(QStringLiteral("p99")), 0.099));
    QVERIFY(qFuzzyCompare(row.subValues.value(QStringLiteral("sum")), 5.050));
}

void PercentileWindowCounterTest::shouldDropNaNAndUnmatchedEnds()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    counter->reportValue(std::nan(""));
    counter->reportEnd();
    counter->reportValue(2.0);
    QCOMPARE(counter->droppedEvents(), quint64(2));
    const CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(1));
    QCOMPARE(row.value, std::optional<double>(2.0)); // clamped to the exact min and max
}

void PercentileWindowCounterTest::shouldKeepLifetimeTotalsBeyondTheWindowUntilClear()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    counter->reportValue(1.5);
    Worker worker;
    worker.run([&] { counter->reportValue(2.5); });
    worker.stop(); // an exited thread's totals stay
    clock.advance(Seconds(600));
    counter->reportValue(4.0);
    CounterRow row = counter->row();
    QCOMPARE(row.count, quint64(1));
    QCOMPARE(row.subValues.value(QStringLiteral("sum")), 4.0);
    QCOMPARE(row.subValues.value(QStringLiteral("lifetime_count")), 3.0);
    QCOMPARE(row.subValues.value(QStringLiteral("lifetime_sum")), 8.0);
    counter->clear();
    row = counter->row();
    QCOMPARE(row.subValues.value(QStringLiteral("lifetime_count")), 0.0);
    counter->reportValue(1.0);
    QCOMPARE(counter->row().subValues.value(QStringLiteral("lifetime_count")), 1.0);
}

void PercentileWindowCounterTest::shouldForgetEverythingOnClear()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    for (int i = 0; i < 10; ++i)
        counter->reportValue(5.0);
    counter->clear();
    QCOMPARE(counter->row().histogram.count(), quint64(0));
    QCOMPARE(counter->value(), std::nullopt);
    counter->reportValue(7.0);
    const CounterRow row = counter->row();
    QCOMPARE(row.histogram.count(), quint64(1));
    QCOMPARE(row.value, std::optional<double>(7.0));
}

void PercentileWindowCounterTest::shouldSortAndCheckItsQuantiles()
{
    ManualClock clock;
    QTest::ignoreMessage(QtWarningMsg,
                         "PercentileWindowCounter latency: quantiles must lie in [0, 1]; left "
                         "out the others");
    auto counter = makeCounter(clock, Seconds(60), {0.99, 1.5, 0.5, 0.99, -0.1, 0.999});
    QCOMPARE(counter->quantiles(), (QList<double>{0.5, 0.99, 0.999}));
    counter->reportValue(1.0);
    const QStringList keys = counter->row().subValues.keys();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("lifetime_count"), QStringLiteral("lifetime_sum"),
                          QStringLiteral("max"), QStringLiteral("min"), QStringLiteral("p50"),
                          QStringLiteral("p99"), QStringLiteral("p99.9"), QStringLiteral("sum")}));
    QCOMPARE(PercentileWindowCounter::defaultQuantiles(), (QList<double>{0.5, 0.9, 0.99}));
}

void PercentileWindowCounterTest::shouldStayWithin72KiBWhateverTheRate()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    counter->reportValue(1.0); // this thread's shard exists from here on
    const std::size_t empty = counter->memoryUsage();
    std::mt19937_64 random(3);
    std::lognormal_distribution<double> lognormal(-4, 3);
    for (int i = 0; i < 1'000'000; ++i) {
        counter->reportValue(lognormal(random));
        if (i % 10000 == 0)
            clock.advance(Seconds(1));
    }
    QCOMPARE(counter->memoryUsage(), empty);
    QVERIFY2(counter->memoryUsage() <= 72 * 1024,
             qPrintable(QString::number(counter->memoryUsage())));
}

void PercentileWindowCounterTest::shouldCountValuesBeyondThePagePoolAtOctaveResolution()
{
    // Every octave of both signs in one bucket: 256 octaves, more than the pool's 192 pages.
    ManualClock clock;
    auto counter = makeCounter(clock);
    quint64 n = 0;
    for (int octave = LogHistogram::MinOctave; octave <= LogHistogram::MaxOctave; ++octave) {
        for (const double sign : {1.0, -1.0}) {
            counter->reportValue(sign * std::ldexp(1.5, octave));
            ++n;
        }
    }
    QVERIFY(counter->coarseValues() > 0);
    QCOMPARE(counter->coarseValues(), n - 192);
    const CounterRow row = counter->row();
    QCOMPARE(row.count, n);
    QCOMPARE(row.histogram.count(), n); // coarse, but none lost
    QCOMPARE(counter->droppedEvents(), quint64(0));
}

// A thread on another lane needs pages of its own; when the pool has none left, it counts into
// another lane's page of the same octave (exact), and only an octave no lane has goes coarse.
void PercentileWindowCounterTest::lanesShouldSharePagesRatherThanGoCoarseWhenThePoolIsDry()
{
    ManualClock clock;
    auto counter = makeCounter(clock);
    // This thread (the first shard: lane 0) takes all 192 pages: every positive octave and 64
    // negative ones.
    for (int octave = LogHistogram::MinOctave; octave <= LogHistogram::MaxOctave; ++octave)
        counter->reportValue(std::ldexp(1.5, octave));
    for (int octave = LogHistogram::MinOctave; octave < 0; ++octave)
        counter->reportValue(-std::ldexp(1.5, octave));
    QCOMPARE(counter->coarseValues(), quint64(0));

    std::thread([&] {                               // the second shard: lane 1, and the pool is dry
        counter->reportValue(std::ldexp(1.5, 10));  // an octave lane 0 has: shared, exact
        counter->reportValue(-std::ldexp(1.5, 10)); // one nobody has: coarse
    })
        .join();
    QCOMPARE(counter->coarseValues(), quint64(1));
    const CounterRow row = counter->row();
    QCOMPARE(row.histogram.count(), quint64(194));
    const qint32 shared = LogHistogram::keyOf(std::ldexp(1.5, 10));
    const auto buckets = row.histogram.buckets();
    const auto it = std::find_if(buckets.cbegin(), buckets.cend(),
                                 [&](const LogHistogram::Bucket &b) { return b.key == shared; });
    QVERIFY(it != buckets.cend());
    QCOMPARE(it->count, quint64(2));
}

// Four threads (four lanes) recording values spread over ten octaves, bucket after bucket: the
// lanes other than the home lane stop taking pages at half the pool, so every slice keeps pages
// for its values and none is counted coarsely.
void PercentileWindowCounterTest::fourThreadsShouldKeepFullResolutionOverManyBuckets()
{
    ManualClock clock;
    auto counter = makeCounter(clock, Seconds(60));
    const qint64 bucketNs = toNanoseconds(Seconds(10));
    quint64 recorded = 0;
    for (int bucket = 0; bucket < 24; ++bucket) {
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                std::mt19937_64 random(quint64(bucket * 4 + t));
                std::uniform_real_distribution<double> exponent(-10, 0);
                for (int i = 0; i < 1000; ++i)
                    counter->reportValue(std::exp2(exponent(random)));
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        recorded += 4000;
        clock.advance(nanoseconds(bucketNs));
    }
    QCOMPARE(counter->coarseValues(), quint64(0));
    QCOMPARE(counter->droppedEvents(), quint64(0));
    QVERIFY(recorded > counter->row().histogram.count()); // the window forgot the oldest
}

void PercentileWindowCounterTest::shouldCountEveryValueFromManyThreads()
{
    ManualClock clock;
    auto concurrent = makeCounter(clock);
    auto sequential = makeCounter(clock);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 50000;
    auto valueOf = [](int thread, int i) {
        return double((i * 7919 + thread * 104729) % 5000) / 1000;
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i)
                concurrent->reportValue(valueOf(t, i));
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < kPerThread; ++i)
            sequential->reportValue(valueOf(t, i));
    }
    const CounterRow row = concurrent->row();
    QCOMPARE(row.count, quint64(kThreads * kPerThread));
    QCOMPARE(row.histogram, sequential->row().histogram);
}

void PercentileWindowCounterTest::shouldMergeProcessesExactlyAsOneProcessFedEverything_data()
{
    QTest::addColumn<int>("processes");
    QTest::addRow("1") << 1;
    QTest::addRow("2") << 2;
    QTest::addRow("7") << 7;
    QTest::addRow("32") << 32;
}

void PercentileWindowCounterTest::shouldMergeProcessesExactlyAsOneProcessFedEverything()
{
    QFETCH(int, processes);
    ManualClock clock;
    auto everything = makeCounter(clock);
    std::vector<std::shared_ptr<PercentileWindowCounter>> parts;
    for (int p = 0; p < processes; ++p)
        parts.push_back(makeCounter(clock));
    std::mt19937_64 random(99);
    std::exponential_distribution<double> exponential(50);
    for (int i = 0; i < 64000; ++i) {
        // Each process sees its own share of the load, and its own latencies.
        const int p = int(random() % quint64(processes));
        const double v = exponential(random) * (1 + p);
        parts[size_t(p)]->reportValue(v);
        everything->reportValue(v);
    }
    QList<CounterRow> rows;
    for (const auto &part : parts)
        rows.append(part->row());
    const CounterRow merged = mergeRows(rows);
    const CounterRow one = everything->row();
    QCOMPARE(merged.type, CounterType::PercentileWindow);
    QCOMPARE(merged.count, one.count);
    QCOMPARE(merged.histogram, one.histogram);
    QCOMPARE(merged.value, one.value);
    for (const QString &key :
         {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p99"),
          QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("lifetime_count")}) {
        QCOMPARE(merged.subValues.value(key), one.subValues.value(key));
    }
    QVERIFY(qFuzzyCompare(merged.subValues.value(QStringLiteral("sum")),
                          one.subValues.value(QStringLiteral("sum"))));
}

void PercentileWindowCounterTest::shouldBeAddedByTheTimePercentilesShortcut()
{
    Registry::global().unregisterAll();
    const int answer = counters::timePercentiles("tst.query_time", [] { return 42; });
    QCOMPARE(answer, 42);
    {
        COUNTERS_TIME_PERCENTILES_SCOPE("tst.query_time");
    }
    const auto counter = Registry::global().counter(QStringLiteral("tst.query_time"));
    QVERIFY(counter);
    QCOMPARE(counter->type(), CounterType::PercentileWindow);
    QCOMPARE(counter->count(), quint64(2));
    QVERIFY(counter->value() >= 0.0);
    QCOMPARE(counter->unit(), Unit::Second); // it times blocks: durations
    // The value shortcut makes a counter of plain values.
    counters::value<PercentileWindowCounter>("tst.sizes", 3);
    QCOMPARE(Registry::global().counter(QStringLiteral("tst.sizes"))->unit(), Unit::None);
    Registry::global().unregisterAll();
}

QTEST_APPLESS_MAIN(PercentileWindowCounterTest)
#include "tst_percentilewindowcounter.moc"
