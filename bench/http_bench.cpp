// SPDX-License-Identifier: MIT
// What a scrape of counters::HttpExporter costs, seen from a client on loopback: one kept-alive
// connection asking again and again, the exporter answering from its own thread. The report
// does not change between scrapes, so this measures the HTTP server, not the encoder; run
// medians of 5:
//   build/bench/counters-http-bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true

#include <counters/counters.h>
#include <counters/transport/httpexporter.h>

#include <QCoreApplication>
#include <QTcpSocket>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

counters::Snapshot snapshotOf(int counters)
{
    QList<counters::CounterRow> rows;
    for (int i = 0; i < counters; ++i) {
        counters::CounterRow row;
        row.name = QStringLiteral("requests_%1_time").arg(i);
        row.type = counters::CounterType::AverageTime;
        row.value = 0.001 * i;
        row.window = 300;
        rows.append(row);
    }
    return counters::Snapshot(1.7e9, counters::SnapshotSource(), rows);
}

// Reads one answer with a Content-Length header off `socket`; false when it does not come.
bool readAnswer(QTcpSocket &socket, QByteArray &buffer)
{
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const qsizetype at = buffer.indexOf("Content-Length: ");
            if (at < 0 || at > end)
                return false;
            const qsizetype eol = buffer.indexOf("\r\n", at);
            const qsizetype length = buffer.mid(at + 16, eol - at - 16).toLongLong();
            if (buffer.size() >= end + 4 + length) {
                buffer.remove(0, end + 4 + length);
                return true;
            }
        }
        if (!socket.waitForReadyRead(5000))
            return false;
        buffer += socket.readAll();
    }
}

void scrape(benchmark::State &state, const QByteArray &path)
{
    auto exporter = std::make_shared<counters::HttpExporter>();
    if (!exporter->listen(QHostAddress::LocalHost, 0)) {
        state.SkipWithError("cannot listen");
        return;
    }
    exporter->report(snapshotOf(int(state.range(0))));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, exporter->serverPort());
    if (!socket.waitForConnected(5000)) {
        state.SkipWithError("cannot connect");
        return;
    }
    const QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    QByteArray buffer;
    for (auto _ : state) {
        socket.write(request);
        if (!readAnswer(socket, buffer)) {
            state.SkipWithError("no answer");
            return;
        }
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_HttpScrapeMetrics(benchmark::State &state)
{
    scrape(state, "/metrics");
}
BENCHMARK(BM_HttpScrapeMetrics)->Arg(10)->Arg(1000)->UseRealTime();

void BM_HttpHealthz(benchmark::State &state)
{
    scrape(state, "/healthz");
}
BENCHMARK(BM_HttpHealthz)->Arg(1)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
