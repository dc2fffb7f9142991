// SPDX-License-Identifier: MIT
#include "exampleservice.h"

#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/event/scopedevent.h>
#include <counters/event/threadtimecategorizer.h>
#include <counters/qt/networkaccessmetrics.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSemaphore>
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

QJsonObject answer(int n, const QList<int> &primes)
{
    const counters::ScopedEvent timed(kFormat);
    QJsonArray list;
    for (int p : primes)
        list.append(p);
    return QJsonObject{{QStringLiteral("below"), n},
                       {QStringLiteral("count"), int(primes.size())},
                       {QStringLiteral("primes"), list}};
}

int answerCount(const QHttpServerResponse &response)
{
    return QJsonDocument::fromJson(response.data()).object().value(QStringLiteral("count")).toInt();
}

} // namespace

ExampleService::ExampleService()
    : m_client(new QNetworkAccessManager(&m_server)),
      m_serverMetrics(&m_server),
      m_poolMetrics(&m_pool, QStringLiteral("worker_pool"))
{
    m_pool.setMaxThreadCount(4);
    // The outgoing requests: times and failures by host.
    new counters::NetworkAccessMetrics(m_client);
    // Where a request's time goes, over the last five minutes: the categorizer's value events.
    for (const char *name : {"primes.compute", "primes.format"}) {
        auto counter = std::make_shared<counters::AverageWindowCounter>(QString::fromLatin1(name));
        counter->setUnit(counters::Unit::Second);
        if (!counters::Registry::global().registerCounter(counter))
            qWarning("%ls", qUtf16Printable(counters::Registry::global().errorString()));
    }
    addRoutes();
    QObject::connect(&m_selfCheck, &QTimer::timeout, &m_server, [this] { checkSelf(); });
}

ExampleService::~ExampleService()
{
    m_pool.waitForDone();
}

QHttpServerResponse ExampleService::primes(int n)
{
    if (n < 0 || n > 10'000'000) {
        return QHttpServerResponse(
            QJsonObject{{QStringLiteral("error"), QStringLiteral("n must be 0 to 10000000")}},
            QHttpServerResponse::StatusCode::BadRequest);
    }
    // The work goes to the pool; this thread waits for it (see the class comment).
    QSemaphore done;
    QJsonObject result;
    m_poolMetrics.start([&done, &result, n] {
        // This thread's time, split into the blocks above, raised as primes.compute and
        // primes.format when the task is done.
        counters::ThreadTimeCategorizer split(
            QStringLiteral("primes"), {QStringLiteral("compute"), QStringLiteral("format")});
        result = answer(n, primesBelow(n));
        split.raiseValueEvents();
        done.release();
    });
    done.acquire();
    return QHttpServerResponse(result);
}

void ExampleService::addRoutes()
{
    m_serverMetrics.route(QStringLiteral("/healthz"), [] { return QStringLiteral("ok"); });
    m_serverMetrics.route(QStringLiteral("/api/primes/<arg>"), QHttpServerRequest::Method::Get,
                          [this](int n) { return primes(n); });
    m_serverMetrics.route(QStringLiteral("/api/summary"), QHttpServerRequest::Method::Get, [this] {
        return QJsonObject{{QStringLiteral("primes_below_1000"), answerCount(primes(1000))},
                           {QStringLiteral("self_check"), m_lastCheck}};
    });
}

void ExampleService::checkSelf()
{
    QUrl url(QStringLiteral("http:/healthz"));
    url.setHost(m_selfAddress.toString());
    url.setPort(m_port);
    QNetworkReply *reply = m_client->get(QNetworkRequest(url));
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply] {
        reply->deleteLater();
        m_lastCheck = QJsonObject{
            {QStringLiteral("status"),
             reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()},
            {QStringLiteral("error"),
             reply->error() == QNetworkReply::NoError ? QJsonValue()
                                                      : QJsonValue(reply->errorString())}};
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
    checkSelf();
    m_selfCheck.start(2000);
    return true;
}
