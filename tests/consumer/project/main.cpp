// SPDX-License-Identifier: MIT
// A user's program against the installed package: counts events with Counters::Core and
// round-trips a wire frame with Counters::Transport. Exits non-zero on any mismatch.
#include <counters/counters.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>

#include <cstdio>
#include <memory>

namespace {

int g_failures = 0;

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "FAIL: %s\n", what);
        ++g_failures;
    }
}

} // namespace

int main()
{
    // Core: a counter, registered globally, fed through an Event handle.
    auto requests = std::make_shared<counters::EventCounter>(QStringLiteral("consumer_requests"));
    check(counters::Registry::global().registerCounter(requests), "registerCounter");
    check(!requests->value().has_value(), "an EventCounter is empty before its first event");

    const counters::Event request{"consumer_requests"};
    for (int i = 0; i < 3; ++i) {
        counters::ScopedEvent scope{request}; // one end event each
    }
    request.value(2.0);
    check(requests->value() == 5.0, "EventCounter counts 3 ends + a value of 2");

    auto latency = std::make_shared<counters::AverageTimeCounter>(QStringLiteral("consumer_time"));
    check(counters::Registry::global().registerCounter(latency), "registerCounter (time)");
    {
        counters::ScopedEvent timed{counters::Event{"consumer_time"}};
    }
    check(latency->value().has_value() && *latency->value() >= 0.0, "AverageTimeCounter value");

    // Labels, as README shows them: a family with a kept handle, by name, and a shortcut.
    static counters::Family<counters::AverageTimeCounter> requestTime{
        QStringLiteral("http_request_time"), {QStringLiteral("method"), QStringLiteral("status")}};
    {
        static const counters::Event getOk = requestTime.with({u"GET", u"200"});
        counters::ScopedEvent timed(getOk);
    }
    static counters::Family<counters::AverageWindowCounter> queueLength{
        QStringLiteral("queue_length"), {QStringLiteral("queue")}};
    counters::reportValue("queue_length", {{QStringLiteral("queue"), QStringLiteral("mail")}}, 4);
    counters::time("job_time", {{QStringLiteral("kind"), QStringLiteral("resize")}}, [] {});

    const counters::Snapshot snapshot = counters::Registry::global().collect();
    check(snapshot.value(u"consumer_requests") == 5.0, "snapshot holds the counter's value");
    const counters::CounterRow *get =
        snapshot.row(u"http_request_time{method=\"GET\",status=\"200\"}");
    check(get && get->count == 1 && get->family == QStringLiteral("http_request_time"),
          "a labelled series, with its family");
    check(snapshot.value(u"queue_length{queue=\"mail\"}") == 4.0, "a value by name and labels");
    check(snapshot.row(u"job_time{kind=\"resize\"}") != nullptr, "a labelled shortcut");

    // Transport: encode a frame and decode it from two chunks.
    const counters::Frame frame{counters::FrameType::Snapshot, QByteArrayLiteral("{\"x\": 1}")};
    const QByteArray wire = counters::encodeFrame(frame);
    check(wire.size() == counters::kFrameHeaderSize + frame.payload.size(), "frame size");

    counters::FrameReader reader;
    reader.append(QByteArrayView(wire).first(3));
    check(!reader.nextFrame().has_value(), "no frame from a partial header");
    reader.append(QByteArrayView(wire).sliced(3));
    const std::optional<counters::Frame> decoded = reader.nextFrame();
    check(decoded.has_value() && *decoded == frame, "decoded frame equals the encoded one");
    check(!reader.hasError(), "no reader error");

    if (g_failures != 0) {
        std::fprintf(stderr, "%d check(s) failed\n", g_failures);
        return 1;
    }
    std::printf("counters-consumer: all checks passed\n");
    return 0;
}
