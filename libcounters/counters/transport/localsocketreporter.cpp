// SPDX-License-Identifier: MIT
#include "localsocketreporter.h"

#include "acceptor_p.h"
#include "logthrottle_p.h"
#include "threadhandover_p.h"
#include "transportlogging_p.h"
#include "viewerqueue_p.h"

#include <counters/base/platform_p.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/hello.h>
#include <counters/format/jsoncodec.h>
#include <counters/transport/localdiscovery.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMetaObject>
#include <QSet>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <vector>

namespace counters {

namespace {

// One overflow policy for every viewer of Counters (the multi-process leader's too).
static_assert(LocalSocketReporter::DefaultMaxQueuedFrames == detail::ViewerQueue::Limits{}.maxFrames
              && LocalSocketReporter::DefaultMaxQueuedBytes
                  == detail::ViewerQueue::Limits{}.maxBytes);
// Viewers send only small control frames (Hello, Ping, Bye).
constexpr qint64 kMaxViewerFrameSize = 64 * 1024;

// The socket paths this process serves. QLocalServer binds in a temporary folder and renames
// the socket into place, which silently replaces a live socket file: two reporters of one name
// in one process must be refused here, before Qt gets the chance. Leaked on purpose, so that a
// reporter destroyed during static destruction can still release its path.
struct ServedPaths
{
    std::mutex mutex;
    QSet<QString> paths;
};

ServedPaths &servedPaths()
{
    static ServedPaths *const paths = new ServedPaths;
    return *paths;
}

bool reservePath(const QString &path)
{
    ServedPaths &served = servedPaths();
    const std::lock_guard<std::mutex> lock(served.mutex);
    if (served.paths.contains(path))
        return false;
    served.paths.insert(path);
    return true;
}

void releasePath(const QString &path)
{
    ServedPaths &served = servedPaths();
    const std::lock_guard<std::mutex> lock(served.mutex);
    served.paths.remove(path);
}

// Whether a process accepts connections on the socket file `path`; when the platform cannot
// tell without one, a connection is tried.
bool someoneListens(const QByteArray &path)
{
    if (const std::optional<bool> listening = detail::platform::socketFileAcceptsConnections(path))
        return *listening;
    QLocalSocket probe;
    probe.connectToServer(QFile::decodeName(path));
    if (probe.waitForConnected(500))
        return true;
    return probe.error() != QLocalSocket::ServerNotFoundError
        && probe.error() != QLocalSocket::ConnectionRefusedError;
}

struct Viewer
{
    quint64 id = 0;
    QLocalSocket *socket = nullptr;
    FrameReader reader{kMaxViewerFrameSize};
    detail::ViewerQueue queue; ///< Encoded frames not yet handed to the socket.
    quint64 framesReceived = 0;
    QTimer *partialFrameTimer = nullptr; ///< Runs while a frame from the viewer is unfinished.
};

} // namespace

class LocalSocketReporter::Private
{
public:
    explicit Private(const QString &serviceName) : name(serviceName) { }

    // Runs `function` in the worker thread and waits for it to finish.
    template <typename Function>
    void runInWorker(Function &&function)
    {
        Q_ASSERT(QThread::currentThread() != &thread);
        detail::invokeInThread(context, std::forward<Function>(function),
                               Qt::BlockingQueuedConnection);
    }

    // Everything below runs in the worker thread only.
    bool doListen(QString *error);
    /// Listens on `path` (the checks are done): the server, its mode, its accepting.
    bool openServer(const QString &path, QString *error);
    void doClose();
    void publish(const QByteArray &frame, const Snapshot &snapshot);
    void trimRing();
    void acceptViewers();
    void adoptViewer(QLocalSocket *socket);
    bool isFull() const;
    void noteRefusal();
    QByteArray refusalFrame() const;
    /// Portable builds: QLocalServer closes itself when it runs out of descriptors.
    void listenAgainIfClosed();
    void readViewer(QLocalSocket *socket);
    void onViewerDisconnected(QLocalSocket *socket);
    Viewer *viewerOf(QLocalSocket *socket);
    void enqueue(Viewer &viewer, const QByteArray &frame);
    bool pump(Viewer &viewer);
    void dropViewer(Viewer &viewer, QtMsgType level, const QString &reason);
    void removeViewer(Viewer &viewer);
    QByteArray helloFrame() const;

    const QString name;
    QThread thread;
    QObject *context = nullptr; ///< Lives in `thread`; parent of the server.

    std::atomic<int> backfillSize{DefaultBackfillSize};
    std::atomic<int> maxViewers{DefaultMaxViewers};
    std::atomic<int> maxQueuedFrames{DefaultMaxQueuedFrames};
    std::atomic<qint64> maxQueuedBytes{DefaultMaxQueuedBytes};
    std::atomic<bool> listening{false};
    std::atomic<int> viewerCount{0};
    std::atomic<quint64> droppedFrames{0};
    std::atomic<qint64> partialFrameTimeoutMs{
        std::chrono::duration_cast<std::chrono::milliseconds>(DefaultPartialFrameTimeout).count()};

    mutable std::mutex stateMutex; // guards the two members below
    QString socketPath;
    QString listenError;

    // Worker thread only.
    QLocalServer *server = nullptr;
    detail::Acceptor *acceptor = nullptr; ///< The server's, where the platform allows.
    QTimer *relistenTimer = nullptr;      ///< Portable builds only.
    detail::LogThrottle refusalLog{1};
    std::map<QLocalSocket *, std::unique_ptr<Viewer>> viewers;
    std::deque<QByteArray> ring; ///< Backfill: the latest Snapshot frames, oldest first.
    Snapshot latest;
    quint64 nextViewerId = 1;
};

bool LocalSocketReporter::Private::doListen(QString *error)
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return false;
    };
    {
        const std::lock_guard<std::mutex> lock(stateMutex);
        if (!socketPath.isEmpty())
            return fail(QStringLiteral("already listening on %1").arg(socketPath));
    }
    QString reason;
    if (!LocalDiscovery::isValidServiceName(name, &reason))
        return fail(QStringLiteral("cannot listen: %1").arg(reason));
    const QString directory = LocalDiscovery::directory(&reason);
    if (directory.isEmpty())
        return fail(reason);
    const QString path = directory + QLatin1Char('/')
        + LocalDiscovery::socketFileName(name, QCoreApplication::applicationPid());
    const QByteArray encoded = QFile::encodeName(path);
    if (encoded.size() > LocalDiscovery::maxSocketPathLength()) {
        return fail(QStringLiteral("the socket path %1 is %2 bytes long; a local socket allows "
                                   "at most %3 (choose a shorter service name)")
                        .arg(path)
                        .arg(encoded.size())
                        .arg(LocalDiscovery::maxSocketPathLength()));
    }
    if (!reservePath(path))
        return fail(QStringLiteral("this process already serves \"%1\" on %2").arg(name, path));

    if (QFileInfo(path).exists() || QFileInfo(path).isSymLink()) {
        if (!detail::platform::isSocketFile(path)) {
            releasePath(path);
            return fail(QStringLiteral("cannot listen on %1: a file that is not a socket is in "
                                       "the way")
                            .arg(path));
        }
        // Our name and our pid: a process that had this pid before us died without cleaning
        // up, unless it is still alive (a pid namespace, a reused pid) and listening.
        if (someoneListens(encoded)) {
            releasePath(path);
            return fail(QStringLiteral("another process listens on %1").arg(path));
        }
        QFile stale(path);
        if (!stale.remove() && stale.exists()) {
            releasePath(path);
            return fail(QStringLiteral("cannot remove the stale socket file %1: %2")
                            .arg(path, stale.errorString()));
        }
        qCInfo(lcTransport, "replaced the stale socket file %ls", qUtf16Printable(path));
    }

    if (!openServer(path, error)) {
        releasePath(path);
        return false;
    }
    {
        const std::lock_guard<std::mutex> lock(stateMutex);
        socketPath = path;
    }
    listening.store(true, std::memory_order_release);
    qCDebug(lcTransport, "local socket reporter \"%ls\" listens on %ls", qUtf16Printable(name),
            qUtf16Printable(path));
    return true;
}

bool LocalSocketReporter::Private::openServer(const QString &path, QString *error)
{
    auto *candidate = new QLocalServer(context);
    // UserAccessOption makes Qt bind in a private temporary folder and rename the socket into
    // place, so it never exists with a looser mode; Qt gives it 0700, and we want 0600.
    candidate->setSocketOptions(QLocalServer::UserAccessOption);
    // Accepting is ours where the platform allows (see Acceptor): QLocalServer closes itself
    // and deletes the socket file when it runs out of descriptors. With no pending connection
    // allowed, it never switches its own accepting on.
    const bool ownAccepting = detail::Acceptor::isSupported();
    if (ownAccepting)
        candidate->setMaxPendingConnections(0);
    if (!candidate->listen(path)) {
        const QString message = candidate->errorString();
        delete candidate;
        *error = QStringLiteral("cannot listen on %1: %2").arg(path, message);
        return false;
    }
    constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    constexpr QFileDevice::Permissions kOthers = QFileDevice::ExeOwner | QFileDevice::ReadGroup
        | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther | QFileDevice::ExeOther;
    // setPermissions() follows links: the file must still be our socket, not a link put in
    // its place, before and after.
    QFile socketFile(path);
    const bool ours = detail::platform::isSocketFile(path);
    const bool made = ours && socketFile.setPermissions(kPrivate);
    if (!made || !detail::platform::isSocketFile(path) || (socketFile.permissions() & kOthers)) {
        const QString message = !ours || !detail::platform::isSocketFile(path)
            ? QStringLiteral("it is no longer a socket")
            : !made ? socketFile.errorString()
                    : QStringLiteral("its mode stays open to others");
        delete candidate; // removes the socket file
        *error =
            QStringLiteral("cannot make the socket %1 private (mode 0600): %2").arg(path, message);
        return false;
    }

    server = candidate;
    if (ownAccepting) {
        acceptor = new detail::Acceptor(
            server->socketDescriptor(), QStringLiteral("local socket of \"%1\"").arg(name),
            [this](qintptr descriptor) {
                // Refused before any Qt object exists: a flood of connections costs nothing.
                if (isFull()) {
                    noteRefusal();
                    detail::platform::refuseConnection(descriptor, refusalFrame());
                    return;
                }
                if (auto *socket = detail::Acceptor::socketFor<QLocalSocket>(descriptor, context))
                    adoptViewer(socket);
            },
            server);
    } else {
        QObject::connect(server, &QLocalServer::newConnection, context,
                         [this] { acceptViewers(); });
        if (!relistenTimer) {
            relistenTimer = new QTimer(context);
            relistenTimer->setInterval(1000);
            QObject::connect(relistenTimer, &QTimer::timeout, context,
                             [this] { listenAgainIfClosed(); });
        }
        relistenTimer->start();
    }
    return true;
}

void LocalSocketReporter::Private::doClose()
{
    QString path;
    {
        const std::lock_guard<std::mutex> lock(stateMutex);
        path = socketPath;
    }
    if (path.isEmpty())
        return;
    const QByteArray bye =
        encodeFrame(Frame{FrameType::Bye, QByteArrayLiteral("the service stops publishing")});
    // Best effort: what the kernel takes now reaches the viewer even after we hang up.
    for (auto &entry : viewers) {
        Viewer &viewer = *entry.second;
        QObject::disconnect(viewer.socket, nullptr, context, nullptr);
        viewer.queue.drainInto(viewer.socket);
        viewer.socket->write(bye);
        viewer.socket->flush();
        if (viewer.queue.dropped() > 0) {
            qCInfo(lcTransport, "viewer %llu of \"%ls\": %llu frames were dropped for it",
                   static_cast<unsigned long long>(viewer.id), qUtf16Printable(name),
                   static_cast<unsigned long long>(viewer.queue.dropped()));
        }
        viewer.socket->abort();
        delete viewer.socket; // not inside one of its signals: this runs from a posted call
    }
    viewers.clear();
    viewerCount.store(0, std::memory_order_relaxed);

    // The acceptor first: its notifier must not outlive the descriptor it watches.
    delete acceptor;
    acceptor = nullptr;
    if (relistenTimer)
        relistenTimer->stop();
    delete server; // closes it and removes the socket file
    server = nullptr;
    releasePath(path);
    listening.store(false, std::memory_order_release);
    const std::lock_guard<std::mutex> lock(stateMutex);
    socketPath.clear();
}

void LocalSocketReporter::Private::publish(const QByteArray &frame, const Snapshot &snapshot)
{
    latest = snapshot;
    ring.push_back(frame);
    trimRing();
    // Dropping a viewer erases it from the map: walk over a copy of the keys.
    std::vector<QLocalSocket *> sockets;
    sockets.reserve(viewers.size());
    for (const auto &entry : viewers)
        sockets.push_back(entry.first);
    for (QLocalSocket *socket : sockets) {
        if (Viewer *viewer = viewerOf(socket)) {
            enqueue(*viewer, frame);
            pump(*viewer);
        }
    }
}

void LocalSocketReporter::Private::trimRing()
{
    const size_t capacity = size_t(std::max(0, backfillSize.load(std::memory_order_relaxed)));
    while (ring.size() > capacity)
        ring.pop_front();
}

void LocalSocketReporter::Private::acceptViewers()
{
    while (QLocalSocket *socket = server->nextPendingConnection()) {
        // Viewers outlive the server when it has to listen again (portable builds).
        socket->setParent(context);
        adoptViewer(socket);
    }
}

void LocalSocketReporter::Private::listenAgainIfClosed()
{
    QString path;
    {
        const std::lock_guard<std::mutex> lock(stateMutex);
        path = socketPath;
    }
    // Qt 6.4 to 6.8 keep isListening() true after such a close: the file tells.
    if (path.isEmpty() || (server && detail::platform::isSocketFile(path)))
        return;
    if (server) {
        qCWarning(lcTransport,
                  "local socket of \"%ls\" stopped accepting (%ls), probably for want of file "
                  "descriptors; listening again",
                  qUtf16Printable(name), qUtf16Printable(server->errorString()));
        delete server;
        server = nullptr;
    }
    // The attached viewers stay; only the listening socket is new.
    QString error;
    if (openServer(path, &error)) {
        qCInfo(lcTransport, "local socket of \"%ls\" listens again on %ls", qUtf16Printable(name),
               qUtf16Printable(path));
    }
    // Otherwise the timer, still running, tries again in a second.
}

bool LocalSocketReporter::Private::isFull() const
{
    return int(viewers.size()) >= maxViewers.load(std::memory_order_relaxed);
}

void LocalSocketReporter::Private::noteRefusal()
{
    if (refusalLog.allow()) {
        qCWarning(lcTransport,
                  "local socket of \"%ls\": refused a viewer: %d are attached "
                  "already%ls",
                  qUtf16Printable(name), int(viewers.size()), qUtf16Printable(refusalLog.suffix()));
    }
}

QByteArray LocalSocketReporter::Private::refusalFrame() const
{
    return encodeFrame(
        Frame{FrameType::Error,
              QStringLiteral("too many viewers: %1 are attached already; try again later")
                  .arg(viewers.size())
                  .toUtf8()});
}

void LocalSocketReporter::Private::adoptViewer(QLocalSocket *socket)
{
    if (isFull()) {
        noteRefusal();
        QObject::connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(refusalFrame());
        socket->disconnectFromServer();
        if (socket->state() == QLocalSocket::UnconnectedState)
            socket->deleteLater();
        return;
    }
    auto owned = std::make_unique<Viewer>();
    Viewer &viewer = *owned;
    viewer.id = nextViewerId++;
    viewer.socket = socket;
    // What Qt holds of a viewer's input: a flood of small frames waits in the kernel, not
    // here, and is parsed a little at a time.
    socket->setReadBufferSize(kMaxViewerFrameSize + kFrameHeaderSize);
    viewers.emplace(socket, std::move(owned));
    viewerCount.fetch_add(1, std::memory_order_relaxed);
    QObject::connect(socket, &QLocalSocket::readyRead, context,
                     [this, socket] { readViewer(socket); });
    QObject::connect(socket, &QLocalSocket::disconnected, context,
                     [this, socket] { onViewerDisconnected(socket); });
    QObject::connect(socket, &QLocalSocket::bytesWritten, context, [this, socket] {
        if (Viewer *v = viewerOf(socket))
            pump(*v);
    });
    // A child of the socket, so it goes with it; started by readViewer().
    viewer.partialFrameTimer = new QTimer(socket);
    viewer.partialFrameTimer->setSingleShot(true);
    QObject::connect(viewer.partialFrameTimer, &QTimer::timeout, context, [this, socket] {
        if (Viewer *v = viewerOf(socket)) {
            dropViewer(*v, QtWarningMsg,
                       QStringLiteral("it left a frame unfinished for %1 ms (%2 bytes of it "
                                      "sent)")
                           .arg(v->partialFrameTimer->interval())
                           .arg(v->reader.bufferedBytes()));
        }
    });
    qCDebug(lcTransport, "viewer %llu attached to \"%ls\"",
            static_cast<unsigned long long>(viewer.id), qUtf16Printable(name));

    // The hello goes straight into the socket, which is empty now, so no queue limit can
    // ever drop it; the backfill follows through the queue like any frame.
    const QByteArray hello = helloFrame();
    if (socket->write(hello) != hello.size()) {
        dropViewer(viewer, QtWarningMsg,
                   QStringLiteral("cannot send the hello: %1").arg(socket->errorString()));
        return;
    }
    bool alive = true;
    for (auto it = ring.cbegin(); alive && it != ring.cend(); ++it) {
        enqueue(viewer, *it);
        alive = pump(viewer);
    }
}

void LocalSocketReporter::Private::readViewer(QLocalSocket *socket)
{
    Viewer *viewer = viewerOf(socket);
    if (!viewer)
        return;
    viewer->reader.readFrom(socket);
    const quint64 framesBefore = viewer->framesReceived;
    // Whole frames that arrived before a bad header are still honoured (a Bye, say).
    while (const std::optional<Frame> frame = viewer->reader.nextFrame()) {
        ++viewer->framesReceived;
        switch (frame->type) {
        case FrameType::Hello:
            if (viewer->framesReceived == 1) {
                qCDebug(lcTransport, "viewer %llu introduced itself: %s",
                        static_cast<unsigned long long>(viewer->id),
                        frame->payload.left(256).constData());
                break;
            }
            dropViewer(*viewer, QtWarningMsg,
                       QStringLiteral("sent a Hello frame after its first frame"));
            return;
        case FrameType::Ping:
            enqueue(*viewer, encodeFrame(Frame{FrameType::Ack, QByteArray()}));
            if (!pump(*viewer))
                return;
            break;
        case FrameType::Bye:
            dropViewer(*viewer, QtDebugMsg, QStringLiteral("it said goodbye"));
            return;
        case FrameType::Error:
            dropViewer(*viewer, QtInfoMsg,
                       QStringLiteral("it reported an error: %1")
                           .arg(QString::fromUtf8(frame->payload.left(1024))));
            return;
        default:
            dropViewer(*viewer, QtWarningMsg,
                       QStringLiteral("it sent an unexpected %1 frame (viewers may send only "
                                      "Hello, Ping and Bye)")
                           .arg(frameTypeName(frame->type)));
            return;
        }
    }
    if (viewer->reader.hasError()) {
        dropViewer(
            *viewer, QtWarningMsg,
            QStringLiteral("it sent a malformed stream: %1").arg(viewer->reader.errorString()));
        return;
    }
    // The deadline runs from the first byte of an unfinished frame; more bytes do not extend
    // it, a finished frame does (the bytes left over start the next one).
    if (viewer->reader.bufferedBytes() == 0 || viewer->framesReceived != framesBefore)
        viewer->partialFrameTimer->stop();
    if (viewer->reader.bufferedBytes() > 0 && !viewer->partialFrameTimer->isActive()) {
        viewer->partialFrameTimer->start(
            int(std::min<qint64>(partialFrameTimeoutMs.load(std::memory_order_relaxed),
                                 std::numeric_limits<int>::max())));
    }
}

void LocalSocketReporter::Private::onViewerDisconnected(QLocalSocket *socket)
{
    Viewer *viewer = viewerOf(socket);
    if (!viewer)
        return;
    const qint64 partial = viewer->reader.bufferedBytes() + socket->bytesAvailable();
    if (partial > 0) {
        qCInfo(lcTransport,
               "viewer %llu of \"%ls\" hung up in the middle of a frame (%lld bytes of it sent)",
               static_cast<unsigned long long>(viewer->id), qUtf16Printable(name),
               static_cast<long long>(partial));
    } else {
        qCDebug(lcTransport, "viewer %llu of \"%ls\" detached",
                static_cast<unsigned long long>(viewer->id), qUtf16Printable(name));
    }
    removeViewer(*viewer);
}

Viewer *LocalSocketReporter::Private::viewerOf(QLocalSocket *socket)
{
    const auto it = viewers.find(socket);
    return it == viewers.end() ? nullptr : it->second.get();
}

void LocalSocketReporter::Private::enqueue(Viewer &viewer, const QByteArray &frame)
{
    const detail::ViewerQueue::Limits limits{maxQueuedFrames.load(std::memory_order_relaxed),
                                             maxQueuedBytes.load(std::memory_order_relaxed)};
    const bool wasDropping = viewer.queue.dropped() > 0;
    const quint64 dropped = viewer.queue.push(frame, limits);
    if (dropped == 0)
        return;
    if (!wasDropping) {
        qCWarning(lcTransport,
                  "viewer %llu of \"%ls\" is not keeping up: dropping its oldest frames "
                  "(queue limit %d frames, %lld bytes)",
                  static_cast<unsigned long long>(viewer.id), qUtf16Printable(name),
                  limits.maxFrames, static_cast<long long>(limits.maxBytes));
    }
    droppedFrames.fetch_add(dropped, std::memory_order_relaxed);
}

// Moves frames from the queue into the socket while its buffer is low. Returns false when the
// viewer had to be dropped (it is gone then).
bool LocalSocketReporter::Private::pump(Viewer &viewer)
{
    if (viewer.queue.pump(viewer.socket))
        return true;
    dropViewer(viewer, QtDebugMsg,
               QStringLiteral("cannot write to it: %1").arg(viewer.socket->errorString()));
    return false;
}

void LocalSocketReporter::Private::dropViewer(Viewer &viewer, QtMsgType level,
                                              const QString &reason)
{
    const QString message =
        QStringLiteral("dropping viewer %1 of \"%2\": %3").arg(viewer.id).arg(name, reason);
    switch (level) {
    case QtDebugMsg:
        qCDebug(lcTransport, "%ls", qUtf16Printable(message));
        break;
    case QtInfoMsg:
        qCInfo(lcTransport, "%ls", qUtf16Printable(message));
        break;
    default:
        qCWarning(lcTransport, "%ls", qUtf16Printable(message));
        break;
    }
    removeViewer(viewer);
}

void LocalSocketReporter::Private::removeViewer(Viewer &viewer)
{
    if (viewer.queue.dropped() > 0) {
        qCInfo(lcTransport, "viewer %llu of \"%ls\" left; %llu frames were dropped for it",
               static_cast<unsigned long long>(viewer.id), qUtf16Printable(name),
               static_cast<unsigned long long>(viewer.queue.dropped()));
    }
    QLocalSocket *socket = viewer.socket;
    // Disconnect first: abort() may emit disconnected() at once. deleteLater(), not delete:
    // this may run inside one of the socket's own signals.
    QObject::disconnect(socket, nullptr, context, nullptr);
    socket->abort();
    socket->deleteLater();
    viewers.erase(socket); // destroys `viewer`
    viewerCount.fetch_sub(1, std::memory_order_relaxed);
}

QByteArray LocalSocketReporter::Private::helloFrame() const
{
    Hello info;
    info.role = Hello::Role::Service;
    info.service = name;
    info.pid = QCoreApplication::applicationPid();
    info.host = QSysInfo::machineHostName();
    info.processStart = latest.isNull() ? 0.0 : latest.source().processStart;
    info.backfill = int(ring.size());
    info.counters = Hello::countersOf(latest);
    return encodeFrame(Frame{FrameType::Hello, info.toJson()});
}

LocalSocketReporter::LocalSocketReporter(const QString &name, QObject *parent)
    : Reporter(parent), d(std::make_unique<Private>(name))
{
    d->thread.setObjectName(QStringLiteral("counters-local"));
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    d->thread.start();
}

LocalSocketReporter::~LocalSocketReporter()
{
    d->runInWorker([this] { d->doClose(); });
    d->thread.quit();
    d->thread.wait();
    // The server and the sockets died in their thread (doClose()); what remains has no socket
    // notifiers and may go from here.
    delete d->context;
}

QString LocalSocketReporter::name() const
{
    return d->name;
}

bool LocalSocketReporter::listen()
{
    bool ok = false;
    QString error;
    d->runInWorker([this, &ok, &error] { ok = d->doListen(&error); });
    const std::lock_guard<std::mutex> lock(d->stateMutex);
    d->listenError = ok ? QString() : error;
    return ok;
}

void LocalSocketReporter::close()
{
    d->runInWorker([this] { d->doClose(); });
}

bool LocalSocketReporter::isListening() const
{
    return d->listening.load(std::memory_order_acquire);
}

QString LocalSocketReporter::socketPath() const
{
    const std::lock_guard<std::mutex> lock(d->stateMutex);
    return d->socketPath;
}

QString LocalSocketReporter::listenErrorString() const
{
    const std::lock_guard<std::mutex> lock(d->stateMutex);
    return d->listenError;
}

void LocalSocketReporter::setBackfillSize(int snapshots)
{
    Q_ASSERT(snapshots >= 0);
    d->backfillSize.store(std::max(0, snapshots), std::memory_order_relaxed);
    Private *p = d.get();
    detail::invokeInThread(
        d->context, [p] { p->trimRing(); }, Qt::QueuedConnection);
}

int LocalSocketReporter::backfillSize() const
{
    return d->backfillSize.load(std::memory_order_relaxed);
}

void LocalSocketReporter::setMaxViewers(int viewers)
{
    d->maxViewers.store(std::max(1, viewers), std::memory_order_relaxed);
}

int LocalSocketReporter::maxViewers() const
{
    return d->maxViewers.load(std::memory_order_relaxed);
}

void LocalSocketReporter::setMaxQueuedFrames(int frames)
{
    Q_ASSERT(frames >= 1);
    d->maxQueuedFrames.store(std::max(1, frames), std::memory_order_relaxed);
}

int LocalSocketReporter::maxQueuedFrames() const
{
    return d->maxQueuedFrames.load(std::memory_order_relaxed);
}

void LocalSocketReporter::setMaxQueuedBytes(qint64 bytes)
{
    Q_ASSERT(bytes >= 0);
    d->maxQueuedBytes.store(std::max<qint64>(0, bytes), std::memory_order_relaxed);
}

qint64 LocalSocketReporter::maxQueuedBytes() const
{
    return d->maxQueuedBytes.load(std::memory_order_relaxed);
}

void LocalSocketReporter::setPartialFrameTimeout(Seconds timeout)
{
    Q_ASSERT(timeout >= std::chrono::milliseconds(1));
    d->partialFrameTimeoutMs.store(
        std::max<qint64>(1, std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()),
        std::memory_order_relaxed);
}

Seconds LocalSocketReporter::partialFrameTimeout() const
{
    return std::chrono::milliseconds(d->partialFrameTimeoutMs.load(std::memory_order_relaxed));
}

int LocalSocketReporter::viewerCount() const
{
    return d->viewerCount.load(std::memory_order_relaxed);
}

quint64 LocalSocketReporter::droppedFrames() const
{
    return d->droppedFrames.load(std::memory_order_relaxed);
}

bool LocalSocketReporter::write(const Snapshot &snapshot, QString *error)
{
    QByteArray json = JsonCodec::toJson(snapshot);
    if (qint64(json.size()) + 2 > kDefaultMaxFrameSize) {
        *error = QStringLiteral("local socket \"%1\": the snapshot takes %2 bytes, more than "
                                "one frame may carry (%3)")
                     .arg(d->name)
                     .arg(json.size())
                     .arg(kDefaultMaxFrameSize - 2);
        return false;
    }
    // Encoded once, then shared (not copied) by the ring and every viewer's queue.
    QByteArray frame = encodeFrame(Frame{FrameType::Snapshot, std::move(json)});
    Private *p = d.get();
    detail::invokeInThread(
        d->context, [p, frame = std::move(frame), snapshot] { p->publish(frame, snapshot); },
        Qt::QueuedConnection);
    return true;
}

} // namespace counters
