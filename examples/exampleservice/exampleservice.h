// SPDX-License-Identifier: MIT
#pragma once

#include <counters/qt/httpservermetrics.h>
#include <counters/qt/threadpoolmetrics.h>

#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QThreadPool>
#include <QTimer>

/**
 * An HTTP JSON API:
 * - GET /api/primes/<n>: the primes below n, worked out on a thread pool (each task's time is
 *   split into "compute" and "format" by a ThreadTimeCategorizer);
 * - GET /api/summary: how many primes lie below 1000, and how its last self-check went;
 * - GET /healthz: "ok", which the service asks itself over HTTP every two seconds.
 * Every part is measured with Counters::Qt.
 *
 * Handlers wait for their pool task rather than return a QFuture: Qt 6.4's QHttpServer cannot
 * answer a future that finishes after the handler returned (see HttpServerMetrics). The wait
 * holds the event loop, which event_loop_lag shows.
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
    /// The primes below `n`, as the pool works them out.
    QHttpServerResponse primes(int n);
    void checkSelf();

    QThreadPool m_pool;
    QHttpServer m_server;
    QNetworkAccessManager *m_client;
    QTimer m_selfCheck;
    counters::HttpServerMetrics m_serverMetrics;
    counters::ThreadPoolMetrics m_poolMetrics;
    quint16 m_port = 0;
    QHostAddress m_selfAddress{QHostAddress::LocalHost};
    QJsonObject m_lastCheck;
    QString m_errorString;
};
