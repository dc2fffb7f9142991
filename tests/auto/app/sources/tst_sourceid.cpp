// SPDX-License-Identifier: MIT
// A source's identity: its kind and URL, and the text layouts and models key sources by.

#include "sources/source.h"

#include <QTest>

using dashboard::Source;
using dashboard::SourceId;

class SourceIdTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldReadBackItsText_data()
    {
        QTest::addColumn<int>("kind"); // Source::Kind
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("text");
        QTest::newRow("local service")
            << int(Source::Kind::LocalService) << QStringLiteral("local:demo")
            << QStringLiteral("LocalService local:demo");
        QTest::newRow("leader") << int(Source::Kind::Leader) << QStringLiteral("tcp://h:60907")
                                << QStringLiteral("Leader tcp://h:60907");
        QTest::newRow("saved file with a space")
            << int(Source::Kind::SavedFile) << QStringLiteral("file:///tmp/my report.json")
            << QStringLiteral("SavedFile file:///tmp/my report.json");
        QTest::newRow("prometheus")
            << int(Source::Kind::Prometheus) << QStringLiteral("prometheus://p:9090?job=shop")
            << QStringLiteral("Prometheus prometheus://p:9090?job=shop");
    }
    void shouldReadBackItsText()
    {
        QFETCH(int, kind);
        QFETCH(QString, url);
        QFETCH(QString, text);
        const SourceId id{Source::Kind(kind), QUrl(url)};
        QCOMPARE(id.toString(), text);
        const std::optional<SourceId> read = SourceId::fromString(text);
        QVERIFY(read);
        QVERIFY(*read == id);
    }

    void shouldRefuseWhatNamesNoSource_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no url") << QStringLiteral("LocalService");
        QTest::newRow("no kind") << QStringLiteral(" local:demo");
        QTest::newRow("unknown kind") << QStringLiteral("Carrier pigeon://x");
        QTest::newRow("empty url") << QStringLiteral("Http ");
    }
    void shouldRefuseWhatNamesNoSource()
    {
        QFETCH(QString, text);
        QVERIFY(!SourceId::fromString(text));
    }
};

QTEST_GUILESS_MAIN(SourceIdTest)
#include "tst_sourceid.moc"
