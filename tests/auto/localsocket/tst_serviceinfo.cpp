// SPDX-License-Identifier: MIT
// The hello payload of the local-socket transport: what a service writes, what a viewer reads.

#include <counters/base/snapshot.h>
#include <counters/format/serviceinfo.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace counters;

namespace {

ServiceInfo demoInfo()
{
    ServiceInfo info;
    info.name = QStringLiteral("counters-demo-server");
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

class ServiceInfoTest : public QObject
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
        const std::optional<ServiceInfo> read = ServiceInfo::fromJson(demoInfo().toJson(), &error);
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
        const QList<ServiceInfo::CounterInfo> expected{
            {QStringLiteral("a"), CounterType::MaxWindow, 10},
            {QStringLiteral("b"), CounterType::Frequency, 60, Unit::PerSecond}};
        QVERIFY(ServiceInfo::countersOf(snapshot) == expected);
        QVERIFY(ServiceInfo::countersOf(Snapshot()).isEmpty());
    }

    // What an older or newer service may send: defaults for what is missing, unknown things
    // ignored.
    void shouldReadMinimalAndNewerHellos()
    {
        std::optional<ServiceInfo> info =
            ServiceInfo::fromJson(R"({"protocol":1,"role":"service","service":"s"})");
        QVERIFY(info);
        QCOMPARE(info->name, QStringLiteral("s"));
        QCOMPARE(info->pid, qint64(0));
        QVERIFY(info->counters.isEmpty());

        info = ServiceInfo::fromJson(
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

    void shouldRejectWhatIsNotAServiceHello_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("{\"protocol\":") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
        QTest::newRow("no protocol")
            << QByteArray(R"({"role":"service","service":"s"})") << QStringLiteral("no protocol");
        QTest::newRow("newer protocol")
            << QByteArray(R"({"protocol":2,"role":"service","service":"s"})")
            << QStringLiteral("protocol version 2");
        QTest::newRow("a node, not a service")
            << QByteArray(R"({"protocol":1,"role":"node","service":"s"})")
            << QStringLiteral("\"node\"");
        QTest::newRow("no role") << QByteArray(R"({"protocol":1,"service":"s"})")
                                 << QStringLiteral("<missing>");
        QTest::newRow("no name") << QByteArray(R"({"protocol":1,"role":"service"})")
                                 << QStringLiteral("no service name");
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

    void shouldRejectWhatIsNotAServiceHello()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!ServiceInfo::fromJson(json, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY(!ServiceInfo::fromJson(json)); // no error pointer: no crash
    }
};

QTEST_GUILESS_MAIN(ServiceInfoTest)
#include "tst_serviceinfo.moc"
