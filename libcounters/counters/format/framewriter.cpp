// SPDX-License-Identifier: MIT
#include "framewriter.h"

#include "formatlogging_p.h"

#include <QIODevice>

namespace counters {

FrameWriter::FrameWriter(QIODevice *device, qint64 maxFrameSize)
    : m_device(device), m_maxFrameSize(maxFrameSize)
{
    Q_ASSERT(maxFrameSize >= 2);
}

bool FrameWriter::write(const Frame &frame)
{
    // The size check comes first, so a caller learns about an oversized frame even when
    // the device is gone, and nothing is encoded in vain.
    const qint64 frameSize = qint64(frame.payload.size()) + 2;
    if (frameSize > m_maxFrameSize) {
        return fail(QStringLiteral("%1 frame of %2 bytes exceeds the limit of %3 bytes")
                        .arg(frameTypeName(frame.type))
                        .arg(frameSize)
                        .arg(m_maxFrameSize));
    }
    if (!m_device)
        return fail(QStringLiteral("cannot write frames: no device"));
    if (!m_device->isWritable())
        return fail(QStringLiteral("cannot write frames: the device is not open for writing"));

    const QByteArray bytes = encodeFrame(frame);
    if (bytes.isEmpty())
        return fail(
            QStringLiteral("frame of %1 bytes does not fit a 32-bit length").arg(frameSize));
    const qint64 written = m_device->write(bytes);
    if (written != bytes.size()) {
        if (written < 0) {
            return fail(QStringLiteral("cannot write a %1 frame: %2")
                            .arg(frameTypeName(frame.type), m_device->errorString()));
        }
        return fail(QStringLiteral("the device took only %1 of %2 bytes of a %3 frame")
                        .arg(written)
                        .arg(bytes.size())
                        .arg(frameTypeName(frame.type)));
    }
    ++m_framesWritten;
    m_bytesWritten += written;
    return true;
}

bool FrameWriter::fail(const QString &reason)
{
    m_errorString = reason;
    qCDebug(lcFormat) << "frame not written:" << reason;
    return false;
}

} // namespace counters
