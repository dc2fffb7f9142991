// SPDX-License-Identifier: MIT
// MultiProcessCollector against peers that attack it on loopback: a process without the token
// that holds the group's address, a flood of idle connections holding the hello slots, viewers
// beyond the cap, and a peer that floods Pings and never reads. The group keeps its data and
// its single leader, and what the attacker costs stays bounded.

#include "multiprocesstesthelpers.h"
#include "ports.h"
#include "threadnames.h"

#include <counters/base/platform_p.h>

#include <QTcpServer>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <future>
#include <thread>

using namespace counters;
using namespace testsupport;

namespace {

/**
 * Holds an address as a process without the token would: it accepts in a thread of its own
 * (the member under test blocks the test thread while it elects), records what it receives
 * and acknowledges every hello, as an impostor leader would.
 */
class RogueLeader
{
public:
    explicit RogueLeader(quint16 port)
    {
        std::promise<bool> listening;
        std::future<bool> ready = listening.get_future();
        m_thread = std::thread([this, port, &listening] { run(port, &listening); });
        m_listening = ready.get();
    }
    ~RogueLeader()
    {
        m_stop = true;
        m_thread.join();
    }
    RogueLeader(const RogueLeader &) = delete;
    RogueLeader &operator=(const RogueLeader &) = delete;

    bool isListening() const { return m_listening; }
    QByteArray received() const
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_bytes;
    }
    QList<FrameType> frameTypes() const
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_types;
    }

private:
    void run(quint16 port, std::promise<bool> *listening)
    {
        QTcpServer server;
        listening->set_value(server.listen(QHostAddress::LocalHost, port));
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        std::vector<std::unique_ptr<FrameReader>> readers;
        while (!m_stop) {
            if (server.waitForNewConnection(20)) {
                while (QTcpSocket *socket = server.nextPendingConnection()) {
                    sockets.emplace_back(socket);
                    readers.push_back(std::make_unique<FrameReader>());
                }
            }
            for (size_t i = 0; i < sockets.size(); ++i) {
                QTcpSocket &socket = *sockets[i];
                if (!socket.waitForReadyRead(5) && socket.bytesAvailable() == 0)
                    continue;
                const QByteArray bytes = socket.readAll();
                readers[i]->append(bytes);
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_bytes += bytes;
                while (const std::optional<Frame> frame = readers[i]->nextFrame()) {
                    m_types.append(frame->type);
                    if (frame->type == FrameType::Hello) {
                        HelloAck ack;
                        ack.leader = QStringLiteral("rogue_1_0_1");
                        socket.write(encodeFrame(Frame{FrameType::Ack, ack.toJson()}));
                        socket.write(
                            encodeFrame(Frame{FrameType::CollectRequest, "{\"round\":1}"}));
                        socket.waitForBytesWritten(100);
                    }
                }
            }
        }
    }

    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    bool m_listening = false;
    mutable std::mutex m_mutex;
    QByteArray m_bytes;
    QList<FrameType> m_types;
};

} // namespace

class MultiProcessHostilePeersTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A process without the token binds the preferred address first. A member with the token
    // neither reveals it nor reports there: it leads the group at the next address instead.
    void aRogueLeaderShouldGetNeitherTheTokenNorTheData()
    {
        const QList<quint16> ports = freePorts(2);
        RogueLeader rogue(ports[0]);
        QVERIFY(rogue.isListening());
        Member member(addressesOf(ports));
        member.collector.setToken(QStringLiteral("s3cret"));
        member.addCounter(CounterType::Total, QStringLiteral("val"));
        member.value(QStringLiteral("val"), 7);
        TransportLog log;
        QVERIFY2(member.collector.start(), qPrintable(member.collector.errorString()));
        QVERIFY(member.collector.isLeader());
        QCOMPARE(member.collector.leaderLevel(), 1);
        // Its thread shows as ours in top -H, debuggers and profilers.
        if (QFile::exists(QStringLiteral("/proc/self/task")))
            QVERIFY(testsupport::threadNames().contains(QStringLiteral("counters-group")));

        QTRY_VERIFY(rogue.frameTypes().contains(FrameType::Hello));
        QVERIFY(!rogue.received().contains("s3cret"));
        QVERIFY(!rogue.frameTypes().contains(FrameType::Snapshot));
        // Its own report is whole: the data went nowhere else.
        const std::optional<Snapshot> report = member.collector.collect();
        QVERIFY(report);
        QCOMPARE(report->value(u"val"), std::optional<double>(7));
    }

    // 70 idle connections hold every hello slot; a real node still joins the one leader (before,
    // it was refused and led a second group at a backup address: a split brain).
    void idleConnectionsShouldNotLockNodesOut()
    {
        const QList<quint16> ports = freePorts(2);
        const auto addresses = addressesOf(ports);
        Member leader(addresses);
        leader.collector.setToken(QStringLiteral("s3cret"));
        QVERIFY(leader.collector.start());
        QCOMPARE(leader.collector.leaderLevel(), 0);

        TransportLog log;
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 70; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, ports[0]);
            QVERIFY(idle.back()->waitForConnected(5000));
        }
        Member node(addresses);
        node.collector.setToken(QStringLiteral("s3cret"));
        QVERIFY2(node.collector.start(), qPrintable(node.collector.errorString()));
        QCOMPARE(node.collector.actualRole(), std::optional<Role>(Role::Node));
        QCOMPARE(node.collector.currentAddress()->port(), ports[0]);
        QTRY_COMPARE(leader.collector.nodeCount(), 1);
        // The oldest idle connections were let go to make room, and said so (a few lines, not 70).
        QTRY_VERIFY(log.hasWarning(QStringLiteral("made room for a new connection")));
        QVERIFY2(log.warnings().size() <= 12, qPrintable(log.warnings().join(u'\n')));
    }

    void viewersBeyondTheCapShouldBeRefused()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        leader.collector.setMaxViewers(2);
        QCOMPARE(leader.collector.maxViewers(), 2);
        QVERIFY(leader.collector.start());
        TransportLog log;
        RawPeer first;
        RawPeer second;
        RawPeer third;
        QString error;
        for (RawPeer *viewer : {&first, &second}) {
            QVERIFY(viewer->connectTo(addresses[0].port()));
            QVERIFY2(viewer->join(Hello::Role::Viewer, {}, {}, &error), qPrintable(error));
        }
        QTRY_COMPARE(leader.collector.viewerCount(), 2);
        QVERIFY(third.connectTo(addresses[0].port()));
        QVERIFY(!third.join(Hello::Role::Viewer, {}, {}, &error));
        QVERIFY2(error.contains(QLatin1String("too many viewers: 2 are watching already")),
                 qPrintable(error));
        QCOMPARE(leader.collector.viewerCount(), 2);

        // A place comes free when a viewer leaves.
        first.send(FrameType::Bye, "done");
        QTRY_COMPARE(leader.collector.viewerCount(), 1);
        RawPeer fourth;
        QVERIFY(fourth.connectTo(addresses[0].port()));
        QVERIFY2(fourth.join(Hello::Role::Viewer, {}, {}, &error), qPrintable(error));
    }

    // A viewer floods Pings and never reads: the leader stops answering once 64 KiB wait for
    // it, instead of queueing an answer to each (before: 475 MB in 5 s).
    void aPingFloodFromAPeerThatNeverReadsShouldCostBoundedMemory()
    {
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        QVERIFY(leader.collector.start());
        RawPeer viewer;
        QVERIFY(viewer.connectTo(addresses[0].port()));
        QString error;
        QVERIFY2(viewer.join(Hello::Role::Viewer, {}, {}, &error), qPrintable(error));
        viewer.socket.setReadBufferSize(1); // read nothing from here on: the kernel fills up

        constexpr int kPings = 2'000'000; // 12 MB of Pings; as many Acks if all were answered
        const QByteArray batch = encodeFrame(Frame{FrameType::Ping, {}}).repeated(10'000);
        for (int sent = 0; sent < kPings; sent += 10'000) {
            viewer.socket.write(batch);
            while (viewer.socket.bytesToWrite() > 0 && viewer.socket.waitForBytesWritten(5000)) {
            }
        }
        QTest::qWait(300);
        viewer.socket.setReadBufferSize(0);
        QByteArray answers;
        while (viewer.socket.waitForReadyRead(300))
            answers += viewer.socket.readAll();
        answers += viewer.socket.readAll();
        const qsizetype acks = answers.size() / kFrameHeaderSize;
        qInfo("answered %lld of %d Pings (%lld bytes)", qint64(acks), kPings,
              qint64(answers.size()));
        QVERIFY2(acks > 0, "the leader answered no Ping at all");
        QVERIFY2(acks < kPings / 2, qPrintable(QString::number(acks)));
        QVERIFY(viewer.socket.state() == QAbstractSocket::ConnectedState);
    }

    // The process runs out of descriptors: a connection then is closed at once, and the leader
    // accepts again by itself once descriptors are free (QTcpServer alone stops for good).
    void theLeaderShouldAcceptAgainAfterRunningOutOfDescriptors()
    {
        if (!detail::platform::canAcceptConnections())
            QSKIP("QTcpServer accepts on this platform");
        const auto addresses = addressesOf(freePorts(1));
        Member leader(addresses);
        QVERIFY(leader.collector.start());
        TransportLog log;
        std::vector<int> filler;
        for (int fd; (fd = ::dup(0)) >= 0;)
            filler.push_back(fd);
        QCOMPARE(errno, EMFILE);
        ::close(filler.back()); // one left, which the client takes
        filler.pop_back();
        {
            RawPeer shed;
            QVERIFY(shed.connectTo(addresses[0].port()));
            QVERIFY(shed.closedByPeer());
        }
        for (const int fd : filler)
            ::close(fd);
        QTRY_VERIFY(
            log.hasWarning(QStringLiteral("multi-process leader: no file descriptor left")));
        RawPeer viewer;
        QVERIFY(viewer.connectTo(addresses[0].port()));
        QString error;
        QVERIFY2(viewer.join(Hello::Role::Viewer, {}, {}, &error), qPrintable(error));
        QTRY_COMPARE(leader.collector.viewerCount(), 1);
    }
};

QTEST_GUILESS_MAIN(MultiProcessHostilePeersTest)
#include "tst_multiprocesshostilepeers.moc"
