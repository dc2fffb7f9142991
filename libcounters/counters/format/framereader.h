// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/format/frame.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <deque>
#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace counters {

/**
 * Cuts a byte stream from one peer into Frames (see frame.h for the layout).
 *
 * Feed it whatever bytes arrived, in chunks of any size, with append() or readFrom(); take the
 * whole frames out with nextFrame(). Frames split at any byte and several frames in one chunk
 * are both fine; nothing blocks. The usual loop, from a readyRead handler:
 *
 *     reader.readFrom(socket);
 *     while (const auto frame = reader.nextFrame())
 *         handle(*frame);
 *     if (reader.hasError())
 *         dropPeer(reader.errorString());
 *
 * Headers are checked as soon as their bytes arrive: a frame size N below 2 or above
 * maxFrameSize() is rejected once the 4-byte prefix is in, a version other than
 * kProtocolVersion once the fifth byte is in, an unknown type once the sixth is in. The reader
 * then enters its error state for good: hasError() is true, errorString() names the offending
 * numbers, further bytes are discarded, and nextFrame() returns no frame that follows the bad
 * header (the whole frames received before it are still returned). A new peer needs a new
 * reader.
 *
 * Memory: the reader holds only the bytes received so far of the incomplete frame plus the
 * whole frames not yet taken. It never reserves the size a prefix announces before those
 * bytes arrive, so a lying prefix costs nothing, and a malicious peer is bounded by
 * maxFrameSize() per frame.
 *
 * A value type, not a QObject, and not thread-safe: use one reader per connection from one
 * thread at a time.
 */
class COUNTERS_CORE_EXPORT FrameReader
{
public:
    /// `maxFrameSize` is the largest frame size N accepted (at least 2).
    explicit FrameReader(qint64 maxFrameSize = kDefaultMaxFrameSize);

    qint64 maxFrameSize() const noexcept { return m_maxFrameSize; }
    /// Changes the limit for the frames whose header is not in yet (a peer that proved who it
    /// is may send larger frames than one that has not).
    void setMaxFrameSize(qint64 maxFrameSize);

    /// Adds received bytes. Ignored once hasError() is true.
    void append(QByteArrayView bytes);

    /**
     * Reads everything `device` has available now (without waiting) and appends it. Returns
     * false when the reader is in the error state afterwards: a bad header, or the device is
     * null, not open for reading or failed to read (errorString() then says so). The device is
     * not owned and not kept.
     */
    bool readFrom(QIODevice *device);

    /// The oldest whole frame not yet taken, or nothing when no whole frame is buffered.
    std::optional<Frame> nextFrame();

    bool hasError() const noexcept { return !m_errorString.isEmpty(); }
    /// Why the stream was rejected; empty while hasError() is false.
    QString errorString() const { return m_errorString; }

    /// Bytes received of the frame that is not complete yet (0 at a frame boundary).
    qint64 bufferedBytes() const noexcept { return m_buffer.size(); }

private:
    void parse();
    void fail(const QString &reason);

    qint64 m_maxFrameSize;
    QByteArray m_buffer;        ///< Starts at a frame boundary; holds no whole frame.
    std::deque<Frame> m_frames; ///< Whole frames waiting for nextFrame().
    QString m_errorString;
};

} // namespace counters
