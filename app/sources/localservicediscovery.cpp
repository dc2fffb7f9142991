// SPDX-License-Identifier: MIT
#include "localservicediscovery.h"

#include "sourceslogging.h"

#include <QDir>

namespace dashboard {

using counters::DiscoveredService;
using counters::LocalDiscovery;

LocalServiceDiscovery::LocalServiceDiscovery(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &LocalServiceDiscovery::rescan);
    connect(&m_rescanTimer, &QTimer::timeout, this, &LocalServiceDiscovery::rescan);
    m_rescanTimer.setInterval(2000);
}

LocalServiceDiscovery::~LocalServiceDiscovery() = default;

void LocalServiceDiscovery::setRescanInterval(int ms)
{
    m_rescanTimer.setInterval(std::max(0, ms));
    if (m_running && ms > 0)
        m_rescanTimer.start();
    else
        m_rescanTimer.stop();
}

void LocalServiceDiscovery::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_rescanTimer.interval() > 0)
        m_rescanTimer.start();
    rescan();
}

void LocalServiceDiscovery::stop()
{
    m_running = false;
    m_rescanTimer.stop();
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    const QList<DiscoveredService> gone = std::exchange(m_services, {});
    for (const DiscoveredService &service : gone)
        Q_EMIT serviceVanished(service);
}

void LocalServiceDiscovery::rescan()
{
    if (!m_running)
        return;
    // The folder may change (XDG_RUNTIME_DIR in tests) or appear late: look it up each time.
    QString error;
    const QString folder = LocalDiscovery::directory(&error);
    if (folder.isEmpty()) {
        if (error != m_errorString)
            qCWarning(lcSources).noquote() << "local discovery is unavailable:" << error;
        m_errorString = error;
    } else {
        m_errorString.clear();
        const QStringList watched = m_watcher.directories();
        if (!watched.contains(folder)) {
            if (!watched.isEmpty())
                m_watcher.removePaths(watched);
            m_watcher.addPath(folder);
        }
    }

    const QList<DiscoveredService> present =
        folder.isEmpty() ? QList<DiscoveredService>() : LocalDiscovery::services();
    QList<DiscoveredService> vanished;
    for (const DiscoveredService &service : std::as_const(m_services)) {
        if (!present.contains(service))
            vanished.append(service);
    }
    QList<DiscoveredService> appeared;
    for (const DiscoveredService &service : present) {
        if (!m_services.contains(service))
            appeared.append(service);
    }
    m_services = present;
    for (const DiscoveredService &service : std::as_const(vanished)) {
        qCDebug(lcSources) << "local service vanished:" << service.name << service.pid;
        Q_EMIT serviceVanished(service);
    }
    for (const DiscoveredService &service : std::as_const(appeared)) {
        qCDebug(lcSources) << "local service appeared:" << service.name << service.pid;
        Q_EMIT serviceAppeared(service);
    }
}

} // namespace dashboard
