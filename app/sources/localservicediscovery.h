// SPDX-License-Identifier: MIT
#pragma once

#include <counters/transport/localdiscovery.h>

#include <QFileSystemWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

namespace dashboard {

/**
 * Lists the services on this machine that publish on a local socket
 * (counters::LocalSocketReporter), live as they appear and vanish: the live entries of
 * counters::LocalDiscovery::services() (which also clears the socket files of dead
 * processes). The discovery folder is watched (QFileSystemWatcher) and also rescanned
 * periodically, since a process can die without touching the folder.
 *
 * A service is a name and a pid: a restarted service vanishes and appears again with a new
 * pid, and two instances of one service appear twice.
 *
 * Not thread-safe (GUI thread).
 */
class LocalServiceDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit LocalServiceDiscovery(QObject *parent = nullptr);
    ~LocalServiceDiscovery() override;

    /// Milliseconds between rescans (default 2000; 0: only the watcher).
    void setRescanInterval(int ms);

    /// The services present now, sorted by name, then pid.
    QList<counters::DiscoveredService> services() const { return m_services; }
    /// Why the discovery folder cannot be used; empty when it can.
    QString errorString() const { return m_errorString; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    /// Reads the folder now and reports the differences.
    void rescan();

Q_SIGNALS:
    void serviceAppeared(const counters::DiscoveredService &service);
    void serviceVanished(const counters::DiscoveredService &service);

private:
    QFileSystemWatcher m_watcher;
    QTimer m_rescanTimer;
    QList<counters::DiscoveredService> m_services;
    QString m_errorString;
    bool m_running = false;
};

} // namespace dashboard
