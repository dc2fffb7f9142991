// SPDX-License-Identifier: MIT
// The recording path against PyCounters 0.6's design (one mutex, a deque of (time, value) trimmed
// on write), measured in the same run so that ratios hold when the machine's speed drifts. Targets
// (a 2-core VM, medians of 5, CPU time per operation per thread):
//   BM_EventNoListener ≤ 1.5 ns, BM_EventByNameNoListener ≤ 15 ns,
//   BM_ValueToAverageWindow ≤ 8 ns (≤ 10 ns with 2 threads),
//   BM_TimedBlockToAverageTime ≤ 65 ns (≤ 70 ns with 2 threads): what it costs depends on the
//   stopwatch (Clock::stopwatchName(), printed in the context and the benchmark's label): about
//   25 ns with the TSC, 60 ns with clock_gettime on kvm-clock.
// BM_ValueToPercentileWindow ≤ 30 ns, with its max_rel_error ≤ 1 %.

#include <counters/counters.h>
#include <counters/format/jsoncodec_p.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

// A registry of its own per benchmark, created once and shared by the benchmark's threads.
template <typename T>
struct Registered
{
    std::shared_ptr<T> counter;
    counters::Registry registry;

    explicit Registered(const QString &name) : counter(std::make_shared<T>(name))
    {
        if (!registry.registerCounter(counter))
            qFatal("%ls", qUtf16Printable(registry.errorString()));
    }
};

void BM_EventNoListener(benchmark::State &state)
{
    static const counters::Event event{"bench_nobody_listens"};
    double x = 0;
    for (auto _ : state) {
        event.value(x);
        x += 1;
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_EventNoListener);
BENCHMARK(BM_EventNoListener)->Threads(2);

void BM_EventByNameNoListener(benchmark::State &state)
{
    double x = 0;
    for (auto _ : state) {
        counters::reportValue("bench_nobody_listens_by_name", x);
        x += 1;
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_EventByNameNoListener);
BENCHMARK(BM_EventByNameNoListener)->Threads(2);

// A catch-all listener that does nothing but count: what hearing every event costs.
class CountingListener final : public counters::AllEventsListener
{
public:
    ~CountingListener() { stopListening(); }
    int eventKinds() const noexcept override { return counters::EventListener::ValueEvents; }
    void onEvent(counters::Event, counters::EventListener::EventKind, double) noexcept override
    {
        heard.fetch_add(1, std::memory_order_relaxed);
    }
    std::atomic<quint64> heard{0};
};

// An event no counter listens to, heard by a listener of this thread (ThreadTimeCategorizer,
// ValueAccumulator): the detour into the library plus one virtual call.
void BM_EventToThisThreadListener(benchmark::State &state)
{
    static const counters::Event event{"bench_heard_by_a_thread"};
    CountingListener listener;
    listener.startListening(counters::AllEventsListener::Scope::ThisThread);
    double x = 0;
    for (auto _ : state) {
        event.value(x);
        x += 1;
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_EventToThisThreadListener);

// The same event on a thread whose events nobody hears, while another thread has a listener:
// every thread then takes the detour, and the thread check inside it skips the listener.
void BM_EventWhileAnotherThreadListens(benchmark::State &state)
{
    static const counters::Event event{"bench_heard_by_another_thread"};
    CountingListener listener;
    std::thread([&] {
        listener.startListening(counters::AllEventsListener::Scope::ThisThread);
    }).join();
    double x = 0;
    for (auto _ : state) {
        event.value(x);
        x += 1;
        benchmark::ClobberMemory();
    }
    listener.stopListening();
}
BENCHMARK(BM_EventWhileAnotherThreadListens);

void BM_ValueToAverageWindow(benchmark::State &state)
{
    static Registered<counters::AverageWindowCounter> setup(QStringLiteral("bench_average"));
    static const counters::Event event{"bench_average"};
    double x = 0;
    for (auto _ : state) {
        event.value(x);
        x += 1;
    }
    if (state.thread_index() == 0) {
        state.counters["counter_bytes"] = double(setup.counter->memoryUsage());
        benchmark::DoNotOptimize(setup.counter->value());
    }
}
BENCHMARK(BM_ValueToAverageWindow);
BENCHMARK(BM_ValueToAverageWindow)->Threads(2);

// A value through a cached handle of a labelled series: the call site keeps what with() gave.
void BM_ValueToLabelledAverageWindow(benchmark::State &state)
{
    static counters::Registry registry;
    static counters::Family<counters::AverageWindowCounter> family(
        QStringLiteral("bench_labelled"), {QStringLiteral("method"), QStringLiteral("status")},
        registry);
    static const counters::Event series = family.with({u"GET", u"200"});
    double v = 0;
    for (auto _ : state) {
        series.value(v);
        v += 1;
    }
}
BENCHMARK(BM_ValueToLabelledAverageWindow);
BENCHMARK(BM_ValueToLabelledAverageWindow)->Threads(2);

// 100 label sets of (route, status), as a web service's requests have them.
const std::vector<counters::Labels> &routeStatusSets()
{
    static const std::vector<counters::Labels> sets = [] {
        std::vector<counters::Labels> v;
        for (int route = 0; route < 25; ++route) {
            for (const char *status : {"200", "301", "404", "500"}) {
                v.push_back(
                    {{QStringLiteral("route"), QStringLiteral("/api/v1/items/%1").arg(route)},
                     {QStringLiteral("status"), QString::fromLatin1(status)}});
            }
        }
        return v;
    }();
    return sets;
}

// Finding the series of a label set by its values: 2 labels, 100 series in the family.
void BM_FamilyFindSeries(benchmark::State &state)
{
    static counters::Registry registry;
    static counters::Family<counters::EventCounter> family(
        QStringLiteral("bench_find"), {QStringLiteral("route"), QStringLiteral("status")},
        registry);
    static const std::vector<std::pair<QString, QString>> sets = [] {
        std::vector<std::pair<QString, QString>> v;
        for (const counters::Labels &labels : routeStatusSets()) {
            v.emplace_back(labels.value(QStringLiteral("route")),
                           labels.value(QStringLiteral("status")));
            family.with({QStringView(v.back().first), QStringView(v.back().second)});
        }
        return v;
    }();
    size_t i = 0;
    for (auto _ : state) {
        const auto &[route, status] = sets[i++ % sets.size()];
        benchmark::DoNotOptimize(family.with({QStringView(route), QStringView(status)}));
    }
    state.counters["series"] = family.seriesCount();
}
BENCHMARK(BM_FamilyFindSeries);

// The by-name path for label sets known only at run time: a value into the series of a label
// map, the family found by its name (2 labels, 100 series).
void BM_ValueByNameWithLabels(benchmark::State &state)
{
    static counters::Registry registry;
    static counters::Family<counters::AverageWindowCounter> family(
        QStringLiteral("bench_by_name"), {QStringLiteral("route"), QStringLiteral("status")},
        registry);
    const std::vector<counters::Labels> &sets = routeStatusSets();
    size_t i = 0;
    for (auto _ : state)
        counters::labelledEvent("bench_by_name", sets[i++ % sets.size()], registry).value(1);
    state.counters["series"] = family.seriesCount();
}
BENCHMARK(BM_ValueByNameWithLabels);

void BM_TimedBlockToAverageTime(benchmark::State &state)
{
    static Registered<counters::AverageTimeCounter> setup(QStringLiteral("bench_timed"));
    static const counters::Event event{"bench_timed"};
    for (auto _ : state) {
        counters::ScopedEvent timed(event);
        benchmark::ClobberMemory();
    }
    if (state.thread_index() == 0) {
        benchmark::DoNotOptimize(setup.counter->value());
        state.SetLabel(counters::Clock::stopwatchName().toStdString());
    }
}
BENCHMARK(BM_TimedBlockToAverageTime);
BENCHMARK(BM_TimedBlockToAverageTime)->Threads(2);

// Latencies of a known distribution (exponential, mean 10 ms), cycled so that the recording
// path sees realistic, varying sub-buckets rather than one hot counter.
const std::vector<double> &latencySamples()
{
    static const std::vector<double> samples = [] {
        std::mt19937_64 random(42);
        std::exponential_distribution<double> exponential(100);
        std::vector<double> v(4096);
        for (double &x : v)
            x = exponential(random);
        return v;
    }();
    return samples;
}

// The largest relative error of p50, p90, p99 and p99.9 against the exact quantiles (the
// ⌈q·n⌉-th smallest value) of 200,000 lognormal values with a heavy tail, fed to a counter on a
// manual clock: the accuracy half of the speed/accuracy trade.
double percentileMaxRelativeError()
{
    counters::ManualClock clock;
    const QList<double> quantiles{0.5, 0.9, 0.99, 0.999};
    counters::PercentileWindowCounter counter(QStringLiteral("bench_accuracy"),
                                              counters::Seconds(60), quantiles);
    counter.setClock(&clock);
    std::mt19937_64 random(7);
    std::lognormal_distribution<double> lognormal(-5, 1.5);
    std::vector<double> values(200000);
    for (double &v : values) {
        v = lognormal(random);
        counter.reportValue(v);
    }
    std::sort(values.begin(), values.end());
    const counters::CounterRow row = counter.row();
    double worst = 0;
    for (double q : quantiles) {
        const auto rank = std::clamp<size_t>(size_t(std::ceil(q * double(values.size()) - 1e-9)), 1,
                                             values.size());
        const double exact = values[rank - 1];
        const double estimate = row.subValues.value(counters::LogHistogram::quantileKey(q));
        worst = std::max(worst, std::abs(estimate - exact) / exact);
    }
    return worst;
}

void BM_ValueToPercentileWindow(benchmark::State &state)
{
    static Registered<counters::PercentileWindowCounter> setup(QStringLiteral("bench_percentiles"));
    static const counters::Event event{"bench_percentiles"};
    const std::vector<double> &samples = latencySamples();
    size_t i = size_t(state.thread_index()) * 997;
    for (auto _ : state) {
        event.value(samples[i++ & (samples.size() - 1)]);
    }
    if (state.thread_index() == 0) {
        static const double maxRelativeError = percentileMaxRelativeError();
        state.counters["max_rel_error"] = maxRelativeError;
        state.counters["counter_bytes"] = double(setup.counter->memoryUsage());
        benchmark::DoNotOptimize(setup.counter->value());
    }
}
BENCHMARK(BM_ValueToPercentileWindow);
BENCHMARK(BM_ValueToPercentileWindow)->Threads(2);

// PyCounters 0.6's design in C++: every event takes one process-wide lock, reads the clock, trims
// the front of an unbounded deque of (time, value) and appends.
class MutexDequeAverage
{
public:
    explicit MutexDequeAverage(std::chrono::nanoseconds window) : m_window(window) { }

    void add(double value)
    {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        while (!m_values.empty() && m_values.front().first < now - m_window)
            m_values.pop_front();
        m_values.emplace_back(now, value);
    }

    double average() const
    {
        std::lock_guard lock(m_mutex);
        double sum = 0;
        for (const auto &entry : m_values)
            sum += entry.second;
        return m_values.empty() ? 0 : sum / double(m_values.size());
    }

private:
    const std::chrono::nanoseconds m_window;
    mutable std::mutex m_mutex;
    std::deque<std::pair<std::chrono::steady_clock::time_point, double>> m_values;
};

void BM_Baseline_MutexDequeAverage(benchmark::State &state)
{
    // A short window keeps the deque (and its memory) bounded while the benchmark runs.
    static MutexDequeAverage baseline(10ms);
    double x = 0;
    for (auto _ : state) {
        baseline.add(x);
        x += 1;
    }
    if (state.thread_index() == 0)
        benchmark::DoNotOptimize(baseline.average());
}
BENCHMARK(BM_Baseline_MutexDequeAverage);
BENCHMARK(BM_Baseline_MutexDequeAverage)->Threads(2);

// Times JsonCodec::toJson() of `snapshot`; reports the size written.
void timeToJson(benchmark::State &state, const counters::Snapshot &snapshot)
{
    qint64 bytes = 0;
    for (auto _ : state) {
        const QByteArray json = counters::JsonCodec::toJson(snapshot);
        bytes = json.size();
        benchmark::DoNotOptimize(json.constData());
    }
    state.counters["json_bytes"] = double(bytes);
}

// Target: a snapshot of 10,000 labelled series (one family, labels route and status) to the
// JSON report in ≤ 3 ms.
void BM_Snapshot10kLabelledToJson(benchmark::State &state)
{
    QList<counters::CounterRow> rows;
    rows.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        counters::CounterRow row;
        row.family = QStringLiteral("http_request_time");
        row.labels = {{QStringLiteral("route"), QStringLiteral("/api/v1/items/%1").arg(i / 4)},
                      {QStringLiteral("status"), QString::number(200 + i % 4)}};
        row.name = counters::seriesName(row.family, row.labels);
        row.type = counters::CounterType::AverageTime;
        row.unit = counters::Unit::Second;
        row.statistic = counters::Statistic::Mean;
        row.value = i * 1.25e-4;
        row.window = 300;
        row.count = quint64(i);
        row.subValues.insert(QStringLiteral("min"), i * 0.5e-4);
        row.subValues.insert(QStringLiteral("max"), i * 2e-4);
        rows.append(std::move(row));
    }
    timeToJson(state, counters::Snapshot(1.7e9, {}, std::move(rows)));
}
BENCHMARK(BM_Snapshot10kLabelledToJson)->Unit(benchmark::kMillisecond);

// Target: a snapshot of 10,000 counters to the JSON report in ≤ 10 ms.
void BM_Snapshot10kToJson(benchmark::State &state)
{
    QList<counters::CounterRow> rows;
    rows.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        counters::CounterRow row;
        row.name = QStringLiteral("service_counter_%1").arg(i);
        row.type = counters::CounterType(i % 8);
        row.value = i * 1.25;
        row.window = 300;
        row.count = quint64(i);
        if (row.type == counters::CounterType::AverageWindow
            || row.type == counters::CounterType::AverageTime) {
            row.subValues.insert(QStringLiteral("min"), i * 0.5);
            row.subValues.insert(QStringLiteral("max"), i * 2.0);
        }
        rows.append(std::move(row));
    }
    timeToJson(state, counters::Snapshot(1.7e9, {}, std::move(rows)));
}
BENCHMARK(BM_Snapshot10kToJson)->Unit(benchmark::kMillisecond);

// Reading reports: a history line of 20 average-time counters, as the dashboard reads a day of
// them (bench/dashboard-open.sh). JsonCodec::fromJson() reads it with its quick reader; the
// QJsonDocument reader, which it falls back on, is the baseline measured in the same run.
QByteArray historyLine()
{
    QList<counters::CounterRow> rows;
    for (int i = 0; i < 20; ++i) {
        counters::CounterRow row;
        row.name = QStringLiteral("service_%1_time").arg(i, 3, 10, QLatin1Char('0'));
        row.type = counters::CounterType::AverageTime;
        row.unit = counters::Unit::Second;
        row.statistic = counters::Statistic::Mean;
        row.value = 0.0034449302998559 * (i + 1);
        row.window = 300;
        row.count = quint64(200 + i);
        row.subValues.insert(QStringLiteral("min"), 0.00034449302998559 * (i + 1));
        row.subValues.insert(QStringLiteral("max"), 0.0172246514992795 * (i + 1));
        rows.append(std::move(row));
    }
    counters::SnapshotSource source{
        QStringLiteral("day-service"), QStringLiteral("web-1"), 4242, 1796515140.0, {}};
    return counters::JsonCodec::toJson(counters::Snapshot(1796515200.0, source, rows));
}

void timeReading(benchmark::State &state, counters::detail::JsonReader reader)
{
    const QByteArray line = historyLine();
    for (auto _ : state) {
        std::optional<counters::Snapshot> snapshot = counters::detail::readReport(line, reader);
        if (!snapshot)
            state.SkipWithError("the line did not read");
        benchmark::DoNotOptimize(snapshot);
    }
    state.SetBytesProcessed(state.iterations() * line.size());
}

void BM_HistoryLineFromJsonQuick(benchmark::State &state)
{
    timeReading(state, counters::detail::JsonReader::Quick);
}
BENCHMARK(BM_HistoryLineFromJsonQuick)->Unit(benchmark::kMicrosecond);

void BM_HistoryLineFromJsonQJsonDocument(benchmark::State &state)
{
    timeReading(state, counters::detail::JsonReader::Qt);
}
BENCHMARK(BM_HistoryLineFromJsonQJsonDocument)->Unit(benchmark::kMicrosecond);

// Multi-process collection: the leader merges 32 node snapshots of 1,000 counters each in
// ≤ 50 ms (every node has the same counters, as processes of one service do).
void BM_Merge32Nodes1kCounters(benchmark::State &state)
{
    QList<counters::Snapshot> nodes;
    for (int n = 0; n < 32; ++n) {
        QList<counters::CounterRow> rows;
        rows.reserve(1000);
        for (int i = 0; i < 1000; ++i) {
            counters::CounterRow row;
            row.name = QStringLiteral("service_counter_%1").arg(i);
            row.type = counters::CounterType(i % 8);
            row.value = (i % 7 == 0) ? std::nullopt : std::optional<double>(i * 0.5 + n);
            row.window = 300;
            row.count = quint64(i + n);
            if (row.type == counters::CounterType::AverageWindow
                || row.type == counters::CounterType::AverageTime) {
                row.subValues.insert(QStringLiteral("min"), n);
                row.subValues.insert(QStringLiteral("max"), i + n);
            }
            rows.append(std::move(row));
        }
        counters::SnapshotSource source;
        source.node = QStringLiteral("host_%1_0_1700000000.00").arg(1000 + n);
        nodes.append(counters::Snapshot(1.7e9, source, std::move(rows)));
    }
    qsizetype merged = 0;
    for (auto _ : state) {
        const counters::Snapshot snapshot = counters::merge(nodes, 1.7e9);
        merged = snapshot.rows().size();
        benchmark::DoNotOptimize(snapshot.rows().constData());
    }
    state.counters["rows"] = double(merged);
}
BENCHMARK(BM_Merge32Nodes1kCounters)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    // Timed blocks cost what their stopwatch costs: say which one this run used.
    benchmark::AddCustomContext("stopwatch", counters::Clock::stopwatchName().toStdString());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
