// SPDX-License-Identifier: MIT
#include "streamsource.h"

#include "sourceslogging.h"

#include <counters/format/framewriter.h>
#include <counters/format/jsoncodec.h>

#include <QIODevice>

namespace dashboard {

namespace {

/// Pings are answered only while less than this waits for the peer.
constexpr qint64 kMaxPingBacklog = 64 * 1024;

} // namespace

using counters::Frame;
using counters::FrameType;

StreamSource::StreamSource(const QUrl &url, const QString &displayName, QObject *parent)
    : Source(url, displayName, parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StreamSource::onRetryTimeout);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &StreamSource::onIdleTimeout);
}

StreamSource::~StreamSource() = default;

void StreamSource::setRetryDelays(int initialMs, int maximumMs)
{
    m_backoff = Backoff(initialMs, maximumMs);
}

void StreamSource::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = std::max(0, ms);
    if (m_idleTimeoutMs == 0)
        m_idleTimer.stop();
    else if (m_phase == Phase::Open)
        m_idleTimer.start(m_idleTimeoutMs);
}

void StreamSource::doStart()
{
    m_backoff.reset();
    setState(State::Connecting, tr("Connecting…"));
    m_phase = Phase::Connecting;
    openConnection();
}

void StreamSource::doStop()
{
    m_retryTimer.stop();
    m_idleTimer.stop();
    if (m_phase != Phase::Idle)
        closeConnection();
    m_phase = Phase::Idle;
    m_reader = counters::FrameReader();
}

void StreamSource::onConnectionOpened() { }

bool StreamSource::onHello(const QByteArray &, QString *)
{
    return true;
}

void StreamSource::connectionOpened()
{
    if (m_phase != Phase::Connecting)
        return;
    m_phase = Phase::Open;
    // A fresh reader per connection: a stream that failed before must not poison this one.
    m_reader = counters::FrameReader();
    m_pingSent = false;
    if (m_idleTimeoutMs > 0)
        m_idleTimer.start(m_idleTimeoutMs);
    qCDebug(lcSources) << url().toString() << "connected";
    onConnectionOpened();
}

void StreamSource::connectionFailed(const QString &reason)
{
    if (m_phase == Phase::Idle)
        return;
    dropConnection(State::Error, reason);
}

void StreamSource::connectionClosed()
{
    if (m_phase != Phase::Open)
        return;
    // The last bytes may still sit in the socket: frames that arrived whole before the close
    // count, and whatever is left is a torn frame.
    dataArrived();
    if (m_phase != Phase::Open)
        return;
    const qint64 torn = m_reader.bufferedBytes();
    if (torn > 0) {
        dropConnection(State::Error,
                       tr("The connection closed in the middle of a frame (%n byte(s) of it "
                          "received); reconnecting",
                          nullptr, int(torn)));
    } else {
        dropConnection(State::Offline, tr("The connection was closed; reconnecting"));
    }
}

void StreamSource::dataArrived()
{
    if (m_phase != Phase::Open)
        return;
    QIODevice *socket = device();
    // readAll(), not FrameReader::readFrom(): after the peer closed, a socket still hands out
    // what it buffered but then fails further reads, which readFrom() would take for an error.
    m_reader.append(socket->readAll());
    if (m_idleTimeoutMs > 0)
        m_idleTimer.start(m_idleTimeoutMs);
    m_pingSent = false;
    // Whole frames that arrived before a bad header are still good.
    while (const std::optional<Frame> frame = m_reader.nextFrame()) {
        handleFrame(*frame);
        if (m_phase != Phase::Open || device() != socket)
            return; // the frame ended this connection
    }
    if (m_reader.hasError())
        dropConnection(State::Error, tr("Protocol error: %1").arg(m_reader.errorString()));
}

bool StreamSource::sendFrame(const Frame &frame)
{
    if (m_phase != Phase::Open)
        return false;
    counters::FrameWriter writer(device());
    if (writer.write(frame))
        return true;
    dropConnection(State::Error, tr("Cannot send to the peer: %1").arg(writer.errorString()));
    return false;
}

void StreamSource::dropConnection(State state, const QString &message)
{
    if (m_phase != Phase::Idle)
        closeConnection();
    m_phase = Phase::Idle;
    m_idleTimer.stop();
    m_reader = counters::FrameReader();
    setState(state, message);
    scheduleRetry();
}

void StreamSource::markHealthy()
{
    m_backoff.reset();
}

void StreamSource::scheduleRetry()
{
    if (!isStarted())
        return;
    const int delay = m_backoff.next();
    qCDebug(lcSources) << url().toString() << "reconnecting in" << delay << "ms";
    m_retryTimer.start(delay);
}

void StreamSource::onRetryTimeout()
{
    if (!isStarted() || m_phase != Phase::Idle)
        return;
    // The state stays as it is (Error or Offline with its reason) until the attempt succeeds.
    m_phase = Phase::Connecting;
    openConnection();
}

void StreamSource::onIdleTimeout()
{
    if (m_phase != Phase::Open)
        return;
    if (!m_pingSent) {
        m_pingSent = true;
        if (sendFrame(Frame{FrameType::Ping, {}}))
            m_idleTimer.start(m_idleTimeoutMs);
        return;
    }
    dropConnection(State::Error,
                   tr("The peer stopped answering (nothing received for %1 s); "
                      "reconnecting")
                       .arg(2 * m_idleTimeoutMs / 1000.0));
}

void StreamSource::handleFrame(const Frame &frame)
{
    switch (frame.type) {
    case FrameType::Hello: {
        QString error;
        if (!onHello(frame.payload, &error))
            dropConnection(State::Error, error);
        return;
    }
    case FrameType::Snapshot:
        handleSnapshot(frame.payload);
        return;
    case FrameType::Ping:
        // A peer that floods Pings and never reads gets no more answers, rather than making
        // the dashboard queue them all.
        if (device() && device()->bytesToWrite() < kMaxPingBacklog)
            sendFrame(Frame{FrameType::Ack, {}});
        return;
    case FrameType::Ack:
        return; // the answer to our Ping; any frame already reset the watchdog
    case FrameType::Error:
        dropConnection(
            State::Error,
            tr("The peer reported an error: %1").arg(counters::printableText(frame.payload)));
        return;
    case FrameType::Bye: {
        const QString reason =
            frame.payload.trimmed().isEmpty() ? QString() : counters::printableText(frame.payload);
        dropConnection(State::Offline,
                       reason.isEmpty()
                           ? tr("The peer said goodbye; reconnecting")
                           : tr("The peer said goodbye (%1); reconnecting").arg(reason));
        return;
    }
    case FrameType::CollectRequest:
        // Only a multi-process leader asks nodes for snapshots; a viewer has none to give.
        qCDebug(lcSources) << url().toString() << "ignores a CollectRequest";
        return;
    case FrameType::Challenge:
    case FrameType::Response:
        // The handshake of a multi-process group is over before any frame reaches here.
        dropConnection(State::Error,
                       tr("The peer sent %1 out of turn").arg(counters::frameTypeName(frame.type)));
        return;
    }
}

void StreamSource::handleSnapshot(const QByteArray &payload)
{
    QString error;
    const std::optional<counters::Snapshot> snapshot =
        counters::JsonCodec::fromJson(payload, &error);
    if (!snapshot) {
        dropConnection(State::Error, tr("The peer sent a corrupt snapshot: %1").arg(error));
        return;
    }
    markHealthy();
    if (state() != State::Live)
        setState(State::Live, tr("Connected"));
    deliver(*snapshot);
}

} // namespace dashboard
