// SPDX-License-Identifier: MIT
// Fuzzes what counters::HttpExporter reads from a request: the path, the method and the Accept
// headers (routeHttpRequest(), httpHeaderValue(), PrometheusEncoder::negotiate()). The HTTP
// syntax itself is parsed by Qt's QAbstractHttpServer, not by us: this target splits the input
// into a request line and header lines the simple way and hands the pieces over as Qt would.
//
// Asserts beyond "no crash, no leak": only the four known paths are served, only to GET and
// HEAD; the format follows the joined Accept header and nothing else; a header that does not
// mention openmetrics never gets OpenMetrics.

#include "fuzzsupport.h"

#include <counters/transport/httpexporter_p.h>

#include <QUrl>

using namespace counters;
using Method = QHttpServerRequest::Method;

namespace {

Method methodOf(QByteArrayView name)
{
    static const std::pair<const char *, Method> methods[] = {
        {"GET", Method::Get},         {"HEAD", Method::Head},     {"PUT", Method::Put},
        {"POST", Method::Post},       {"DELETE", Method::Delete}, {"PATCH", Method::Patch},
        {"OPTIONS", Method::Options}, {"TRACE", Method::Trace},   {"CONNECT", Method::Connect},
    };
    for (const auto &[text, method] : methods) {
        if (name == QByteArrayView(text))
            return method;
    }
    return Method::Unknown;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const Method method = methodOf(requestLine.value(0));
    const QUrl url = QUrl::fromEncoded(requestLine.value(1), QUrl::TolerantMode);
    HttpHeaders headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon >= 0)
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }

    const QString path = url.path();
    const HttpRoute route = routeHttpRequest(path, method, headers);
    const bool known =
        path == u"/metrics" || path == u"/report.json" || path == u"/healthz" || path == u"/";
    const bool allowed = method == Method::Get || method == Method::Head;
    FUZZ_CHECK((route.page == HttpRoute::Page::NotFound) == !known);
    FUZZ_CHECK(!known || (route.page == HttpRoute::Page::MethodNotAllowed) == !allowed);
    if (route.page != HttpRoute::Page::Metrics) {
        FUZZ_CHECK(route.format == PrometheusEncoder::Format::Text);
        return 0;
    }
    const QByteArray accept = httpHeaderValue(headers, "accept");
    FUZZ_CHECK(route.format == PrometheusEncoder::negotiate(accept));
    if (!accept.toLower().contains("application/openmetrics-text"))
        FUZZ_CHECK(route.format == PrometheusEncoder::Format::Text);
    return 0;
}
