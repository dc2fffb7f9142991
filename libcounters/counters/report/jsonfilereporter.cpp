// SPDX-License-Identifier: MIT
#include "jsonfilereporter.h"

#include "jsoncodec.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace counters {

namespace {
void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
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
    if (QFileInfo(path).isDir()) {
        setError(error, prefix + QStringLiteral("it is a folder"));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, prefix + file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size()) {
        setError(error, prefix + file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        setError(error, prefix + file.errorString());
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
