// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_transport_export.h>

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace counters {

/// A service found in the discovery directory: who listens on which socket file.
struct COUNTERS_TRANSPORT_EXPORT DiscoveredService
{
    QString name;       ///< The name the service listens as (LocalSocketReporter::name()).
    qint64 pid = 0;     ///< The process that listens.
    QString socketPath; ///< Absolute path of the socket file; connect a QLocalSocket to it.

    friend bool operator==(const DiscoveredService &a, const DiscoveredService &b)
    {
        return a.name == b.name && a.pid == b.pid && a.socketPath == b.socketPath;
    }
    friend bool operator!=(const DiscoveredService &a, const DiscoveredService &b)
    {
        return !(a == b);
    }
};

/**
 * Where services that publish snapshots on a local socket (LocalSocketReporter) put their
 * socket files, and how a viewer (the dashboard) finds them. Unix only.
 *
 * The discovery directory is `$XDG_RUNTIME_DIR/counters` when XDG_RUNTIME_DIR names an
 * existing directory owned by the current user (the XDG base directory rules), else
 * `QDir::tempPath() + "/counters-<uid>"`. directory() creates it with mode 0700 and refuses a
 * directory that is a symbolic link or belongs to another user (someone could have planted it
 * in the shared temp folder to read our sockets); one of ours with a looser mode is set back
 * to 0700.
 *
 * Each listening service has one socket file `<name>.<pid>.sock` there, so the same name can
 * be used by several processes (two instances of one service) and the file tells the pid
 * without connecting. A name is any non-empty text without '/', control characters or a
 * leading '.'; it may contain dots (the pid is the last dotted field before ".sock").
 *
 * A process that dies without cleaning up leaves its socket file behind. services() notices
 * the dead pid (`kill(pid, 0)` fails with ESRCH) and removes such stale files. A pid that was
 * reused by an unrelated process looks alive; connecting then fails, and the next service that
 * listens with that name and pid replaces the file (LocalSocketReporter::listen() probes it).
 *
 * A static facade: every function is thread-safe and reads the environment on each call, so
 * a test may point XDG_RUNTIME_DIR somewhere else at any time.
 */
class COUNTERS_TRANSPORT_EXPORT LocalDiscovery
{
public:
    LocalDiscovery() = delete;

    /// What services() does with the socket files of processes that no longer exist.
    enum class StaleFiles {
        Remove, ///< Delete them (the default: they can never be connected to again).
        Keep,   ///< Leave them alone (they are still not listed).
    };

    /// The longest socket path, in bytes of the file-system encoding, the system can bind
    /// (sockaddr_un::sun_path without its terminating NUL).
    static int maxSocketPathLength();

    /**
     * The discovery directory, created (mode 0700) when missing. Returns an empty string and
     * sets `*error` when it cannot be created or cannot be trusted (see the class comment).
     */
    static QString directory(QString *error = nullptr);

    /// Whether `name` can be a service name (see the class comment); `*error` says why not.
    static bool isValidServiceName(QStringView name, QString *error = nullptr);

    /// `<name>.<pid>.sock`. `name` must be valid and `pid` positive.
    static QString socketFileName(const QString &name, qint64 pid);

    /**
     * The name and pid encoded in a socket file name (without a directory), with socketPath
     * left empty; std::nullopt when `fileName` is not `<valid name>.<positive pid>.sock`.
     */
    static std::optional<DiscoveredService> parseSocketFileName(QStringView fileName);

    /**
     * The services of the discovery directory whose process is alive, sorted by name, then
     * pid. Only socket files with a well-formed name count; anything else in the directory is
     * ignored. Socket files of dead processes are never listed and, with StaleFiles::Remove,
     * deleted (logged in the category "counters.transport"). Returns an empty list and sets
     * `*error` when the directory is unusable; an empty directory is not an error.
     */
    static QList<DiscoveredService> services(StaleFiles stale = StaleFiles::Remove,
                                             QString *error = nullptr);

    /// Whether a process with this pid exists (zombies included). False for pids below 1.
    static bool isProcessAlive(qint64 pid);
};

} // namespace counters
