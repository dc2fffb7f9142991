// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/report/reporter.h>

#include <QJsonObject>

#include <optional>

namespace counters {

/**
 * Writes each snapshot as a JSON report (JsonCodec's format) to one file, replacing the
 * previous report atomically: the report is written to a temporary file in the same folder
 * and renamed over the target (QSaveFile), so a reader sees either the old or the new report,
 * never a torn one, and needs no lock (unlike PyCounters 0.6, which truncated under flock). A new
 * file gets the usual permissions (0666 minus the umask); an existing file keeps its own.
 * When the disk is full (or a file-size limit or quota is hit) the report fails with the
 * system's reason (ENOSPC, EFBIG, EDQUOT), the previous report stays in place, whole, and the
 * temporary file is removed; the next report that fits succeeds.
 * Nothing is created before the first report.
 *
 * Thread-safe (see Reporter). Two reporters writing the same path are not coordinated beyond
 * the atomic rename: the last one wins.
 */
class COUNTERS_CORE_EXPORT JsonFileReporter : public Reporter
{
    Q_OBJECT
public:
    explicit JsonFileReporter(const QString &path, QObject *parent = nullptr);
    ~JsonFileReporter() override;

    QString path() const;

    /// Atomically replaces `path` with `object` as compact JSON. False (and `*error`) on failure.
    static bool safeWrite(const QJsonObject &object, const QString &path, QString *error = nullptr);
    /// Atomically replaces `path` with the report of `snapshot`.
    static bool safeWrite(const Snapshot &snapshot, const QString &path, QString *error = nullptr);
    /// Atomically replaces `path` with `bytes`.
    static bool safeWriteBytes(const QByteArray &bytes, const QString &path,
                               QString *error = nullptr);
    /**
     * Reads the report in `path` (ours or one written by PyCounters, see JsonCodec).
     * std::nullopt with a message naming the file for a missing file, a folder, an unreadable
     * file or content that is not a report.
     */
    static std::optional<Snapshot> safeRead(const QString &path, QString *error = nullptr);

protected:
    bool write(const Snapshot &snapshot, QString *error) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
