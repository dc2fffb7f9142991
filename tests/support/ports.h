// SPDX-License-Identifier: MIT
#pragma once
// Test support: loopback ports for tests that listen (port 0 where the code under test can
// take it; these where a port must be known before something binds it).

#include <QHostAddress>
#include <QList>
#include <QTcpServer>

#include <memory>
#include <vector>

namespace testsupport {

/// `count` loopback ports nobody listens on right now (all bound at once, then released; a
/// race with another process is unlikely). Aborts the test program when none can be bound.
inline QList<quint16> freePorts(int count)
{
    std::vector<std::unique_ptr<QTcpServer>> servers;
    QList<quint16> ports;
    for (int i = 0; i < count; ++i) {
        auto server = std::make_unique<QTcpServer>();
        if (!server->listen(QHostAddress::LocalHost, 0))
            qFatal("cannot find a free port: %s", qPrintable(server->errorString()));
        ports.append(server->serverPort());
        servers.push_back(std::move(server));
    }
    return ports;
}

/// One such port.
inline quint16 freePort()
{
    return freePorts(1).first();
}

} // namespace testsupport
