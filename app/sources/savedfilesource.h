// SPDX-License-Identifier: MIT
#pragma once

#include "source.h"

#include <QTimer>

namespace dashboard {

/**
 * A saved report or a JSON Lines history, opened offline: read once, delivered as one batch
 * (historyReceived), then Offline with a summary, or Error with the reason. Reads our reports
 * and histories and files written by PyCounters (flat, `__collection_time__`,
 * `__node_reports__`); see ReportFileReader. Does not retry.
 *
 * The file is read from the event loop after start(), so start() returns at once.
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

    QString m_path;
    QTimer m_loadTimer;
    int m_reportCount = 0;
};

} // namespace dashboard
