// SPDX-License-Identifier: MIT
#include "snapshots.h"
#include "sources/savedfilesource.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using counters::CounterType;
using dashboard::SavedFileSource;
using dashboard::Source;
using namespace testdata;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

} // namespace

class SavedFileSourceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void shouldOpenASavedReport()
    {
        const QString path = m_dir->filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1000), path));
        SavedFileSource source(path);
        QVERIFY(!source.willRetry());
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE(history.size(), 1);
        const auto snapshots = history.at(0).at(0).value<QList<counters::Snapshot>>();
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(snapshots.at(0), tutorial(1000));
        QCOMPARE(source.state(), Source::State::Offline);
        QVERIFY2(source.message().startsWith(QLatin1String("Report of")),
                 qPrintable(source.message()));
        QCOMPARE(source.reportCount(), 1);
    }

    void shouldOpenAHistory()
    {
        const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 20; ++i)
            lines += counters::JsonCodec::toJson(tutorial(1000 + i, i)) + '\n';
        lines += "{ torn line\n";
        QVERIFY(writeFile(path, lines));
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE(history.size(), 1);
        const auto snapshots = history.at(0).at(0).value<QList<counters::Snapshot>>();
        QCOMPARE(snapshots.size(), 20);
        QCOMPARE(snapshots.last().time(), 1019.0);
        QVERIFY2(source.message().contains(QLatin1String("20 report")),
                 qPrintable(source.message()));
        QVERIFY2(source.message().contains(QLatin1String("1 corrupt line")),
                 qPrintable(source.message()));
        QCOMPARE(source.snapshotCount(), 20);
    }

    void shouldOpenAPyCountersReport_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<double>("time");
        QTest::addColumn<int>("nodes");
        QTest::newRow("flat") << QByteArrayLiteral(
            "{\"requests_time\": 0.012, \"requests_frequency\": 3, \"idle\": null}")
                              << -1.0 << 0;
        QTest::newRow("with collection time") << QByteArrayLiteral(
            "{\"__collection_time__\": 1700000000.5, \"requests_time\": 0.012, \"requests_frequency\": 3, \"idle\": null}")
                                              << 1700000000.5 << 0;
        QTest::newRow("multi-process leader") << QByteArrayLiteral(
            "{\"__collection_time__\": 1700000000, \"requests_time\": 0.012, \"requests_frequency\": 3, \"idle\": null,"
            " \"__node_reports__\": {\"h_1_0_1\": {\"requests_frequency\": 1, \"requests_time\": 0.01},"
            " \"h_2_0_1\": {\"requests_frequency\": 2, \"requests_time\": 0.014}}}")
                                              << 1700000000.0 << 2;
    }
    void shouldOpenAPyCountersReport()
    {
        QFETCH(QByteArray, json);
        QFETCH(double, time);
        QFETCH(int, nodes);
        const QString path = m_dir->filePath(QStringLiteral("pycounters.json"));
        QVERIFY(writeFile(path, json));
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE(history.size(), 1);
        const auto snapshot = history.at(0).at(0).value<QList<counters::Snapshot>>().at(0);
        QCOMPARE(snapshot.rows().size(), 3);
        QCOMPARE(snapshot.row(QStringLiteral("requests_time"))->type, CounterType::Unknown);
        QCOMPARE(snapshot.value(QStringLiteral("requests_frequency")), std::optional(3.0));
        QCOMPARE(snapshot.nodes().size(), nodes);
        if (time > 0) {
            QCOMPARE(snapshot.time(), time);
        } else {
            // No collection time: dated by the file.
            const double modified =
                double(QFileInfo(path).lastModified().toMSecsSinceEpoch()) / 1000.0;
            QCOMPARE(snapshot.time(), modified);
        }
    }

    void shouldFail_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringLiteral("missing.json") << QByteArray()
                                 << QStringLiteral("missing.json");
        QTest::newRow("corrupt") << QStringLiteral("corrupt.json")
                                 << QByteArrayLiteral("{\"a\": 1,,}")
                                 << QStringLiteral("corrupt.json");
        QTest::newRow("not an object")
            << QStringLiteral("array.json") << QByteArrayLiteral("[1, 2]")
            << QStringLiteral("array.json");
        QTest::newRow("history of garbage")
            << QStringLiteral("garbage.jsonl") << QByteArrayLiteral("{x}\n{y}\n")
            << QStringLiteral("garbage.jsonl");
        QTest::newRow("folder") << QStringLiteral(".") << QByteArray() << QStringLiteral("folder");
        // A FIFO hung the window for ever, /dev/zero aborted it: only regular files are read.
        QTest::newRow("fifo") << QStringLiteral("fifo.json") << QByteArray()
                              << QStringLiteral("not a regular file");
        QTest::newRow("device") << QStringLiteral("/dev/zero") << QByteArray()
                                << QStringLiteral("not a regular file");
    }
    void shouldFail()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = QDir::isAbsolutePath(name) ? name : m_dir->filePath(name);
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        if (name == QLatin1String("fifo.json"))
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(message), qPrintable(source.errorString()));
        QCOMPARE(history.size(), 0);
    }

    // The file is read off the window's thread: start() returns at once, while the window
    // goes on answering, even for a large history.
    void shouldReadInTheBackground()
    {
        const QString path = m_dir->filePath(QStringLiteral("big.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 20000; ++i) {
            file.write(counters::JsonCodec::toJson(snapshot(
                           1700000000 + i,
                           {row(QStringLiteral("hits"), counters::CounterType::Total, double(i))}))
                       + '\n');
        }
        file.close();
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        // Read on the window's thread, the load would be done when this returns; here the
        // event loop is free while the file is parsed elsewhere.
        QCoreApplication::processEvents();
        QCOMPARE(history.size(), 0);
        QCOMPARE(source.state(), Source::State::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(history.size(), 1, 30000);
        QCOMPARE(source.reportCount(), 20000);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(SavedFileSourceTest)
#include "tst_savedfilesource.moc"
