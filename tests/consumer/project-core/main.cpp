// SPDX-License-Identifier: MIT
// A user's program that links Counters::Core alone: counts events and writes the JSON report.
// Exits non-zero on any mismatch.
#include <counters/counters.h>
#include <counters/format/jsoncodec.h>

#include <cstdio>
#include <memory>

int main()
{
    auto requests = std::make_shared<counters::EventCounter>(QStringLiteral("core_requests"));
    if (!counters::Registry::global().registerCounter(requests)) {
        std::fprintf(stderr, "FAIL: registerCounter\n");
        return 1;
    }
    const counters::Event request{"core_requests"};
    for (int i = 0; i < 4; ++i)
        request.value(1.0);
    const QByteArray json = counters::JsonCodec::toJson(counters::Registry::global().collect());
    if (!json.contains("\"core_requests\":4")) {
        std::fprintf(stderr, "FAIL: the JSON report lacks core_requests = 4:\n%s\n",
                     json.constData());
        return 1;
    }
    std::printf("ok: %s\n", json.left(60).constData());
    return 0;
}
