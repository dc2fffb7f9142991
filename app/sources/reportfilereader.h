// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace dashboard {

/**
 * Reads the files the dashboard opens: a JSON report (ours, or flat PyCounters output with or
 * without `__collection_time__` and `__node_reports__`) or a JSON Lines history (with its
 * rotated files). A report without a collection time is dated by the file's modification time,
 * so that it lands on the time axis where it was written rather than in 1970.
 *
 * Stateless and thread-safe.
 */
class ReportFileReader
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::ReportFileReader)
public:
    ReportFileReader() = delete;

    /// Larger report files are refused (a report is read whole).
    static constexpr qint64 MaxReportBytes = qint64(256) << 20;
    /// Larger history files are refused.
    static constexpr qint64 MaxHistoryBytes = qint64(4) << 30;

    /// What a file held.
    struct Result
    {
        QList<counters::Snapshot> snapshots; ///< Oldest first; empty on failure.
        bool isHistory = false;              ///< JSON Lines rather than a single report.
        int corruptLines = 0;                ///< History lines that were not reports.
        QString error;                       ///< Why nothing could be read; or the warning
                                             ///< about corrupt lines of a usable history.
        bool ok() const { return !snapshots.isEmpty(); }
    };

    /// Whether the first bytes of a file (a MiB is plenty) are JSON Lines, a history, rather
    /// than one report: more than one non-blank line that is a JSON object, the last of them
    /// possibly cut short (a line longer than `head`).
    static bool looksLikeHistory(const QByteArray &head);
    /// When `path` was last written (epoch seconds; now when that is unknown): the time of
    /// reports that carry none.
    static double modificationTime(const QString &path);
    /// Why `path` cannot be read at all (a folder, not a regular file: a FIFO would block, a
    /// device never end), or an empty string.
    static QString unreadable(const QString &path);

    /// A single report. std::nullopt (and `*error`) for a missing, unreadable, corrupt or too
    /// large file, or one that is not a regular file (a FIFO would block, a device not end).
    static std::optional<counters::Snapshot> readReport(const QString &path,
                                                        QString *error = nullptr);
    /// A report or a history, told apart by content (a history has several lines of JSON);
    /// regular files only, within MaxReportBytes and MaxHistoryBytes.
    static Result read(const QString &path);
    /// What read() makes of a file's content, without the file system: `name` stands for the
    /// file in errors, `modified` (seconds since the epoch, > 0) dates reports without a time,
    /// and a history is this one file's lines (no rotated files).
    static Result parse(const QByteArray &bytes, const QString &name, double modified);
};

} // namespace dashboard
