// SPDX-License-Identifier: MIT
#include "multiprocesscollector.h"

#include "multiprocessengine_p.h"
#include "multiprocessprotocol_p.h"
#include "threadhandover_p.h"
#include "transportlogging_p.h"

#include <counters/counter/registry.h>
#include <counters/format/jsoncodec.h>
#include <counters/report/reportingcontroller.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cmath>
#include <mutex>

namespace counters {

namespace {

using SteadyClock = std::chrono::steady_clock;

/**
 * One round of the leader (see the class comment), on the reporting thread. Holds the round
 * mutex for its whole length and the state mutex only between its steps.
 */
std::optional<Snapshot> collectRound(MultiProcessShared &shared, const Registry &registry,
                                     const QString &nodeId)
{
    Q_ASSERT_X(QThread::currentThread() != shared.thread, "MultiProcessCollector::collect",
               "called from the network thread");
    const Seconds roundTimeout = shared.roundTimeout;
    const std::lock_guard<std::mutex> serial(shared.roundMutex);
    std::unique_lock<std::mutex> lock(shared.mutex);
    const auto leading = [&] {
        return shared.engine && shared.role == MultiProcessCollector::Role::Leader;
    };
    if (!leading())
        return std::nullopt;
    // A leader that just took over gives the other survivors a moment to join it, so that its
    // first report already holds them. settleUntil may move while we wait (the leader moved).
    while (leading() && SteadyClock::now() < shared.settleUntil)
        shared.changed.wait_until(lock, shared.settleUntil);
    if (!leading())
        return std::nullopt;

    const quint64 round = ++shared.round;
    shared.roundOpen = true;
    shared.answers.clear();
    shared.members.clear();
    shared.waiting.clear();
    for (const auto &[key, node] : shared.nodes) {
        shared.members.insert(key);
        // A stale node is asked too, but not waited for: one hung process costs one deadline,
        // not one per report.
        if (!node.stale)
            shared.waiting.insert(key);
    }
    MultiProcessEngine *engine = shared.engine;
    // Posting is safe while `engine` is set under the lock: stop() clears it before the engine
    // can go away.
    detail::invokeInThread(
        engine, [engine, round] { engine->sendCollectRequests(round); }, Qt::QueuedConnection);
    const auto deadline =
        SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(roundTimeout);
    lock.unlock();

    // Our own registry, in process, while the nodes answer.
    const Snapshot own = MultiProcessProtocol::withNode(registry.collect(), nodeId);

    lock.lock();
    shared.changed.wait_until(lock, deadline, [&] { return !leading() || shared.waiting.empty(); });
    shared.roundOpen = false;
    if (!leading()) {
        shared.answers.clear();
        return std::nullopt;
    }
    QList<Snapshot> nodes{own};
    QStringList newlyStale;
    for (auto &[key, node] : shared.nodes) {
        const auto answer = shared.answers.find(key);
        if (answer != shared.answers.end()) {
            nodes.append(answer->second);
        } else if (shared.members.count(key)) {
            if (!node.stale)
                newlyStale.append(node.id);
            node.stale = true;
            SnapshotSource source = node.source;
            source.stale = true;
            // Its running totals as last answered: a slow node does not make them drop.
            nodes.append(Snapshot(node.lastAnswer, std::move(source), node.totals));
        }
        // Nodes that joined during the round appear from the next one; the counts they had
        // (if they are back) stand in for them meanwhile, below.
    }
    shared.answers.clear();
    const bool viewers = shared.viewers > 0;
    QList<CounterRow> departed = shared.departedRows();
    for (const auto &[key, node] : shared.nodes) {
        if (!shared.members.count(key) && !node.totals.isEmpty()) {
            departed = merge({Snapshot(0, {}, departed), Snapshot(0, {}, node.totals)}, 0).rows();
        }
    }
    lock.unlock();

    for (const QString &id : std::as_const(newlyStale)) {
        qCInfo(lcTransport,
               "multi-process leader: node %ls did not answer round %llu within %ls s; reported "
               "as stale",
               qUtf16Printable(id), round, qUtf16Printable(QString::number(roundTimeout.count())));
    }

    // Stale nodes add only their totals; nodes that left, only their counts (not a node now).
    Snapshot merged = merge(nodes, own.time(), own.source());
    if (!departed.isEmpty()) {
        merged = Snapshot(
            own.time(), own.source(),
            merge(nodes + QList<Snapshot>{Snapshot(own.time(), {}, departed)}, own.time()).rows(),
            nodes);
    }

    if (viewers) {
        const QByteArray json = JsonCodec::toJson(merged);
        lock.lock();
        if (MultiProcessEngine *current = shared.engine) {
            detail::invokeInThread(
                current, [current, json] { current->pushReport(json); }, Qt::QueuedConnection);
        }
    }
    return merged;
}

} // namespace

void MultiProcessShared::keepDeparted(const Node &node)
{
    QList<CounterRow> events;
    for (const CounterRow &row : node.totals) {
        if (row.type == CounterType::Event)
            events.append(row);
    }
    if (events.isEmpty())
        return;
    if (departed.count(node.id) == 0)
        departureOrder.push_back(node.id);
    departed[node.id] = std::move(events);
    if (departed.size() <= MaxDeparted)
        return;
    // Bounded: many processes come and go over weeks. The oldest half is folded into one row
    // per counter; the recent ones stay apart, so that one that comes back takes its own.
    QList<Snapshot> parts{Snapshot(0, {}, retired)};
    while (departed.size() > MaxDeparted / 2) {
        const auto oldest = departed.find(departureOrder.front());
        departureOrder.pop_front();
        if (oldest == departed.end())
            continue;
        parts.append(Snapshot(0, {}, oldest->second));
        departed.erase(oldest);
    }
    retired = merge(parts, 0).rows();
}

QList<CounterRow> MultiProcessShared::takeDeparted(const QString &id)
{
    const auto it = departed.find(id);
    if (it == departed.end())
        return {};
    QList<CounterRow> rows = std::move(it->second);
    departed.erase(it);
    departureOrder.erase(std::find(departureOrder.begin(), departureOrder.end(), id));
    return rows;
}

QList<CounterRow> MultiProcessShared::departedRows() const
{
    if (departed.empty())
        return retired;
    QList<Snapshot> parts{Snapshot(0, {}, retired)};
    for (const auto &[id, nodeRows] : departed) {
        Q_UNUSED(id);
        parts.append(Snapshot(0, {}, nodeRows));
    }
    return merge(parts, 0).rows();
}

void MultiProcessShared::departAll()
{
    for (const auto &[key, node] : nodes) {
        Q_UNUSED(key);
        keepDeparted(node);
    }
    nodes.clear();
}

class MultiProcessCollector::Private
{
public:
    Private(const Registry &r, ReportingController &c)
        : registry(r), controller(c), nodeId(MultiProcessProtocol::makeNodeId())
    {
    }

    std::shared_ptr<MultiProcessShared> session() const
    {
        const std::lock_guard<std::mutex> lock(mutex);
        return shared;
    }
    void setError(const QString &error)
    {
        const std::lock_guard<std::mutex> lock(mutex);
        errorString = error;
    }

    const Registry &registry;
    ReportingController &controller;
    const QString nodeId;
    MultiProcessConfig config;
    std::unique_ptr<QThread> thread;

    mutable std::mutex mutex; // guards the two below
    std::shared_ptr<MultiProcessShared> shared;
    QString errorString;
};

MultiProcessCollector::MultiProcessCollector(QObject *parent)
    : MultiProcessCollector(Registry::global(), ReportingController::global(), parent)
{
}

MultiProcessCollector::MultiProcessCollector(const Registry &registry,
                                             ReportingController &controller, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(registry, controller))
{
}

MultiProcessCollector::~MultiProcessCollector()
{
    stop();
}

void MultiProcessCollector::setAddresses(const QList<CollectionAddress> &addresses)
{
    d->config.addresses = addresses;
}
QList<CollectionAddress> MultiProcessCollector::addresses() const
{
    return d->config.addresses;
}
void MultiProcessCollector::setRole(Role role)
{
    d->config.role = role;
}
MultiProcessCollector::Role MultiProcessCollector::role() const
{
    return d->config.role;
}
void MultiProcessCollector::setTimeout(Seconds timeout)
{
    d->config.timeout = timeout;
}
Seconds MultiProcessCollector::timeout() const
{
    return d->config.timeout;
}
void MultiProcessCollector::setToken(const QString &token)
{
    d->config.token = token;
}
QString MultiProcessCollector::token() const
{
    return d->config.token;
}
QString MultiProcessCollector::readToken(const QString &path, QString *error)
{
    constexpr qint64 kMaxTokenFile = 4096;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (path.isEmpty()) {
        const QString token = qEnvironmentVariable("COUNTERS_TOKEN").trimmed();
        if (token.isEmpty())
            return fail(QStringLiteral("COUNTERS_TOKEN is not set"));
        return token;
    }
    QFile file(path);
    if (!QFileInfo(path).isFile())
        return fail(QStringLiteral("cannot read the token file %1: not a regular file").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kMaxTokenFile + 1);
    if (bytes.size() > kMaxTokenFile) {
        return fail(QStringLiteral("the token file %1 is larger than %2 bytes")
                        .arg(path)
                        .arg(kMaxTokenFile));
    }
    const QString token = QString::fromUtf8(bytes).section(QLatin1Char('\n'), 0, 0).trimmed();
    if (token.isEmpty())
        return fail(QStringLiteral("the token file %1 holds no token").arg(path));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        qCWarning(lcTransport, "the token file %ls can be read by other users (chmod 600 it)",
                  qUtf16Printable(path));
    }
    return token;
}

void MultiProcessCollector::setMaxViewers(int viewers)
{
    d->config.maxViewers = std::max(1, viewers);
}
int MultiProcessCollector::maxViewers() const
{
    return d->config.maxViewers;
}

void MultiProcessCollector::setRoundTimeout(Seconds timeout)
{
    d->config.roundTimeout = timeout;
}
Seconds MultiProcessCollector::roundTimeout() const
{
    return d->config.roundTimeout;
}
void MultiProcessCollector::setUpgradeInterval(Seconds interval)
{
    d->config.upgradeInterval = interval;
}
Seconds MultiProcessCollector::upgradeInterval() const
{
    return d->config.upgradeInterval;
}
void MultiProcessCollector::setConnectTimeout(Seconds timeout)
{
    d->config.connectTimeout = timeout;
}
Seconds MultiProcessCollector::connectTimeout() const
{
    return d->config.connectTimeout;
}
void MultiProcessCollector::setMaxQueuedFrames(int frames)
{
    d->config.viewerLimits.maxFrames = std::max(1, frames);
}
int MultiProcessCollector::maxQueuedFrames() const
{
    return d->config.viewerLimits.maxFrames;
}
void MultiProcessCollector::setMaxQueuedBytes(qint64 bytes)
{
    d->config.viewerLimits.maxBytes = std::max<qint64>(0, bytes);
}
qint64 MultiProcessCollector::maxQueuedBytes() const
{
    return d->config.viewerLimits.maxBytes;
}

void MultiProcessCollector::setHelloTimeout(Seconds timeout)
{
    d->config.helloTimeout = timeout;
}
Seconds MultiProcessCollector::helloTimeout() const
{
    return d->config.helloTimeout;
}
void MultiProcessCollector::setSettleTime(Seconds time)
{
    d->config.settleTime = time;
}
Seconds MultiProcessCollector::settleTime() const
{
    return d->config.settleTime;
}

bool MultiProcessCollector::start()
{
    Q_ASSERT_X(!d->thread || QThread::currentThread() != d->thread.get(),
               "MultiProcessCollector::start", "called from the network thread");
    stop();

    const MultiProcessConfig &config = d->config;
    d->setError(QString());
    QString error;
    if (config.addresses.isEmpty())
        error = QStringLiteral("no collection address given");
    for (const CollectionAddress &address : config.addresses) {
        if (!address.isValid() && config.role != Role::Leader) {
            error = QStringLiteral("port 0 in %1: nodes could not find that leader (only the "
                                   "Leader role may bind any port)")
                        .arg(address.toString());
        }
    }
    const auto positive = [](Seconds s) { return s.count() > 0 && std::isfinite(s.count()); };
    if (!(config.timeout.count() >= 0) || !positive(config.roundTimeout)
        || !positive(config.connectTimeout) || !positive(config.helloTimeout)
        || !(config.upgradeInterval.count() >= 0) || !(config.settleTime.count() >= 0)) {
        error = QStringLiteral("timeouts must be positive numbers of seconds");
    }
    if (!error.isEmpty()) {
        d->setError(QStringLiteral("multi-process collection: ") + error);
        return false;
    }

    auto shared = std::make_shared<MultiProcessShared>();
    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("counters-group"));
    auto *engine = new MultiProcessEngine(config, d->registry, d->nodeId, shared, this);
    engine->moveToThread(d->thread.get());
    connect(d->thread.get(), &QThread::finished, engine, &QObject::deleteLater);
    shared->engine = engine;
    shared->thread = d->thread.get();
    shared->roundTimeout = config.roundTimeout;
    {
        const std::lock_guard<std::mutex> lock(d->mutex);
        d->shared = shared;
    }
    // Installed before the election, so that this process stays silent until it leads.
    d->controller.setCollector([shared, registry = &d->registry, nodeId = d->nodeId] {
        return collectRound(*shared, *registry, nodeId);
    });
    d->thread->start();
    detail::invokeInThread(
        engine, [engine] { engine->startFirstElection(); }, Qt::QueuedConnection);

    bool ok;
    {
        std::unique_lock<std::mutex> lock(shared->mutex);
        shared->changed.wait(lock, [&] { return shared->electionDone; });
        ok = shared->electionOk;
        error = shared->error;
    }
    if (!ok) {
        stop();
        d->setError(QStringLiteral("multi-process collection: ") + error);
        qCWarning(lcTransport, "%ls", qUtf16Printable(errorString()));
        return false;
    }
    return true;
}

void MultiProcessCollector::stop()
{
    if (!d->thread)
        return;
    Q_ASSERT_X(QThread::currentThread() != d->thread.get(), "MultiProcessCollector::stop",
               "called from the network thread");
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    MultiProcessEngine *engine = nullptr;
    bool hadRole = false;
    {
        const std::lock_guard<std::mutex> lock(shared->mutex);
        engine = shared->engine;
        shared->engine = nullptr; // from now on nothing is posted to the engine
        hadRole = shared->role.has_value();
        shared->role.reset();
        // Unblock a start() still waiting (stop() from another path) and a round in progress.
        shared->electionDone = true;
    }
    shared->changed.notify_all();
    d->controller.setCollector({});
    if (engine) {
        detail::invokeInThread(
            engine, [engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    }
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    if (hadRole)
        Q_EMIT roleChanged();
}

bool MultiProcessCollector::isRunning() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return false;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->engine != nullptr;
}

std::optional<MultiProcessCollector::Role> MultiProcessCollector::actualRole() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return std::nullopt;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->engine ? shared->role : std::nullopt;
}

bool MultiProcessCollector::isLeader() const
{
    return actualRole() == Role::Leader;
}

int MultiProcessCollector::leaderLevel() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return -1;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->engine && shared->role == Role::Leader ? shared->level : -1;
}

std::optional<CollectionAddress> MultiProcessCollector::currentAddress() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return std::nullopt;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->engine && shared->role ? shared->address : std::nullopt;
}

QString MultiProcessCollector::nodeId() const
{
    return d->nodeId;
}

QStringList MultiProcessCollector::nodeIds() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    QStringList ids;
    if (!shared)
        return ids;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    for (const auto &[key, node] : shared->nodes) {
        Q_UNUSED(key);
        ids.append(node.id);
    }
    return ids;
}

int MultiProcessCollector::nodeCount() const
{
    return int(nodeIds().size());
}

int MultiProcessCollector::viewerCount() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return 0;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->viewers;
}

quint64 MultiProcessCollector::droppedFrames() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return 0;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->droppedFrames;
}

std::optional<Snapshot> MultiProcessCollector::collect()
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return std::nullopt;
    return collectRound(*shared, d->registry, d->nodeId);
}

void MultiProcessCollector::tryUpgrade()
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    if (!shared)
        return;
    const std::lock_guard<std::mutex> lock(shared->mutex);
    if (MultiProcessEngine *engine = shared->engine) {
        detail::invokeInThread(
            engine, [engine] { engine->tryUpgrade(); }, Qt::QueuedConnection);
    }
}

QString MultiProcessCollector::errorString() const
{
    const std::shared_ptr<MultiProcessShared> shared = d->session();
    {
        const std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->errorString.isEmpty() || !shared)
            return d->errorString;
    }
    const std::lock_guard<std::mutex> lock(shared->mutex);
    return shared->error;
}

// ---------------------------------------------------------------------------------------------
// The process-wide collector
// ---------------------------------------------------------------------------------------------

namespace {

std::mutex g_mutex;
MultiProcessCollector *g_collector = nullptr;
QString g_error;
bool g_postRoutineAdded = false;

void shutdownAtExit()
{
    shutdownMultiProcessCollection();
}

} // namespace

bool configureMultiProcessCollection(const QList<CollectionAddress> &addresses, Seconds timeout,
                                     MultiProcessCollector::Role role, const QString &token)
{
    const std::lock_guard<std::mutex> lock(g_mutex);
    if (!g_collector)
        g_collector = new MultiProcessCollector();
    if (!g_postRoutineAdded) {
        // Before the application object goes: the network thread needs it.
        qAddPostRoutine(shutdownAtExit);
        g_postRoutineAdded = true;
    }
    g_collector->setAddresses(addresses);
    g_collector->setTimeout(timeout);
    g_collector->setRole(role);
    g_collector->setToken(token);
    if (g_collector->start()) {
        g_error.clear();
        return true;
    }
    g_error = g_collector->errorString();
    return false;
}

QString multiProcessCollectionErrorString()
{
    const std::lock_guard<std::mutex> lock(g_mutex);
    return g_error;
}

MultiProcessCollector *multiProcessCollector()
{
    const std::lock_guard<std::mutex> lock(g_mutex);
    return g_collector;
}

void shutdownMultiProcessCollection()
{
    MultiProcessCollector *collector = nullptr;
    {
        const std::lock_guard<std::mutex> lock(g_mutex);
        std::swap(collector, g_collector);
    }
    delete collector;
}

} // namespace counters
