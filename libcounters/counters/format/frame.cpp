// SPDX-License-Identifier: MIT
#include "frame.h"

#include <QDebug>
#include <QtEndian>

#include <limits>

namespace counters {

bool isKnownFrameType(quint8 value) noexcept
{
    return value >= quint8(FrameType::Hello) && value <= quint8(FrameType::Bye);
}

QLatin1String frameTypeName(FrameType type) noexcept
{
    switch (type) {
    case FrameType::Hello:
        return QLatin1String("Hello");
    case FrameType::Snapshot:
        return QLatin1String("Snapshot");
    case FrameType::CollectRequest:
        return QLatin1String("CollectRequest");
    case FrameType::Ping:
        return QLatin1String("Ping");
    case FrameType::Ack:
        return QLatin1String("Ack");
    case FrameType::Error:
        return QLatin1String("Error");
    case FrameType::Bye:
        return QLatin1String("Bye");
    }
    // A FrameType can hold any quint8 (it may come from a cast), so this is reachable.
    return QLatin1String();
}

QByteArray encodeFrame(const Frame &frame)
{
    const qint64 size = qint64(frame.payload.size()) + 2;
    if (size > qint64(std::numeric_limits<quint32>::max()))
        return {};

    QByteArray bytes(kFrameHeaderSize + frame.payload.size(), Qt::Uninitialized);
    char *out = bytes.data();
    qToBigEndian<quint32>(quint32(size), out);
    out[4] = char(kProtocolVersion);
    out[5] = char(frame.type);
    if (!frame.payload.isEmpty())
        memcpy(out + kFrameHeaderSize, frame.payload.constData(), size_t(frame.payload.size()));
    return bytes;
}

QDebug operator<<(QDebug debug, FrameType type)
{
    const QDebugStateSaver saver(debug);
    const QLatin1String name = frameTypeName(type);
    if (name.isEmpty())
        debug.nospace() << "FrameType(" << int(type) << ')';
    else
        debug.noquote() << name;
    return debug;
}

QDebug operator<<(QDebug debug, const Frame &frame)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "Frame(" << frame.type << ", " << frame.payload.size() << " bytes)";
    return debug;
}

} // namespace counters
