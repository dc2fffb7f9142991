// SPDX-License-Identifier: MIT
#pragma once

#include "models/counterhistory.h"
#include "models/serieskey.h"
#include "sources/historystreamer.h"

#include <QList>
#include <QObject>
#include <QSaveFile>

#include <limits>
#include <memory>

namespace dashboard {

/**
 * The CSV of a saved history at full resolution: the file is read again, streaming
 * (HistoryStreamer), and every report in the range becomes one line, whatever the charts'
 * history rolled up. Same format as CsvExport: `time,<title>…`, ISO 8601 UTC times, values in
 * C notation, empty where a report has no value. Columns are counters of the file (a
 * SeriesKey's counter, and node for a process's values; a family's sums as the dashboard
 * shows them).
 *
 * Written to a QSaveFile as the reports come: memory stays at a few batches, the file appears
 * whole or not at all. progressChanged() follows the reading; cancel() stops and writes
 * nothing; finished() comes once.
 *
 * Not thread-safe (GUI thread).
 */
class HistoryCsvExport : public QObject
{
    Q_OBJECT
public:
    explicit HistoryCsvExport(const QString &historyPath, QObject *parent = nullptr);
    ~HistoryCsvExport() override;

    /// A column of `key`'s values, or of another of its numbers (`field`: a percentile
    /// counter's P90 or P99 sub-value, its window's minimum or maximum).
    void addColumn(const SeriesKey &key, const QString &title,
                   PointField field = PointField::Value);
    /// Only reports with a time in [from, to] (epoch seconds) are written.
    void setRange(double fromSeconds, double toSeconds);

    /// Starts writing to `csvPath`; false and errorString() when it cannot be created.
    bool start(const QString &csvPath);
    /// Stops; nothing is written, finished(false) follows.
    void cancel();
    /// start(), then waits (running the event loop) until finished; the result.
    bool exec(const QString &csvPath);

    bool isRunning() const { return m_running; }
    qint64 rowsWritten() const { return m_rows; }
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    void progressChanged(double progress);
    void finished(bool ok);

private:
    struct Column
    {
        SeriesKey key;
        QString title;
        PointField field = PointField::Value;
    };

    /// `column`'s number in `snapshot` (a process' or the merged one).
    static std::optional<double> valueOf(const counters::Snapshot &snapshot, const Column &column);
    void onBatch(const QList<counters::Snapshot> &snapshots, qint64 read, qint64 total);
    void onFinished(const HistoryStreamer::Summary &summary);
    void fail(const QString &error);

    QString m_historyPath;
    QList<Column> m_columns;
    bool m_aggregates = false;
    double m_from = -std::numeric_limits<double>::infinity();
    double m_to = std::numeric_limits<double>::infinity();
    HistoryStreamer m_streamer;
    std::unique_ptr<QSaveFile> m_file;
    bool m_running = false;
    bool m_cancelled = false;
    qint64 m_rows = 0;
    QString m_errorString;
};

} // namespace dashboard
