// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/format/frame.h>

#include <QString>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace counters {

/**
 * Writes Frames to a QIODevice (a socket, or a QBuffer in tests) and checks what a bare
 * `device->write(encodeFrame(frame))` would not: that the frame fits the size limit the peer's
 * FrameReader enforces (so an oversized frame fails here, loudly, instead of making the peer
 * drop the connection), that the device is writable, and that it took every byte.
 *
 * write() returns false and sets errorString() on failure. An oversized frame or an unwritable
 * device writes nothing and leaves the stream intact; a failed or short device write may leave
 * part of a frame on the stream, after which the connection is unusable and should be closed.
 * Writes go to the device's buffer: for sockets the bytes leave later, from the event loop.
 *
 * Does not own the device. Not thread-safe: use it from the device's thread.
 */
class COUNTERS_CORE_EXPORT FrameWriter
{
public:
    /// `maxFrameSize` is the largest frame size N written (at least 2).
    explicit FrameWriter(QIODevice *device = nullptr, qint64 maxFrameSize = kDefaultMaxFrameSize);

    QIODevice *device() const noexcept { return m_device; }
    void setDevice(QIODevice *device) noexcept { m_device = device; }
    qint64 maxFrameSize() const noexcept { return m_maxFrameSize; }

    /// Writes one whole frame. See the class comment for what a failure leaves behind.
    bool write(const Frame &frame);

    /// The reason of the last failed write(); empty before any failure.
    QString errorString() const { return m_errorString; }

    /// Frames and bytes (headers included) fully written so far.
    qint64 framesWritten() const noexcept { return m_framesWritten; }
    qint64 bytesWritten() const noexcept { return m_bytesWritten; }

private:
    bool fail(const QString &reason);

    QIODevice *m_device;
    qint64 m_maxFrameSize;
    qint64 m_framesWritten = 0;
    qint64 m_bytesWritten = 0;
    QString m_errorString;
};

} // namespace counters
