// SPDX-License-Identifier: MIT
#pragma once

// Helpers of the local-socket tests: socket files without a listener (what a crashed process
// leaves behind), a short-lived child's pid, and file modes.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace testhelpers {

/// Binds a Unix socket at `path` and closes it without unlinking: a stale socket file.
inline bool makeStaleSocketFile(const QString &path)
{
    const QByteArray encoded = QFile::encodeName(path);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (size_t(encoded.size()) >= sizeof(address.sun_path)) {
        ::close(fd);
        return false;
    }
    std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
    const bool ok = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

/// The pid of a child that has exited and been reaped: no process has it (for a while).
inline qint64 deadPid()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    if (child < 0)
        return -1;
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

/// The permission bits of `path` (not following a symbolic link), or -1.
inline int fileMode(const QString &path)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

inline bool isSocket(const QString &path)
{
    struct stat info = {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

} // namespace testhelpers
