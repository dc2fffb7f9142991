// SPDX-License-Identifier: MIT
// MultiProcessCollector against slow and stuck peers on loopback: a hello sent one byte at a
// time, a node that trickles its answer, a viewer that never reads, a "leader" that accepts and
// never answers. No hang, the other members are served, and what cannot work fails clearly.

#include "ports.h"

#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/event.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/groupauth.h>
#include <counters/format/jsoncodec.h>
#include <counters/report/reportingcontroller.h>
#include <counters/transport/multiprocesscollector.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <sys/socket.h>

#include <atomic>
#include <memory>
#include <thread>

using namespace counters;
using Role = MultiProcessCollector::Role;

using testsupport::freePort;

namespace {

QByteArray helloFrame(const QString &role, const QString &node)
{
    const QJsonObject hello{
        {QStringLiteral("protocol"), kGroupProtocolVersion},
        {QStringLiteral("role"), role},
        {QStringLiteral("node"), node},
        {QStringLiteral("service"), QStringLiteral("raw")},
        {QStringLiteral("pid"), 4242},
        {QStringLiteral("nonce"), QString::fromLatin1(GroupAuth::makeNonce().toBase64())}};
    return encodeFrame(
        Frame{FrameType::Hello, QJsonDocument(hello).toJson(QJsonDocument::Compact)});
}

/// A process of the group: a registry with one Total counter `value`, and its collector.
struct Member
{
    explicit Member(quint16 port, Role role, double value)
    {
        const QString event = QStringLiteral("slow_peers_%1").arg(++s_count);
        auto counter = std::make_shared<TotalCounter>(QStringLiteral("value"), QStringList{event});
        if (!registry.registerCounter(counter))
            qFatal("%ls", qUtf16Printable(registry.errorString()));
        reportValue(event, value);
        collector.setAddresses({CollectionAddress(port)});
        collector.setRole(role);
        collector.setTimeout(Seconds(10));
        collector.setUpgradeInterval(Seconds(0));
        collector.setSettleTime(Seconds(0));
    }

    Registry registry;
    ReportingController controller{registry};
    MultiProcessCollector collector{registry, controller}; // destroyed first
    static inline int s_count = 0;
};

/// Sends `bytes` to `socket` one byte every `intervalMs` from the test thread's event loop: a
/// slowloris peer, scaled from one byte a second so that tests stay fast.
class Trickler
{
public:
    Trickler(QTcpSocket *socket, QByteArray bytes, int intervalMs)
        : m_socket(socket), m_bytes(std::move(bytes))
    {
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            if (m_sent >= m_bytes.size() || m_socket->state() != QAbstractSocket::ConnectedState) {
                m_timer.stop();
                return;
            }
            m_socket->write(m_bytes.mid(m_sent++, 1));
        });
        m_timer.start(intervalMs);
    }
    qsizetype sent() const { return m_sent; }

private:
    QTcpSocket *m_socket;
    QByteArray m_bytes;
    QTimer m_timer;
    qsizetype m_sent = 0;
};

} // namespace

class MultiProcessSlowPeersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aHelloSentByteByByteShouldBeDroppedAtTheHelloTimeout()
    {
        // Given a leader with a node, and a peer that sends its hello one byte every 50 ms
        // (the whole hello would take several seconds),
        const quint16 port = freePort();
        Member leader(port, Role::Leader, 1);
        leader.collector.setHelloTimeout(Seconds(0.5));
        Member node(port, Role::Node, 2);
        QVERIFY(leader.collector.start());
        QVERIFY(node.collector.start());
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(slow.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        const Trickler trickler(&slow, helloFrame(QStringLiteral("node"), QStringLiteral("slow_1")),
                                50);

        // then rounds go on meanwhile with the real node,
        const std::optional<Snapshot> report = leader.collector.collect();
        QVERIFY(report);
        QCOMPARE(report->value(u"value"), std::optional<double>(3));
        // and the slow peer is cut off at the hello deadline, long before its hello is whole.
        QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(timer.elapsed() >= 450, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(trickler.sent()
                < helloFrame(QStringLiteral("node"), QStringLiteral("slow_1")).size());
        QCOMPARE(leader.collector.nodeIds(), QStringList{node.collector.nodeId()});
    }

    void aNodeTricklingItsAnswerShouldCostOnlyTheRoundDeadline()
    {
        // Given a leader, a real node and a raw node that answers a collect request one byte
        // every 50 ms,
        const quint16 port = freePort();
        Member leader(port, Role::Leader, 1);
        leader.collector.setRoundTimeout(Seconds(0.5));
        Member node(port, Role::Node, 2);
        QVERIFY(leader.collector.start());
        QVERIFY(node.collector.start());
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(raw.waitForConnected(5000));
        raw.write(helloFrame(QStringLiteral("node"), QStringLiteral("raw_1")));
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.nodeCount(), 2, 5000);
        std::unique_ptr<Trickler> trickler;
        FrameReader reader;
        QObject::connect(&raw, &QTcpSocket::readyRead, &raw, [&] {
            reader.readFrom(&raw);
            while (const std::optional<Frame> frame = reader.nextFrame()) {
                if (frame->type == FrameType::CollectRequest && !trickler) {
                    trickler = std::make_unique<Trickler>(
                        &raw, encodeFrame(Frame{FrameType::Snapshot, QByteArray(4096, ' ')}), 50);
                }
            }
        });

        // when the leader collects (in another thread: the raw node needs this one),
        std::optional<Snapshot> report;
        QElapsedTimer timer;
        timer.start();
        std::thread round([&] { report = leader.collector.collect(); });
        QTRY_VERIFY_WITH_TIMEOUT(trickler != nullptr, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(timer.elapsed() > 600, 5000); // keeps the raw node served
        round.join();

        // then the round ends at its deadline with the real node merged and the slow one
        // stale, and the next round does not wait for it at all.
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(report);
        QCOMPARE(report->value(u"value"), std::optional<double>(3));
        QVERIFY(report->nodes().last().source().stale);
        timer.restart();
        QVERIFY(leader.collector.collect());
        QVERIFY2(timer.elapsed() < 400, qPrintable(QString::number(timer.elapsed())));
    }

    void aViewerThatNeverReadsShouldNotStallRoundsOrOtherViewers()
    {
        // Given a leader with big reports (about 60 KiB each), a viewer that never reads (with
        // a tiny receive buffer) and one that does,
        const quint16 port = freePort();
        Member leader(port, Role::Leader, 1);
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(leader.registry.registerCounter(
                std::make_shared<TotalCounter>(QStringLiteral("padding_counter_%1").arg(i))));
        }
        leader.collector.setMaxQueuedFrames(8); // so that the stuck viewer's queue overflows
        QVERIFY(leader.collector.start());
        QTcpSocket stuck;
        stuck.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(stuck.waitForConnected(5000));
        const int small = 4096;
        ::setsockopt(int(stuck.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        stuck.setReadBufferSize(small);
        stuck.write(helloFrame(QStringLiteral("viewer"), {}));
        QTcpSocket good;
        good.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(good.waitForConnected(5000));
        good.write(helloFrame(QStringLiteral("viewer"), {}));
        FrameReader reader;
        int snapshots = 0;
        QObject::connect(&good, &QTcpSocket::readyRead, &good, [&] {
            reader.readFrom(&good);
            while (const std::optional<Frame> frame = reader.nextFrame())
                snapshots += frame->type == FrameType::Snapshot ? 1 : 0;
        });
        QTRY_COMPARE_WITH_TIMEOUT(leader.collector.viewerCount(), 2, 5000);

        // when the leader reports many times (several MiB for the stuck viewer),
        QElapsedTimer timer;
        timer.start();
        const int rounds = 60;
        for (int i = 0; i < rounds; ++i) {
            QVERIFY(leader.collector.collect());
            QCoreApplication::processEvents(); // the good viewer reads as it goes
        }

        // then no round waited for the stuck viewer, and the good one got every report,
        QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(snapshots, rounds, 5000);
        QCOMPARE(leader.collector.viewerCount(), 2);
        // while the stuck one's oldest reports were dropped and counted (it gets the latest).
        QTRY_VERIFY_WITH_TIMEOUT(leader.collector.droppedFrames() > 0, 5000);
        QVERIFY(leader.collector.droppedFrames() < quint64(rounds));
    }

    void aLeaderThatAcceptsAndNeverAnswersShouldFailTheElectionClearly()
    {
        // Given a "leader" that accepts connections and never reads or answers,
        QTcpServer mute;
        QVERIFY(mute.listen(QHostAddress::LocalHost, 0));
        Member node(mute.serverPort(), Role::Node, 1);
        node.collector.setConnectTimeout(Seconds(0.3));
        node.collector.setTimeout(Seconds(1));

        // when a node tries to join it (in another thread: start() blocks),
        bool ok = true;
        std::atomic<bool> done{false};
        QElapsedTimer timer;
        timer.start();
        std::thread joining([&] {
            ok = node.collector.start();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
        joining.join();

        // then start() gives up after its timeout, with a reason that names the silence.
        QVERIFY(!ok);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(node.collector.errorString().contains(QLatin1String("no answer within")),
                 qPrintable(node.collector.errorString()));
    }
};

QTEST_GUILESS_MAIN(MultiProcessSlowPeersTest)

#include "tst_multiprocessslowpeers.moc"
