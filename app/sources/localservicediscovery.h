// SPDX-License-Identifier: MIT
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace dashboard {

/**
 * Lists the services on this machine that publish on a local socket: the socket files in the
 * discovery folder, live as they appear and vanish. The folder is watched
 * (QFileSystemWatcher) and also rescanned periodically, since a watch cannot be placed on a
 * folder that does not exist yet.
 *
 * Only names are reported; LocalServiceSource connects to them and tells a running service
 * from a stale socket file.
 *
 * Not thread-safe (GUI thread).
 */
class LocalServiceDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit LocalServiceDiscovery(QObject *parent = nullptr);
    ~LocalServiceDiscovery() override;

    /// The discovery folder services publish in: `$XDG_RUNTIME_DIR/counters`, else a per-user
    /// folder in the temporary directory.
    static QString defaultDirectory();
    /// The socket path of the service `name` in the default folder.
    static QString socketPath(const QString &name);

    /// The folder watched (default: defaultDirectory()). Set it before start().
    QString directory() const { return m_directory; }
    void setDirectory(const QString &directory);
    /// Milliseconds between rescans (default 2000; 0: only the watcher).
    void setRescanInterval(int ms);

    /// The names of the services present now, sorted.
    QStringList services() const;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    /// Reads the folder now and reports the differences.
    void rescan();

Q_SIGNALS:
    void serviceAppeared(const QString &name);
    void serviceVanished(const QString &name);

private:
    QFileSystemWatcher m_watcher;
    QTimer m_rescanTimer;
    QString m_directory;
    QSet<QString> m_services;
    bool m_running = false;
};

} // namespace dashboard
