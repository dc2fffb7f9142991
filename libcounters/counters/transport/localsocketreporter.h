// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_transport_export.h>
#include <counters/report/reporter.h>

#include <QString>

#include <memory>

namespace counters {

/**
 * Publishes snapshots to viewers (the dashboard) over a local socket.
 *
 *     auto reporter = std::make_shared<counters::LocalSocketReporter>(
 *         QStringLiteral("my-service"));
 *     if (!reporter->listen())
 *         qWarning() << reporter->listenErrorString();
 *     counters::registerReporter(reporter);
 *
 * listen() binds a QLocalServer to `<name>.<pid>.sock` in LocalDiscovery::directory(), mode
 * 0600 in a 0700 directory, so only this user can connect. A socket file left there by a dead
 * process with the same name and pid is replaced; a live one is not.
 *
 * What a viewer sees, as frames of frame.h:
 * 1. Hello: a counters::Hello of role service (service name, pid, host, process start, how many
 * backfill frames follow, and the counters of the latest snapshot with their types and windows);
 * 2. Snapshot frames of recent history, oldest first: the last backfillSize() snapshots
 *    reported (also those reported before listen()), so a chart is not empty on attach;
 * 3. a Snapshot frame for every later report, as it happens;
 * 4. Bye when the reporter closes (close() or destruction), sent on a best-effort basis.
 * Snapshot payloads are JsonCodec::toJson() bytes, encoded once per report and shared by all
 * viewers. A viewer may send Hello (once, as its first frame), Ping (answered with Ack) and
 * Bye (the reporter then hangs up). Anything else, a malformed stream or a frame over 64 KiB
 * makes the reporter drop that viewer, with the reason logged in "counters.transport"; other
 * viewers are not affected. A viewer that disappears, even in the middle of a frame, is
 * cleaned up.
 *
 * Slow viewers: each viewer has a bounded queue of frames waiting for its socket. Frames enter
 * the socket only while less than 64 KiB wait in it, so a viewer that stops reading holds at
 * most that, one frame, the kernel's socket buffer and the queue. When the queue exceeds
 * maxQueuedFrames() frames or maxQueuedBytes() bytes, its oldest frames are dropped (the
 * newest one always stays, and the hello is never dropped) and counted in droppedFrames() and
 * in the logs (a warning when a viewer starts dropping, the viewer's total when it leaves).
 * Dropping whole frames keeps the stream well-formed: the viewer sees a gap in time, never a
 * torn frame. The queued frames share their bytes with the backfill ring and the other
 * viewers, so the limits bound the memory a viewer can pin, not copies.
 *
 * Many viewers: at most maxViewers() are attached at once, so that idle connections cannot
 * add up (an idle viewer costs a socket and its buffers).
 *
 * Descriptor exhaustion: when the process has no descriptor left, a viewer that connects is
 * closed at once and accepting goes on by itself when descriptors are free again, with a line
 * in the log each time; the socket file stays, so the service can still be found. (Qt's
 * QLocalServer alone closes itself and deletes the file; in portable builds, which use it,
 * the reporter notices within a second and listens again.)
 *
 * Slow senders: a viewer that leaves a frame unfinished for longer than
 * partialFrameTimeout() (default 10 s) is dropped, so a viewer that trickles its bytes one at
 * a time (slowloris) cannot hold a connection and its partial frame for ever. A viewer that
 * sends nothing at all is not affected: viewers mostly only listen.
 *
 * Threads: the server, the viewers' sockets and their queues live in a thread owned by the
 * reporter, with its own event loop, so reports from the auto-reporting worker (not a Qt
 * thread) or any other thread are served without the caller's event loop. write() encodes the
 * snapshot and posts it to that thread: it never waits for a viewer. A report fails only when
 * the snapshot is too big for one frame (kDefaultMaxFrameSize).
 *
 * Every member is thread-safe, except that the reporter must not be destroyed while another
 * thread uses it. The destructor closes the server (viewers get Bye), removes the socket file
 * and stops the thread. Requires a QCoreApplication, as all Qt networking does: unregister
 * and destroy the reporter before the application object (not at static destruction, which is
 * where the global ReportingController would release it). Unix only.
 */
class COUNTERS_TRANSPORT_EXPORT LocalSocketReporter : public Reporter
{
    Q_OBJECT
public:
    static constexpr int DefaultBackfillSize = 120;
    static constexpr int DefaultMaxQueuedFrames = 256;
    static constexpr int DefaultMaxViewers = 64;
    static constexpr qint64 DefaultMaxQueuedBytes = 64 * 1024 * 1024;
    static constexpr Seconds DefaultPartialFrameTimeout{10};

    /// A reporter that will listen as `name` (see LocalDiscovery for valid names).
    explicit LocalSocketReporter(const QString &name, QObject *parent = nullptr);
    ~LocalSocketReporter() override;

    QString name() const;

    /**
     * Starts listening. Returns false and sets listenErrorString() for an invalid name, an
     * unusable discovery directory, a path too long for a socket, a name already served by this
     * process (or, with this pid, by a live process), or a socket that cannot be bound or made
     * private. Fails too when already listening.
     */
    bool listen();
    /// Says Bye to every viewer, stops listening and removes the socket file. Keeps the
    /// backfill ring; listen() may be called again.
    void close();
    bool isListening() const;
    /// The socket file while listening; empty otherwise.
    QString socketPath() const;
    /**
     * Why the last listen() failed; empty after a successful one. (Reporter::errorString()
     * keeps its meaning: the reason of the last failed report.)
     */
    QString listenErrorString() const;

    /// How many recent snapshots a new viewer receives (default 120; 0 disables the backfill).
    /// Takes effect with the next report.
    void setBackfillSize(int snapshots);
    int backfillSize() const;

    /// The most viewers attached at once (default 64, at least 1); more are sent an Error
    /// ("too many viewers") and closed. Takes effect with the next viewer.
    void setMaxViewers(int viewers);
    int maxViewers() const;

    /// The per-viewer queue limits (at least one frame; the newest frame always stays queued).
    /// Take effect with the next frame queued.
    void setMaxQueuedFrames(int frames);
    int maxQueuedFrames() const;
    void setMaxQueuedBytes(qint64 bytes);
    qint64 maxQueuedBytes() const;

    /// How long a viewer may take to finish a frame it started (at least 1 ms); takes effect
    /// with the viewer's next partial frame.
    void setPartialFrameTimeout(Seconds timeout);
    Seconds partialFrameTimeout() const;

    /// The viewers connected now.
    int viewerCount() const;
    /// Frames dropped for slow viewers since construction, all viewers together.
    quint64 droppedFrames() const;

protected:
    bool write(const Snapshot &snapshot, QString *error) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
