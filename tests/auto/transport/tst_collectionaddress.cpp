// SPDX-License-Identifier: MIT
// CollectionAddress: PyCounters 0.6's defaults, loopback unless a host is given, "HOST:PORT"
// parsing.

#include <counters/transport/collectionaddress.h>

#include <QTest>

using namespace counters;

class CollectionAddressTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsShouldBePyCountersPortsOnLoopback()
    {
        const QList<CollectionAddress> defaults = CollectionAddress::defaultAddresses();
        QCOMPARE(defaults.size(), 2);
        QCOMPARE(defaults.at(0).port(), quint16(60907));
        QCOMPARE(defaults.at(1).port(), quint16(60906));
        for (const CollectionAddress &address : defaults) {
            QVERIFY(address.isLoopback());
            QCOMPARE(address.host(), QHostAddress(QHostAddress::LocalHost));
        }
    }

    void nullHostShouldMeanLoopback()
    {
        const CollectionAddress address(QHostAddress(), 1234);
        QVERIFY(address.isLoopback());
        QCOMPARE(address.toString(), QStringLiteral("127.0.0.1:1234"));
        QVERIFY(!CollectionAddress().isValid());
        QVERIFY(CollectionAddress(1).isValid());
    }

    void shouldParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("host and port")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1") << 5000 << true;
        QTest::newRow("port only")
            << QStringLiteral("5001") << QStringLiteral("127.0.0.1") << 5001 << true;
        QTest::newRow("empty host")
            << QStringLiteral(":5002") << QStringLiteral("127.0.0.1") << 5002 << true;
        QTest::newRow("localhost")
            << QStringLiteral("LocalHost:5003") << QStringLiteral("127.0.0.1") << 5003 << true;
        QTest::newRow("all interfaces, on purpose")
            << QStringLiteral("0.0.0.0:5004") << QStringLiteral("0.0.0.0") << 5004 << false;
        QTest::newRow("IPv6") << QStringLiteral("[::1]:5005") << QStringLiteral("::1") << 5005
                              << true;
        QTest::newRow("spaces") << QStringLiteral("  10.1.2.3:5006 ") << QStringLiteral("10.1.2.3")
                                << 5006 << false;
    }

    void shouldParse()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(bool, loopback);
        QString error;
        const std::optional<CollectionAddress> address =
            CollectionAddress::fromString(text, &error);
        QVERIFY2(address, qPrintable(error));
        QCOMPARE(address->host(), QHostAddress(host));
        QCOMPARE(address->port(), quint16(port));
        QCOMPARE(address->isLoopback(), loopback);
        QCOMPARE(CollectionAddress::fromString(address->toString()), address);
    }

    void shouldRejectBadAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << QStringLiteral("port");
        QTest::newRow("port 0") << QStringLiteral("127.0.0.1:0") << QStringLiteral("port");
        QTest::newRow("port too big") << QStringLiteral(":65536") << QStringLiteral("port");
        QTest::newRow("port text") << QStringLiteral("127.0.0.1:http") << QStringLiteral("port");
        QTest::newRow("bare IPv6") << QStringLiteral("::1:5000") << QStringLiteral("[ADDRESS]");
        QTest::newRow("unclosed bracket") << QStringLiteral("[::1:5000") << QStringLiteral("IPv6");
    }

    void shouldRejectBadAddresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!CollectionAddress::fromString(text, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void shouldParseListsInOrder()
    {
        QString error;
        const auto list =
            CollectionAddress::listFromString(QStringLiteral("127.0.0.1:7001,7002, :7003"), &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->size(), 3);
        QCOMPARE(list->at(0).port(), quint16(7001));
        QCOMPARE(list->at(1).port(), quint16(7002));
        QCOMPARE(list->at(2).port(), quint16(7003));

        QVERIFY(!CollectionAddress::listFromString(QStringLiteral("7001,,7002"), &error));
        QVERIFY(!CollectionAddress::listFromString(QString(), &error));
    }
};

QTEST_GUILESS_MAIN(CollectionAddressTest)
#include "tst_collectionaddress.moc"
