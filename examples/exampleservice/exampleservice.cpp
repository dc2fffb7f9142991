// SPDX-License-Identifier: MIT
#include "exampleservice.h"

#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/event/scopedevent.h>
#include <counters/event/threadtimecategorizer.h>

#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QPromise>
#include <QTcpServer>

#include <memory>

namespace {

// The blocks a request's time is split into, and where the split goes.
const counters::Event kCompute{"compute"};
const counters::Event kFormat{"format"};

QList<int> primesBelow(int n)
{
    const counters::ScopedEvent timed(kCompute);
    QList<int> primes;
    for (int candidate = 2; candidate < n; ++candidate) {
        bool prime = true;
        for (int p : std::as_const(primes)) {
            if (p * p > candidate)
                break;
            if (candidate % p == 0) {
                prime = false;
                break;
            }
        }
        if (prime)
            primes.append(candidate);
    }
    return primes;
}

QHttpServerResponse answer(int n, const QList<int> &primes)
{
    const counters::ScopedEvent timed(kFormat);
    QJsonArray list;
    for (int p : primes)
        list.append(p);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("below"), n},
                                           {QStringLiteral("count"), int(primes.size())},
                                           {QStringLiteral("primes"), list}});
}

} // namespace

ExampleService::ExampleService()
    : m_serverMetrics(&m_server), m_poolMetrics(&m_pool, QStringLiteral("worker_pool"))
{
    m_pool.setMaxThreadCount(4);
    // The outgoing requests: times and failures by host.
    new counters::NetworkAccessMetrics(&m_client);
    // Where a request's time goes, over the last five minutes: the categorizer's value events.
    for (const char *name : {"primes.compute", "primes.format"}) {
        auto counter = std::make_shared<counters::AverageWindowCounter>(QString::fromLatin1(name));
        counter->setUnit(counters::Unit::Second);
        if (!counters::Registry::global().registerCounter(counter))
            qWarning("%ls", qUtf16Printable(counters::Registry::global().errorString()));
    }
    addRoutes();
}

ExampleService::~ExampleService()
{
    m_pool.waitForDone();
}

void ExampleService::addRoutes()
{
    m_serverMetrics.route(QStringLiteral("/healthz"), [] { return QStringLiteral("ok"); });

    m_serverMetrics.route(QStringLiteral("/api/primes/<arg>"), QHttpServerRequest::Method::Get,
                          [this](int n) -> QFuture<QHttpServerResponse> {
                              auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
                              QFuture<QHttpServerResponse> future = promise->future();
                              promise->start();
                              if (n < 0 || n > 10'000'000) {
                                  promise->addResult(QHttpServerResponse(
                                      QJsonObject{{QStringLiteral("error"),
                                                   QStringLiteral("n must be 0 to 10000000")}},
                                      QHttpServerResponse::StatusCode::BadRequest));
                                  promise->finish();
                                  return future;
                              }
                              m_poolMetrics.start([promise, n] {
                                  // This thread's time, split into the blocks above, raised as
                                  // primes.compute and primes.format when the request is done.
                                  counters::ThreadTimeCategorizer split(
                                      QStringLiteral("primes"),
                                      {QStringLiteral("compute"), QStringLiteral("format")});
                                  promise->addResult(answer(n, primesBelow(n)));
                                  split.raiseValueEvents();
                                  promise->finish();
                              });
                              return future;
                          });

    m_serverMetrics.route(
        QStringLiteral("/api/summary"), QHttpServerRequest::Method::Get,
        [this]() -> QFuture<QHttpServerResponse> {
            auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
            QFuture<QHttpServerResponse> future = promise->future();
            promise->start();
            QUrl url(QStringLiteral("http:/api/primes/1000"));
            url.setHost(m_selfAddress.toString());
            url.setPort(m_port);
            QNetworkReply *reply = m_client.get(QNetworkRequest(url));
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, promise] {
                reply->deleteLater();
                if (reply->error() != QNetworkReply::NoError) {
                    promise->addResult(QHttpServerResponse(
                        QJsonObject{{QStringLiteral("error"), reply->errorString()}},
                        QHttpServerResponse::StatusCode::BadGateway));
                } else {
                    const QJsonObject primes = QJsonDocument::fromJson(reply->readAll()).object();
                    promise->addResult(
                        QHttpServerResponse(QJsonObject{{QStringLiteral("primes_below_1000"),
                                                         primes.value(QStringLiteral("count"))}}));
                }
                promise->finish();
            });
            return future;
        });
}

bool ExampleService::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new QTcpServer;
    if (!tcp->listen(address, port)) {
        m_errorString = tcp->errorString();
        delete tcp;
        return false;
    }
    m_port = tcp->serverPort();
    // Where it asks itself: its own address, or loopback when it listens on every address.
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        m_selfAddress = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress::AnyIPv6)
        m_selfAddress = QHostAddress(QHostAddress::LocalHostIPv6);
    else
        m_selfAddress = address;
    m_server.bind(tcp);
    return true;
}
