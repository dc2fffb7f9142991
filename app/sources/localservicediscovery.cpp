// SPDX-License-Identifier: MIT
#include "localservicediscovery.h"

#include "sourceslogging.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace dashboard {

namespace {

bool isSocket(const QString &path)
{
    struct stat info;
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

} // namespace

LocalServiceDiscovery::LocalServiceDiscovery(QObject *parent)
    : QObject(parent), m_directory(defaultDirectory())
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &LocalServiceDiscovery::rescan);
    connect(&m_rescanTimer, &QTimer::timeout, this, &LocalServiceDiscovery::rescan);
    m_rescanTimer.setInterval(2000);
}

LocalServiceDiscovery::~LocalServiceDiscovery() = default;

QString LocalServiceDiscovery::defaultDirectory()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        return runtime + QStringLiteral("/counters");
    return QDir::tempPath() + QStringLiteral("/counters-") + QString::number(::getuid());
}

QString LocalServiceDiscovery::socketPath(const QString &name)
{
    return defaultDirectory() + QLatin1Char('/') + name;
}

void LocalServiceDiscovery::setDirectory(const QString &directory)
{
    if (directory == m_directory)
        return;
    const bool wasRunning = m_running;
    stop();
    m_directory = directory;
    if (wasRunning)
        start();
}

void LocalServiceDiscovery::setRescanInterval(int ms)
{
    m_rescanTimer.setInterval(std::max(0, ms));
    if (m_running && ms > 0)
        m_rescanTimer.start();
    else
        m_rescanTimer.stop();
}

QStringList LocalServiceDiscovery::services() const
{
    QStringList names(m_services.cbegin(), m_services.cend());
    names.sort();
    return names;
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
    for (const QString &name : services())
        Q_EMIT serviceVanished(name);
    m_services.clear();
}

void LocalServiceDiscovery::rescan()
{
    if (!m_running)
        return;
    const QDir dir(m_directory);
    if (dir.exists() && !m_watcher.directories().contains(m_directory))
        m_watcher.addPath(m_directory);

    QSet<QString> present;
    const QStringList entries = dir.entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (isSocket(dir.filePath(entry)))
            present.insert(entry);
    }

    QStringList vanished;
    for (const QString &name : std::as_const(m_services)) {
        if (!present.contains(name))
            vanished.append(name);
    }
    QStringList appeared;
    for (const QString &name : std::as_const(present)) {
        if (!m_services.contains(name))
            appeared.append(name);
    }
    m_services = present;
    std::sort(vanished.begin(), vanished.end());
    std::sort(appeared.begin(), appeared.end());
    for (const QString &name : std::as_const(vanished)) {
        qCDebug(lcSources) << "local service vanished:" << name;
        Q_EMIT serviceVanished(name);
    }
    for (const QString &name : std::as_const(appeared)) {
        qCDebug(lcSources) << "local service appeared:" << name;
        Q_EMIT serviceAppeared(name);
    }
}

} // namespace dashboard
