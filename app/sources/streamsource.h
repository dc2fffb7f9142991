// SPDX-License-Identifier: MIT
#pragma once

#include "backoff.h"
#include "source.h"

#include <counters/format/frame.h>
#include <counters/format/framereader.h>

#include <QTimer>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The common part of the sources that read wire frames from a stream socket (a local
 * service, the multi-process leader): cutting the stream into frames (FrameReader), decoding
 * Snapshot frames with the JSON codec, answering Ping, honouring Error and Bye, a watchdog
 * that pings a silent peer and drops it when it does not answer, and reconnection with
 * backoff after any failure.
 *
 * A subclass owns the socket and reports its events with connectionOpened(),
 * connectionFailed(), connectionClosed() and dataArrived(); it implements openConnection()
 * and closeConnection(), and may handle frames of its own before the defaults
 * (handleFrame()). Garbage, an oversized or unknown frame, a corrupt snapshot or a close in
 * the middle of a frame drop the connection with a message and a retry, never more.
 *
 * Not thread-safe (GUI thread).
 */
class StreamSource : public Source
{
    Q_OBJECT
public:
    ~StreamSource() override;

    /// Delays between reconnection attempts (defaults: 250 ms doubling up to 10 s).
    void setRetryDelays(int initialMs, int maximumMs);
    /// After this much silence the peer gets a Ping, and after as much again without any
    /// frame it is dropped. 0 switches the watchdog off. Default 15 s.
    void setIdleTimeout(int ms);

    /// Whether a connection is open now (frames can flow).
    bool isConnected() const { return m_phase == Phase::Open; }

protected:
    StreamSource(const QUrl &url, const QString &displayName, QObject *parent);

    /// The open socket, or nullptr between connections.
    virtual QIODevice *device() const = 0;
    /// Begins a connection attempt; the outcome is reported with connectionOpened() or
    /// connectionFailed().
    virtual void openConnection() = 0;
    /// Closes and forgets the socket without calling back (disconnect its signals first).
    virtual void closeConnection() = 0;
    /// The connection just opened (the default does nothing; the leader says hello here).
    virtual void onConnectionOpened();
    /// One frame from the peer. The default handles Hello (see onHello()), Snapshot, Ping,
    /// Ack, Error and Bye; overrides call it for what they do not handle themselves.
    virtual void handleFrame(const counters::Frame &frame);
    /// The peer's hello payload. Return false (and set `*error`) to refuse it; the
    /// connection is then dropped with that message. The default accepts any hello.
    virtual bool onHello(const QByteArray &payload, QString *error);

    // For subclasses: events of their socket.
    void connectionOpened();
    void connectionFailed(const QString &reason);
    void connectionClosed();
    void dataArrived();

    /// Writes a frame to the open connection; on failure drops it (and returns false).
    bool sendFrame(const counters::Frame &frame);
    /// Closes the connection, shows `state` and `message`, and schedules a reconnection.
    void dropConnection(State state, const QString &message);
    /// The peer proved to speak the protocol: the next failure starts the backoff afresh.
    void markHealthy();

    void doStart() override;
    void doStop() override;

private:
    enum class Phase { Idle, Connecting, Open };

    void scheduleRetry();
    void onRetryTimeout();
    void onIdleTimeout();
    void handleSnapshot(const QByteArray &payload);

    counters::FrameReader m_reader;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_idleTimer;
    Phase m_phase = Phase::Idle;
    int m_idleTimeoutMs = 15000;
    bool m_pingSent = false;
};

} // namespace dashboard
