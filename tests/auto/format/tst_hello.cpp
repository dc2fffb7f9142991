// SPDX-License-Identifier: MIT
// The hello payload of every connection that speaks frames: what a service writes to its
// viewers, what a node, a viewer or a probe writes to a leader, and the leader's answer.

#include <counters/base/snapshot.h>
#include <counters/format/hello.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace counters;

namespace {

Hello demoInfo()
{
    Hello info;
    info.role = Hello::Role::Service;
    info.service = QStringLiteral("counters-demo-server");
    info.pid = 4242;
    info.host = QStringLiteral("build-vm");
    info.processStart = 1718000000.5;
    info.backfill = 120;
    info.counters = {{QStringLiteral("requests_data_len_avg"), CounterType::AverageWindow, 900},
                     {QStringLiteral("requests_time"), CounterType::AverageTime, 300, Unit::Second},
                     {QStringLiteral("requests_data_len"), CounterType::Total, 0}};
    return info;
}

} // namespace

class HelloTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldWriteTheDocumentedSchema()
    {
        const QJsonObject object = QJsonDocument::fromJson(demoInfo().toJson()).object();
        QCOMPARE(object.value(QLatin1String("protocol")).toInt(), 1);
        QCOMPARE(object.value(QLatin1String("role")).toString(), QStringLiteral("service"));
        QCOMPARE(object.value(QLatin1String("service")).toString(),
                 QStringLiteral("counters-demo-server"));
        QCOMPARE(object.value(QLatin1String("pid")).toInteger(), 4242);
        QCOMPARE(object.value(QLatin1String("host")).toString(), QStringLiteral("build-vm"));
        QCOMPARE(object.value(QLatin1String("process_start")).toDouble(), 1718000000.5);
        QCOMPARE(object.value(QLatin1String("backfill")).toInt(), 120);
        const QJsonObject first =
            object.value(QLatin1String("counters")).toArray().first().toObject();
        QCOMPARE(first.value(QLatin1String("name")).toString(),
                 QStringLiteral("requests_data_len_avg"));
        QCOMPARE(first.value(QLatin1String("type")).toString(),
                 QStringLiteral("AverageWindowCounter"));
        QCOMPARE(first.value(QLatin1String("window")).toDouble(), 900.0);
        QCOMPARE(first.value(QLatin1String("unit")).toString(), QString());
        const QJsonObject second =
            object.value(QLatin1String("counters")).toArray().at(1).toObject();
        QCOMPARE(second.value(QLatin1String("unit")).toString(), QStringLiteral("seconds"));
    }

    void shouldReadBackWhatItWrites()
    {
        QString error;
        const std::optional<Hello> read = Hello::fromJson(demoInfo().toJson(), &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(*read == demoInfo());
    }

    void shouldDescribeTheCountersOfASnapshot()
    {
        const Snapshot snapshot(
            5, {},
            {CounterRow{
                 QStringLiteral("b"), CounterType::Frequency, 2.0, 60, 3, {}, {}, Unit::PerSecond},
             CounterRow{QStringLiteral("a"), CounterType::MaxWindow, std::nullopt, 10, 0, {}}});
        const QList<Hello::CounterInfo> expected{
            {QStringLiteral("a"), CounterType::MaxWindow, 10},
            {QStringLiteral("b"), CounterType::Frequency, 60, Unit::PerSecond}};
        QVERIFY(Hello::countersOf(snapshot) == expected);
        QVERIFY(Hello::countersOf(Snapshot()).isEmpty());
    }

    // What an older or newer service may send: defaults for what is missing, unknown things
    // ignored.
    void shouldReadMinimalAndNewerHellos()
    {
        std::optional<Hello> info =
            Hello::fromJson(R"({"protocol":1,"role":"service","service":"s"})");
        QVERIFY(info);
        QCOMPARE(info->service, QStringLiteral("s"));
        QCOMPARE(info->pid, qint64(0));
        QVERIFY(info->counters.isEmpty());

        info = Hello::fromJson(
            R"({"protocol":1,"role":"service","service":"s","future":[1,2],)"
            R"("counters":[{"name":"x","type":"QuantumCounter","window":5,"unit":"ms"},)"
            R"({"name":"y"},{"name":"z","type":"AverageTimeCounter"}]})");
        QVERIFY(info);
        QCOMPARE(info->counters.size(), 3);
        QCOMPARE(info->counters.at(0).type, CounterType::Unknown);
        QCOMPARE(info->counters.at(0).window, 5.0);
        QCOMPARE(info->counters.at(0).unit, Unit::None); // a unit it does not know
        QCOMPARE(info->counters.at(1).window, 0.0);
        QCOMPARE(info->counters.at(2).unit, Unit::Second); // older hellos: the type's unit
    }

    void shouldRejectWhatIsNotAHello_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("{\"protocol\":") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
        QTest::newRow("no protocol")
            << QByteArray(R"({"role":"service","service":"s"})") << QStringLiteral("no protocol");
        QTest::newRow("a node without its id") << QByteArray(
            R"({"protocol":2,"role":"node","service":"s","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
                                               << QStringLiteral("needs a node id");
        QTest::newRow("a node without a nonce")
            << QByteArray(R"({"protocol":2,"role":"node","node":"n"})")
            << QStringLiteral("the nonce is not 32 bytes");
        QTest::newRow("a short nonce")
            << QByteArray(R"({"protocol":2,"role":"viewer","nonce":"AAAA"})")
            << QStringLiteral("the nonce is not 32 bytes");
        QTest::newRow("a node id with a terminal escape")
            << QByteArray("{\"protocol\":2,\"role\":\"node\",\"node\":\"n\\u001b[31m\","
                          R"("nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
            << QStringLiteral("control or formatting characters");
        QTest::newRow("a node id with a bidirectional override")
            << QByteArray("{\"protocol\":2,\"role\":\"node\",\"node\":\"n\\u202eexe.txt\","
                          R"("nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
            << QStringLiteral("control or formatting characters");
        QTest::newRow("a node id of 257 characters")
            << QByteArray(R"({"protocol":2,"role":"node","node":")" + QByteArray(257, 'n')
                          + R"(","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
            << QStringLiteral("257 characters, more than 256");
        QTest::newRow("no role") << QByteArray(R"({"protocol":1,"service":"s"})")
                                 << QStringLiteral("<missing>");
        QTest::newRow("an unknown role") << QByteArray(R"({"protocol":1,"role":"boss"})")
                                         << QStringLiteral("unknown role \"boss\"");
        QTest::newRow("a role that is no string")
            << QByteArray(R"({"protocol":1,"role":1})") << QStringLiteral("unknown role");
        QTest::newRow("no name") << QByteArray(R"({"protocol":1,"role":"service"})")
                                 << QStringLiteral("needs its name");
        QTest::newRow("a nonce that is no string")
            << QByteArray(R"({"protocol":2,"role":"node","node":"n","nonce":7})")
            << QStringLiteral("\"nonce\" is not a string");
        QTest::newRow("pid text") << QByteArray(
            R"({"protocol":1,"role":"service","service":"s","pid":"12"})")
                                  << QStringLiteral("pid");
        QTest::newRow("pid fraction")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s","pid":1.5})")
            << QStringLiteral("pid");
        QTest::newRow("host number")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s","host":1})")
            << QStringLiteral("host");
        QTest::newRow("negative backfill")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s","backfill":-1})")
            << QStringLiteral("backfill");
        QTest::newRow("counters object")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s","counters":{}})")
            << QStringLiteral("counters is not an array");
        QTest::newRow("counter without name")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s","counters":[{}]})")
            << QStringLiteral("counter 0 has no name");
        QTest::newRow("negative window")
            << QByteArray(R"({"protocol":1,"role":"service","service":"s",)"
                          R"("counters":[{"name":"c","window":-1}]})")
            << QStringLiteral("window of counter \"c\"");
    }

    // A hello of another protocol version decodes, so that its receiver can say which.
    void shouldReadTheVersionOfAnotherProtocol()
    {
        std::optional<Hello> hello =
            Hello::fromJson(R"({"protocol":2,"role":"service","service":"s"})");
        QVERIFY(hello);
        QCOMPARE(hello->protocol, 2);
        QCOMPARE(hello->role, Hello::Role::Service);
        // Whatever else another version changed, its version is what the receiver learns.
        hello = Hello::fromJson(R"({"protocol":3,"role":"node","node":7,"counters":{}})");
        QVERIFY(hello);
        QCOMPARE(hello->protocol, 3);
        QCOMPARE(hello->role, Hello::Role::Node);
        QVERIFY(hello->node.isEmpty());
    }

    // What peers of the previous version wrote, byte for byte, still reads.
    void shouldReadThePreviousWireFormats_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("node");
        QTest::newRow("a service without units")
            << QByteArray(R"({"backfill":2,"counters":[{"name":"t","type":"AverageTimeCounter",)"
                          R"("window":300}],"host":"vm","pid":7,"process_start":1718000000.5,)"
                          R"("protocol":1,"role":"service","service":"demo"})")
            << int(Hello::Role::Service) << QString();
        QTest::newRow("a node") << QByteArray(
            R"({"host":"vm","node":"vm_7_0_1718000000.00",)"
            R"("pid":7,"process_start":0,"protocol":2,)"
            R"("role":"node","service":"demo",)"
            R"("nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
                                << int(Hello::Role::Node) << QStringLiteral("vm_7_0_1718000000.00");
        QTest::newRow("a viewer with an empty node") << QByteArray(
            R"({"host":"","node":"","pid":0,"process_start":0,"protocol":2,)"
            R"("role":"viewer","service":"","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
                                                     << int(Hello::Role::Viewer) << QString();
        QTest::newRow("a ping with an empty node") << QByteArray(
            R"({"host":"vm","node":"","pid":7,"process_start":0,"protocol":2,)"
            R"("role":"ping","service":"demo","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})")
                                                   << int(Hello::Role::Ping) << QString();
    }

    // A group member of protocol 1 sent its token in clear: it is read as another version, so
    // that the leader can say which, and nothing of it is taken.
    void shouldReadGroupHellosOfProtocolOneAsAnotherVersion()
    {
        QString error;
        const std::optional<Hello> hello = Hello::fromJson(
            R"({"protocol":1,"role":"node","node":"vm_7","token":"s3cret"})", &error);
        QVERIFY2(hello, qPrintable(error));
        QCOMPARE(hello->protocol, 1);
        QCOMPARE(hello->role, Hello::Role::Node);
        QVERIFY(hello->node.isEmpty());
        QVERIFY(hello->protocol != Hello::protocolOf(hello->role));
    }
    void shouldReadThePreviousWireFormats()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, role);
        QFETCH(QString, node);
        QString error;
        const std::optional<Hello> hello = Hello::fromJson(json, &error);
        QVERIFY2(hello, qPrintable(error));
        QCOMPARE(int(hello->role), role);
        QCOMPARE(hello->node, node);
        if (hello->role == Hello::Role::Service) {
            QCOMPARE(hello->counters.size(), 1);
            QCOMPARE(hello->counters.first().unit, Unit::Second); // the type's
            QCOMPARE(hello->backfill, 2);
        }
    }

    void shouldCarryEveryRole_data()
    {
        QTest::addColumn<int>("role"); // Hello::Role
        QTest::addColumn<QString>("name");
        QTest::newRow("service") << int(Hello::Role::Service) << QStringLiteral("service");
        QTest::newRow("node") << int(Hello::Role::Node) << QStringLiteral("node");
        QTest::newRow("viewer") << int(Hello::Role::Viewer) << QStringLiteral("viewer");
        QTest::newRow("ping") << int(Hello::Role::Ping) << QStringLiteral("ping");
    }
    void shouldCarryEveryRole()
    {
        QFETCH(int, role);
        QFETCH(QString, name);
        Hello hello;
        hello.role = Hello::Role(role);
        hello.protocol = Hello::protocolOf(hello.role);
        hello.service = QStringLiteral("shop");
        hello.node = QStringLiteral("vm_7_0_1718000000.00");
        if (hello.role != Hello::Role::Service)
            hello.nonce = QByteArray(32, '\x5a');
        hello.host = QStringLiteral("vm");
        hello.pid = 7;
        hello.processStart = 1718000000.25;
        if (hello.role == Hello::Role::Service)
            hello.counters = {{QStringLiteral("t"), CounterType::AverageTime, 300, Unit::Second}};
        const QJsonObject object = QJsonDocument::fromJson(hello.toJson()).object();
        QCOMPARE(object.value(QLatin1String("role")).toString(), name);
        QCOMPARE(object.value(QLatin1String("protocol")).toInt(),
                 hello.role == Hello::Role::Service ? 1 : 2);
        QVERIFY(!object.contains(QLatin1String("token"))); // proven, never sent
        // Only a service lists its counters.
        QCOMPARE(object.contains(QLatin1String("counters")), hello.role == Hello::Role::Service);
        QString error;
        const std::optional<Hello> read = Hello::fromJson(hello.toJson(), &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(*read == hello);
    }

    void shouldReadTheLeadersAcknowledgement()
    {
        HelloAck ack;
        ack.leader = QStringLiteral("vm_7_0_1718000000.00");
        ack.level = 1;
        QCOMPARE(ack.toJson(),
                 QByteArray(R"({"leader":"vm_7_0_1718000000.00","level":1,"protocol":2})"));
        QString error;
        const std::optional<HelloAck> read = HelloAck::fromJson(ack.toJson(), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->leader, ack.leader);
        QCOMPARE(read->level, 1);
        QCOMPARE(read->protocol, 2);
        QVERIFY(!HelloAck::fromJson("{}", &error));
        QVERIFY(error.contains(QLatin1String("no protocol")));
        QVERIFY(!HelloAck::fromJson(R"({"protocol":1,"level":-1})", &error));
        QVERIFY(!HelloAck::fromJson(R"({"protocol":1,"leader":3})", &error));
        QVERIFY(!HelloAck::fromJson("[]", &error));
    }

    void shouldRejectWhatIsNotAHello()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!Hello::fromJson(json, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY(!Hello::fromJson(json)); // no error pointer: no crash
    }
};

QTEST_GUILESS_MAIN(HelloTest)
#include "tst_hello.moc"
