// SPDX-License-Identifier: MIT
#pragma once

// What HttpExporter answers to a request, apart from the socket: detail::HttpServer parses
// the HTTP (parseHttpRequest()); this function decides the page from what it parsed (the
// path, the method and the Accept headers). Pure and thread-safe; separate so that tests/fuzz/
// can reach it.

#include <counters/counters_transport_export.h>
#include <counters/format/httprequest_p.h>
#include <counters/format/prometheusencoder.h>

namespace counters {

/// The answer to a request.
struct HttpRoute
{
    enum class Page { NotFound, MethodNotAllowed, Metrics, Report, Health, Index };

    Page page = Page::NotFound;
    /// The format of /metrics (by the Accept header); Text for the other pages.
    PrometheusEncoder::Format format = PrometheusEncoder::Format::Text;
};

/// The answer to `request`: a known path to GET or HEAD, 405 to other methods, else 404.
COUNTERS_TRANSPORT_EXPORT HttpRoute routeHttpRequest(const HttpRequest &request);

} // namespace counters
