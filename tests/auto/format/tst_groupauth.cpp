// SPDX-License-Identifier: MIT
// The group handshake: both ends prove that they know the token without sending it, and
// neither a wrong token, a relay from another address, a replay nor a reflection gets through.

#include <counters/format/groupauth.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace counters;

namespace {

const QString kToken = QStringLiteral("s3cret");
const QString kLeaderId = QStringLiteral("vm_1_0_1718000000.00");

Hello nodeHello()
{
    Hello hello;
    hello.role = Hello::Role::Node;
    hello.node = QStringLiteral("vm_2_0_1718000000.00");
    hello.service = QStringLiteral("shop");
    return hello;
}

/// What a leader knowing `token` at `level` answers to the hello in `helloFrame`.
struct Leader
{
    QString token = kToken;
    int level = 0;
    quint16 port = 7000;
    QByteArray nonce = GroupAuth::makeNonce();
    Hello hello;

    Frame challenge(const Frame &helloFrame)
    {
        hello = *Hello::fromJson(helloFrame.payload);
        GroupChallenge c;
        c.leader = kLeaderId;
        c.level = level;
        c.port = port;
        c.nonce = nonce;
        c.proof = GroupAuth::leaderProof(token, hello.nonce, nonce, level, port, kLeaderId);
        return Frame{FrameType::Challenge, c.toJson()};
    }
    bool accepts(const Frame &response) const
    {
        const std::optional<GroupResponse> r = GroupResponse::fromJson(response.payload);
        return r
            && GroupAuth::proofsEqual(
                   r->proof,
                   GroupAuth::peerProof(token, hello.nonce, nonce, hello.role, hello.node));
    }
};

} // namespace

class GroupAuthTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldAuthenticateBothEndsWithoutSendingTheToken()
    {
        GroupHandshake peer(nodeHello(), kToken, 7000, 0);
        const Frame hello = peer.helloFrame();
        QCOMPARE(hello.type, FrameType::Hello);
        QVERIFY(!hello.payload.contains(kToken.toUtf8()));
        const QJsonObject object = QJsonDocument::fromJson(hello.payload).object();
        QCOMPARE(object.value(QLatin1String("protocol")).toInt(), kGroupProtocolVersion);

        Leader leader;
        const Frame challenge = leader.challenge(hello);
        QVERIFY(!challenge.payload.contains(kToken.toUtf8()));
        QCOMPARE(peer.handle(challenge), GroupHandshake::Step::Reply);
        QVERIFY(peer.reply());
        const Frame response = *peer.reply();
        QCOMPARE(response.type, FrameType::Response);
        QVERIFY(!response.payload.contains(kToken.toUtf8()));
        QVERIFY(leader.accepts(response));

        QCOMPARE(peer.handle(Frame{FrameType::Ack, HelloAck{}.toJson()}),
                 GroupHandshake::Step::Accepted);
        QCOMPARE(peer.ack().leader, kLeaderId); // from the proven challenge
        QCOMPARE(peer.ack().level, 0);
    }

    void leaderShouldRefuseAPeerWithAnotherToken()
    {
        GroupHandshake peer(nodeHello(), QStringLiteral("guess"), 7000, 0);
        Leader leader;
        // The peer finds out first: the leader's proof does not hold under its token.
        QCOMPARE(peer.handle(leader.challenge(peer.helloFrame())), GroupHandshake::Step::Failed);
        QVERIFY2(peer.errorString().contains(QLatin1String("could not prove")),
                 qPrintable(peer.errorString()));
        // And tells the leader, whose operator sees a member with another token.
        QVERIFY(peer.reply());
        QCOMPARE(peer.reply()->type, FrameType::Error);
        QVERIFY(peer.reply()->payload.startsWith("wrong token"));
    }

    void peerShouldRefuseAnImpostorLeader_data()
    {
        QTest::addColumn<QString>("leaderToken");
        QTest::addColumn<int>("leaderLevel");
        QTest::addColumn<int>("leaderPort");
        QTest::addColumn<int>("dialledLevel");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("another token")
            << QStringLiteral("guess") << 0 << 7000 << 0 << QStringLiteral("could not prove");
        // A process at address 0 that passes on the real leader's challenge from address 1.
        QTest::newRow("a relay from another level")
            << kToken << 1 << 7000 << 0
            << QStringLiteral("level 1, not at the dialled address's level 0");
        // The same, to a viewer, which knows no level: the port tells.
        QTest::newRow("a relay from another port")
            << kToken << 0 << 7001 << -1
            << QStringLiteral("port 7001, not on the dialled port 7000");
    }
    void peerShouldRefuseAnImpostorLeader()
    {
        QFETCH(QString, leaderToken);
        QFETCH(int, leaderLevel);
        QFETCH(int, leaderPort);
        QFETCH(int, dialledLevel);
        QFETCH(QString, mentions);
        GroupHandshake peer(nodeHello(), kToken, 7000, dialledLevel);
        Leader leader;
        leader.token = leaderToken;
        leader.level = leaderLevel;
        leader.port = quint16(leaderPort);
        QCOMPARE(peer.handle(leader.challenge(peer.helloFrame())), GroupHandshake::Step::Failed);
        QVERIFY2(peer.errorString().contains(mentions), qPrintable(peer.errorString()));
    }

    void peerWithATokenShouldRefuseALeaderThatDoesNotAskForIt()
    {
        GroupHandshake peer(nodeHello(), kToken, 7000, 0);
        QCOMPARE(peer.handle(Frame{FrameType::Ack, HelloAck{}.toJson()}),
                 GroupHandshake::Step::Failed);
        QVERIFY2(peer.errorString().contains(QLatin1String("without asking for the token")),
                 qPrintable(peer.errorString()));
    }

    void peerWithoutATokenShouldJoinAnOpenLeaderOnly()
    {
        GroupHandshake open(nodeHello(), QString(), 7000, 0);
        HelloAck ack;
        ack.leader = kLeaderId;
        ack.level = 0;
        QCOMPARE(open.handle(Frame{FrameType::Ack, ack.toJson()}), GroupHandshake::Step::Accepted);
        QCOMPARE(open.ack().leader, kLeaderId);

        GroupHandshake closed(nodeHello(), QString(), 7000, 0);
        Leader leader;
        QCOMPARE(closed.handle(leader.challenge(closed.helloFrame())),
                 GroupHandshake::Step::Failed);
        QVERIFY2(closed.errorString().contains(QLatin1String("none is set")),
                 qPrintable(closed.errorString()));
    }

    void aResponseShouldNotBeReplayableOnAnotherConnection()
    {
        GroupHandshake peer(nodeHello(), kToken, 7000, 0);
        Leader first;
        QCOMPARE(peer.handle(first.challenge(peer.helloFrame())), GroupHandshake::Step::Reply);
        const Frame response = *peer.reply();
        QVERIFY(first.accepts(response));
        // The same hello and response to a new connection: its nonce is fresh.
        Leader second;
        second.challenge(peer.helloFrame());
        QVERIFY(second.nonce != first.nonce);
        QVERIFY(!second.accepts(response));
    }

    void leaderProofShouldNotPassAsAPeerProof()
    {
        const QByteArray a = GroupAuth::makeNonce();
        const QByteArray b = GroupAuth::makeNonce();
        QCOMPARE(a.size(), GroupAuth::NonceSize);
        QVERIFY(a != b);
        QVERIFY(GroupAuth::leaderProof(kToken, a, b, 0, 7000, QString())
                != GroupAuth::peerProof(kToken, a, b, Hello::Role::Node, QString()));
        QVERIFY(GroupAuth::peerProof(kToken, a, b, Hello::Role::Node, QStringLiteral("x"))
                != GroupAuth::peerProof(kToken, a, b, Hello::Role::Viewer, QStringLiteral("x")));
        QVERIFY(GroupAuth::proofsEqual(a, a));
        QVERIFY(!GroupAuth::proofsEqual(a, b));
        QVERIFY(!GroupAuth::proofsEqual(a, a.left(31)));
    }

    void shouldRefuseMalformedOrUnexpectedFrames_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("challenge not JSON")
            << int(FrameType::Challenge) << QByteArray("nope") << QStringLiteral("challenge");
        QTest::newRow("challenge of protocol 1")
            << int(FrameType::Challenge) << QByteArray(R"({"protocol":1})")
            << QStringLiteral("not of protocol 2");
        QTest::newRow("challenge with a short proof")
            << int(FrameType::Challenge)
            << QByteArray(
                   R"({"protocol":2,"leader":"l","level":0,"port":7000,)"
                   R"("nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","proof":"AA=="})")
            << QStringLiteral("\"proof\" is not 32 bytes");
        QTest::newRow("an error") << int(FrameType::Error) << QByteArray("busy\n\x1b[2Jcleared")
                                  << QStringLiteral("busy\\n\\x1b");
        QTest::newRow("a snapshot")
            << int(FrameType::Snapshot) << QByteArray("{}") << QStringLiteral("answered Snapshot");
        QTest::newRow("a ping") << int(FrameType::Ping) << QByteArray()
                                << QStringLiteral("answered Ping");
    }
    void shouldRefuseMalformedOrUnexpectedFrames()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, payload);
        QFETCH(QString, mentions);
        GroupHandshake peer(nodeHello(), kToken, 7000, 0);
        QCOMPARE(peer.handle(Frame{FrameType(type), payload}), GroupHandshake::Step::Failed);
        QVERIFY2(peer.errorString().contains(mentions), qPrintable(peer.errorString()));
    }
};

QTEST_GUILESS_MAIN(GroupAuthTest)
#include "tst_groupauth.moc"
