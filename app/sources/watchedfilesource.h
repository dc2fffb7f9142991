// SPDX-License-Identifier: MIT
#pragma once

#include "source.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QTimer>

namespace dashboard {

/**
 * A JSON report file that a service rewrites (counters::JsonFileReporter, or PyCounters'
 * JSONFileReporter), followed live. URL `file:///path/report.json`.
 *
 * The file is watched with QFileSystemWatcher. An atomic replace (write a temporary file,
 * rename it over the report) ends the watch on the old file, so the path is watched again
 * after every change, and the folder is watched too so that a file that vanished and came
 * back is noticed. A slow poll of the modification time backs the watcher up (network file
 * systems do not report changes).
 *
 * A file that does not parse is read again shortly (a writer that does not replace
 * atomically may be half-way); if it still does not, the source shows the error and waits for
 * the next change. A removed file leaves the source Offline until it comes back. Reports with
 * the collection time of the previous one are not delivered twice.
 *
 * Not thread-safe (GUI thread).
 */
class WatchedFileSource : public Source
{
    Q_OBJECT
public:
    explicit WatchedFileSource(const QString &path, QObject *parent = nullptr);
    ~WatchedFileSource() override;

    Kind kind() const override { return Kind::WatchedFile; }

    QString path() const { return m_path; }
    /// Milliseconds between modification-time checks (default 2000; 0: the watcher only).
    void setPollInterval(int ms);
    /// Milliseconds to wait before reading a changed file, and between re-reads of one that
    /// does not parse (default 50).
    void setSettleDelay(int ms) { m_settleMs = ms; }

protected:
    void doStart() override;
    void doStop() override;

private:
    void onFileChanged();
    /// A change in the folder, or the poll: read when the file appeared, vanished or changed.
    void checkForChange();
    void ensureWatched();
    void scheduleRead();
    void readNow();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_readTimer;
    QTimer m_pollTimer;
    QDateTime m_lastModified;
    qint64 m_lastSize = -1;
    double m_lastTime = -1;
    int m_settleMs = 50;
    int m_parseRetries = 0;
};

} // namespace dashboard
