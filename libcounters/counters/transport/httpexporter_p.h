// SPDX-License-Identifier: MIT
#pragma once

// What HttpExporter reads from a request, apart from the socket: QAbstractHttpServer parses
// the HTTP; these functions decide the answer from what it parsed (the path, the method and
// the Accept headers). Pure and thread-safe; separate so that tests/fuzz/ can reach them.

#include <counters/format/prometheusencoder.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QStringView>

namespace counters {

/// The answer to a request.
struct HttpRoute
{
    enum class Page { NotFound, MethodNotAllowed, Metrics, Report, Health, Index };

    Page page = Page::NotFound;
    /// The format of /metrics (by the Accept header); Text for the other pages.
    PrometheusEncoder::Format format = PrometheusEncoder::Format::Text;
};

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// The values of every header named `name` (case-insensitive), joined by commas.
QByteArray httpHeaderValue(const HttpHeaders &headers, QByteArrayView name);

/// The answer to a request for `path` (the URL's decoded path, without the query).
HttpRoute routeHttpRequest(QStringView path, QHttpServerRequest::Method method,
                           const HttpHeaders &headers);

} // namespace counters
