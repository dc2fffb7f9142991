// SPDX-License-Identifier: MIT
#include "snapshots.h"
#include "sources/watchedfilesource.h"

#include <counters/report/jsonfilereporter.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using counters::JsonFileReporter;
using dashboard::Source;
using dashboard::WatchedFileSource;
using namespace testdata;

class WatchedFileSourceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("report.json"));
    }
    void cleanup() { m_dir.reset(); }

    void shouldFollowAtomicReplacements()
    {
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        WatchedFileSource source(m_path);
        source.setPollInterval(0); // the watcher alone must notice
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(source.state(), Source::State::Live);
        // Several replacements: each one ends the watch on the old file, which must be renewed.
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(JsonFileReporter::safeWrite(tutorial(1000 + i, i), m_path));
            QTRY_COMPARE(snapshots.size(), 1 + i);
            QCOMPARE(snapshots.last().at(0).value<counters::Snapshot>().time(), 1000.0 + i);
        }
    }

    void shouldNotDeliverTheSameReportTwice()
    {
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        WatchedFileSource source(m_path);
        source.setPollInterval(0);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1001), m_path));
        QTRY_COMPARE(snapshots.size(), 2);
        QTest::qWait(100);
        QCOMPARE(snapshots.size(), 2);
    }

    void shouldShowACorruptFileAndRecover()
    {
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        WatchedFileSource source(m_path);
        source.setPollInterval(0);
        source.setSettleDelay(5);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QVERIFY(JsonFileReporter::safeWriteBytes(QByteArrayLiteral("{\"torn\": 1, \"x\""), m_path));
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("waiting for the next change")),
                 qPrintable(source.errorString()));
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1001), m_path));
        QTRY_COMPARE(source.state(), Source::State::Live);
        QCOMPARE(snapshots.size(), 2);
    }

    void shouldWaitForAFileThatVanished()
    {
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        WatchedFileSource source(m_path);
        source.setPollInterval(0);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QVERIFY(QFile::remove(m_path));
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QVERIFY2(source.message().contains(QLatin1String("removed")), qPrintable(source.message()));
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1001), m_path));
        QTRY_COMPARE(source.state(), Source::State::Live);
        QCOMPARE(snapshots.size(), 2);
    }

    void shouldWaitForAFileThatDoesNotExistYet()
    {
        WatchedFileSource source(m_path);
        source.setPollInterval(0);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QCOMPARE(source.state(), Source::State::Offline);
        QVERIFY2(source.message().contains(QLatin1String("does not exist yet")),
                 qPrintable(source.message()));
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        QTRY_COMPARE(snapshots.size(), 1);
        QCOMPARE(source.state(), Source::State::Live);
    }

    void shouldNoticeChangesByPollingToo()
    {
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1000), m_path));
        WatchedFileSource source(m_path);
        source.setPollInterval(20);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1001), m_path));
        QTRY_COMPARE(snapshots.size(), 2);
        source.stop();
        QVERIFY(JsonFileReporter::safeWrite(tutorial(1002), m_path));
        QTest::qWait(100);
        QCOMPARE(snapshots.size(), 2); // stopped: no more reading
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(WatchedFileSourceTest)
#include "tst_watchedfilesource.moc"
