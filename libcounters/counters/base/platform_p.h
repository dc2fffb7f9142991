// SPDX-License-Identifier: MIT
#pragma once

// Internal: everything of Counters that is not portable C++17 and Qt, in one place. Each
// function has a Linux implementation (platform_linux.cpp) and a portable fallback
// (platform_portable.cpp); the build picks the fallbacks off Linux, and on Linux when
// configured with -DCOUNTERS_PORTABLE=ON (which CI does, so that they keep working). What
// each fallback costs is said beside it.

#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <chrono>
#include <optional>

#if !defined(COUNTERS_PORTABLE) && defined(__linux__)
#define COUNTERS_PLATFORM_LINUX 1
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
/// The CPU's time-stamp counter can be read (whether it may be used: cycleCounterUsable()).
#define COUNTERS_HAVE_RDTSC 1
#endif
#endif

/// Marks a thread_local read on the event path: GCC and Clang then read it with one load from
/// the thread pointer even in a shared library (initial-exec), instead of a call.
#if defined(__GNUC__) || defined(__clang__)
#define COUNTERS_FAST_TLS __attribute__((tls_model("initial-exec")))
#else
#define COUNTERS_FAST_TLS
#endif

namespace counters::detail::platform {

/// True where the portable fallbacks are in use (tests skip what those cannot do).
COUNTERS_CORE_EXPORT bool usesPortableFallbacks();

// ---- Time -----------------------------------------------------------------------------------

/// Monotonic nanoseconds, the base of std::chrono::steady_clock. Linux: clock_gettime
/// directly (timed blocks read it twice per event); portable: steady_clock itself.
inline qint64 steadyNanoseconds() noexcept
{
#ifdef COUNTERS_PLATFORM_LINUX
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
#else
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
#endif
}

/// Whether the time-stamp counter may time blocks: it is invariant and the kernel keeps time
/// with it. Portable: never (timed blocks read steadyNanoseconds()).
COUNTERS_CORE_EXPORT bool cycleCounterUsable();
/// What steadyNanoseconds() reads, for people: Linux "CLOCK_MONOTONIC (clocksource kvm-clock)"
/// (the kernel's current clocksource, which decides its cost); portable
/// "std::chrono::steady_clock".
COUNTERS_CORE_EXPORT QString steadyClockName();

// ---- Memory ordering ------------------------------------------------------------------------

/// Whether processBarrier() exists. Linux: membarrier(2) with private expedited commands
/// (kernel 4.14+). Portable: no; readers of listener lists then pay a full fence per event
/// instead (see graceperiod_p.h).
COUNTERS_CORE_EXPORT bool hasProcessBarrier();
/// Makes every running thread of this process execute a full memory barrier. False when
/// hasProcessBarrier() is false or the call failed.
COUNTERS_CORE_EXPORT bool processBarrier();

// ---- Threads --------------------------------------------------------------------------------

/// Names the calling thread (at most 15 bytes show), so that it reads as ours in `top -H`,
/// debuggers and profilers. Portable: does nothing. (QThreads take their objectName().)
COUNTERS_CORE_EXPORT void nameThisThread(const char *name);

// ---- Processes and files --------------------------------------------------------------------

/// The running program's file name without its folder ("myservice"); empty when unknown.
/// Linux: /proc/self/exe; portable: QCoreApplication::applicationFilePath(), once it exists.
COUNTERS_CORE_EXPORT QString executableName();

/// Whether process `pid` exists (of any user). Portable: true for every positive pid, so that
/// nothing is taken for gone that is not.
COUNTERS_CORE_EXPORT bool isProcessAlive(qint64 pid);
/// Names this user in a file name shared by all users ("1000"). Linux: the effective user
/// id; portable: the login name from the environment.
COUNTERS_CORE_EXPORT QString userTag();
/// Whether `path` is an existing directory that belongs to this user. Portable: one that this
/// user may write to.
COUNTERS_CORE_EXPORT bool isOwnDirectory(const QString &path);
/// Creates `path` (one level) readable by this user only, or checks that an existing one is
/// a directory (not a symbolic link) of this user, and makes it private. False with `*error`.
/// Portable: QDir and QFile::setPermissions(); the owner is not checked.
COUNTERS_CORE_EXPORT bool makePrivateDirectory(const QString &path, QString *error);
/// Whether `path` is a local socket file. Portable: a file that is neither regular, a
/// directory nor a link (a socket, a FIFO or a device).
COUNTERS_CORE_EXPORT bool isSocketFile(const QString &path);
/// The longest path a local socket file may have. Portable: 103 bytes (the BSDs' and macOS'
/// sockaddr_un).
COUNTERS_CORE_EXPORT int maxSocketPathLength();
/// Whether a process accepts connections on the local socket file `path`; nullopt when this
/// cannot be told here (portable: always; the caller may try a connection itself).
COUNTERS_CORE_EXPORT std::optional<bool> socketFileAcceptsConnections(const QByteArray &path);

// ---- Listening sockets ----------------------------------------------------------------------

/// Whether acceptConnection() works here, taking the spare descriptor it needs (call it
/// before listening). Portable: no; QTcpServer accepts instead.
COUNTERS_CORE_EXPORT bool canAcceptConnections();
/// Closes a descriptor that acceptConnection() gave and nobody took.
COUNTERS_CORE_EXPORT void closeDescriptor(qintptr descriptor);
/// Sends `message` to a connection acceptConnection() gave, without waiting (what does not
/// fit the socket buffer is lost), and closes it: a refusal that costs no Qt object.
COUNTERS_CORE_EXPORT void refuseConnection(qintptr descriptor, const QByteArray &message);
/// Makes a listening socket non-blocking, as acceptConnection() needs (QLocalServer's is not).
/// Portable: false.
COUNTERS_CORE_EXPORT bool makeNonBlocking(qintptr descriptor);

/// What acceptConnection() did.
enum class AcceptResult {
    Accepted,   ///< `*accepted` is a new connection's descriptor
    WouldBlock, ///< no connection is waiting
    Shed,       ///< one was waiting but no descriptor was left: it was accepted and closed
    Failed,     ///< another error, in `*error`; try again later
    Unsupported ///< portable: accept with QTcpServer instead
};

/**
 * Accepts one connection of the non-blocking listening socket `listener`; the connection is
 * non-blocking and close-on-exec.
 * When the process has run out of descriptors, a connection that stayed waiting would make
 * the socket readable for ever (and QTcpServer spin or stop accepting): a descriptor kept
 * spare for this moment is given up to accept it and close it at once (the client sees the
 * connection closed), then taken again.
 */
COUNTERS_CORE_EXPORT AcceptResult acceptConnection(qintptr listener, qintptr *accepted,
                                                   QString *error);

} // namespace counters::detail::platform
