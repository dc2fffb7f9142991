// SPDX-License-Identifier: MIT
#include "localdiscovery.h"

#include "transportlogging_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>

namespace counters {

namespace {

const QLatin1String kSocketSuffix(".sock");

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

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
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return false;
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    return S_ISDIR(info.st_mode) && info.st_uid == ::geteuid();
}

// Creates `path` as a private directory or checks that an existing one is ours. lstat() rather
// than stat(): in the shared temp folder a symbolic link could point our sockets anywhere.
bool ensurePrivateDirectory(const QString &path, QString *error)
{
    const QByteArray encoded = QFile::encodeName(path);
    if (::mkdir(encoded.constData(), 0700) != 0 && errno != EEXIST) {
        const int code = errno;
        return fail(error,
                    QStringLiteral("cannot create the discovery directory %1: %2")
                        .arg(path, systemError(code)));
    }
    struct stat info = {};
    if (::lstat(encoded.constData(), &info) != 0) {
        const int code = errno;
        return fail(error,
                    QStringLiteral("cannot inspect the discovery directory %1: %2")
                        .arg(path, systemError(code)));
    }
    if (S_ISLNK(info.st_mode)) {
        return fail(
            error,
            QStringLiteral("refusing the discovery directory %1: it is a symbolic link").arg(path));
    }
    if (!S_ISDIR(info.st_mode)) {
        return fail(
            error,
            QStringLiteral("refusing the discovery directory %1: not a directory").arg(path));
    }
    if (info.st_uid != ::geteuid()) {
        return fail(error,
                    QStringLiteral("refusing the discovery directory %1: it belongs to "
                                   "user id %2, not to this user (%3)")
                        .arg(path)
                        .arg(info.st_uid)
                        .arg(::geteuid()));
    }
    // mkdir() honours the umask and an existing directory may have been loosened: either way,
    // other users must not list or reach the sockets.
    if ((info.st_mode & 07777) != 0700 && ::chmod(encoded.constData(), 0700) != 0) {
        const int code = errno;
        return fail(error,
                    QStringLiteral("cannot make the discovery directory %1 private: %2")
                        .arg(path, systemError(code)));
    }
    return true;
}

bool isSocketFile(const QString &path)
{
    struct stat info = {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

} // namespace

int LocalDiscovery::maxSocketPathLength()
{
    return int(sizeof(sockaddr_un::sun_path)) - 1;
}

QString LocalDiscovery::directory(QString *error)
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    QString path;
    if (isUsableRuntimeDirectory(runtime)) {
        path = QDir::cleanPath(runtime) + QLatin1String("/counters");
    } else {
        path = QDir::cleanPath(QDir::tempPath()) + QLatin1String("/counters-")
            + QString::number(::geteuid());
    }
    if (!ensurePrivateDirectory(path, error))
        return QString();
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
        if (!isSocketFile(service->socketPath))
            continue;
        if (isProcessAlive(service->pid)) {
            found.append(std::move(*service));
            continue;
        }
        if (stale == StaleFiles::Keep)
            continue;
        if (::unlink(QFile::encodeName(service->socketPath).constData()) == 0) {
            qCInfo(lcTransport, "removed the stale socket file %ls of process %lld, which is gone",
                   qUtf16Printable(service->socketPath), static_cast<long long>(service->pid));
        } else if (errno != ENOENT) { // another viewer may have removed it first
            const int code = errno;
            qCWarning(lcTransport, "cannot remove the stale socket file %ls: %ls",
                      qUtf16Printable(service->socketPath), qUtf16Printable(systemError(code)));
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
    // kill() reads 0 and negative pids as process groups: never ask about those.
    if (pid <= 0 || pid > std::numeric_limits<pid_t>::max())
        return false;
    if (::kill(pid_t(pid), 0) == 0)
        return true;
    // EPERM: it exists but belongs to someone else. Only ESRCH proves it is gone.
    return errno != ESRCH;
}

} // namespace counters
