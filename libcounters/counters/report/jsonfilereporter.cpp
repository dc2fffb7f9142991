// SPDX-License-Identifier: MIT
#include "jsonfilereporter.h"

#include <counters/format/jsoncodec.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

namespace counters {

namespace {
void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// Why `file` failed just now. QSaveFile gives no reason for a short write (what a full disk or
// a file-size limit usually cause: the first chunk fits, the rest fails) nor for a flush that
// fails inside commit(): its errorString() is then "Unknown error". errno, saved by the caller
// right after the call, still names the cause (ENOSPC, EFBIG, EDQUOT, EIO).
QString failureReason(const QFileDevice &file, int savedErrno, qint64 written = -1,
                      qint64 size = -1)
{
    // QIODevice's text for "no reason set", translated as Qt translates it.
    const QString unknown = QCoreApplication::translate("QIODevice", "Unknown error");
    if (file.error() != QFileDevice::NoError && file.errorString() != unknown)
        return file.errorString();
    if (savedErrno != 0)
        return QString::fromLocal8Bit(std::strerror(savedErrno));
    if (written >= 0)
        return QStringLiteral("only %1 of %2 bytes could be written").arg(written).arg(size);
    return file.errorString();
}
} // namespace

class JsonFileReporter::Private
{
public:
    QString path;
};

JsonFileReporter::JsonFileReporter(const QString &path, QObject *parent)
    : Reporter(parent), d(std::make_unique<Private>())
{
    d->path = path;
}

JsonFileReporter::~JsonFileReporter() = default;

QString JsonFileReporter::path() const
{
    return d->path;
}

bool JsonFileReporter::write(const Snapshot &snapshot, QString *error)
{
    return safeWrite(snapshot, d->path, error);
}

bool JsonFileReporter::safeWriteBytes(const QByteArray &bytes, const QString &path, QString *error)
{
    const QString prefix = QStringLiteral("cannot write %1: ").arg(path);
    if (path.isEmpty()) {
        setError(error, QStringLiteral("cannot write a report: the path is empty"));
        return false;
    }
    // QSaveFile would report "Is a directory" only at commit; say it plainly up front.
    const QFileInfo info(path);
    if (info.isDir()) {
        setError(error, prefix + QStringLiteral("it is a folder"));
        return false;
    }
    // The rename would silently put a regular file in the place of a device, a FIFO or a
    // socket (a link to a regular file is fine: QSaveFile writes its target).
    if (info.exists() && !info.isFile()) {
        setError(error,
                 prefix
                     + QStringLiteral("it is not a regular file (a device, a FIFO or a "
                                      "socket), which a report never replaces"));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, prefix + file.errorString());
        return false;
    }
    errno = 0;
    const qint64 written = file.write(bytes);
    if (written != bytes.size()) {
        setError(error, prefix + failureReason(file, errno, written, bytes.size()));
        file.cancelWriting(); // the temporary file goes; the previous report stays
        return false;
    }
    // Flushed here, not by commit(): Qt 6.4's commit() ignores a failure of its final flush
    // (a full disk, a file-size limit) and renames the truncated temporary file over the last
    // good report, a torn report that readers would then see.
    errno = 0;
    if (!file.flush()) {
        setError(error, prefix + failureReason(file, errno));
        file.cancelWriting();
        return false;
    }
    errno = 0;
    if (!file.commit()) {
        setError(error, prefix + failureReason(file, errno));
        return false;
    }
    return true;
}

bool JsonFileReporter::safeWrite(const QJsonObject &object, const QString &path, QString *error)
{
    return safeWriteBytes(QJsonDocument(object).toJson(QJsonDocument::Compact), path, error);
}

bool JsonFileReporter::safeWrite(const Snapshot &snapshot, const QString &path, QString *error)
{
    return safeWriteBytes(JsonCodec::toJson(snapshot), path, error);
}

std::optional<Snapshot> JsonFileReporter::safeRead(const QString &path, QString *error)
{
    const QString prefix = QStringLiteral("cannot read %1: ").arg(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        setError(error, prefix + QStringLiteral("no such file"));
        return std::nullopt;
    }
    if (info.isDir()) {
        setError(error, prefix + QStringLiteral("it is a folder"));
        return std::nullopt;
    }
    // A FIFO would block the reader for ever, a device would never end.
    if (!info.isFile()) {
        setError(error, prefix + QStringLiteral("it is not a regular file"));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, prefix + file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        setError(error, prefix + file.errorString());
        return std::nullopt;
    }
    QString decodeError;
    std::optional<Snapshot> snapshot = JsonCodec::fromJson(bytes, &decodeError);
    if (!snapshot)
        setError(error, prefix + decodeError);
    return snapshot;
}

} // namespace counters
