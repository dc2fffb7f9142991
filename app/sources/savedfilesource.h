// SPDX-License-Identifier: MIT
#pragma once

#include "historystreamer.h"
#include "source.h"

#include <QElapsedTimer>
#include <QTimer>

namespace dashboard {

/**
 * A saved report or a JSON Lines history, opened offline: read once, off the GUI thread and
 * streaming (HistoryStreamer), its reports delivered batch by batch as they are parsed
 * (historyReceived), so that a big history shows while it loads. Meanwhile the source is
 * Connecting, with loadProgress() and a message that says how far it got; cancelLoading()
 * stops it, keeping what was read. Then Offline with a summary, or Error with the reason.
 * Reads our reports and histories and files written by PyCounters (flat,
 * `__collection_time__`, `__node_reports__`); see ReportFileReader. Reports come in file order;
 * one not newer than a report before it may not find its place in the charts, and is counted
 * in the summary.
 * Does not retry.
 *
 * Not thread-safe (GUI thread).
 */
class SavedFileSource : public Source
{
    Q_OBJECT
public:
    explicit SavedFileSource(const QString &path, QObject *parent = nullptr);
    ~SavedFileSource() override;

    Kind kind() const override { return Kind::SavedFile; }
    bool willRetry() const override { return false; }
    double loadProgress() const override { return m_progress; }
    void cancelLoading() override;

    QString path() const { return m_path; }
    /// Reports read; 0 before loading or on failure.
    int reportCount() const { return int(m_reportCount); }

protected:
    void doStart() override;
    void doStop() override;

private:
    void load();
    void onBatch(const QList<counters::Snapshot> &snapshots, qint64 read, qint64 total,
                 bool continued, qsizetype rowsToCome);
    void onFinished(const HistoryStreamer::Summary &summary);
    void setProgress(double progress);

    QString m_path;
    QTimer m_loadTimer;
    HistoryStreamer m_streamer;
    QElapsedTimer m_messageClock;
    qint64 m_reportCount = 0;
    qint64 m_outOfOrder = 0; ///< reports not newer than one before them
    double m_newest = 0;
    double m_progress = -1;
};

} // namespace dashboard
