// SPDX-License-Identifier: MIT
// The portable side of platform_p.h: C++17 and QtCore only. What each fallback gives up is
// said in platform_p.h.
#include "platform_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace counters::detail::platform {

bool usesPortableFallbacks()
{
    return true;
}

bool cycleCounterUsable()
{
    return false;
}

QString steadyClockName()
{
    return QStringLiteral("std::chrono::steady_clock");
}

bool hasProcessBarrier()
{
    return false;
}

bool processBarrier()
{
    return false;
}

QString executableName()
{
    if (!QCoreApplication::instance())
        return QString();
    return QFileInfo(QCoreApplication::applicationFilePath()).fileName();
}

bool isProcessAlive(qint64 pid)
{
    return pid > 0;
}

QString userTag()
{
    QString name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != u'_' && c != u'-')
            c = u'_';
    }
    return name.isEmpty() ? QStringLiteral("user") : name;
}

bool isOwnDirectory(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() && info.isWritable();
}

bool makePrivateDirectory(const QString &path, QString *error)
{
    const QFileInfo before(path);
    if (before.isSymLink()) {
        *error = QStringLiteral("refusing %1: it is a symbolic link").arg(path);
        return false;
    }
    if (!before.exists() && !QDir().mkdir(path)) {
        *error = QStringLiteral("cannot create %1").arg(path);
        return false;
    }
    const QFileInfo info(path);
    if (!info.isDir() || info.isSymLink()) {
        *error = QStringLiteral("refusing %1: not a directory").arg(path);
        return false;
    }
    if (!QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        *error = QStringLiteral("cannot make %1 private").arg(path);
        return false;
    }
    return true;
}

bool isSocketFile(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() && !info.isFile() && !info.isDir() && !info.isSymLink();
}

int maxSocketPathLength()
{
    return 103;
}

std::optional<bool> socketFileAcceptsConnections(const QByteArray &)
{
    return std::nullopt;
}

bool canAcceptConnections()
{
    return false;
}

void nameThisThread(const char *) { }

void closeDescriptor(qintptr) { }

void refuseConnection(qintptr, const QByteArray &) { }

bool makeNonBlocking(qintptr)
{
    return false;
}

AcceptResult acceptConnection(qintptr, qintptr *, QString *)
{
    return AcceptResult::Unsupported;
}

} // namespace counters::detail::platform
