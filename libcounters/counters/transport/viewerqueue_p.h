// SPDX-License-Identifier: MIT
#pragma once

// Internal: the one outgoing queue of a viewer, for every transport that serves viewers (the
// local socket's dashboards, a multi-process leader's viewers).

#include <counters/counters_transport_export.h>

#include <QByteArray>
#include <QtGlobal>

#include <deque>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace counters::detail {

/**
 * A viewer's encoded frames waiting for its socket, with the one overflow policy of Counters:
 * when the queue holds more than `maxFrames` frames or `maxBytes` bytes, its **oldest** frames
 * are dropped (the newest one always stays) and counted. Dropping whole frames keeps the
 * stream well-formed: the viewer sees a gap in time, never a torn frame, and what it gets is
 * the latest. Frames enter the device only while less than HighWater bytes wait in its
 * buffer, so a viewer that stops reading pins at most that, one frame, the kernel's socket
 * buffer and the queue; the queued frames share their bytes with every other viewer's.
 *
 * Not thread-safe: used in the transport's network thread only.
 */
class COUNTERS_TRANSPORT_EXPORT ViewerQueue
{
public:
    /// Bytes allowed to wait in the device's own buffer before frames stay queued.
    static constexpr qint64 HighWater = 64 * 1024;

    struct Limits
    {
        int maxFrames = 256;
        qint64 maxBytes = 64 * 1024 * 1024;
    };

    /// Queues `frame` (an encoded frame); returns how many older frames it pushed out.
    quint64 push(const QByteArray &frame, const Limits &limits);
    /// Moves frames into `device` while its buffer is below HighWater. false when a write
    /// failed (the device's errorString() tells why): the viewer is lost.
    bool pump(QIODevice *device);
    /// Hands every queued frame to `device` at once, whatever waits there (a last flush before
    /// the viewer is closed: what the kernel takes still reaches it).
    void drainInto(QIODevice *device);

    qsizetype frames() const { return qsizetype(m_frames.size()); }
    qint64 bytes() const { return m_bytes; }
    /// Frames dropped for this viewer so far.
    quint64 dropped() const { return m_dropped; }

private:
    std::deque<QByteArray> m_frames;
    qint64 m_bytes = 0;
    quint64 m_dropped = 0;
};

} // namespace counters::detail
