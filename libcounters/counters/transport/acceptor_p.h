// SPDX-License-Identifier: MIT
#pragma once

// Internal: accepting connections so that running out of descriptors is survived, for every
// server of Counters (the HTTP exporter, the local socket, the multi-process leader).

#include <counters/base/platform_p.h>
#include <counters/counters_transport_export.h>

#include <QObject>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace counters::detail {

/**
 * Accepts the connections of a listening socket itself, where the platform lets it
 * (isSupported(), see platform::acceptConnection()). Qt's servers do not survive a process
 * that runs out of descriptors: QTcpServer spins on the connection it cannot take or stops
 * accepting for good, and QLocalServer closes itself and deletes its socket file, so that the
 * service can no longer be found. Here, a connection waiting while no descriptor is left is
 * accepted and closed at once (the client sees it closed and may retry), which is logged once
 * and counted (shed()); accepting goes on by itself when descriptors are free again, which is
 * logged too. Other failures pause accepting for a second.
 *
 * The server's own accepting must be switched off (QTcpServer::pauseAccepting(),
 * QLocalServer::setMaxPendingConnections(0) before listening). Where isSupported() is false,
 * use the server's own accepting instead. Lives in the server's thread.
 */
class COUNTERS_TRANSPORT_EXPORT Acceptor : public QObject
{
    Q_OBJECT
public:
    /// Receives each accepted descriptor (non-blocking, close-on-exec) and owns it.
    using Adopt = std::function<void(qintptr descriptor)>;

    /// Whether this platform lets an Acceptor accept (takes the spare descriptor it needs).
    static bool isSupported();

    /// `what` names the server in the log ("HTTP exporter").
    Acceptor(qintptr listener, const QString &what, Adopt adopt, QObject *parent);

    /// Connections closed at once because no descriptor was left.
    quint64 shed() const { return m_shed; }

    /// A `Socket` (QTcpSocket, QLocalSocket), child of `parent`, for an accepted descriptor;
    /// nullptr, with the descriptor closed, when Qt cannot take it.
    template <typename Socket>
    static Socket *socketFor(qintptr descriptor, QObject *parent)
    {
        auto *socket = new Socket(parent);
        if (socket->setSocketDescriptor(descriptor))
            return socket;
        platform::closeDescriptor(descriptor);
        delete socket;
        return nullptr;
    }

private:
    void acceptWaiting();

    QSocketNotifier *m_notifier;
    QString m_what;
    Adopt m_adopt;
    quint64 m_shed = 0;
    quint64 m_shedSinceWarning = 0;
    bool m_shedding = false;
};

} // namespace counters::detail
