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
#include <QThreadPool>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

// ---- QHttpServer: a route's handler, answered as QHttpServer answers it -------------------

// A handler that does next to nothing, so that what the wrapper adds stands out of the noise.
QHttpServerResponse handle(int id)
{
    return QHttpServerResponse(id >= 0 ? QHttpServerResponse::StatusCode::Ok
                                       : QHttpServerResponse::StatusCode::NotFound);
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
    auto recorder = std::make_shared<counters::detail::HttpRequestRecorder>(
        QStringLiteral("bench_http"), registry);
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

// ---- QThreadPool: a task as the pool's thread runs it, bare or wrapped by the metrics --------

void BM_PoolTaskBare(benchmark::State &state)
{
    for (auto _ : state) {
        std::function<void()> task = [] {};
        task();
        benchmark::DoNotOptimize(task);
    }
}
BENCHMARK(BM_PoolTaskBare);

// What start() adds to a task on both sides, run on one thread: the wrapper's allocation, the
// queue gauge up and down, two clock reads and two percentile records.
void BM_PoolTaskWrapped(benchmark::State &state)
{
    counters::Registry registry;
    QThreadPool pool;
    counters::ThreadPoolMetrics metrics(&pool, QStringLiteral("bench_pool"), registry);
    for (auto _ : state) {
        std::function<void()> task = metrics.wrap([] {});
        task();
        benchmark::DoNotOptimize(task);
    }
}
BENCHMARK(BM_PoolTaskWrapped);

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
