// SPDX-License-Identifier: MIT
#include "reportfilereader.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace dashboard {

double ReportFileReader::modificationTime(const QString &path)
{
    const QDateTime modified = QFileInfo(path).lastModified();
    return modified.isValid() ? double(modified.toMSecsSinceEpoch()) / 1000.0
                              : double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

namespace {

counters::Snapshot dated(const counters::Snapshot &snapshot, double time)
{
    return counters::Snapshot(time, snapshot.source(), snapshot.rows(), snapshot.nodes());
}

} // namespace

/// A report is written compact, on one line, but a pretty-printed one is accepted too.
bool ReportFileReader::looksLikeHistory(const QByteArray &bytes)
{
    const QByteArray trimmed = bytes.trimmed();
    qsizetype start = 0;
    int objects = 0;
    while (start < trimmed.size()) {
        qsizetype end = trimmed.indexOf('\n', start);
        if (end < 0)
            end = trimmed.size();
        const QByteArray line = trimmed.mid(start, end - start).trimmed();
        if (line.startsWith('{') && line.endsWith('}'))
            ++objects;
        else if (objects > 0 && end == trimmed.size() && line.startsWith('{'))
            ++objects; // a line longer than the head, cut by its end (or a torn last line)
        if (objects > 1)
            return true;
        start = end + 1;
    }
    return false;
}

namespace {

/// A history's snapshots oldest first. PyCounters reports have no time: they are spread one
/// second apart, ending at the file's modification time `end`, so that the chart keeps their
/// order.
QList<counters::Snapshot> inOrder(QList<counters::Snapshot> snapshots, double end)
{
    for (qsizetype i = 0; i < snapshots.size(); ++i) {
        if (snapshots.at(i).time() <= 0)
            snapshots[i] = dated(snapshots.at(i), end - double(snapshots.size() - 1 - i));
    }
    std::stable_sort(snapshots.begin(), snapshots.end(),
                     [](const counters::Snapshot &a, const counters::Snapshot &b) {
                         return a.time() < b.time();
                     });
    return snapshots;
}

} // namespace

std::optional<counters::Snapshot> ReportFileReader::readReport(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isFile() && info.size() > MaxReportBytes) {
        if (error)
            *error = tr("%1 has %2 MiB, more than the %3 MiB a report may have")
                         .arg(path)
                         .arg(info.size() >> 20)
                         .arg(MaxReportBytes >> 20);
        return std::nullopt;
    }
    std::optional<counters::Snapshot> snapshot = counters::JsonFileReporter::safeRead(path, error);
    if (snapshot && snapshot->time() <= 0)
        snapshot = dated(*snapshot, modificationTime(path));
    return snapshot;
}

QString ReportFileReader::unreadable(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return tr("%1 is a folder, not a report").arg(path);
    // A FIFO would block the reader for ever, a device never end.
    if (info.exists() && !info.isFile())
        return tr("%1 is not a regular file").arg(path);
    return QString();
}

ReportFileReader::Result ReportFileReader::read(const QString &path)
{
    Result result;
    QFile file(path);
    const QFileInfo info(path);
    result.error = unreadable(path);
    if (!result.error.isEmpty())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return result;
    }
    const QByteArray head = file.read(1 << 20);
    file.close();

    if (!looksLikeHistory(head)) {
        QString error;
        if (std::optional<counters::Snapshot> snapshot = readReport(path, &error))
            result.snapshots.append(*snapshot);
        result.error = error;
        return result;
    }
    result.isHistory = true;
    if (info.size() > MaxHistoryBytes) {
        result.error = tr("%1 has %2 MiB, more than the %3 MiB a history may have")
                           .arg(path)
                           .arg(info.size() >> 20)
                           .arg(MaxHistoryBytes >> 20);
        return result;
    }
    result.snapshots = inOrder(
        counters::JsonHistoryReporter::readHistory(path, &result.error, &result.corruptLines),
        modificationTime(path));
    return result;
}

ReportFileReader::Result ReportFileReader::parse(const QByteArray &bytes, const QString &name,
                                                 double modified)
{
    Result result;
    if (!looksLikeHistory(bytes.left(1 << 20))) {
        QString error;
        std::optional<counters::Snapshot> snapshot = counters::JsonCodec::fromJson(bytes, &error);
        if (snapshot)
            result.snapshots.append(snapshot->time() > 0 ? *snapshot : dated(*snapshot, modified));
        else
            result.error = QStringLiteral("cannot read %1: %2").arg(name, error);
        return result;
    }
    result.isHistory = true;
    result.snapshots = inOrder(counters::JsonHistoryReporter::parseHistory(
                                   bytes, name, &result.error, &result.corruptLines),
                               modified);
    return result;
}

} // namespace dashboard
