// SPDX-License-Identifier: MIT
#pragma once

#include <counters/qt/httpservermetrics.h>
#include <counters/qt/networkaccessmetrics.h>
#include <counters/qt/threadpoolmetrics.h>

#include <QHttpServer>
#include <QNetworkAccessManager>
#include <QThreadPool>

#include <memory>

/**
 * An HTTP JSON API:
 * - GET /api/primes/<n>: the primes below n, worked out on a thread pool (each task's time is
 *   split into "compute" and "format" by a ThreadTimeCategorizer);
 * - GET /api/summary: asks its own /api/primes/1000 over HTTP, and answers with the count;
 * - GET /healthz: "ok".
 * Every part is measured with Counters::Qt.
 */
class ExampleService
{
public:
    ExampleService();
    ~ExampleService();

    /// Serves on `address`:`port` (0: any free port); false with errorString() when it cannot.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }
    QString errorString() const { return m_errorString; }

private:
    void addRoutes();

    QThreadPool m_pool;
    QHttpServer m_server;
    QNetworkAccessManager m_client;
    counters::HttpServerMetrics m_serverMetrics;
    counters::ThreadPoolMetrics m_poolMetrics;
    quint16 m_port = 0;
    QHostAddress m_selfAddress{QHostAddress::LocalHost};
    QString m_errorString;
};
