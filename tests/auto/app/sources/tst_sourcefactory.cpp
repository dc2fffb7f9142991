// SPDX-License-Identifier: MIT
#include "sources/httpsource.h"
#include "sources/leadersource.h"
#include "sources/localservicesource.h"
#include "sources/sourcefactory.h"
#include "sources/watchedfilesource.h"

#include <QTest>

using dashboard::Source;
using dashboard::SourceFactory;

class SourceFactoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldMakeTheSourceForAnAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("detail");
        QTest::newRow("local") << QStringLiteral("local:demo") << int(Source::Kind::LocalService)
                               << QStringLiteral("demo");
        QTest::newRow("local path")
            << QStringLiteral("local:/tmp/x/sock") << int(Source::Kind::LocalService)
            << QStringLiteral("/tmp/x/sock");
        QTest::newRow("leader") << QStringLiteral("tcp://127.0.0.1:60907")
                                << int(Source::Kind::Leader) << QStringLiteral("127.0.0.1:60907");
        QTest::newRow("leader with token") << QStringLiteral("tcp://host:1?token=abc")
                                           << int(Source::Kind::Leader) << QStringLiteral("host:1");
        QTest::newRow("http") << QStringLiteral("http://localhost:8080") << int(Source::Kind::Http)
                              << QStringLiteral("http://localhost:8080/report.json");
        QTest::newRow("http path")
            << QStringLiteral("HTTP://localhost:8080/x.json?interval=5") << int(Source::Kind::Http)
            << QStringLiteral("http://localhost:8080/x.json");
        QTest::newRow("file url") << QStringLiteral("file:///tmp/report.json")
                                  << int(Source::Kind::WatchedFile)
                                  << QStringLiteral("/tmp/report.json");
        QTest::newRow("file path")
            << QStringLiteral("file:/tmp/r.json") << int(Source::Kind::WatchedFile)
            << QStringLiteral("/tmp/r.json");
    }
    void shouldMakeTheSourceForAnAddress()
    {
        QFETCH(QString, address);
        QFETCH(int, kind);
        QFETCH(QString, detail);
        QString error;
        std::unique_ptr<Source> source(SourceFactory::create(address, nullptr, &error));
        QVERIFY2(source, qPrintable(error));
        QCOMPARE(int(source->kind()), kind);
        QCOMPARE(source->state(), Source::State::Offline);
        QVERIFY(!source->isStarted());
        // Network sources are named with their scheme: a leader and an HTTP endpoint may share
        // a host and port.
        if (kind == int(Source::Kind::Leader) || kind == int(Source::Kind::Http)) {
            const QString scheme = address.section(QStringLiteral("://"), 0, 0).toLower();
            QVERIFY2(source->displayName().startsWith(scheme + QStringLiteral("://")),
                     qPrintable(source->displayName()));
        }
        // A secret in the address is kept by the source, never in what is shown or saved.
        QVERIFY2(!source->url().toString().contains(QLatin1String("token")),
                 qPrintable(source->url().toString()));
        if (auto *local = qobject_cast<dashboard::LocalServiceSource *>(source.get()))
            QCOMPARE(local->serviceName(), detail);
        else if (auto *leader = qobject_cast<dashboard::LeaderSource *>(source.get()))
            QCOMPARE(leader->host() + QLatin1Char(':') + QString::number(leader->port()), detail);
        else if (auto *http = qobject_cast<dashboard::HttpSource *>(source.get()))
            QCOMPARE(http->reportUrl().toString(), detail);
        else if (auto *file = qobject_cast<dashboard::WatchedFileSource *>(source.get()))
            QCOMPARE(file->path(), detail);
    }

    void shouldRejectABadAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("unknown scheme")
            << QStringLiteral("ftp://x") << QStringLiteral("unknown kind");
        QTest::newRow("no scheme") << QStringLiteral("demo") << QStringLiteral("unknown kind");
        QTest::newRow("local without name")
            << QStringLiteral("local:") << QStringLiteral("local:NAME");
        QTest::newRow("tcp without port")
            << QStringLiteral("tcp://host") << QStringLiteral("needs a port");
        QTest::newRow("tcp without host")
            << QStringLiteral("tcp://:80") << QStringLiteral("no host");
        QTest::newRow("bad interval")
            << QStringLiteral("http://h:1/?interval=-1") << QStringLiteral("interval");
        QTest::newRow("bad port") << QStringLiteral("http://h:99999")
                                  << QStringLiteral("not a valid URL");
    }
    void shouldRejectABadAddress()
    {
        QFETCH(QString, address);
        QFETCH(QString, message);
        QString error;
        std::unique_ptr<Source> source(SourceFactory::create(address, nullptr, &error));
        QVERIFY(!source);
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(SourceFactoryTest)
#include "tst_sourcefactory.moc"
