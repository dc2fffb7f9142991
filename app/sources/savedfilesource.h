// SPDX-License-Identifier: MIT
#pragma once

#include "reportfilereader.h"
#include "source.h"

#include <QFutureWatcher>
#include <QTimer>

namespace dashboard {

/**
 * A saved report or a JSON Lines history, opened offline: read once, delivered as one batch
 * (historyReceived), then Offline with a summary, or Error with the reason. Reads our reports
 * and histories and files written by PyCounters (flat, `__collection_time__`,
 * `__node_reports__`); see ReportFileReader. Does not retry.
 *
 * The file is read and parsed in a worker thread (QThreadPool::globalInstance()), so that a
 * big file never freezes the window; start() returns at once. Only regular files of at most
 * ReportFileReader's limits are read.
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

    QString path() const { return m_path; }
    /// Reports read; 0 before loading or on failure.
    int reportCount() const { return m_reportCount; }

protected:
    void doStart() override;
    void doStop() override;

private:
    void load();
    void loaded();

    QString m_path;
    QTimer m_loadTimer;
    QFutureWatcher<ReportFileReader::Result> m_loading;
    int m_reportCount = 0;
};

} // namespace dashboard
