// SPDX-License-Identifier: MIT
#include "collectionaddress.h"

#include <QHostInfo>

namespace counters {

namespace {

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

CollectionAddress::CollectionAddress(const QHostAddress &host, quint16 port)
    : m_host(host.isNull() ? QHostAddress(QHostAddress::LocalHost) : host), m_port(port)
{
}

QList<CollectionAddress> CollectionAddress::defaultAddresses()
{
    return {CollectionAddress(DefaultPort), CollectionAddress(DefaultBackupPort)};
}

std::optional<CollectionAddress> CollectionAddress::fromString(QStringView text, QString *error)
{
    const QStringView trimmed = text.trimmed();
    QStringView hostText;
    QStringView portText;
    if (trimmed.startsWith(u'[')) {
        // [IPv6]:PORT — the brackets keep the address's own colons apart from the port's.
        const qsizetype close = trimmed.indexOf(u']');
        if (close < 0 || close + 1 >= trimmed.size() || trimmed.at(close + 1) != u':') {
            setError(error, QStringLiteral("\"%1\" is not [IPv6]:PORT").arg(trimmed));
            return std::nullopt;
        }
        hostText = trimmed.sliced(1, close - 1);
        portText = trimmed.sliced(close + 2);
    } else {
        const qsizetype colon = trimmed.lastIndexOf(u':');
        if (colon >= 0 && trimmed.indexOf(u':') != colon) {
            setError(
                error,
                QStringLiteral("\"%1\": write an IPv6 address as [ADDRESS]:PORT").arg(trimmed));
            return std::nullopt;
        }
        hostText = colon >= 0 ? trimmed.first(colon) : QStringView();
        portText = colon >= 0 ? trimmed.sliced(colon + 1) : trimmed;
    }

    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        setError(error, QStringLiteral("\"%1\" needs a port from 1 to 65535").arg(trimmed));
        return std::nullopt;
    }
    if (hostText.isEmpty() || hostText.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return CollectionAddress(quint16(port));

    QHostAddress host;
    if (host.setAddress(hostText.toString()))
        return CollectionAddress(host, quint16(port));

    const QHostInfo info = QHostInfo::fromName(hostText.toString());
    const QList<QHostAddress> found = info.addresses();
    if (found.isEmpty()) {
        setError(
            error,
            QStringLiteral("cannot resolve host \"%1\": %2").arg(hostText, info.errorString()));
        return std::nullopt;
    }
    for (const QHostAddress &candidate : found) {
        if (candidate.protocol() == QAbstractSocket::IPv4Protocol)
            return CollectionAddress(candidate, quint16(port));
    }
    return CollectionAddress(found.constFirst(), quint16(port));
}

std::optional<QList<CollectionAddress>> CollectionAddress::listFromString(QStringView text,
                                                                          QString *error)
{
    QList<CollectionAddress> list;
    for (const QStringView part : text.split(u',')) {
        const std::optional<CollectionAddress> address = fromString(part, error);
        if (!address)
            return std::nullopt;
        list.append(*address);
    }
    if (list.isEmpty()) {
        setError(error, QStringLiteral("no address given"));
        return std::nullopt;
    }
    return list;
}

QString CollectionAddress::toString() const
{
    if (m_host.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(m_host.toString()).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host.toString()).arg(m_port);
}

} // namespace counters
