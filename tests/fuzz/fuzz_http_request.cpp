// SPDX-License-Identifier: MIT
// Fuzzes what counters::HttpExporter reads from a connection: the request head
// (parseHttpRequest()) and the page chosen for it (routeHttpRequest(),
// PrometheusEncoder::negotiate()).
//
// Asserts beyond "no crash, no leak": a complete head consumed no more than the input and at
// most the head limit, and ends with an empty line; an invalid one has a 4xx/5xx status; a
// request with both Content-Length and Transfer-Encoding is never complete; only the four
// known paths are served, only to GET and HEAD; the format follows the joined Accept header,
// and a header that does not mention openmetrics never gets OpenMetrics.

#include "fuzzsupport.h"

#include <counters/transport/httpexporter_p.h>

using namespace counters;
using Status = HttpParseResult::Status;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    HttpRequestLimits limits;
    limits.maxHeadBytes = 4096;
    limits.maxTargetBytes = 1024;
    limits.maxHeaders = 20;
    const HttpParseResult parsed = parseHttpRequest(input, limits);
    if (parsed.status == Status::Invalid) {
        FUZZ_CHECK(parsed.errorStatus >= 400 && parsed.errorStatus < 600);
        FUZZ_CHECK(!parsed.error.isEmpty());
        return 0;
    }
    if (parsed.status == Status::Incomplete) {
        FUZZ_CHECK(input.size() <= limits.maxHeadBytes);
        return 0;
    }
    FUZZ_CHECK(parsed.consumed > 0 && parsed.consumed <= input.size());
    FUZZ_CHECK(parsed.consumed <= limits.maxHeadBytes);
    FUZZ_CHECK(input.left(parsed.consumed).endsWith("\n\n")
               || input.left(parsed.consumed).endsWith("\n\r\n"));
    const HttpRequest &request = parsed.request;
    FUZZ_CHECK(request.headers.size() <= limits.maxHeaders);
    FUZZ_CHECK(request.target.size() <= limits.maxTargetBytes);
    bool contentLength = false;
    bool transferEncoding = false;
    for (const auto &field : request.headers) {
        contentLength |= field.first.compare("Content-Length", Qt::CaseInsensitive) == 0;
        transferEncoding |= field.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0;
    }
    FUZZ_CHECK(!(contentLength && transferEncoding));
    FUZZ_CHECK(!transferEncoding || request.hasBody);

    const QString &path = request.path;
    const HttpRoute route = routeHttpRequest(request);
    const bool known =
        path == u"/metrics" || path == u"/report.json" || path == u"/healthz" || path == u"/";
    const bool allowed = request.method == "GET" || request.method == "HEAD";
    FUZZ_CHECK((route.page == HttpRoute::Page::NotFound) == !known);
    FUZZ_CHECK(!known || (route.page == HttpRoute::Page::MethodNotAllowed) == !allowed);
    if (route.page != HttpRoute::Page::Metrics) {
        FUZZ_CHECK(route.format == PrometheusEncoder::Format::Text);
        return 0;
    }
    const QByteArray accept = request.header("accept");
    FUZZ_CHECK(route.format == PrometheusEncoder::negotiate(accept));
    if (!accept.toLower().contains("application/openmetrics-text"))
        FUZZ_CHECK(route.format == PrometheusEncoder::Format::Text);
    return 0;
}
