// SPDX-License-Identifier: MIT
#include "framepeer.h"
#include "snapshots.h"
#include "sources/localservicesource.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using counters::FrameType;
using dashboard::LocalServiceSource;
using dashboard::Source;
using namespace testdata;

class LocalServiceSourceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("svc"));
        m_peer = std::make_unique<FramePeer>(FramePeer::Kind::Local);
        m_source = std::make_unique<LocalServiceSource>(m_path);
        m_source->setRetryDelays(20, 100);
    }
    void cleanup()
    {
        m_source.reset();
        m_peer.reset();
        m_dir.reset();
    }

    void shouldGoLiveOnTheHelloAndDeliverBackfillThenLiveSnapshots()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        QSignalSpy snapshots(m_source.get(), &Source::snapshotReceived);
        m_source->start();
        QCOMPARE(m_source->state(), Source::State::Connecting);
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        for (int i = 0; i < 3; ++i)
            m_peer->sendSnapshot(tutorial(1000 + i, i));
        QTRY_COMPARE(snapshots.size(), 3);
        QCOMPARE(m_source->state(), Source::State::Live);
        QCOMPARE(m_source->displayName(), QStringLiteral("svc (pid 42)"));
        QCOMPARE(m_source->serviceInfo().pid, 42);
        QCOMPARE(snapshots.at(0).at(0).value<counters::Snapshot>(), tutorial(1000, 0));
        m_peer->sendSnapshot(tutorial(1003, 3));
        QTRY_COMPARE(snapshots.size(), 4);
        QCOMPARE(m_source->snapshotCount(), 4);
        QCOMPARE(m_source->lastSnapshotTime(), 1003.0);
    }

    void shouldAnswerAPing()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->send(FrameType::Ping);
        QTRY_COMPARE(m_peer->received().size(), 1);
        QCOMPARE(m_peer->received().at(0).type, FrameType::Ack);
    }

    void shouldDropGarbageAndReconnect()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        QTRY_COMPARE(m_source->state(), Source::State::Live);
        // A valid length, then version 9: not our protocol.
        m_peer->sendRaw(QByteArray::fromHex("0000000409020000"));
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QVERIFY2(m_source->errorString().contains(QLatin1String("Protocol error")),
                 qPrintable(m_source->errorString()));
        // It comes back by itself.
        QTRY_COMPARE(m_peer->connections(), 2);
        m_peer->sendHello(FramePeer::serviceHello());
        QTRY_COMPARE(m_source->state(), Source::State::Live);
        QVERIFY(m_source->errorString().isEmpty());
    }

    void shouldDropACorruptSnapshot()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        QSignalSpy snapshots(m_source.get(), &Source::snapshotReceived);
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendSnapshot(tutorial(1000));
        m_peer->send(FrameType::Snapshot, QByteArrayLiteral("{\"a\": [1, 2"));
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QCOMPARE(snapshots.size(), 1); // the good one before it still counts
        QVERIFY2(m_source->errorString().contains(QLatin1String("corrupt snapshot")),
                 qPrintable(m_source->errorString()));
    }

    void shouldReportAConnectionThatClosesInTheMiddleOfAFrame()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->setRetryDelays(5000, 5000); // stay in the error for the look
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        const QByteArray frame = counters::encodeFrame(
            {FrameType::Snapshot, counters::JsonCodec::toJson(tutorial(1000))});
        m_peer->sendRaw(frame.left(frame.size() / 2));
        m_peer->closeClient();
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QVERIFY2(m_source->errorString().contains(QLatin1String("middle of a frame")),
                 qPrintable(m_source->errorString()));
        QCOMPARE(m_source->snapshotCount(), 0);
    }

    void shouldWaitForAServiceThatIsNotRunningYet()
    {
        m_source->start();
        QTRY_COMPARE(m_source->state(), Source::State::Offline);
        QVERIFY2(m_source->message().contains(QLatin1String("not running")),
                 qPrintable(m_source->message()));
        QVERIFY(m_source->willRetry());
        QVERIFY(m_peer->listenLocal(m_path));
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        QTRY_COMPARE(m_source->state(), Source::State::Live);
    }

    void shouldReconnectWhenTheServiceRestarts()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        QSignalSpy snapshots(m_source.get(), &Source::snapshotReceived);
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        m_peer->sendSnapshot(tutorial(1000));
        QTRY_COMPARE(snapshots.size(), 1);

        // The service goes away without a word…
        QSignalSpy states(m_source.get(), &Source::stateChanged);
        m_peer.reset();
        QTRY_VERIFY(!states.isEmpty());
        QCOMPARE(states.at(0).at(0).value<Source::State>(), Source::State::Offline);
        QTRY_VERIFY(m_source->message().contains(QLatin1String("not running")));

        // …and comes back under the same name.
        m_peer = std::make_unique<FramePeer>(FramePeer::Kind::Local);
        QVERIFY(m_peer->listenLocal(m_path));
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        m_peer->sendSnapshot(tutorial(1001));
        QTRY_COMPARE(snapshots.size(), 2);
        QCOMPARE(m_source->state(), Source::State::Live);
    }

    void shouldShowAGoodbye()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->setRetryDelays(5000, 5000);
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        m_peer->send(FrameType::Bye, QByteArrayLiteral("shutting down"));
        QTRY_COMPARE(m_source->state(), Source::State::Offline);
        QVERIFY2(m_source->message().contains(QLatin1String("shutting down")),
                 qPrintable(m_source->message()));
    }

    void shouldRefuseAnotherProtocolVersion()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello(2));
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QVERIFY2(m_source->errorString().contains(QLatin1String("version 2")),
                 qPrintable(m_source->errorString()));
    }

    // A peer of the frame protocol that is no service (a multi-process node, say) is not
    // taken for one.
    void shouldRefuseAHelloOfAnotherRole()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        QJsonObject hello = FramePeer::serviceHello();
        hello.insert(QStringLiteral("role"), QStringLiteral("node"));
        hello.insert(QStringLiteral("node"), QStringLiteral("vm_1_0_1700000000.00"));
        m_peer->sendHello(hello);
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QVERIFY2(m_source->errorString().contains(QLatin1String("as a node, not as a service")),
                 qPrintable(m_source->errorString()));
    }

    void shouldDropAPeerThatStopsAnswering()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->setIdleTimeout(100);
        m_source->setRetryDelays(5000, 5000);
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_peer->sendHello(FramePeer::serviceHello());
        QTRY_COMPARE(m_source->state(), Source::State::Live);
        // The watchdog pings first…
        QTRY_VERIFY(!m_peer->received().isEmpty());
        QCOMPARE(m_peer->received().at(0).type, FrameType::Ping);
        // …and gives up when the ping goes unanswered.
        QTRY_COMPARE(m_source->state(), Source::State::Error);
        QVERIFY2(m_source->errorString().contains(QLatin1String("stopped answering")),
                 qPrintable(m_source->errorString()));
    }

    void shouldCloseTheConnectionWhenStopped()
    {
        QVERIFY(m_peer->listenLocal(m_path));
        m_source->start();
        QTRY_VERIFY(m_peer->client());
        m_source->stop();
        QCOMPARE(m_source->state(), Source::State::Offline);
        QTRY_VERIFY(m_peer->clientDisconnected());
        QTest::qWait(150); // longer than the retry delay: no reconnection
        QCOMPARE(m_peer->connections(), 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<FramePeer> m_peer;
    std::unique_ptr<LocalServiceSource> m_source;
};

QTEST_GUILESS_MAIN(LocalServiceSourceTest)
#include "tst_localservicesource.moc"
