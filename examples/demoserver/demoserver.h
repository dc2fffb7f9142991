// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace counters {
class Registry;
}

/**
 * The PyCounters 0.6 tutorial's server, ported to Qt: each connection
 * sends up to 1024 bytes; the server strips white space, answers the upper-cased text and closes.
 *
 * Instrumented exactly as the tutorial's steps 4–6: handling a request raises the start and end
 * of event "request" and the value event "requests_data_len" (the stripped length); the
 * counters of registerTutorialCounters() analyse them.
 *
 * Beyond the tutorial, the server labels its requests: two counter families by the label
 * `kind`, `empty` for a request that is only white space and `text` otherwise, made in the
 * server's registry when it is constructed: `request_time` (an AverageTimeCounter of the same
 * blocks) and `request_count` (an EventCounter), so that a report has
 * `request_time{kind="text"}` beside `requests_time`. Lives in one thread (its own event loop).
 */
class DemoServer : public QObject
{
    Q_OBJECT
public:
    /// The labelled families go into `registry` (the global one by default).
    explicit DemoServer(QObject *parent = nullptr);
    explicit DemoServer(counters::Registry &registry, QObject *parent = nullptr);
    ~DemoServer() override;

    /// Registers the tutorial's counters (steps 5 and 6) in `registry`; false if any exists.
    static bool registerTutorialCounters(counters::Registry &registry);

    /// Listens on `address`:`port` (0 picks a free port); false with errorString() on failure.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;

    /// Requests answered so far.
    quint64 requestsHandled() const;

Q_SIGNALS:
    void requestHandled(const QByteArray &answer);

private:
    class Private;
    const std::unique_ptr<Private> d;
};
