// SPDX-License-Identifier: MIT
#include "jsonhistoryreporter.h"

#include <counters/format/jsoncodec.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace counters {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QString rotatedPath(const QString &path, int index)
{
    return path + QLatin1Char('.') + QString::number(index);
}

/// The indexes of the rotated files that exist beside `path`, highest (oldest) first.
QList<int> rotatedIndexes(const QString &path)
{
    const QFileInfo info(path);
    const QString prefix = info.fileName() + QLatin1Char('.');
    QList<int> indexes;
    const QStringList names = info.dir().entryList({prefix + QLatin1Char('*')}, QDir::Files);
    for (const QString &name : names) {
        bool ok = false;
        const int index = QStringView(name).mid(prefix.size()).toInt(&ok);
        if (ok && index > 0 && name == prefix + QString::number(index))
            indexes.append(index);
    }
    std::sort(indexes.begin(), indexes.end(), std::greater<int>());
    return indexes;
}

/// The snapshots of one or more files of JSON Lines, and what was wrong with them.
struct HistoryReading
{
    QList<Snapshot> snapshots;
    QStringList problems; // files that could not be read, the first few corrupt lines
    int corrupt = 0;

    void addLines(const QByteArray &bytes, const QString &name)
    {
        int lineNumber = 0;
        qsizetype start = 0;
        while (start < bytes.size()) {
            qsizetype end = bytes.indexOf('\n', start);
            if (end < 0)
                end = bytes.size();
            const QByteArray line = bytes.mid(start, end - start);
            start = end + 1;
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            QString lineError;
            std::optional<Snapshot> snapshot = JsonCodec::fromJson(line, &lineError);
            if (snapshot) {
                snapshots.append(std::move(*snapshot));
                continue;
            }
            ++corrupt;
            if (corrupt <= 3)
                problems.append(
                    QStringLiteral("%1:%2: %3").arg(name, QString::number(lineNumber), lineError));
        }
    }

    QList<Snapshot> finish(QString *error, int *corruptLines)
    {
        if (corruptLines)
            *corruptLines = corrupt;
        if (corrupt > 0)
            problems.prepend(QStringLiteral("skipped %1 corrupt line(s)").arg(corrupt));
        setError(error, problems.join(QStringLiteral("; ")));
        return std::move(snapshots);
    }
};

} // namespace

class JsonHistoryReporter::Private
{
public:
    bool rotate(QString *error);

    QString path;
    qint64 maxBytes;
    int keepFiles;
};

bool JsonHistoryReporter::Private::rotate(QString *error)
{
    if (keepFiles <= 0) {
        if (!QFile::remove(path) && QFileInfo::exists(path)) {
            setError(error, QStringLiteral("cannot start %1 over: removing it failed").arg(path));
            return false;
        }
        return true;
    }
    // Drop whatever lies beyond the newest keepFiles - 1 rotations, then shift.
    for (int index : rotatedIndexes(path)) {
        if (index >= keepFiles && !QFile::remove(rotatedPath(path, index))) {
            setError(error,
                     QStringLiteral("cannot rotate %1: removing %2 failed")
                         .arg(path, rotatedPath(path, index)));
            return false;
        }
    }
    for (int index = keepFiles - 1; index >= 1; --index) {
        const QString from = rotatedPath(path, index);
        if (QFileInfo::exists(from) && !QFile::rename(from, rotatedPath(path, index + 1))) {
            setError(error, QStringLiteral("cannot rotate %1: renaming %2 failed").arg(path, from));
            return false;
        }
    }
    if (!QFile::rename(path, rotatedPath(path, 1))) {
        setError(error,
                 QStringLiteral("cannot rotate %1: renaming it to %2 failed")
                     .arg(path, rotatedPath(path, 1)));
        return false;
    }
    return true;
}

JsonHistoryReporter::JsonHistoryReporter(const QString &path, qint64 maxBytes, int keepFiles,
                                         QObject *parent)
    : Reporter(parent), d(std::make_unique<Private>())
{
    d->path = path;
    d->maxBytes = maxBytes;
    d->keepFiles = std::max(0, keepFiles);
}

JsonHistoryReporter::~JsonHistoryReporter() = default;

QString JsonHistoryReporter::path() const
{
    return d->path;
}
qint64 JsonHistoryReporter::maxBytes() const
{
    return d->maxBytes;
}
int JsonHistoryReporter::keepFiles() const
{
    return d->keepFiles;
}

bool JsonHistoryReporter::write(const Snapshot &snapshot, QString *error)
{
    QByteArray line = JsonCodec::toJson(snapshot);
    line.append('\n');

    const QString prefix = QStringLiteral("cannot append to %1: ").arg(d->path);
    const QFileInfo info(d->path);
    if (info.isDir()) {
        setError(error, prefix + QStringLiteral("it is a folder"));
        return false;
    }
    // Opening a FIFO would block the reporting thread until someone reads it; rotation would
    // rename a device away.
    if (info.exists() && !info.isFile()) {
        setError(error,
                 prefix
                     + QStringLiteral("it is not a regular file (a device, a FIFO or a "
                                      "socket), which a history never appends to"));
        return false;
    }
    qint64 size = info.exists() ? info.size() : 0;
    if (size > 0 && size + line.size() > d->maxBytes) {
        if (!d->rotate(error))
            return false;
        size = 0;
    }

    QFile file(d->path);
    if (size > 0) {
        // A crash or a full disk may have left a torn last line; start on a fresh one.
        if (file.open(QIODevice::ReadOnly) && file.seek(size - 1)) {
            char last = '\n';
            if (file.getChar(&last) && last != '\n')
                line.prepend('\n');
        }
        file.close();
    }
    // Unbuffered: the line goes out in one write(2) on an O_APPEND descriptor.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        setError(error, prefix + file.errorString());
        return false;
    }
    const qint64 written = file.write(line);
    if (written != line.size()) {
        setError(error,
                 prefix
                     + (written < 0 ? file.errorString()
                                    : QStringLiteral("only %1 of %2 bytes written")
                                          .arg(written)
                                          .arg(line.size())));
        return false;
    }
    return true;
}

QList<Snapshot> JsonHistoryReporter::readHistory(const QString &path, QString *error,
                                                 int *corruptLines)
{
    const QStringList files = historyFiles(path);
    HistoryReading reading;
    if (files.isEmpty()) {
        reading.problems.append(QStringLiteral("cannot read history %1: no such file").arg(path));
        return reading.finish(error, corruptLines);
    }
    int readable = 0;
    for (const QString &name : std::as_const(files)) {
        QFile file(name);
        if (QFileInfo(name).isDir() || !file.open(QIODevice::ReadOnly)) {
            reading.problems.append(QStringLiteral("cannot read %1: %2")
                                        .arg(name,
                                             QFileInfo(name).isDir()
                                                 ? QStringLiteral("it is a folder")
                                                 : file.errorString()));
            continue;
        }
        ++readable;
        reading.addLines(file.readAll(), name);
    }
    if (readable == 0)
        reading.problems.prepend(QStringLiteral("cannot read history %1").arg(path));
    return reading.finish(error, corruptLines);
}

QStringList JsonHistoryReporter::historyFiles(const QString &path)
{
    QStringList files;
    for (int index : rotatedIndexes(path))
        files.append(rotatedPath(path, index));
    if (QFileInfo::exists(path))
        files.append(path);
    return files;
}

QList<Snapshot> JsonHistoryReporter::parseHistory(const QByteArray &lines, const QString &name,
                                                  QString *error, int *corruptLines)
{
    HistoryReading reading;
    reading.addLines(lines, name);
    return reading.finish(error, corruptLines);
}

} // namespace counters
