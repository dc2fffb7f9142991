// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/report/reporter.h>

#include <QList>
#include <QStringList>

namespace counters {

/**
 * Appends each snapshot as one line of compact JSON (JsonCodec's report, JSON Lines) to a
 * history file that the dashboard can open and chart as a whole.
 *
 * Each line is written with a single write and ends with a newline, so a reader sees whole
 * lines only (except after a crash or a full disk, which may leave a torn last line; the next
 * report starts on a fresh line and readHistory() skips the torn one). Before a line would make
 * the file exceed `maxBytes`, the file is rotated: `path.N` is dropped, `path.i` becomes
 * `path.(i+1)`, `path` becomes `path.1` and a new `path` is started, so at most `keepFiles`
 * rotated files are kept beside the current one (none with keepFiles = 0: the file then starts
 * over). A single line larger than `maxBytes` is still written, alone in its file.
 *
 * Thread-safe (see Reporter). One reporter per path: two reporters (or processes) rotating
 * the same file are not coordinated.
 */
class COUNTERS_CORE_EXPORT JsonHistoryReporter : public Reporter
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBytes = 10 * 1024 * 1024;
    static constexpr int DefaultKeepFiles = 5;

    explicit JsonHistoryReporter(const QString &path, qint64 maxBytes = DefaultMaxBytes,
                                 int keepFiles = DefaultKeepFiles, QObject *parent = nullptr);
    ~JsonHistoryReporter() override;

    QString path() const;
    qint64 maxBytes() const;
    int keepFiles() const;

    /**
     * Reads a history: the rotated files oldest first (`path.N` … `path.1`), then `path`;
     * each line one snapshot, blank lines ignored. Lines that are not a report are skipped and
     * counted in `*corruptLines`; `*error` then describes them (file and line of the first
     * few). `*error` is also set when no file could be read at all (an empty list is returned).
     * So: a non-empty list is usable even with an error; an empty list with an error is a
     * failure. Missing rotated files are not an error.
     */
    static QList<Snapshot> readHistory(const QString &path, QString *error = nullptr,
                                       int *corruptLines = nullptr);
    /// The files of the history at `path` in the order readHistory() reads them: the rotated
    /// files that exist, oldest first, then `path` when it exists. For readers that stream a
    /// history rather than read it whole.
    static QStringList historyFiles(const QString &path);
    /// The snapshots of JSON Lines already in memory (one file's content), with the contract of
    /// readHistory(); `name` stands for the file in `*error`.
    static QList<Snapshot> parseHistory(const QByteArray &lines, const QString &name,
                                        QString *error = nullptr, int *corruptLines = nullptr);

protected:
    bool write(const Snapshot &snapshot, QString *error) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
