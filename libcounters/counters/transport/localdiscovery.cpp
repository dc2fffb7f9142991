// SPDX-License-Identifier: MIT
#include "localdiscovery.h"

#include "transportlogging_p.h"

#include <counters/base/platform_p.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <limits>

namespace counters {

namespace platform = detail::platform;

namespace {

const QLatin1String kSocketSuffix(".sock");

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// XDG_RUNTIME_DIR is only used when it is what the XDG rules promise: an absolute path to an
// existing directory of ours. Anything else (unset in a cron job or a container, a leftover
// value after `su`) falls back to the temp folder instead of failing.
bool isUsableRuntimeDirectory(const QString &path)
{
    return !path.isEmpty() && QDir::isAbsolutePath(path) && platform::isOwnDirectory(path);
}

} // namespace

int LocalDiscovery::maxSocketPathLength()
{
    return platform::maxSocketPathLength();
}

QString LocalDiscovery::directory(QString *error)
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    QString path;
    if (isUsableRuntimeDirectory(runtime)) {
        path = QDir::cleanPath(runtime) + QLatin1String("/counters");
    } else {
        path =
            QDir::cleanPath(QDir::tempPath()) + QLatin1String("/counters-") + platform::userTag();
    }
    QString why;
    if (!platform::makePrivateDirectory(path, &why)) {
        fail(error, QStringLiteral("the discovery directory: %1").arg(why));
        return QString();
    }
    return path;
}

bool LocalDiscovery::isValidServiceName(QStringView name, QString *error)
{
    if (name.isEmpty())
        return fail(error, QStringLiteral("the service name is empty"));
    if (name.startsWith(QLatin1Char('.')))
        return fail(
            error,
            QStringLiteral("the service name \"%1\" starts with a dot").arg(name.toString()));
    for (const QChar c : name) {
        if (c == QLatin1Char('/'))
            return fail(
                error,
                QStringLiteral("the service name \"%1\" contains a '/'").arg(name.toString()));
        if (c.category() == QChar::Other_Control) {
            return fail(error,
                        QStringLiteral("the service name contains the control character U+%1")
                            .arg(c.unicode(), 4, 16, QLatin1Char('0')));
        }
    }
    return true;
}

QString LocalDiscovery::socketFileName(const QString &name, qint64 pid)
{
    Q_ASSERT(isValidServiceName(name));
    Q_ASSERT(pid > 0);
    return name + QLatin1Char('.') + QString::number(pid) + kSocketSuffix;
}

std::optional<DiscoveredService> LocalDiscovery::parseSocketFileName(QStringView fileName)
{
    if (!fileName.endsWith(kSocketSuffix))
        return std::nullopt;
    const QStringView stem = fileName.chopped(kSocketSuffix.size());
    const qsizetype dot = stem.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return std::nullopt;
    const QStringView pidText = stem.mid(dot + 1);
    // Digits only: toLongLong() alone would also take "+5" or " 5", which socketFileName()
    // never writes.
    if (pidText.isEmpty() || !std::all_of(pidText.begin(), pidText.end(), [](QChar c) {
            return c >= QLatin1Char('0') && c <= QLatin1Char('9');
        })) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 pid = pidText.toLongLong(&ok);
    const QStringView name = stem.left(dot);
    if (!ok || pid <= 0 || !isValidServiceName(name))
        return std::nullopt;
    return DiscoveredService{name.toString(), pid, QString()};
}

QList<DiscoveredService> LocalDiscovery::services(StaleFiles stale, QString *error)
{
    const QString dir = directory(error);
    if (dir.isEmpty())
        return {};

    QList<DiscoveredService> found;
    const QStringList entries =
        QDir(dir).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot, QDir::Unsorted);
    for (const QString &fileName : entries) {
        std::optional<DiscoveredService> service = parseSocketFileName(fileName);
        if (!service)
            continue;
        service->socketPath = dir + QLatin1Char('/') + fileName;
        if (!platform::isSocketFile(service->socketPath))
            continue;
        if (isProcessAlive(service->pid)) {
            found.append(std::move(*service));
            continue;
        }
        if (stale == StaleFiles::Keep)
            continue;
        QFile file(service->socketPath);
        if (file.remove()) {
            qCInfo(lcTransport, "removed the stale socket file %ls of process %lld, which is gone",
                   qUtf16Printable(service->socketPath), static_cast<long long>(service->pid));
        } else if (file.exists()) { // another viewer may have removed it first
            qCWarning(lcTransport, "cannot remove the stale socket file %ls: %ls",
                      qUtf16Printable(service->socketPath), qUtf16Printable(file.errorString()));
        }
    }
    std::sort(found.begin(), found.end(),
              [](const DiscoveredService &a, const DiscoveredService &b) {
                  return a.name != b.name ? a.name < b.name : a.pid < b.pid;
              });
    return found;
}

bool LocalDiscovery::isProcessAlive(qint64 pid)
{
    return platform::isProcessAlive(pid);
}

} // namespace counters
