// SPDX-License-Identifier: MIT
#include "framereader.h"

#include "formatlogging_p.h"

#include <QIODevice>
#include <QtEndian>

namespace counters {

namespace {

constexpr qsizetype kLengthSize = 4;
constexpr quint32 kMinFrameSize = 2; // the version and type bytes
// Read granularity of readFrom(): large enough for few calls per snapshot, small enough that
// the spare capacity of an idle connection's buffer stays modest.
constexpr qint64 kReadChunk = 64 * 1024;
// A buffer emptied at a frame boundary keeps its capacity for the next frame unless it grew
// past this (after a big snapshot), so idle connections do not hold megabytes each.
constexpr qsizetype kRetainedCapacity = 256 * 1024;

} // namespace

FrameReader::FrameReader(qint64 maxFrameSize) : m_maxFrameSize(maxFrameSize)
{
    Q_ASSERT(maxFrameSize >= qint64(kMinFrameSize));
}

void FrameReader::setMaxFrameSize(qint64 maxFrameSize)
{
    Q_ASSERT(maxFrameSize >= qint64(kMinFrameSize));
    m_maxFrameSize = maxFrameSize;
}

void FrameReader::append(QByteArrayView bytes)
{
    if (hasError() || bytes.isEmpty())
        return;
    m_buffer.append(bytes.data(), bytes.size());
    parse();
}

bool FrameReader::readFrom(QIODevice *device)
{
    if (hasError())
        return false;
    if (!device) {
        fail(QStringLiteral("cannot read frames: no device"));
        return false;
    }
    if (!device->isReadable()) {
        fail(QStringLiteral("cannot read frames: the device is not open for reading"));
        return false;
    }
    for (;;) {
        // Read straight into the tail of the buffer: no intermediate copy per chunk.
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + kReadChunk);
        const qint64 n = device->read(m_buffer.data() + old, kReadChunk);
        m_buffer.resize(old + qMax<qint64>(n, 0));
        if (n < 0) {
            fail(QStringLiteral("cannot read frames from the device: %1")
                     .arg(device->errorString()));
            return false;
        }
        if (n == 0)
            break;
        parse();
        if (hasError())
            return false;
    }
    if (m_buffer.isEmpty() && m_buffer.capacity() > kRetainedCapacity)
        m_buffer = QByteArray();
    return true;
}

std::optional<Frame> FrameReader::nextFrame()
{
    if (m_frames.empty())
        return std::nullopt;
    Frame frame = std::move(m_frames.front());
    m_frames.pop_front();
    return frame;
}

void FrameReader::parse()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype pos = 0;
    // Each header field is checked as soon as its bytes are in, before waiting for the rest,
    // so a hostile or confused peer is refused at the earliest possible byte.
    while (size - pos >= kLengthSize) {
        const quint32 frameSize = qFromBigEndian<quint32>(data + pos);
        if (frameSize < kMinFrameSize) {
            fail(QStringLiteral("frame size %1 is below the minimum of %2 bytes (version and type)")
                     .arg(frameSize)
                     .arg(kMinFrameSize));
            return;
        }
        if (qint64(frameSize) > m_maxFrameSize) {
            fail(QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                     .arg(frameSize)
                     .arg(m_maxFrameSize));
            return;
        }
        const qsizetype available = size - pos - kLengthSize;
        if (available >= 1) {
            const quint8 version = quint8(data[pos + kLengthSize]);
            if (version != kProtocolVersion) {
                fail(QStringLiteral(
                         "unsupported protocol version %1 (this reader speaks version %2)")
                         .arg(version)
                         .arg(kProtocolVersion));
                return;
            }
        }
        if (available >= 2) {
            const quint8 type = quint8(data[pos + kLengthSize + 1]);
            if (!isKnownFrameType(type)) {
                fail(QStringLiteral(
                         "unknown frame type %1 (protocol version %2 knows types %3 to %4)")
                         .arg(type)
                         .arg(kProtocolVersion)
                         .arg(quint8(FrameType::Hello))
                         .arg(quint8(FrameType::Response)));
                return;
            }
        }
        if (available < qsizetype(frameSize))
            break;
        m_frames.push_back(Frame{FrameType(quint8(data[pos + kLengthSize + 1])),
                                 m_buffer.mid(pos + kFrameHeaderSize, qsizetype(frameSize) - 2)});
        pos += kLengthSize + qsizetype(frameSize);
    }
    if (pos == 0)
        return;
    if (pos == size && m_buffer.capacity() > kRetainedCapacity)
        m_buffer = QByteArray();
    else
        m_buffer.remove(0, pos);
}

void FrameReader::fail(const QString &reason)
{
    m_errorString = reason;
    m_buffer = QByteArray();
    qCDebug(lcFormat) << "frame stream rejected:" << reason;
}

} // namespace counters
