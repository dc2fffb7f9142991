// SPDX-License-Identifier: MIT
#include "watchedfilesource.h"

#include "reportfilereader.h"
#include "sourceslogging.h"

#include <QDir>
#include <QFileInfo>

namespace dashboard {

namespace {

constexpr int kMaxParseRetries = 3;

} // namespace

WatchedFileSource::WatchedFileSource(const QString &path, QObject *parent)
    : Source(QUrl::fromLocalFile(path), QFileInfo(path).fileName(), parent),
      m_path(QFileInfo(path).absoluteFilePath())
{
    m_readTimer.setSingleShot(true);
    connect(&m_readTimer, &QTimer::timeout, this, &WatchedFileSource::readNow);
    m_pollTimer.setInterval(2000);
    connect(&m_pollTimer, &QTimer::timeout, this, &WatchedFileSource::checkForChange);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &WatchedFileSource::onFileChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &WatchedFileSource::checkForChange);
}

WatchedFileSource::~WatchedFileSource()
{
    stop();
}

void WatchedFileSource::setPollInterval(int ms)
{
    m_pollTimer.setInterval(std::max(0, ms));
    if (isStarted() && ms > 0)
        m_pollTimer.start();
    else
        m_pollTimer.stop();
}

void WatchedFileSource::doStart()
{
    m_lastTime = -1;
    m_lastModified = QDateTime();
    m_lastSize = -1;
    m_parseRetries = 0;
    setState(State::Connecting, tr("Reading %1…").arg(QDir::toNativeSeparators(m_path)));
    ensureWatched();
    if (m_pollTimer.interval() > 0)
        m_pollTimer.start();
    readNow();
}

void WatchedFileSource::doStop()
{
    m_readTimer.stop();
    m_pollTimer.stop();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

void WatchedFileSource::ensureWatched()
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!m_watcher.directories().contains(folder) && QFileInfo(folder).isDir())
        m_watcher.addPath(folder);
    // After a rename over the file the watch followed the old inode away: watch the path anew.
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

void WatchedFileSource::onFileChanged()
{
    ensureWatched();
    scheduleRead();
}

void WatchedFileSource::checkForChange()
{
    ensureWatched();
    const QFileInfo info(m_path);
    if (!info.exists()) {
        if (m_lastSize != -1 || state() == State::Live)
            scheduleRead();
        return;
    }
    if (info.lastModified() != m_lastModified || info.size() != m_lastSize)
        scheduleRead();
}

void WatchedFileSource::scheduleRead()
{
    if (isStarted() && !m_readTimer.isActive())
        m_readTimer.start(m_settleMs);
}

void WatchedFileSource::readNow()
{
    if (!isStarted())
        return;
    const QFileInfo info(m_path);
    if (!info.exists()) {
        m_lastSize = -1;
        m_lastModified = QDateTime();
        m_parseRetries = 0;
        setState(State::Offline,
                 hasData() ? tr("%1 was removed; waiting for it to come back")
                                 .arg(QDir::toNativeSeparators(m_path))
                           : tr("%1 does not exist yet; waiting for it")
                                 .arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    m_lastModified = info.lastModified();
    m_lastSize = info.size();

    QString error;
    const std::optional<counters::Snapshot> snapshot = ReportFileReader::readReport(m_path, &error);
    if (!snapshot) {
        if (m_parseRetries < kMaxParseRetries) {
            // Perhaps a writer that truncates and rewrites in place is half-way: look again.
            ++m_parseRetries;
            m_readTimer.start(m_settleMs * (1 << m_parseRetries));
            return;
        }
        m_parseRetries = 0;
        setState(State::Error, tr("%1; waiting for the next change").arg(error));
        return;
    }
    m_parseRetries = 0;
    setState(State::Live, tr("Watching for changes"));
    if (snapshot->time() == m_lastTime)
        return;
    m_lastTime = snapshot->time();
    deliver(*snapshot);
}

} // namespace dashboard
