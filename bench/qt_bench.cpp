// SPDX-License-Identifier: MIT
// What the Qt integrations (Counters::Qt) add to a request, a reply or a task: each pair runs
// the same work with and without the integration in the same run, so the difference of their
// medians is the integration's cost (target: at most 200 ns). Run medians of 5:
//   build/bench/counters-qt-bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true

#include <counters/counter/registry.h>
#include <counters/event/scopedevent.h>
#include <counters/event/threadtimecategorizer.h>
#include <counters/qt/httpservermetrics.h>
#include <counters/qt/networkaccessmetrics.h>
#include <counters/qt/threadpoolmetrics.h>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QThreadPool>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

// ---- QHttpServer: a route's handler, answered as QHttpServer answers it -------------------

QHttpServerResponse handle(int id)
{
    return QHttpServerResponse(QStringLiteral("item %1").arg(id));
}

void BM_HttpHandlerBare(benchmark::State &state)
{
    int id = 0;
    for (auto _ : state) {
        QHttpServerResponse response(handle(++id));
        benchmark::DoNotOptimize(response);
    }
}
BENCHMARK(BM_HttpHandlerBare);

// The same handler through what HttpServerMetrics::route() wraps it in: two clock reads, the
// series of (route, method, status) and a percentile counter's record.
void BM_HttpHandlerTimed(benchmark::State &state)
{
    counters::Registry registry;
    auto recorder =
        std::make_shared<counters::detail::HttpRequestRecorder>(QStringLiteral("bench_http"), registry);
    const QString route = QStringLiteral("/items/<arg>");
    int id = 0;
    for (auto _ : state) {
        QHttpServerResponse response = counters::detail::respond<QHttpServerResponse>(
            recorder, route, QHttpServerRequest::Method::Get, handle, ++id);
        benchmark::DoNotOptimize(response);
    }
}
BENCHMARK(BM_HttpHandlerTimed);

// ---- QNetworkAccessManager: a reply made as the manager's child, finished, deleted ---------

class FinishedReply final : public QNetworkReply
{
public:
    explicit FinishedReply(QObject *parent) : QNetworkReply(parent)
    {
        setUrl(QUrl(QStringLiteral("http://api.example.com/items/1")));
        setOperation(QNetworkAccessManager::GetOperation);
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, 200);
        setFinished(true);
    }
    void abort() override { }

protected:
    qint64 readData(char *, qint64) override { return -1; }
};

void replies(benchmark::State &state, bool measured)
{
    counters::Registry registry;
    QNetworkAccessManager manager;
    if (measured)
        new counters::NetworkAccessMetrics(&manager, QStringLiteral("bench_client"), registry);
    for (auto _ : state) {
        auto *reply = new FinishedReply(&manager);
        Q_EMIT manager.finished(reply);
        delete reply;
    }
}

void BM_NetworkReplyBare(benchmark::State &state)
{
    replies(state, false);
}
BENCHMARK(BM_NetworkReplyBare);

void BM_NetworkReplyMeasured(benchmark::State &state)
{
    replies(state, true);
}
BENCHMARK(BM_NetworkReplyMeasured);

// ---- QThreadPool: a batch of empty tasks, started and waited for ---------------------------

constexpr int kTasks = 1000;

template <typename Start>
void tasks(benchmark::State &state, QThreadPool &pool, Start start)
{
    for (auto _ : state) {
        for (int i = 0; i < kTasks; ++i)
            start([] { });
        pool.waitForDone();
    }
    state.SetItemsProcessed(state.iterations() * kTasks);
}

void BM_ThreadPoolTasksBare(benchmark::State &state)
{
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    tasks(state, pool, [&pool](std::function<void()> task) { pool.start(std::move(task)); });
}
BENCHMARK(BM_ThreadPoolTasksBare)->Unit(benchmark::kMicrosecond);

void BM_ThreadPoolTasksMeasured(benchmark::State &state)
{
    counters::Registry registry;
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    counters::ThreadPoolMetrics metrics(&pool, QStringLiteral("bench_pool"), registry);
    tasks(state, pool, [&metrics](std::function<void()> task) { metrics.start(std::move(task)); });
}
BENCHMARK(BM_ThreadPoolTasksMeasured)->Unit(benchmark::kMicrosecond);

// ---- ThreadTimeCategorizer: a block of a category, heard and timed -------------------------

void BM_CategoryBlockUnheard(benchmark::State &state)
{
    static const counters::Event category{"bench_category"};
    for (auto _ : state)
        counters::ScopedEvent block(category);
}
BENCHMARK(BM_CategoryBlockUnheard);

void BM_CategoryBlockCategorized(benchmark::State &state)
{
    static const counters::Event category{"bench_category"};
    counters::ThreadTimeCategorizer split(QStringLiteral("bench"),
                                          {QStringLiteral("bench_category")});
    for (auto _ : state)
        counters::ScopedEvent block(category);
    benchmark::DoNotOptimize(split.time(u"bench_category"));
}
BENCHMARK(BM_CategoryBlockCategorized);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // QNetworkAccessManager and QThreadPool want one
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
