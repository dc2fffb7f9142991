// SPDX-License-Identifier: MIT
#include "framepeer.h"
#include "snapshots.h"
#include "sources/leadersource.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using counters::CounterType;
using counters::FrameType;
using dashboard::LeaderSource;
using dashboard::Source;
using namespace testdata;

namespace {

QUrl leaderUrl(quint16 port, const QString &query = QString())
{
    QUrl url(QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

} // namespace

class LeaderSourceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldProveTheTokenAndGoLiveOnTheAck()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource source(leaderUrl(peer.port(), QStringLiteral("token=s3cret")));
        // The token never reaches what is shown or saved.
        QVERIFY2(!source.url().toString().contains(QLatin1String("s3cret")),
                 qPrintable(source.url().toString()));
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE(peer.received().size(), 1);
        const counters::Frame hello = peer.received().at(0);
        QCOMPARE(hello.type, FrameType::Hello);
        QVERIFY(!hello.payload.contains("s3cret"));
        const std::optional<counters::Hello> read = counters::Hello::fromJson(hello.payload);
        QVERIFY(read);
        QCOMPARE(read->role, counters::Hello::Role::Viewer);
        QCOMPARE(read->protocol, counters::kGroupProtocolVersion);
        QCOMPARE(source.state(), Source::State::Connecting);

        // The leader proves that it knows the token; the viewer answers with its own proof.
        const QByteArray nonce = counters::GroupAuth::makeNonce();
        counters::GroupChallenge challenge;
        challenge.leader = QStringLiteral("h_1_0_1");
        challenge.port = peer.port();
        challenge.nonce = nonce;
        challenge.proof = counters::GroupAuth::leaderProof(
            QStringLiteral("s3cret"), read->nonce, nonce, 0, challenge.port, challenge.leader);
        peer.send(FrameType::Challenge, challenge.toJson());
        QTRY_COMPARE(peer.received().size(), 2);
        QCOMPARE(peer.received().at(1).type, FrameType::Response);
        const auto response = counters::GroupResponse::fromJson(peer.received().at(1).payload);
        QVERIFY(response);
        QCOMPARE(response->proof,
                 counters::GroupAuth::peerProof(QStringLiteral("s3cret"), read->nonce, nonce,
                                                counters::Hello::Role::Viewer, QString()));
        QVERIFY(!source.isAccepted());

        peer.send(FrameType::Ack);
        QTRY_COMPARE(source.state(), Source::State::Live);
        QVERIFY(source.isAccepted());
        QVERIFY2(source.message().contains(QLatin1String("h_1_0_1")), qPrintable(source.message()));

        const auto merged =
            snapshot(1000, {row(QStringLiteral("hits"), CounterType::Frequency, 5)},
                     {node(QStringLiteral("h_1_0_1"), 1000,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 2)}),
                      node(QStringLiteral("h_2_0_1"), 1000,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 3)})});
        peer.sendSnapshot(merged);
        QTRY_COMPARE(snapshots.size(), 1);
        const auto received = snapshots.at(0).at(0).value<counters::Snapshot>();
        QCOMPARE(received.nodes().size(), 2);
        QCOMPARE(received.nodes().at(1).value(QStringLiteral("hits")), std::optional(3.0));
    }

    // Someone without the token on the leader's address gets no trust and shows no data.
    void shouldRefuseALeaderThatDoesNotProveTheToken()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource::setDefaultToken(QStringLiteral("from-the-environment"));
        LeaderSource source(leaderUrl(peer.port()));
        LeaderSource::setDefaultToken(QString());
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.setRetryDelays(1000, 1000);
        source.start();
        QTRY_COMPARE(peer.received().size(), 1);
        peer.sendSnapshot(snapshot(1000, {row(QStringLiteral("hits"), CounterType::Frequency, 5)}));
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("instead of Ack or Challenge")),
                 qPrintable(source.errorString()));
        QCOMPARE(snapshots.size(), 0);
    }

    void shouldGoLiveOnTheAckOfALeaderWithoutAToken()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource source(leaderUrl(peer.port()));
        source.start();
        QTRY_COMPARE(peer.received().size(), 1);
        peer.send(FrameType::Ack);
        QTRY_COMPARE(source.state(), Source::State::Live);
    }

    // A peer that floods Pings and never reads: the dashboard answers only while little waits
    // for it, instead of growing by every answer (1.7 GB in 20 s before).
    void shouldNotQueueAnswersForAPeerThatNeverReads()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        LeaderSource source(leaderUrl(server.serverPort()));
        source.start();
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QTRY_VERIFY(peer->bytesAvailable() > 0); // the hello
        peer->readAll();
        peer->write(counters::encodeFrame(counters::Frame{FrameType::Ack, {}}));
        QTRY_COMPARE(source.state(), Source::State::Live);

        constexpr int kPings = 2'000'000; // 12 MB; as many Acks if all were answered
        peer->setReadBufferSize(1);
        const QByteArray batch =
            counters::encodeFrame(counters::Frame{FrameType::Ping, {}}).repeated(10'000);
        for (int sent = 0; sent < kPings; sent += 10'000) {
            peer->write(batch);
            QTRY_VERIFY(peer->bytesToWrite() < 1'000'000);
        }
        QTRY_COMPARE(peer->bytesToWrite(), 0);
        QTest::qWait(200);
        peer->setReadBufferSize(0);
        QByteArray answers;
        while (peer->waitForReadyRead(200))
            answers += peer->readAll();
        const qsizetype acks = answers.size() / counters::kFrameHeaderSize;
        qInfo("answered %lld of %d Pings", qint64(acks), kPings);
        QVERIFY2(acks > 0 && acks < kPings / 2, qPrintable(QString::number(acks)));
        QCOMPARE(source.state(), Source::State::Live);
    }

    void shouldShowTheLeadersRefusal()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource source(leaderUrl(peer.port(), QStringLiteral("token=wrong")));
        source.setRetryDelays(20, 100);
        source.start();
        QTRY_COMPARE(peer.received().size(), 1);
        peer.send(FrameType::Error, QByteArrayLiteral("wrong token"));
        peer.closeClient();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("refused: wrong token")),
                 qPrintable(source.errorString()));
        // It tries again (the token may be fixed on the leader's side).
        QTRY_COMPARE(peer.connections(), 2);
    }

    void shouldReportARefusedConnection()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            port = closed.serverPort();
        }
        LeaderSource source(leaderUrl(port));
        source.setRetryDelays(5000, 5000);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("Cannot connect to the leader")),
                 qPrintable(source.errorString()));
        QVERIFY2(source.errorString().contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(source.errorString()));
    }

    void shouldGiveUpOnALeaderThatDoesNotAnswerTheHello()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource source(leaderUrl(peer.port()));
        source.setHelloTimeout(100);
        source.setRetryDelays(5000, 5000);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("did not answer")),
                 qPrintable(source.errorString()));
    }

    void shouldDropAnOversizedFrame()
    {
        FramePeer peer(FramePeer::Kind::Tcp);
        QVERIFY(peer.listenTcp());
        LeaderSource source(leaderUrl(peer.port()));
        source.setRetryDelays(5000, 5000);
        source.start();
        QTRY_COMPARE(peer.received().size(), 1);
        peer.send(FrameType::Ack);
        QTRY_COMPARE(source.state(), Source::State::Live);
        peer.sendRaw(QByteArray::fromHex("7fffffff0102")); // announces 2 GiB
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("Protocol error")),
                 qPrintable(source.errorString()));
        QTRY_VERIFY(peer.clientDisconnected());
    }
};

QTEST_GUILESS_MAIN(LeaderSourceTest)
#include "tst_leadersource.moc"
