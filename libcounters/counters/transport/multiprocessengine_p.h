// SPDX-License-Identifier: MIT
#pragma once

// The network side of MultiProcessCollector: election, the leader's server and peers, the
// node's link to its leader, failover and upgrade. Lives in the collector's network thread.

#include "logthrottle_p.h"
#include "multiprocessprotocol_p.h"
#include "viewerqueue_p.h"

#include <counters/base/snapshot.h>
#include <counters/format/framereader.h>
#include <counters/format/framewriter.h>
#include <counters/format/hello.h>
#include <counters/transport/collectionaddress.h>
#include <counters/transport/multiprocesscollector.h>

#include <QObject>
#include <QTimer>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
class QThread;
QT_END_NAMESPACE

namespace counters {

namespace detail {
class Acceptor;
}
class MultiProcessEngine;
class Registry;

/// What start() hands to the engine; immutable while it runs.
struct MultiProcessConfig
{
    QList<CollectionAddress> addresses = CollectionAddress::defaultAddresses();
    MultiProcessCollector::Role role = MultiProcessCollector::Role::Auto;
    Seconds timeout{120};
    Seconds connectTimeout{2};
    Seconds helloTimeout{5};
    Seconds roundTimeout{1};
    Seconds upgradeInterval{10};
    Seconds settleTime{0.5};
    QString token;
    detail::ViewerQueue::Limits viewerLimits;
    int maxViewers = MultiProcessCollector::DefaultMaxViewers;
};

/**
 * The state the network thread and the reporting thread share, guarded by `mutex`; `changed`
 * is notified whenever any of it changes. The engine writes the role and the node table;
 * collect() (the reporting thread) opens and closes rounds; answers fill `answers`.
 */
struct MultiProcessShared
{
    using Clock = std::chrono::steady_clock;

    /// A node registered with this leader.
    struct Node
    {
        QString id;
        SnapshotSource source; ///< From its hello, then from its last answer.
        bool stale = false;    ///< Missed a round; not waited for until it answers again.
        double lastAnswer = 0; ///< Time of its last snapshot; 0 before the first.
        /// The running totals (Event and Total rows) of its last snapshot: they stand in for
        /// it while it is stale, so that merged totals never drop while a node is only slow.
        QList<CounterRow> totals;
    };

    /// Nodes kept apart before the oldest half is folded into `retired`.
    static constexpr std::size_t MaxDeparted = 256;

    std::mutex mutex;
    std::condition_variable changed;
    /// Serialises rounds (collect() calls).
    std::mutex roundMutex;

    /// Null once stopping: nothing may be posted to the engine any more.
    MultiProcessEngine *engine = nullptr;
    // Fixed before the session is published, then only read.
    QThread *thread = nullptr;
    Seconds roundTimeout{1};

    // The first election's outcome, for start().
    bool electionDone = false;
    bool electionOk = false;
    QString error;

    std::optional<MultiProcessCollector::Role> role;
    int level = -1;
    std::optional<CollectionAddress> address;
    Clock::time_point settleUntil{};

    std::map<quint64, Node> nodes; ///< By connection serial, i.e. in joining order.
    /// The EventCounter rows of nodes that left, by node id: counts already reported stay in
    /// the merged counts (a Prometheus counter must not go down, or increase() counts twice);
    /// a node that comes back under its id takes its own over again.
    std::map<QString, QList<CounterRow>> departed;
    std::deque<QString> departureOrder; ///< The ids of `departed`, oldest first.
    /// The rows of the oldest departed nodes beyond MaxDeparted, one row per counter. (A node
    /// folded here that comes back is counted twice; it would have to return after more than
    /// a hundred others left.)
    QList<CounterRow> retired;

    /// Keeps the EventCounter rows of `node`, which leaves (see `departed`).
    void keepDeparted(const Node &node);
    /// A node joins under `id`: the counts it left, if any, become its totals again until it
    /// answers.
    QList<CounterRow> takeDeparted(const QString &id);
    /// Every departed row, one per counter.
    QList<CounterRow> departedRows() const;
    /// Makes every node a departed one, keeping the departed counts (the leader moves to a
    /// better address: the nodes come back, and take their counts over again).
    void departAll();
    int viewers = 0;
    quint64 droppedFrames = 0; ///< Reports dropped for viewers that did not keep up.

    quint64 round = 0;
    bool roundOpen = false;
    std::set<quint64> members; ///< Nodes registered when the round opened.
    std::set<quint64> waiting; ///< Members that were live and have not answered yet.
    std::map<quint64, Snapshot> answers;
};

/**
 * Runs the protocol of MultiProcessCollector (see its header) in one thread. Every public
 * member must be called in the engine's thread: post them with QMetaObject::invokeMethod.
 * Emits the collector's signals from that thread.
 */
class MultiProcessEngine : public QObject
{
    Q_OBJECT
public:
    MultiProcessEngine(const MultiProcessConfig &config, const Registry &registry,
                       const QString &nodeId, std::shared_ptr<MultiProcessShared> shared,
                       MultiProcessCollector *collector);
    ~MultiProcessEngine() override;

    void startFirstElection();
    /// Sends CollectRequest `round` to every node.
    void sendCollectRequests(quint64 round);
    /// Pushes a merged report (JsonCodec bytes) to every viewer.
    void pushReport(const QByteArray &json);
    void pumpViewer(quint64 key);
    void tryUpgrade();
    /// Says goodbye to every peer and closes everything; the thread ends next.
    void shutdown();

private:
    struct Connection;
    struct Attempt;
    enum class ElectionKind { First, Failover, Handover };
    enum class Severity { Info, Warning };
    using HandshakeDone = std::function<void(std::unique_ptr<Connection>, const QString &error)>;

    // Election.
    void startElection(ElectionKind kind);
    void scheduleElection(ElectionKind kind, int delayMs);
    void runAttempt(quint64 election);
    void connectStep(quint64 election, int index);
    void bindStep(quint64 election, int index);
    void backOff(quint64 election);
    /// Connects to address `index` as `role` and runs the group handshake (groupauth.h).
    void handshake(int index, Hello::Role role, HandshakeDone done);
    /// A node handshake's end with address `index` of `election`: a link becomes this node's
    /// leader link; a failure is noted and `otherwise` runs (a stale election's ends are dropped).
    HandshakeDone joinElse(quint64 election, int index, std::function<void()> otherwise);
    void finishAttempt(quint64 key, const QString &error);
    Hello hello(Hello::Role role) const;

    // Node.
    void becomeNode(std::unique_ptr<Connection> link, int index);
    void onLinkReadyRead();
    void processLinkFrames();
    void answer(quint64 round);
    void linkLost(const QString &reason, Severity severity);

    // Leader.
    bool becomeLeader(QTcpServer *server, int index);
    /// Accepts the connections of `server` (m_server) from now on.
    void acceptFrom(QTcpServer *server);
    /// Closes m_server (and stops accepting) and deletes it later.
    void closeServer();
    void adoptPeer(QTcpSocket *socket);
    void onPeerReadyRead(quint64 key);
    void handlePeerFrame(Connection &peer, const Frame &frame);
    void handleHello(Connection &peer, const QByteArray &payload);
    void handleResponse(Connection &peer, const QByteArray &payload);
    /// The peer is in: a node joins, a viewer gets reports, a probe is acknowledged and closed.
    void admit(Connection &peer, const Hello &hello);
    /// Makes room for a new connection when kMaxPendingHellos wait for their hello.
    void evictOldestPending();
    void handleAnswer(Connection &peer, const QByteArray &payload);
    void rejectPeer(quint64 key, const QString &reason);
    void dropPeer(quint64 key, const QString &reason, Severity severity);
    void stopLeading(const QByteArray &byeReason);
    /// `keepCounts`: the nodes' counts stay in the merged counts until they are back (a move
    /// of this leader); otherwise everything is forgotten (a new or ended leadership).
    void resetLeaderState(std::optional<MultiProcessCollector::Role> role, int level,
                          std::optional<CollectionAddress> address, bool settle,
                          bool keepCounts = false);

    // Upgrade.
    void pingStep(quint64 upgrade, int index);
    void bindBetterStep(quint64 upgrade, int index);
    void moveServer(QTcpServer *server, int index);

    bool writeFrame(Connection &connection, FrameType type, const QByteArray &payload);
    void retire(QTcpSocket *socket);
    QString describe(const Connection &connection) const;
    void setShared(const std::function<void(MultiProcessShared &)> &change);

    const MultiProcessConfig m_config;
    const Registry &m_registry;
    const QString m_nodeId;
    const std::shared_ptr<MultiProcessShared> m_shared;
    MultiProcessCollector *const m_collector;

    // Election state.
    ElectionKind m_electionKind = ElectionKind::First;
    quint64 m_election = 0; ///< Bumped to cancel an election in flight.
    int m_attemptNumber = 0;
    std::chrono::steady_clock::time_point m_electionStart;
    bool m_warnedLate = false;
    QString m_lastConnectError;
    QString m_lastBindError;
    std::map<quint64, std::unique_ptr<Attempt>> m_attempts;

    // Node state.
    std::unique_ptr<Connection> m_link;
    int m_linkIndex = -1;
    quint64 m_skippedAnswers = 0;

    // Leader state.
    QTcpServer *m_server = nullptr;
    detail::Acceptor *m_acceptor = nullptr; ///< m_server's, where the platform allows
    int m_level = -1;
    std::map<quint64, std::unique_ptr<Connection>> m_peers;
    QTimer m_upgradeTimer;
    quint64 m_upgrade = 0; ///< Bumped to cancel an upgrade check in flight.
    bool m_upgrading = false;
    bool m_warnedOversized = false; ///< about a report too big for a viewer's frame
    detail::LogThrottle m_peerLog;  ///< warnings about peers

    quint64 m_nextKey = 0;
    bool m_shuttingDown = false;
};

} // namespace counters
