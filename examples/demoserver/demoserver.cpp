// SPDX-License-Identifier: MIT
#include "demoserver.h"

#include <counters/counters.h>

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace {

const counters::Event g_request{"request"};
const counters::Event g_dataLength{"requests_data_len"};

constexpr qint64 kMaxRequest = 1024; // PyCounters 0.6's recv(1024)

} // namespace

class DemoServer::Private
{
public:
    explicit Private(counters::Registry &registry)
        : requestTime(QStringLiteral("request_time"), {QStringLiteral("kind")}, registry),
          requestCount(QStringLiteral("request_count"), {QStringLiteral("kind")}, registry),
          timeEmpty(requestTime.with({u"empty"})),
          timeText(requestTime.with({u"text"})),
          countEmpty(requestCount.with({u"empty"})),
          countText(requestCount.with({u"text"}))
    {
    }

    QTcpServer server;
    quint64 handled = 0;
    // The labelled families and their series' handles, looked up once.
    counters::Family<counters::AverageTimeCounter> requestTime;
    counters::Family<counters::EventCounter> requestCount;
    const counters::Event timeEmpty;
    const counters::Event timeText;
    const counters::Event countEmpty;
    const counters::Event countText;
};

DemoServer::DemoServer(QObject *parent) : DemoServer(counters::Registry::global(), parent) { }

DemoServer::DemoServer(counters::Registry &registry, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(registry))
{
    connect(&d->server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = d->server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            // PyCounters 0.6's handle() is one recv(1024): the first chunk that arrives is the
            // request.
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                if (socket->property("answered").toBool())
                    return;
                socket->setProperty("answered", true);
                QByteArray answer;
                const QByteArray request = socket->read(kMaxRequest);
                // The kind is known before the handler runs: a labelled series' handle costs
                // what an unlabelled event does.
                const bool empty = request.trimmed().isEmpty();
                {
                    const counters::ScopedEvent labelled(empty ? d->timeEmpty : d->timeText);
                    // Step 5: report_start_end("request") around the handler.
                    const counters::ScopedEvent timed(g_request);
                    const QByteArray data = request.trimmed();
                    g_dataLength.value(double(data.size())); // step 3: report_value
                    answer = data.toUpper();
                    socket->write(answer);
                }
                (empty ? d->countEmpty : d->countText).end();
                ++d->handled;
                socket->disconnectFromHost();
                Q_EMIT requestHandled(answer);
            });
        }
    });
}

DemoServer::~DemoServer() = default;

bool DemoServer::registerTutorialCounters(counters::Registry &registry)
{
    using namespace counters;
    const QStringList request{QStringLiteral("request")};
    const QStringList dataLength{QStringLiteral("requests_data_len")};
    const Seconds fifteenMinutes(900);
    // Beyond the tutorial: the latency percentiles (p50, p90, p99) of the same blocks, which
    // are durations (a PercentileWindowCounter cannot tell what its values are).
    const auto percentiles = std::make_shared<PercentileWindowCounter>(
        QStringLiteral("requests_time_percentiles"), kDefaultWindow,
        PercentileWindowCounter::defaultQuantiles(), request);
    percentiles->setUnit(Unit::Second);
    const std::shared_ptr<Counter> tutorial[] = {
        // Step 5: two counters analysing the start/end of "request".
        std::make_shared<AverageTimeCounter>(QStringLiteral("requests_time"), kDefaultWindow,
                                             request),
        std::make_shared<FrequencyCounter>(QStringLiteral("requests_frequency"), kDefaultWindow,
                                           request),
        percentiles,
        // Step 4: the total of the data length.
        std::make_shared<TotalCounter>(QStringLiteral("requests_data_len")),
        // Step 6: max, min, average and sum of the data length over 15 minutes.
        std::make_shared<AverageWindowCounter>(QStringLiteral("requests_data_len_avg"),
                                               fifteenMinutes, dataLength),
        std::make_shared<WindowCounter>(QStringLiteral("requests_data_len_total"), fifteenMinutes,
                                        dataLength),
        std::make_shared<MaxWindowCounter>(QStringLiteral("requests_data_len_max"), fifteenMinutes,
                                           dataLength),
        std::make_shared<MinWindowCounter>(QStringLiteral("requests_data_len_min"), fifteenMinutes,
                                           dataLength),
    };
    bool ok = true;
    for (const auto &counter : tutorial)
        ok = registry.registerCounter(counter) && ok;
    return ok;
}

bool DemoServer::listen(const QHostAddress &address, quint16 port)
{
    return d->server.listen(address, port);
}

quint16 DemoServer::port() const
{
    return d->server.serverPort();
}

QString DemoServer::errorString() const
{
    return d->server.errorString();
}

quint64 DemoServer::requestsHandled() const
{
    return d->handled;
}
