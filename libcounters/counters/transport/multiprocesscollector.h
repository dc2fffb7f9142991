// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/base/snapshot.h>
#include <counters/counters_transport_export.h>
#include <counters/transport/collectionaddress.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace counters {

class Registry;
class ReportingController;

/**
 * Multi-process collection: several processes of one service elect a leader
 * that collects every process's counters, merges them and alone runs its reporters.
 *
 * **Election** (PyCounters 0.6's, with its bind race fixed): with Role::Auto a
 * process tries to join a leader at each address in order; if none answers, it tries to bind
 * each address in order and leads at the first it gets (the leader *level* is that address's
 * index, 0 = preferred); if an address is taken by a process that just won the same race, it
 * joins that one instead of leading a second group on a backup address; if nothing works it
 * backs off 0.1 s, 0.2 s, then 1 s at a time until timeout(), then start() fails with an error
 * naming the last connect and bind errors. Role::Node only joins; Role::Leader only binds
 * (and fails at once when no address can be bound).
 *
 * **Collection.** The installed collector (see start()) runs on the reporting thread. On a
 * non-leader it returns std::nullopt, so the controller reports nothing (PyCounters 0.6's rule:
 * only the leader's reporters run). On the leader a report is a *round*: the leader sends
 * every node a CollectRequest, reads its own registry in process meanwhile, and waits until
 * every live node answered or roundTimeout() passed. A node that did not answer in time is
 * *stale*: it is listed in the report with SnapshotSource::stale set and only the running
 * totals of its last answer (EventCounter and TotalCounter rows; its window statistics mean
 * "now" and are left out), so that merged totals never drop while a node is only slow; it is
 * not waited for in later rounds, and it becomes live again with its next answer (so a
 * stopped process costs one round one deadline, then nothing). When a node leaves, the counts
 * it reported (EventCounter rows) stay in the merged counts, so that a Prometheus counter of
 * the group never goes down and increase() never counts a departure as a reset; a node that
 * comes back under its id takes its own counts over. (A new leader starts from the nodes it
 * has: its exporter is another target to Prometheus anyway.) The report is
 * merge() of the nodes (the merge rules of PyCounters 0.6, counter by counter) whose nodes() are,
 * in order, the leader's own snapshot and each node's, with source().node = the node id; JsonCodec
 * writes them as `__node_reports__`, `__collection_time__` and `__counters__`.
 *
 * **Failover.** A node whose leader connection ends (EOF, error, garbage or a Bye) re-elects
 * at once, after a random 0–50 ms jitter so that survivors do not all bind at the same
 * moment; a leader that just took over waits settleTime() before its first round, so that
 * the other survivors have joined and the first report after a failover includes them.
 * A re-election that outlasts timeout() logs a warning and keeps trying every second: a
 * process never gives up on its group. Qt's QTcpServer binds with SO_REUSEADDR on Unix, so
 * the new leader takes the preferred address at once even while the dead leader's
 * connections linger in TIME_WAIT (PyCounters 0.6, without SO_REUSEADDR, fell back to the backup
 * address for a minute); the backup path is needed only when the preferred address is held
 * by a live process. Not detected: a leader that hangs with its sockets open (SIGSTOP) keeps
 * its nodes waiting until it resumes or dies.
 *
 * **Upgrade.** A leader at level > 0 checks the better addresses every upgradeInterval()
 * (and on tryUpgrade()). With Role::Auto it first pings them: when a leader answers there, it
 * tells its nodes to reconnect (Bye "reconnect") and joins that leader as a node. Otherwise
 * (or with Role::Leader) it tries to bind them: on success it moves there and tells its nodes
 * to reconnect, which takes them to the better address.
 *
 * **Protocol** (frames of frame.h, shared with the local-socket transport; every payload is
 * UTF-8 JSON; the handshake is version kGroupProtocolVersion, docs/formats.md):
 * - Connection → leader, first frame: `Hello {"protocol": 2, "role": "node"|"viewer"|"ping",
 *   "node": "<host_pid_seq_time>", "nonce": "…", "service": s, "host": s, "pid": n,
 *   "process_start": t}` (node is required for role "node"). A leader without a token answers
 *   `Ack {"protocol": 2, "leader": "<its node id>", "level": n}`; a leader with one first
 *   proves that it knows it and asks the peer to prove it too (`Challenge`, `Response`: see
 *   groupauth.h), so that the token never crosses the wire and a node never reports to an
 *   impostor. Refusals are `Error "<reason>"` and a close (wrong token, unsupported protocol,
 *   malformed hello). A connection that has not finished its hello within helloTimeout() is
 *   dropped. A "ping" hello (the upgrade probe) is answered with Ack and closed. Once in, a
 *   Ping frame is answered with Ack, both ways.
 * - Leader → node: `CollectRequest {"round": n}`. The node answers `Snapshot` holding the
 *   JsonCodec report of its registry plus the key `"__round__": n`; an answer to an older
 *   round only revives a stale node. A node that finds several requests waiting answers the
 *   newest only.
 * - Leader → viewer (a Hello with role "viewer", the dashboard): after every round, the
 *   merged report as a `Snapshot` frame (plain JsonCodec JSON, as over the local socket).
 * - Either side → `Bye "<reason>"` before an orderly close: a stopping process, or a leader
 *   handing over ("reconnect"); nodes re-elect on it as on EOF, but log it as information.
 * Frames above 16 MiB, another version byte, an unknown frame type, a frame out of order or
 * an undecodable payload drop that connection only, with the reason in the log (category
 * "counters.transport", warning, at most a few lines a second; what the peer sent is escaped
 * and shortened) and in peerRejected(); the leader goes on serving.
 *
 * **Bounds.** Before its hello is done, a connection may send frames of at most 64 KiB, gets
 * no answer but the handshake's, and holds one of 64 slots; a 65th connection takes the slot
 * of the one that has waited longest, so idle connections cannot lock nodes out. At most
 * maxViewers() viewers are served (more are refused with an Error). Each viewer has a queue
 * with the overflow policy of LocalSocketReporter (at most maxQueuedFrames() reports or
 * maxQueuedBytes() wait, shared by all viewers; the oldest are dropped first and counted in
 * droppedFrames(); the stream stays whole). A node skips its answer while 16 MiB wait for its
 * leader, and a peer that does not read gets no answers to its Pings.
 *
 * The shared token (setToken()) authenticates; it does not encrypt. Binding a non-loopback
 * address is an explicit choice (see CollectionAddress) and logs a warning when no token is
 * set. readToken() reads one from a file, so that it need not appear on a command line.
 *
 * **Threads.** The networking runs in a QThread of its own with its own event loop, owned by
 * the collector, so collection works whatever the application's threads do (a QCoreApplication
 * must exist). The configuration setters and getters belong to the thread that calls start();
 * they apply to the next start(). start(), stop() and the destructor must not overlap, and
 * never run in the network thread (a slot connected with Qt::DirectConnection to one of the
 * signals); start() may run in any other thread. collect() and the accessors are thread-safe.
 * Signals are emitted from the network thread: connect with the default (auto) connection.
 * The registry and the controller must outlive the collector.
 */
class COUNTERS_TRANSPORT_EXPORT MultiProcessCollector : public QObject
{
    Q_OBJECT
public:
    /// PyCounters 0.6's CollectingRole values.
    enum class Role {
        Leader = 0, ///< Only bind: lead or fail.
        Node = 1,   ///< Only join a leader.
        Auto = 2,   ///< Join if a leader answers, else lead.
    };
    Q_ENUM(Role)

    /// Collects Registry::global() and installs itself in ReportingController::global().
    explicit MultiProcessCollector(QObject *parent = nullptr);
    /// Collects `registry` and installs itself in `controller`; both must outlive it.
    MultiProcessCollector(const Registry &registry, ReportingController &controller,
                          QObject *parent = nullptr);
    /// stop()s.
    ~MultiProcessCollector() override;

    /// Most preferred first; default CollectionAddress::defaultAddresses().
    void setAddresses(const QList<CollectionAddress> &addresses);
    QList<CollectionAddress> addresses() const;
    void setRole(Role role);
    /// The configured role (default Auto); see actualRole() for the elected one.
    Role role() const;
    /// How long the first election may take (default 120 s; 0: one attempt).
    void setTimeout(Seconds timeout);
    Seconds timeout() const;
    /// The group's shared secret, which every member must prove to know (default empty: none
    /// required; a process with a token joins only a leader that proves it knows it).
    void setToken(const QString &token);
    QString token() const;
    /**
     * A token kept in a file (its first line, without surrounding white space), or, for an
     * empty `path`, in the environment variable COUNTERS_TOKEN. An empty string and `*error`
     * (when not null) when the file cannot be read, is larger than 4 KiB, or holds no token; a file
     * that others may read is accepted with a warning.
     */
    static QString readToken(const QString &path, QString *error);
    /// How long a round waits for the nodes' answers (default 1 s).
    void setRoundTimeout(Seconds timeout);
    Seconds roundTimeout() const;
    /// How often a leader on a backup address retries the better ones (default 10 s; 0: never).
    void setUpgradeInterval(Seconds interval);
    Seconds upgradeInterval() const;
    /// How long an election's connect + hello + Ack to one address may take (default 2 s).
    void setConnectTimeout(Seconds timeout);
    Seconds connectTimeout() const;
    /// How long the leader waits for a new connection's Hello (default 5 s).
    void setHelloTimeout(Seconds timeout);
    Seconds helloTimeout() const;
    /// How long a leader that took over waits for the others before its first round
    /// (default 0.5 s; not applied to the very first election).
    void setSettleTime(Seconds time);
    Seconds settleTime() const;
    /// The most reports that may wait for one viewer (default 256, at least 1), and the most
    /// bytes (default 64 MiB); past either, its oldest reports are dropped (droppedFrames()).
    void setMaxQueuedFrames(int frames);
    int maxQueuedFrames() const;
    void setMaxQueuedBytes(qint64 bytes);
    qint64 maxQueuedBytes() const;
    /// The most viewers served at once (default DefaultMaxViewers, at least 1).
    static constexpr int DefaultMaxViewers = 32;
    void setMaxViewers(int viewers);
    int maxViewers() const;

    /**
     * Installs the collector in the controller (so that this process reports nothing until it
     * leads), starts the network thread and runs the first election, waiting for its outcome
     * (up to about timeout()). Returns false with errorString() when no role could be taken
     * or the configuration is invalid (no address, or a port 0 where a node must connect);
     * the collector is then stopped. Calling it while running restarts.
     */
    bool start();
    /**
     * Leaves the group in order (Bye to the peers, so nodes re-elect at once), stops the
     * network thread and restores the controller's default collector. Idempotent.
     */
    void stop();
    bool isRunning() const;

    /// Leader or Node; std::nullopt while not running or (re-)electing.
    std::optional<Role> actualRole() const;
    bool isLeader() const;
    /// The index of the address this process leads at; -1 unless leading.
    int leaderLevel() const;
    /// The address this process leads at (with the real port) or, as a node, the address of
    /// its leader; std::nullopt otherwise.
    std::optional<CollectionAddress> currentAddress() const;
    /// This process's node id, `host_pid_seq_time`, fixed for the collector's life, so a
    /// process keeps its identity across failovers.
    QString nodeId() const;
    /// The ids of the nodes connected to this leader (not counting itself), in joining order.
    QStringList nodeIds() const;
    int nodeCount() const;
    int viewerCount() const;
    /// Reports dropped for viewers that did not keep up (see "Protocol"), since start().
    quint64 droppedFrames() const;

    /**
     * The collector function: on the leader, one round merged (see the class comment); on any
     * other process, or when the role changes during the round, std::nullopt. Thread-safe;
     * concurrent calls are serialised. Never call it from the network thread.
     */
    std::optional<Snapshot> collect();

    /// A leader at level > 0 checks the better addresses now, as the upgrade timer does.
    void tryUpgrade();

    /// The reason of the last failure (start(), a failed re-election).
    QString errorString() const;

Q_SIGNALS:
    /// actualRole(), leaderLevel() or currentAddress() changed.
    void roleChanged();
    /// A node joined this leader.
    void nodeJoined(const QString &nodeId);
    /// A node left this leader (`reason`: its Bye, EOF, or why it was dropped).
    void nodeLeft(const QString &nodeId, const QString &reason);
    /// A connection to this leader was refused or dropped for breaking the protocol.
    void peerRejected(const QString &peer, const QString &reason);
    /// A re-election keeps failing (also logged); the collector keeps trying.
    void errorOccurred(const QString &message);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

/**
 * PyCounters 0.6's configure_multi_process_collection(): (re)starts the process-wide collector of
 * Registry::global() into ReportingController::global() with these settings (`token`, when
 * given, must be the same in every process). Blocks for the first election, like PyCounters 0.6.
 * Returns false with multiProcessCollectionErrorString() on failure. The collector is stopped
 * when the QCoreApplication is destroyed, or by shutdownMultiProcessCollection().
 */
COUNTERS_TRANSPORT_EXPORT bool configureMultiProcessCollection(
    const QList<CollectionAddress> &addresses = CollectionAddress::defaultAddresses(),
    Seconds timeout = Seconds(120),
    MultiProcessCollector::Role role = MultiProcessCollector::Role::Auto,
    const QString &token = {});
/// Why the last configureMultiProcessCollection() failed.
COUNTERS_TRANSPORT_EXPORT QString multiProcessCollectionErrorString();
/// The process-wide collector; nullptr before configureMultiProcessCollection().
COUNTERS_TRANSPORT_EXPORT MultiProcessCollector *multiProcessCollector();
/// Stops and deletes the process-wide collector (Bye to the group); the global controller
/// reports this process alone again.
COUNTERS_TRANSPORT_EXPORT void shutdownMultiProcessCollection();

} // namespace counters
