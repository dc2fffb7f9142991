// SPDX-License-Identifier: MIT
#include "frame.h"

#include <QDebug>
#include <QtEndian>

#include <algorithm>
#include <limits>

namespace counters {

bool isKnownFrameType(quint8 value) noexcept
{
    return value >= quint8(FrameType::Hello) && value <= quint8(FrameType::Response);
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
    case FrameType::Challenge:
        return QLatin1String("Challenge");
    case FrameType::Response:
        return QLatin1String("Response");
    }
    // A FrameType can hold any quint8 (it may come from a cast), so this is reachable.
    return QLatin1String();
}

QString printableText(const QString &text, int maxLength)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("(nothing)");
    QString out;
    out.reserve(std::min<qsizetype>(trimmed.size(), maxLength) + 8);
    for (const QChar c : trimmed) {
        if (out.size() >= maxLength) {
            out.append(QChar(0x2026));
            break;
        }
        if (c == QLatin1Char('\\'))
            out.append(QLatin1String("\\\\"));
        else if (c == QLatin1Char('\n'))
            out.append(QLatin1String("\\n"));
        else if (c == QLatin1Char('\r'))
            out.append(QLatin1String("\\r"));
        else if (c == QLatin1Char('\t'))
            out.append(QLatin1String("\\t"));
        else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
                 || c.category() == QChar::Separator_Line
                 || c.category() == QChar::Separator_Paragraph)
            out.append(QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0')));
        else
            out.append(c);
    }
    return out;
}

QString printableText(const QByteArray &utf8, int maxLength)
{
    // More than this cannot survive the cut anyway (a character takes at most 4 bytes).
    return printableText(QString::fromUtf8(utf8.left(qsizetype(maxLength) * 4 + 4)), maxLength);
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
