// SPDX-License-Identifier: MIT
// The Linux side of platform_p.h.
#include "platform_p.h"

#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>
#include <mutex>

#ifdef COUNTERS_HAVE_RDTSC
#include <cpuid.h>
#endif

namespace counters::detail::platform {

namespace {

QString systemError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

long membarrier(int command)
{
    return ::syscall(__NR_membarrier, command, 0, 0);
}

} // namespace

bool usesPortableFallbacks()
{
    return false;
}

void nameThisThread(const char *name)
{
    char shortName[16] = {};
    std::strncpy(shortName, name, sizeof shortName - 1);
    ::pthread_setname_np(::pthread_self(), shortName);
}

namespace {
QByteArray currentClockSource()
{
    QFile source(
        QStringLiteral("/sys/devices/system/clocksource/clocksource0/current_clocksource"));
    return source.open(QIODevice::ReadOnly) ? source.readAll().trimmed() : QByteArray();
}
} // namespace

QString steadyClockName()
{
    const QByteArray source = currentClockSource();
    return source.isEmpty()
        ? QStringLiteral("CLOCK_MONOTONIC")
        : QStringLiteral("CLOCK_MONOTONIC (clocksource %1)").arg(QString::fromLatin1(source));
}

bool cycleCounterUsable()
{
#ifdef COUNTERS_HAVE_RDTSC
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    const bool invariant = __get_cpuid(0x80000007, &eax, &ebx, &ecx, &edx) && (edx & (1u << 8));
    if (!invariant)
        return false;
    return currentClockSource() == "tsc";
#else
    return false;
#endif
}

// Registering for the expedited command is needed once per process, before its first use.
bool hasProcessBarrier()
{
    static const bool available = [] {
        const long commands = membarrier(MEMBARRIER_CMD_QUERY);
        return commands > 0 && (commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED)
            && membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
    }();
    return available;
}

bool processBarrier()
{
    return hasProcessBarrier() && membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0;
}

QString executableName()
{
    return QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget().section(u'/', -1);
}

bool isProcessAlive(qint64 pid)
{
    // kill() reads 0 and negative pids as process groups: never ask about those.
    if (pid <= 0 || pid > std::numeric_limits<pid_t>::max())
        return false;
    if (::kill(pid_t(pid), 0) == 0)
        return true;
    // EPERM: it exists but belongs to someone else. Only ESRCH proves it is gone.
    return errno != ESRCH;
}

QString userTag()
{
    return QString::number(::geteuid());
}

bool isOwnDirectory(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    return S_ISDIR(info.st_mode) && info.st_uid == ::geteuid();
}

// lstat() rather than stat(): in the shared temp folder a symbolic link could point our
// sockets anywhere.
bool makePrivateDirectory(const QString &path, QString *error)
{
    const QByteArray encoded = QFile::encodeName(path);
    if (::mkdir(encoded.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, systemError(errno));
        return false;
    }
    struct stat info = {};
    if (::lstat(encoded.constData(), &info) != 0) {
        *error = QStringLiteral("cannot inspect %1: %2").arg(path, systemError(errno));
        return false;
    }
    if (S_ISLNK(info.st_mode)) {
        *error = QStringLiteral("refusing %1: it is a symbolic link").arg(path);
        return false;
    }
    if (!S_ISDIR(info.st_mode)) {
        *error = QStringLiteral("refusing %1: not a directory").arg(path);
        return false;
    }
    if (info.st_uid != ::geteuid()) {
        *error = QStringLiteral("refusing %1: it belongs to user id %2, not to this user (%3)")
                     .arg(path)
                     .arg(info.st_uid)
                     .arg(::geteuid());
        return false;
    }
    // mkdir() honours the umask and an existing directory may have been loosened: either way,
    // other users must not list or reach the sockets.
    if ((info.st_mode & 07777) != 0700 && ::chmod(encoded.constData(), 0700) != 0) {
        *error = QStringLiteral("cannot make %1 private: %2").arg(path, systemError(errno));
        return false;
    }
    return true;
}

bool isSocketFile(const QString &path)
{
    struct stat info = {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

int maxSocketPathLength()
{
    return int(sizeof(sockaddr_un::sun_path)) - 1;
}

// A file nobody listens on refuses at once (ECONNREFUSED); a full backlog (EAGAIN) still
// means someone is there.
std::optional<bool> socketFileAcceptsConnections(const QByteArray &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return std::nullopt;
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.constData(),
                std::min(size_t(path.size()), sizeof(address.sun_path) - 1));
    const int result = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
    const int code = errno;
    ::close(fd);
    if (result == 0)
        return true;
    return code == EAGAIN || code == EINPROGRESS;
}

// The descriptor given up to shed a connection when none is left (acceptConnection()).
std::mutex g_spareMutex;
int g_spare = -1;

bool canAcceptConnections()
{
    const std::lock_guard<std::mutex> lock(g_spareMutex);
    if (g_spare < 0)
        g_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    return true;
}

void closeDescriptor(qintptr descriptor)
{
    ::close(int(descriptor));
}

void refuseConnection(qintptr descriptor, const QByteArray &message)
{
    if (!message.isEmpty()) {
        const ssize_t sent =
            ::send(int(descriptor), message.constData(), size_t(message.size()), MSG_NOSIGNAL);
        Q_UNUSED(sent); // best effort: the connection is closed either way
    }
    ::close(int(descriptor));
}

bool makeNonBlocking(qintptr descriptor)
{
    const int flags = ::fcntl(int(descriptor), F_GETFL);
    return flags >= 0 && ::fcntl(int(descriptor), F_SETFL, flags | O_NONBLOCK) == 0;
}

AcceptResult acceptConnection(qintptr listener, qintptr *accepted, QString *error)
{
    {
        // Another thread may have taken the descriptor freed for a shed connection before it
        // was taken again: take one back as soon as there is one.
        const std::lock_guard<std::mutex> lock(g_spareMutex);
        if (g_spare < 0)
            g_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    for (;;) {
        const int fd = ::accept4(int(listener), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            *accepted = fd;
            return AcceptResult::Accepted;
        }
        const int code = errno;
        switch (code) {
        case EINTR:
        case ECONNABORTED: // the client gave up before we took it: take the next
            continue;
        case EAGAIN:
#if EAGAIN != EWOULDBLOCK
        case EWOULDBLOCK:
#endif
            return AcceptResult::WouldBlock;
        case EMFILE:
        case ENFILE: {
            const std::lock_guard<std::mutex> lock(g_spareMutex);
            if (g_spare >= 0) {
                // Linux takes the descriptor before it looks at the queue: EMFILE comes whether
                // a connection waits or not, and only this second try tells.
                ::close(g_spare);
                const int shed = ::accept4(int(listener), nullptr, nullptr, SOCK_CLOEXEC);
                const int shedCode = errno;
                if (shed >= 0)
                    ::close(shed);
                g_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
                if (shed >= 0) {
                    *error = systemError(code);
                    return AcceptResult::Shed;
                }
                if (shedCode == EAGAIN || shedCode == EWOULDBLOCK || shedCode == EINTR
                    || shedCode == ECONNABORTED) {
                    return AcceptResult::WouldBlock;
                }
                *error = systemError(shedCode);
                return AcceptResult::Failed;
            }
            *error = systemError(code);
            return AcceptResult::Failed;
        }
        default:
            *error = systemError(code);
            return AcceptResult::Failed;
        }
    }
}

} // namespace counters::detail::platform
