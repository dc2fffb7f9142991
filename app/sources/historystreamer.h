// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QCoreApplication>
#include <QObject>
#include <QSemaphore>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Reads a saved report or a JSON Lines history (with its rotated files) off the GUI thread,
 * streaming: the files are read in blocks, their lines parsed in batches on two threads, and
 * each batch handed over (batchReady) as soon as it is parsed, oldest first, with the bytes
 * read so far. A history of any size thus costs a few batches of memory, shows while it
 * loads, and can be cancelled.
 *
 * At most four batches are in flight: the reader waits until the receiver has handled one
 * (the slot connected to batchReady returns), so a slow receiver slows the reading down
 * rather than letting batches pile up. Batches come one per pass of the receiver's event
 * loop, so that timers and paints get their turn between them; so do the parts of a report
 * too big to take in one pass. finished() comes last, once (unless stop()).
 *
 * Reports without a collection time (PyCounters writes none) are dated one second apart,
 * ending at the file's modification time, as ReportFileReader does.
 *
 * Lives in the GUI thread; its signals are emitted there. Not thread-safe.
 */
class HistoryStreamer : public QObject
{
    Q_OBJECT
public:
    /// Lines parsed per batch at most (a batch also ends where a block read from the file
    /// does).
    static constexpr int BatchLines = 250;
    /// Rows a report may have to be handed over whole by default: a bigger one comes in parts
    /// (reportParts()), one batch each, so that the window takes it in bounded steps.
    static constexpr int PartRows = 2500;

    /// How a reading ended.
    struct Summary
    {
        bool isHistory = false; ///< JSON Lines rather than a single report.
        qint64 reports = 0;     ///< Snapshots delivered.
        int corruptLines = 0;   ///< History lines that were not reports.
        bool cancelled = false;
        /// Why nothing (more) could be read, or what was wrong with corrupt lines.
        QString error;
        double first = 0; ///< Collection time of the oldest and newest report delivered.
        double last = 0;
    };

    explicit HistoryStreamer(QObject *parent = nullptr);
    /// Cancels a reading in progress and waits for its thread.
    ~HistoryStreamer() override;

    /// Rows a report may have to be handed over whole (for the next start(); default PartRows;
    /// 0: every report whole, as a reader that writes reports out wants them).
    void setPartRows(int rows) { m_partRows = std::max(0, rows); }
    int partRows() const { return m_partRows; }

    /// Starts reading `path` (a reading in progress is cancelled first).
    void start(const QString &path);
    /// Stops reading after the batch being parsed; finished() follows with `cancelled`.
    void cancel();
    /// Stops reading now and forgets the reading: nothing of it, finished() included, is
    /// emitted any more. Waits for the reader's thread (a batch's parse at most).
    void stop();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// Snapshots oldest first; `bytesRead` of `bytesTotal` read so far. A report of more than
    /// partRows() rows comes as parts (reportParts()), each a batch of its own: `continued` is
    /// true for all of them but the first; `rowsToCome` counts the rows of the parts after this
    /// one (0 for the last part and for whole reports).
    void batchReady(const QList<counters::Snapshot> &snapshots, qint64 bytesRead, qint64 bytesTotal,
                    bool continued, qsizetype rowsToCome);
    void finished(const dashboard::HistoryStreamer::Summary &summary);

private:
    class Reading;

    std::shared_ptr<Reading> m_reading;
    QThread *m_thread = nullptr;
    int m_partRows = PartRows;
    bool m_running = false;
};

} // namespace dashboard

Q_DECLARE_METATYPE(dashboard::HistoryStreamer::Summary)
