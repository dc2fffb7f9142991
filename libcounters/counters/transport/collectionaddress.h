// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_transport_export.h>

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace counters {

/**
 * One address of multi-process collection: where a leader listens and nodes connect. The host
 * defaults to loopback, so nothing is reachable from the network
 * unless a host is given on purpose (`0.0.0.0`, `::` or an interface address).
 *
 * A plain value; every member is thread-safe.
 */
class COUNTERS_TRANSPORT_EXPORT CollectionAddress
{
public:
    /// PyCounters 0.6's ports, most preferred first.
    static constexpr quint16 DefaultPort = 60907;
    static constexpr quint16 DefaultBackupPort = 60906;

    /// Loopback, port 0 (invalid as a collection address, see isValid()).
    CollectionAddress() = default;
    /// `port` on loopback (127.0.0.1).
    explicit CollectionAddress(quint16 port) : m_port(port) { }
    /// `port` on `host`; a null host means loopback.
    CollectionAddress(const QHostAddress &host, quint16 port);

    /// PyCounters 0.6's defaults: 127.0.0.1:60907, then 127.0.0.1:60906.
    static QList<CollectionAddress> defaultAddresses();

    /**
     * Parses `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (the last two mean loopback).
     * HOST is an IP address, `localhost`, or a host name, resolved here (this may block on
     * DNS; the first IPv4 address wins). std::nullopt and `*error` for anything else, including
     * port 0 (a node could not find such a leader).
     */
    static std::optional<CollectionAddress> fromString(QStringView text, QString *error = nullptr);
    /// Parses a comma-separated list, most preferred first (at least one address).
    static std::optional<QList<CollectionAddress>> listFromString(QStringView text,
                                                                  QString *error = nullptr);

    QHostAddress host() const { return m_host; }
    quint16 port() const noexcept { return m_port; }
    /// Port 0 is only useful to a leader that nobody has to find (tests, viewers told the port).
    bool isValid() const noexcept { return m_port != 0; }
    /// Loopback: only processes of this machine can reach it.
    bool isLoopback() const { return m_host.isLoopback(); }

    /// "127.0.0.1:60907", "[::1]:60907".
    QString toString() const;

    friend bool operator==(const CollectionAddress &a, const CollectionAddress &b)
    {
        return a.m_port == b.m_port && a.m_host == b.m_host;
    }
    friend bool operator!=(const CollectionAddress &a, const CollectionAddress &b)
    {
        return !(a == b);
    }

private:
    QHostAddress m_host{QHostAddress::LocalHost};
    quint16 m_port = 0;
};

} // namespace counters
