// SPDX-License-Identifier: MIT
// MultiProcessCollector in one test process: several "members" (a registry, its reporting
// controller and its collector, each collector with its own network thread) talk over real
// loopback sockets. PyCounters 0.6's tests 23–27, the round deadline and stale
// nodes, viewers, and peers that break the protocol (raw sockets speaking bytes).

#include "multiprocesstesthelpers.h"
#include "ports.h"

#include <counters/counters.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/transport/multiprocesscollector.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <mutex>
#include <thread>

using namespace counters;
using Role = MultiProcessCollector::Role;

using namespace testsupport;

namespace {

/**
 * Holds a port as an unrelated program would: bound without SO_REUSEADDR and not listening,
 * so that connecting is refused and binding fails with "address in use".
 */
class PortBlocker
{
public:
    explicit PortBlocker(quint16 port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_blocking = m_fd >= 0
            && ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    }
    ~PortBlocker() { release(); }
    PortBlocker(const PortBlocker &) = delete;
    PortBlocker &operator=(const PortBlocker &) = delete;

    bool isBlocking() const { return m_blocking; }
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_blocking = false;
    }

private:
    int m_fd;
    bool m_blocking = false;
};

/// A reporter that counts what it is given (std::mutex: TSan does not see QMutex).
class CountingReporter : public Reporter
{
public:
    QList<Snapshot> snapshots() const
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_snapshots;
    }

protected:
    bool write(const Snapshot &snapshot, QString *) override
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_snapshots.append(snapshot);
        return true;
    }

private:
    mutable std::mutex m_mutex;
    QList<Snapshot> m_snapshots;
};

/// A node's answer as the protocol spells it: the report with "__round__" added.
QByteArray answerPayload(const Snapshot &snapshot, quint64 round)
{
    return "{\"__round__\":" + QByteArray::number(round) + ',' + JsonCodec::toJson(snapshot).mid(1);
}

Snapshot oneValue(const QString &name, double value)
{
    CounterRow row;
    row.name = name;
    row.type = CounterType::Total;
    row.value = value;
    row.count = 1;
    return Snapshot(1.7e9, {}, {row});
}

QList<double> nodeValues(const Snapshot &report, const QString &name)
{
    QList<double> values;
    for (const Snapshot &node : report.nodes()) {
        if (const std::optional<double> v = node.value(name))
            values.append(*v);
    }
    std::sort(values.begin(), values.end());
    return values;
}

QStringList nodeIdsOf(const Snapshot &report)
{
    QStringList ids;
    for (const Snapshot &node : report.nodes())
        ids.append(node.source().node);
    ids.sort();
    return ids;
}

QList<Role> sortedRoles(const std::vector<std::unique_ptr<Member>> &members)
{
    QList<Role> roles;
    for (const auto &member : members)
        roles.append(member->collector.actualRole().value_or(Role::Auto));
    std::sort(roles.begin(), roles.end());
    return roles;
}

} // namespace

class MultiProcessCollectorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // PyCounters 0.6's test_basic_multi_proccess_collections, with every merge rule: a leader and
    // three nodes, values exact.
    void leaderShouldMergeItselfAndThreeNodes()
    {
        const auto addresses = addressesOf(freePorts(1));
        std::vector<std::unique_ptr<Member>> members;
        members.push_back(std::make_unique<Member>(addresses, Role::Leader));
        for (int i = 0; i < 3; ++i)
            members.push_back(std::make_unique<Member>(addresses, Role::Node));
        for (const auto &m : members) {
            m->addCounter(CounterType::Total, QStringLiteral("val"));
            m->addCounter(CounterType::AverageWindow, QStringLiteral("avg"));
            m->addCounter(CounterType::MaxWindow, QStringLiteral("max"));
            m->addCounter(CounterType::MinWindow, QStringLiteral("min"));
            m->addCounter(CounterType::Window, QStringLiteral("sum"));
            m->addCounter(CounterType::Total, QStringLiteral("never"));
            m->addCounter(CounterType::PercentileWindow, QStringLiteral("latency"));
        }
        // latency: each process sees its own latencies; the merged quantiles are those of all
        // values (from the merged histograms, over TCP), not an average of quantiles.
        PercentileWindowCounter everything(QStringLiteral("latency"));
        for (int i = 0; i < 4; ++i) {
            for (int k = 1; k <= 50 * (i + 1); ++k) {
                const double latency = 0.001 * k * (i + 1);
                members[size_t(i)]->value(QStringLiteral("latency"), latency);
                everything.reportValue(latency);
            }
        }
        members[0]->addCounter(CounterType::Total, QStringLiteral("only_leader"));
        members[0]->value(QStringLiteral("only_leader"), 42);
        // val: PyCounters 0.6's 4 (leader) + 1 + 2 + 3.
        const double vals[] = {4, 1, 2, 3};
        for (int i = 0; i < 4; ++i)
            members[i]->value(QStringLiteral("val"), vals[i]);
        // avg: PyCounters 0.6's 0.0 (n=1), 0.5 (n=2), 1.0 (n=3), none → 4/6.
        members[0]->value(QStringLiteral("avg"), 0);
        members[1]->value(QStringLiteral("avg"), 0);
        members[1]->value(QStringLiteral("avg"), 1);
        for (int i = 0; i < 3; ++i)
            members[2]->value(QStringLiteral("avg"), 1);
        // max/min: 0/10/20/none and 5/-3/7/none; sum: 1.5/2.5/none/4.
        const double maxes[] = {0, 10, 20};
        const double mins[] = {5, -3, 7};
        for (int i = 0; i < 3; ++i) {
            members[i]->value(QStringLiteral("max"), maxes[i]);
            members[i]->value(QStringLiteral("min"), mins[i]);
        }
        members[0]->value(QStringLiteral("sum"), 1.5);
        members[1]->value(QStringLiteral("sum"), 2.5);
        members[3]->value(QStringLiteral("sum"), 4);

        for (const auto &m : members)
            QVERIFY2(m->collector.start(), qPrintable(m->collector.errorString()));
        MultiProcessCollector &leader = members[0]->collector;
        QCOMPARE(leader.actualRole(), std::optional<Role>(Role::Leader));
        QCOMPARE(leader.leaderLevel(), 0);
        // A node is registered before it is acknowledged, so all three are known now.
        QCOMPARE(leader.nodeCount(), 3);

        const std::optional<Snapshot> report = leader.collect();
        QVERIFY(report);
        QCOMPARE(report->value(u"val"), std::optional<double>(10));
        QCOMPARE(report->value(u"avg"), std::optional<double>(4.0 / 6.0));
        QCOMPARE(report->value(u"max"), std::optional<double>(20));
        QCOMPARE(report->value(u"min"), std::optional<double>(-3));
        QCOMPARE(report->value(u"sum"), std::optional<double>(8));
        QCOMPARE(report->value(u"only_leader"), std::optional<double>(42));
        QVERIFY(report->row(u"never"));
        QCOMPARE(report->value(u"never"), std::nullopt);
        QCOMPARE(report->row(u"avg")->count, quint64(6));
        QCOMPARE(report->row(u"avg")->type, CounterType::AverageWindow);
        const CounterRow *latency = report->row(u"latency");
        QVERIFY(latency);
        const CounterRow expected = everything.row();
        QCOMPARE(latency->count, quint64(500));
        QCOMPARE(latency->histogram, expected.histogram);
        for (const QString &q :
             {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p99")})
            QCOMPARE(latency->subValues.value(q), expected.subValues.value(q));
        QCOMPARE(latency->value, expected.value);

        // One node report per member, the leader's first, each keyed by its node id.
        QCOMPARE(report->nodes().size(), 4);
        QCOMPARE(nodeValues(*report, QStringLiteral("val")), (QList<double>{1, 2, 3, 4}));
        QCOMPARE(report->nodes().first().source().node, leader.nodeId());
        QStringList expectedIds;
        for (const auto &m : members)
            expectedIds.append(m->collector.nodeId());
        expectedIds.sort();
        QCOMPARE(nodeIdsOf(*report), expectedIds);
        for (const Snapshot &node : report->nodes())
            QVERIFY(!node.source().stale);
        QCOMPARE(report->source().node, leader.nodeId());

        const QJsonObject json = QJsonDocument::fromJson(JsonCodec::toJson(*report)).object();
        QCOMPARE(json.value(QLatin1String("__node_reports__")).toObject().size(), 4);
        QVERIFY(json.value(QLatin1String("__collection_time__")).toDouble() > 0);
        QCOMPARE(json.value(QLatin1String("val")).toDouble(), 10.0);

        for (int i = 1; i < 4; ++i) {
            QCOMPARE(members[i]->collector.actualRole(), std::optional<Role>(Role::Node));
            QCOMPARE(members[i]->collector.collect(), std::nullopt);
        }
    }

    void onlyTheLeaderShouldRunItsReporters()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        Member node(addresses);
        leader.addCounter(CounterType::Total, QStringLiteral("val"));
        node.addCounter(CounterType::Total, QStringLiteral("val"));
        leader.value(QStringLiteral("val"), 1);
        node.value(QStringLiteral("val"), 2);
        const auto leaderReporter = std::make_shared<CountingReporter>();
        const auto nodeReporter = std::make_shared<CountingReporter>();
        QVERIFY(leader.controller.registerReporter(leaderReporter));
        QVERIFY(node.controller.registerReporter(nodeReporter));
        QVERIFY(leader.collector.start());
        QVERIFY(node.collector.start());
        QVERIFY(leader.collector.isLeader());

        QVERIFY(leader.controller.outputReport());
        QVERIFY(node.controller.outputReport()); // nothing to report is no failure
        QCOMPARE(leaderReporter->snapshots().size(), 1);
        QCOMPARE(leaderReporter->snapshots().first().value(u"val"), std::optional<double>(3));
        QCOMPARE(leaderReporter->snapshots().first().nodes().size(), 2);
        QCOMPARE(nodeReporter->snapshots().size(), 0);

        // Stopped, a process reports its own registry again.
        node.collector.stop();
        QVERIFY(!node.collector.isRunning());
        QVERIFY(node.controller.outputReport());
        QCOMPARE(nodeReporter->snapshots().size(), 1);
        QCOMPARE(nodeReporter->snapshots().first().value(u"val"), std::optional<double>(2));
        QVERIFY(nodeReporter->snapshots().first().nodes().isEmpty());
    }

    // PyCounters 0.6's test_process_elections: three electing at once → exactly one leader. With
    // two addresses, the losers of the bind race on the first must join the winner, not lead on the
    // second.
    void threeThreadsShouldElectExactlyOneLeader_data()
    {
        QTest::addColumn<int>("addressCount");
        QTest::newRow("one address (PyCounters 0.6's test)") << 1;
        QTest::newRow("two addresses") << 2;
    }

    void threeThreadsShouldElectExactlyOneLeader()
    {
        QFETCH(int, addressCount);
        for (int run = 0; run < 5; ++run) {
            const auto addresses = addressesOf(freePorts(addressCount));
            std::vector<std::unique_ptr<Member>> members;
            for (int i = 0; i < 3; ++i)
                members.push_back(std::make_unique<Member>(addresses));
            std::vector<std::thread> threads;
            std::atomic<int> started{0};
            for (const auto &m : members) {
                MultiProcessCollector *collector = &m->collector;
                threads.emplace_back([collector, &started] {
                    if (collector->start())
                        ++started;
                });
            }
            for (std::thread &t : threads)
                t.join();
            QCOMPARE(started.load(), 3);
            QCOMPARE(sortedRoles(members), (QList<Role>{Role::Leader, Role::Node, Role::Node}));
            const auto leader = std::find_if(members.cbegin(), members.cend(),
                                             [](const auto &m) { return m->collector.isLeader(); });
            QCOMPARE((*leader)->collector.leaderLevel(), 0);
            QCOMPARE((*leader)->collector.nodeCount(), 2);
        }
    }

    // The loser of a bind race finds the preferred address taken after its connect failed: it
    // must join the process that took it, not lead a second group on the backup address.
    // Staged with a fake leader that drops the first connection and accepts the second.
    void loserOfABindRaceShouldJoinTheWinner()
    {
        const QList<quint16> ports = freePorts(2);
        std::atomic<int> listening{0}; // 1: listening, -1: could not
        QByteArray hello;
        std::thread fakeLeader([&] {
            QTcpServer server;
            if (!server.listen(QHostAddress::LocalHost, ports[0])) {
                listening = -1;
                return;
            }
            listening = 1;
            if (!server.waitForNewConnection(10000))
                return;
            std::unique_ptr<QTcpSocket> first(server.nextPendingConnection());
            first->abort(); // as if we had not been listening yet
            if (!server.waitForNewConnection(10000))
                return;
            std::unique_ptr<QTcpSocket> second(server.nextPendingConnection());
            FrameReader reader;
            while (second->waitForReadyRead(10000)) {
                reader.readFrom(second.get());
                if (const std::optional<Frame> frame = reader.nextFrame()) {
                    hello = frame->payload;
                    break;
                }
            }
            second->write(encodeFrame(Frame{FrameType::Ack, {}}));
            second->waitForBytesWritten(5000);
            second->waitForDisconnected(10000); // until the member leaves
        });
        if (!QTest::qWaitFor([&] { return listening.load() != 0; }, 5000)
            || listening.load() != 1) {
            fakeLeader.join();
            QFAIL("the fake leader cannot listen");
        }
        Member member(addressesOf(ports));
        const bool started = member.collector.start();
        const std::optional<Role> role = member.collector.actualRole();
        const std::optional<CollectionAddress> address = member.collector.currentAddress();
        member.collector.stop();
        fakeLeader.join();
        QVERIFY2(started, qPrintable(member.collector.errorString()));
        QCOMPARE(role, std::optional<Role>(Role::Node));
        QCOMPARE(address->port(), ports[0]);
        QVERIFY(hello.contains(member.collector.nodeId().toUtf8()));
    }

    // PyCounters 0.6's test_auto_reelection: the leader shuts down; the survivors re-elect at once,
    // keep their ids, and the new leader takes the preferred address (SO_REUSEADDR: no TIME_WAIT
    // wait).
    void survivorsShouldReelectWhenTheLeaderStops()
    {
        const auto addresses = addressesOf(freePorts(2));
        std::vector<std::unique_ptr<Member>> members;
        for (int i = 0; i < 3; ++i) {
            members.push_back(std::make_unique<Member>(addresses));
            QVERIFY(members.back()->collector.start());
        }
        QVERIFY(members[0]->collector.isLeader());
        QCOMPARE(members[0]->collector.nodeCount(), 2);
        // A round first, so that the stop happens in steady state.
        QCOMPARE(members[0]->collector.collect()->nodes().size(), 3);

        QElapsedTimer failover;
        failover.start();
        members[0]->collector.stop();
        members.erase(members.begin());
        QTRY_COMPARE_WITH_TIMEOUT(sortedRoles(members), (QList<Role>{Role::Leader, Role::Node}),
                                  5000);
        const auto &leader = members[0]->collector.isLeader() ? members[0] : members[1];
        QTRY_COMPARE_WITH_TIMEOUT(leader->collector.nodeCount(), 1, 5000);
        QCOMPARE(leader->collector.leaderLevel(), 0);
        const std::optional<Snapshot> report = leader->collector.collect();
        QVERIFY(report);
        const qint64 ms = failover.elapsed();
        QStringList survivors{members[0]->collector.nodeId(), members[1]->collector.nodeId()};
        survivors.sort();
        QCOMPARE(nodeIdsOf(*report), survivors);
        qInfo("orderly failover: the new leader's first report %lld ms after the stop", ms);
        QVERIFY2(ms <= 2000, qPrintable(QString::number(ms)));
    }

    // PyCounters 0.6's test_auto_server_upgrade_auto_role_simple: a leader on the backup address
    // takes the preferred one when it frees.
    void leaderShouldUpgradeFromTheBackupToThePreferredAddress()
    {
        const QList<quint16> ports = freePorts(2);
        const auto addresses = addressesOf(ports);
        PortBlocker blocker(ports[0]);
        QVERIFY(blocker.isBlocking());
        Member leader(addresses);
        Member node(addresses);
        QVERIFY2(leader.collector.start(), qPrintable(leader.collector.errorString()));
        QCOMPARE(leader.collector.leaderLevel(), 1);
        QCOMPARE(leader.collector.currentAddress()->port(), ports[1]);
        QVERIFY(node.collector.start());
        QCOMPARE(node.collector.currentAddress()->port(), ports[1]);

        leader.collector.tryUpgrade(); // the preferred address is still busy: nothing changes
        blocker.release();
        leader.collector.tryUpgrade();
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.leaderLevel(), 0, 5000);
        QCOMPARE(leader.collector.currentAddress()->port(), ports[0]);
        // The node was told to reconnect and found the leader at its new address.
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.nodeCount(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(node.collector.currentAddress()
                                     && node.collector.currentAddress()->port() == ports[0],
                                 5000);
        QCOMPARE(node.collector.actualRole(), std::optional<Role>(Role::Node));
        QCOMPARE(leader.collector.collect()->nodes().size(), 2);
    }

    void upgradeTimerShouldRetryThePreferredAddress()
    {
        const QList<quint16> ports = freePorts(2);
        PortBlocker blocker(ports[0]);
        QVERIFY(blocker.isBlocking());
        Member leader(addressesOf(ports), Role::Leader); // the Leader role binds, never pings
        leader.collector.setUpgradeInterval(Seconds(0.1));
        QVERIFY(leader.collector.start());
        QCOMPARE(leader.collector.leaderLevel(), 1);
        blocker.release();
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.leaderLevel(), 0, 5000);
        QCOMPARE(leader.collector.currentAddress()->port(), ports[0]);
    }

    // PyCounters 0.6's test_auto_server_upgrade_auto_role_switching_roles: a leader on the backup
    // address finds a better leader by ping, hands its nodes over and becomes a node itself.
    void leaderShouldBecomeANodeWhenABetterLeaderExists()
    {
        const QList<quint16> ports = freePorts(2);
        PortBlocker blocker(ports[0]);
        QVERIFY(blocker.isBlocking());
        Member a(addressesOf(ports));
        Member b(addressesOf(ports));
        QVERIFY(a.collector.start());
        QVERIFY(b.collector.start());
        QCOMPARE(a.collector.leaderLevel(), 1);
        QCOMPARE(b.collector.actualRole(), std::optional<Role>(Role::Node));

        blocker.release();
        Member c(addressesOf({ports[0]})); // knows only the preferred address
        QVERIFY(c.collector.start());
        QCOMPARE(c.collector.leaderLevel(), 0);

        a.collector.tryUpgrade();
        QTRY_COMPARE_WITH_TIMEOUT(c.collector.nodeCount(), 2, 5000);
        // A node knows its role once the leader's welcome is back, a moment after the leader
        // counts it.
        QTRY_COMPARE_WITH_TIMEOUT(a.collector.actualRole(), std::optional<Role>(Role::Node), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(b.collector.actualRole(), std::optional<Role>(Role::Node), 5000);
        QCOMPARE(a.collector.currentAddress()->port(), ports[0]);
        QStringList ids = c.collector.nodeIds();
        ids.sort();
        QStringList expected{a.collector.nodeId(), b.collector.nodeId()};
        expected.sort();
        QCOMPARE(ids, expected);
    }

    // A node that does not answer (a stopped process) is skipped at the deadline and marked
    // stale, not waited for again, and counted again once it answers.
    void silentNodeShouldBeSkippedMarkedStaleAndTakenBack()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses, Role::Leader);
        Member good(addresses, Role::Node);
        leader.addCounter(CounterType::Total, QStringLiteral("val"));
        good.addCounter(CounterType::Total, QStringLiteral("val"));
        leader.value(QStringLiteral("val"), 1);
        good.value(QStringLiteral("val"), 2);
        leader.collector.setRoundTimeout(Seconds(0.5));
        QVERIFY(leader.collector.start());
        QVERIFY(good.collector.start());

        RawPeer raw;
        QVERIFY(raw.connectTo(addresses[0].port()));
        raw.send(FrameType::Hello, helloPayload(QStringLiteral("node"), QStringLiteral("raw_1")));
        QCOMPARE(raw.next()->type, FrameType::Ack);
        QCOMPARE(leader.collector.nodeCount(), 2);

        // Round 1: the raw node says nothing; the report comes at the deadline without it.
        QElapsedTimer timer;
        timer.start();
        std::optional<Snapshot> report = leader.collector.collect();
        const qint64 firstRound = timer.elapsed();
        QVERIFY(report);
        QVERIFY2(firstRound >= 450 && firstRound < 3000, qPrintable(QString::number(firstRound)));
        QCOMPARE(report->value(u"val"), std::optional<double>(3));
        QCOMPARE(report->nodes().size(), 3);
        const Snapshot stale = report->nodes().last();
        QCOMPARE(stale.source().node, QStringLiteral("raw_1"));
        QVERIFY(stale.source().stale);
        QVERIFY(stale.rows().isEmpty());            // it never answered: no totals to stand in
        QCOMPARE(stale.source().pid, qint64(4242)); // from its hello
        QVERIFY(!report->nodes().at(1).source().stale);

        // Round 2: a stale node is not waited for.
        timer.restart();
        report = leader.collector.collect();
        const qint64 secondRound = timer.elapsed();
        QVERIFY(report);
        QVERIFY2(secondRound < 400, qPrintable(QString::number(secondRound)));
        QVERIFY(report->nodes().last().source().stale);

        // It wakes up and answers round 2, late: that only revives it (a Ping behind the
        // answer tells when the leader has read it).
        const std::optional<Frame> request = raw.next(FrameType::CollectRequest);
        QVERIFY(request);
        QCOMPARE(request->payload, QByteArray("{\"round\":1}"));
        QCOMPARE(raw.next(FrameType::CollectRequest)->payload, QByteArray("{\"round\":2}"));
        raw.send(FrameType::Snapshot, answerPayload(oneValue(QStringLiteral("val"), 7), 2));
        raw.send(FrameType::Ping);
        QCOMPARE(raw.next(FrameType::Ack)->type, FrameType::Ack);

        // Round 3: waited for again, and its fresh answer (not the late one) is merged.
        auto round3 = std::async(std::launch::async, [&] { return leader.collector.collect(); });
        const std::optional<Frame> third = raw.next(FrameType::CollectRequest);
        QVERIFY(third);
        QCOMPARE(third->payload, QByteArray("{\"round\":3}"));
        raw.send(FrameType::Snapshot, answerPayload(oneValue(QStringLiteral("val"), 100), 3));
        report = round3.get();
        QVERIFY(report);
        QCOMPARE(report->value(u"val"), std::optional<double>(103));
        QVERIFY(!report->nodes().last().source().stale);
        QCOMPARE(report->nodes().last().value(u"val"), std::optional<double>(100));
        QCOMPARE(report->nodes().last().source().node, QStringLiteral("raw_1"));
    }

    // A frozen node made merged running totals drop (9,685 → 7,375, then up again on resume),
    // which Prometheus' increase() reads as a reset and counts twice. A stale node's totals
    // stand in for it; the counts of a node that left stay, unless it comes back.
    void mergedTotalsShouldNeverDropWhileANodeIsSlowOrAfterItLeft()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses, Role::Leader);
        leader.addCounter(CounterType::Total, QStringLiteral("bytes"));
        leader.value(QStringLiteral("bytes"), 1);
        leader.collector.setRoundTimeout(Seconds(0.3));
        QVERIFY(leader.collector.start());
        const auto rows = [](double bytes, double requests) {
            CounterRow total;
            total.name = QStringLiteral("bytes");
            total.type = CounterType::Total;
            total.value = bytes;
            CounterRow events;
            events.name = QStringLiteral("requests");
            events.type = CounterType::Event;
            events.value = requests;
            CounterRow average;
            average.name = QStringLiteral("latency");
            average.type = CounterType::AverageWindow;
            average.value = 0.5;
            average.count = 4;
            return Snapshot(1.7e9, {}, {total, events, average});
        };
        const auto answerNext = [&](RawPeer &node, const Snapshot &snapshot) {
            auto round = std::async(std::launch::async, [&] { return leader.collector.collect(); });
            const std::optional<Frame> request = node.next(FrameType::CollectRequest);
            const quint64 number = request ? quint64(QJsonDocument::fromJson(request->payload)
                                                         .object()
                                                         .value(QLatin1String("round"))
                                                         .toInteger())
                                           : 0;
            node.send(FrameType::Snapshot, answerPayload(snapshot, number));
            return round.get();
        };

        auto node = std::make_unique<RawPeer>();
        QVERIFY(node->connectTo(addresses[0].port()));
        QString error;
        QVERIFY2(node->join(Hello::Role::Node, QStringLiteral("raw_1"), {}, &error),
                 qPrintable(error));
        std::optional<Snapshot> report = answerNext(*node, rows(100, 40));
        QVERIFY(report);
        QCOMPARE(report->value(u"bytes"), std::optional<double>(101));
        QCOMPARE(report->value(u"requests"), std::optional<double>(40));

        // Slow: its last totals stand in; its window statistics, which mean "now", do not.
        report = leader.collector.collect();
        QVERIFY(report);
        QVERIFY(report->nodes().last().source().stale);
        QCOMPARE(report->value(u"bytes"), std::optional<double>(101));
        QCOMPARE(report->value(u"requests"), std::optional<double>(40));
        QVERIFY(!report->nodes().last().row(u"latency"));

        // Gone for good: its counts stay in the merged counts (not as a node).
        node.reset();
        QTRY_COMPARE(leader.collector.nodeCount(), 0);
        report = leader.collector.collect();
        QVERIFY(report);
        QCOMPARE(report->nodes().size(), 1);
        QCOMPARE(report->value(u"requests"), std::optional<double>(40));
        QCOMPARE(report->value(u"bytes"), std::optional<double>(1)); // a gauge may go down

        // Back under its id: its own counts take over again, not counted twice.
        node = std::make_unique<RawPeer>();
        QVERIFY(node->connectTo(addresses[0].port()));
        QVERIFY2(node->join(Hello::Role::Node, QStringLiteral("raw_1"), {}, &error),
                 qPrintable(error));
        QTRY_COMPARE(leader.collector.nodeCount(), 1);
        // Until it answers, the counts it left stand for it (here it misses a round).
        report = leader.collector.collect();
        QVERIFY(report);
        QCOMPARE(report->value(u"requests"), std::optional<double>(40));
        // Its late answer revives it (a Ping behind it tells when the leader has read it).
        const std::optional<Frame> missed = node->next(FrameType::CollectRequest);
        QVERIFY(missed);
        node->send(FrameType::Snapshot,
                   answerPayload(rows(150, 44),
                                 quint64(QJsonDocument::fromJson(missed->payload)
                                             .object()
                                             .value(QLatin1String("round"))
                                             .toInteger())));
        node->send(FrameType::Ping);
        QVERIFY(node->next(FrameType::Ack));
        report = answerNext(*node, rows(150, 45));
        QVERIFY(report);
        QCOMPARE(report->value(u"requests"), std::optional<double>(45));
        QCOMPARE(report->value(u"bytes"), std::optional<double>(151));
    }

    void viewerShouldReceiveEveryMergedReport()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        leader.collector.setToken(QStringLiteral("s3cret"));
        leader.addCounter(CounterType::Total, QStringLiteral("val"));
        leader.value(QStringLiteral("val"), 5);
        QVERIFY(leader.collector.start());

        RawPeer viewer;
        QVERIFY(viewer.connectTo(addresses[0].port()));
        QString joinError;
        QVERIFY2(viewer.join(Hello::Role::Viewer, {}, QStringLiteral("s3cret"), &joinError),
                 qPrintable(joinError));
        QCOMPARE(leader.collector.viewerCount(), 1);
        QCOMPARE(leader.collector.nodeCount(), 0); // a viewer is no node

        for (int i = 0; i < 2; ++i) {
            const std::optional<Snapshot> report = leader.collector.collect();
            QVERIFY(report);
            const std::optional<Frame> pushed = viewer.next(FrameType::Snapshot);
            QVERIFY(pushed);
            QString error;
            const std::optional<Snapshot> received = JsonCodec::fromJson(pushed->payload, &error);
            QVERIFY2(received, qPrintable(error));
            QCOMPARE(*received, *report);
        }
        viewer.send(FrameType::Bye, "done");
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.viewerCount(), 0, 5000);
    }

    // Before its hello, a peer gets nothing but the handshake: a stranger cannot make the
    // leader queue answers for it.
    void pingShouldBeAnsweredOnlyAfterTheHello()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        QVERIFY(leader.collector.start());
        TransportLog log;
        RawPeer stranger;
        QVERIFY(stranger.connectTo(addresses[0].port()));
        stranger.send(FrameType::Ping);
        QVERIFY(stranger.closedByPeer());
        const std::optional<Frame> refusal = stranger.next(1000);
        QVERIFY(refusal);
        QCOMPARE(refusal->type, FrameType::Error);
        QVERIFY2(refusal->payload.contains("sent Ping before its hello"),
                 refusal->payload.constData());

        RawPeer viewer;
        QVERIFY(viewer.connectTo(addresses[0].port()));
        QString error;
        QVERIFY2(viewer.join(Hello::Role::Viewer, {}, {}, &error), qPrintable(error));
        viewer.send(FrameType::Ping);
        QCOMPARE(viewer.next(FrameType::Ack)->type, FrameType::Ack);

        // The election's probe: a "ping" hello is acknowledged and the connection closed.
        RawPeer probe;
        QVERIFY(probe.connectTo(addresses[0].port()));
        QVERIFY2(probe.join(Hello::Role::Ping, {}, {}, &error), qPrintable(error));
        QVERIFY(probe.closedByPeer());
        QCOMPARE(leader.collector.nodeCount(), 0);
    }

    // Whatever a peer sends, only that connection is dropped, with the reason logged; the
    // leader keeps serving its nodes.
    void badPeersShouldBeDroppedAndLogged_data()
    {
        QTest::addColumn<bool>("authenticate"); // run the handshake before sending `bytes`
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const auto frame = [](FrameType type, const QByteArray &payload) {
            return encodeFrame(Frame{type, payload});
        };
        const QByteArray badProof =
            frame(FrameType::Response, GroupResponse{QByteArray(32, '\0')}.toJson());
        QTest::newRow("garbage") << false << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                                 << QStringLiteral("exceeds the limit");
        QTest::newRow("1 GiB length prefix")
            << false << QByteArray("\x40\x00\x00\x00\x01\x01", 6)
            << QStringLiteral("frame of 1073741824 bytes exceeds the limit");
        // A hello is at most 64 KiB: a bigger frame before it is refused at its header.
        QTest::newRow("a 1 MiB frame before the hello")
            << false << QByteArray("\x00\x10\x00\x02\x01\x01", 6)
            << QStringLiteral("frame of 1048578 bytes exceeds the limit of 65538 bytes");
        QTest::newRow("wrong version") << false << QByteArray("\x00\x00\x00\x02\x02\x01", 6)
                                       << QStringLiteral("unsupported protocol version 2");
        QTest::newRow("unknown frame type") << false << QByteArray("\x00\x00\x00\x02\x01\x63", 6)
                                            << QStringLiteral("unknown frame type 99");
        QTest::newRow("wrong token")
            << false
            << frame(FrameType::Hello, helloPayload(QStringLiteral("node"), QStringLiteral("x_1")))
                + badProof
            << QStringLiteral("wrong token");
        QTest::newRow("viewer with a wrong token")
            << false
            << frame(FrameType::Hello, helloPayload(QStringLiteral("viewer"), {})) + badProof
            << QStringLiteral("wrong token");
        QTest::newRow("a response before the hello")
            << false << badProof << QStringLiteral("sent Response before its hello");
        QTest::newRow("hello not JSON")
            << false << frame(FrameType::Hello, "not json") << QStringLiteral("bad hello");
        QTest::newRow("hello of protocol 1, with its token in clear")
            << false
            << frame(FrameType::Hello,
                     R"({"protocol":1,"role":"node","node":"x_1","token":"s3cret"})")
            << QStringLiteral("unsupported protocol 1 (this leader speaks 2)");
        QTest::newRow("node without id")
            << false << frame(FrameType::Hello, helloPayload(QStringLiteral("node"), {}))
            << QStringLiteral("needs a node id");
        QTest::newRow("node id with terminal escapes")
            << false
            << frame(FrameType::Hello,
                     helloPayload(QStringLiteral("node"), QStringLiteral("x\n\x1b[2J")))
            << QStringLiteral("control or formatting characters");
        QTest::newRow("snapshot before hello")
            << false << frame(FrameType::Snapshot, "{}") << QStringLiteral("before its hello");
        QTest::newRow("silence") << false << QByteArray() << QStringLiteral("sent no hello within");
        QTest::newRow("a hello, then silence instead of the response")
            << false
            << frame(FrameType::Hello, helloPayload(QStringLiteral("node"), QStringLiteral("x_1")))
            << QStringLiteral("or did not finish it");
        QTest::newRow("in, then garbage")
            << true << QByteArray("\xff\xff\xff\xff", 4) << QStringLiteral("exceeds the limit");
        QTest::newRow("in, then a snapshot without a round")
            << true << frame(FrameType::Snapshot, "{\"val\": 1}")
            << QStringLiteral("no round number");
    }

    void badPeersShouldBeDroppedAndLogged()
    {
        QFETCH(bool, authenticate);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        TransportLog log;
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        Member node(addresses);
        for (Member *m : {&leader, &node}) {
            m->collector.setToken(QStringLiteral("s3cret"));
            m->collector.setHelloTimeout(Seconds(0.3));
            m->addCounter(CounterType::Total, QStringLiteral("val"));
        }
        leader.value(QStringLiteral("val"), 1);
        node.value(QStringLiteral("val"), 2);
        QVERIFY(leader.collector.start());
        QVERIFY(node.collector.start());
        QStringList rejected;
        connect(&leader.collector, &MultiProcessCollector::peerRejected, this,
                [&rejected](const QString &, const QString &why) { rejected.append(why); });

        RawPeer bad;
        QVERIFY(bad.connectTo(addresses[0].port()));
        QString joinError;
        if (authenticate)
            QVERIFY2(bad.join(Hello::Role::Node, QStringLiteral("x_1"), QStringLiteral("s3cret"),
                              &joinError),
                     qPrintable(joinError));
        if (!bytes.isEmpty())
            bad.sendBytes(bytes);
        QVERIFY2(bad.closedByPeer(), "the leader kept the connection");
        // The peer is told why before the door closes (after any Ack of a good hello).
        const std::optional<Frame> error = bad.next(FrameType::Error, 1000);
        QVERIFY(error);
        QVERIFY2(QString::fromUtf8(error->payload).contains(reason), error->payload.constData());
        QTRY_VERIFY_WITH_TIMEOUT(log.hasWarning(reason), 5000);
        QVERIFY(log.hasWarning(QStringLiteral("dropped 127.0.0.1:")));
        QTRY_COMPARE(rejected.size(), 1);
        QVERIFY2(rejected.first().contains(reason), qPrintable(rejected.first()));

        // The leader keeps serving: its node is still there and merged.
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.nodeCount(), 1, 5000);
        const std::optional<Snapshot> report = leader.collector.collect();
        QVERIFY(report);
        QCOMPARE(report->value(u"val"), std::optional<double>(3));
        QCOMPARE(report->nodes().size(), 2);
        QVERIFY(leader.collector.isLeader());
    }

    void nodeRoleShouldFailWhenNoLeaderAppearsInTime()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member node(addresses, Role::Node);
        node.collector.setTimeout(Seconds(0.5));
        QElapsedTimer timer;
        timer.start();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed to elect")));
        QVERIFY(!node.collector.start());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        const QString error = node.collector.errorString();
        QVERIFY2(error.contains(QLatin1String("failed to elect a leader within 0.5 s")),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(!node.collector.isRunning());
        QCOMPARE(node.collector.actualRole(), std::nullopt);
        QCOMPARE(node.collector.collect(), std::nullopt);
    }

    void nodeWithTheWrongTokenShouldBeRefusedWithTheReason()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        leader.collector.setToken(QStringLiteral("s3cret"));
        QVERIFY(leader.collector.start());
        Member node(addresses, Role::Node);
        node.collector.setToken(QStringLiteral("guess"));
        node.collector.setTimeout(Seconds(0.2));
        TransportLog log; // the leader's warnings about the intruder
        QVERIFY(!node.collector.start());
        const QString error = node.collector.errorString();
        // The node finds out first (the leader's proof does not hold for its token) and tells.
        QVERIFY2(error.contains(QLatin1String("could not prove that it knows the group's token")),
                 qPrintable(error));
        QCOMPARE(leader.collector.nodeCount(), 0);
        QTRY_VERIFY(log.hasWarning(QStringLiteral("reported an error: wrong token")));
    }

    void leaderRoleShouldFailWhenItsAddressIsTaken()
    {
        const QList<quint16> ports = freePorts(1);
        PortBlocker blocker(ports[0]);
        QVERIFY(blocker.isBlocking());
        Member leader(addressesOf(ports), Role::Leader);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot lead")));
        QVERIFY(!leader.collector.start());
        const QString error = leader.collector.errorString();
        QVERIFY2(error.contains(QLatin1String("cannot lead")), qPrintable(error));
        QVERIFY2(error.contains(QString::number(ports[0])), qPrintable(error));
    }

    void shouldRejectInvalidConfigurations()
    {
        Member none({});
        QVERIFY(!none.collector.start());
        QVERIFY(none.collector.errorString().contains(QLatin1String("no collection address")));

        Member anyPort({CollectionAddress(quint16(0))});
        QVERIFY(!anyPort.collector.start());
        QVERIFY(anyPort.collector.errorString().contains(QLatin1String("port 0")));

        // Only a leader nobody must find may take any port.
        Member leader({CollectionAddress(quint16(0))}, Role::Leader);
        QVERIFY(leader.collector.start());
        QVERIFY(leader.collector.currentAddress()->port() != 0);
    }

    void configureShouldRunTheProcessWideCollector()
    {
        const QList<quint16> ports = freePorts(2);
        QCOMPARE(multiProcessCollector(), nullptr);
        QVERIFY2(configureMultiProcessCollection(addressesOf({ports[0]}), Seconds(5), Role::Leader,
                                                 QStringLiteral("tok")),
                 qPrintable(multiProcessCollectionErrorString()));
        MultiProcessCollector *collector = multiProcessCollector();
        QVERIFY(collector);
        QVERIFY(collector->isLeader());
        QCOMPARE(collector->token(), QStringLiteral("tok"));
        QVERIFY(collector->collect());

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed to elect")));
        QVERIFY(!configureMultiProcessCollection(addressesOf({ports[1]}), Seconds(0), Role::Node));
        QVERIFY(multiProcessCollectionErrorString().contains(QLatin1String("failed to elect")));
        QVERIFY(!multiProcessCollector()->isRunning());
        shutdownMultiProcessCollection();
        QCOMPARE(multiProcessCollector(), nullptr);
    }
};

QTEST_GUILESS_MAIN(MultiProcessCollectorTest)
#include "tst_multiprocesscollector.moc"
