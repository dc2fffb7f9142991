// SPDX-License-Identifier: MIT
#include "files.h"
#include "snapshots.h"
#include "sources/savedfilesource.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sys/stat.h>

using counters::CounterType;
using dashboard::SavedFileSource;
using dashboard::Source;
using namespace testdata;

namespace {

using testsupport::writeFile;

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
        // The reading ends (finished() comes after the last batch, in a later pass).
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QCOMPARE(history.size(), 1);
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
        // The reading ends (finished() comes after the last batch, in a later pass).
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QCOMPARE(history.size(), 1);
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
        // The reading ends (finished() comes after the last batch, in a later pass).
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QCOMPARE(history.size(), 1);
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
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Offline, 30000);
        QCOMPARE(source.reportCount(), 20000);
        // In batches, oldest first, every report once.
        QVERIFY(history.size() >= 20000 / dashboard::HistoryStreamer::BatchLines);
        double last = 0;
        qint64 count = 0;
        for (const QList<QVariant> &batch : std::as_const(history)) {
            const auto snapshots = batch.at(0).value<QList<counters::Snapshot>>();
            QVERIFY(snapshots.size() <= dashboard::HistoryStreamer::BatchLines);
            QVERIFY(snapshots.constFirst().time() > last);
            last = snapshots.constLast().time();
            count += snapshots.size();
        }
        QCOMPARE(count, 20000);
        QCOMPARE(source.loadProgress(), -1.0);
    }

    // Batches parsed while the window was busy come one per pass of its event loop, after
    // the timers that fell due meanwhile: a window that takes 5 ms per batch still runs its
    // timers between any two batches.
    void shouldLetTimersRunBetweenBatches()
    {
        const QString path = m_dir->filePath(QStringLiteral("batches.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 10 * dashboard::HistoryStreamer::BatchLines; ++i)
            file.write(counters::JsonCodec::toJson(tutorial(1700000000 + i, i)) + '\n');
        file.close();
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(1);
        int ticks = 0;
        connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
        SavedFileSource source(path);
        QList<int> ticksAtBatch;
        connect(&source, &Source::historyReceived, this, [&] {
            ticksAtBatch.append(ticks);
            QThread::msleep(5); // the window is busy: the reader parses the next batches
        });
        tick.start();
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Offline, 30000);
        QCOMPARE(source.reportCount(), 10 * dashboard::HistoryStreamer::BatchLines);
        QVERIFY(ticksAtBatch.size() >= 10);
        for (qsizetype i = 1; i < ticksAtBatch.size(); ++i)
            QVERIFY2(ticksAtBatch.at(i) > ticksAtBatch.at(i - 1), qPrintable(QString::number(i)));
    }

    // Cancelled while a big report comes in parts: the parts that came stay, and the source
    // says that they are only a part of the report.
    void shouldSayThatACancelledReportIsAPart()
    {
        QList<counters::CounterRow> rows;
        for (int i = 0; i < 60000; ++i)
            rows.append(row(QStringLiteral("c%1").arg(i), counters::CounterType::Total, i));
        const QString path = m_dir->filePath(QStringLiteral("big-report.json"));
        QVERIFY(writeFile(path, counters::JsonCodec::toJson(snapshot(1700000000, rows))));
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QVERIFY(history.wait(30000));
        source.cancelLoading();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Offline, 30000);
        QVERIFY2(source.message().contains(QStringLiteral("part of the report")),
                 qPrintable(source.message()));
        qsizetype received = 0;
        for (const QList<QVariant> &batch : std::as_const(history)) {
            for (const counters::Snapshot &part : batch.at(0).value<QList<counters::Snapshot>>())
                received += part.rows().size();
        }
        QVERIFY(received > 0);
        QVERIFY(received < 60000);
    }

    // The file is read in blocks of a few MiB: a line cut by a block's end, and a line longer
    // than a block, read whole.
    void shouldReadLinesLongerThanABlock()
    {
        QList<counters::CounterRow> rows;
        for (int i = 0; i < 60000; ++i)
            rows.append(row(QStringLiteral("counter_with_a_long_name_%1").arg(i),
                            counters::CounterType::Total, double(i)));
        const QByteArray big = counters::JsonCodec::toJson(snapshot(1700000001, rows));
        QVERIFY(big.size() > (qint64(5) << 20));
        const QByteArray small = counters::JsonCodec::toJson(
            snapshot(1700000000, {row(QStringLiteral("hits"), counters::CounterType::Total, 1)}));
        const QString path = m_dir->filePath(QStringLiteral("long-lines.jsonl"));
        // Its first MiB holds one whole line: the next one, cut short there, still tells a
        // history.
        QVERIFY(writeFile(path, small + '\n' + big + "\r\n\n" + big + '\n'));
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Offline, 30000);
        QCOMPARE(source.reportCount(), 3);
        QCOMPARE(source.snapshotCount(), 3);
        // Each big report comes in parts of PartRows rows, a batch each, all of its time.
        const int parts = 60000 / dashboard::HistoryStreamer::PartRows;
        QCOMPARE(history.size(), 1 + 2 * parts);
        // Each part says how many rows of its report are still to come.
        QCOMPARE(history.at(0).at(1).toLongLong(), 0);
        for (int i = 0; i < 2 * parts; ++i) {
            QCOMPARE(history.at(1 + i).at(1).toLongLong(),
                     60000 - (i % parts + 1) * dashboard::HistoryStreamer::PartRows);
        }
        QList<counters::Snapshot> read;
        for (const QList<QVariant> &batch : std::as_const(history))
            read += batch.at(0).value<QList<counters::Snapshot>>();
        QCOMPARE(read.size(), 1 + 2 * parts);
        QCOMPARE(read.at(0), counters::JsonCodec::fromJson(small));
        QSet<QString> names;
        for (const counters::Snapshot &part : read.mid(1)) {
            QCOMPARE(part.time(), 1700000001.0);
            QCOMPARE(part.rows().size(), dashboard::HistoryStreamer::PartRows);
            for (const counters::CounterRow &row : part.rows())
                names.insert(row.name);
        }
        QCOMPARE(names.size(), 60000);
        QCOMPARE(read.at(1), read.at(1 + parts));
        const auto last = std::find_if(read.cbegin(), read.cend(), [](const auto &part) {
            return part.row(u"counter_with_a_long_name_59999");
        });
        QVERIFY(last != read.cend());
        QCOMPARE(last->value(u"counter_with_a_long_name_59999"), 59999.0);
    }

    void shouldCountReportsOutOfOrder()
    {
        const QString path = m_dir->filePath(QStringLiteral("backwards.jsonl"));
        QByteArray lines;
        for (const int time : {1000, 1001, 1002, 990, 1003, 1003})
            lines += counters::JsonCodec::toJson(tutorial(time)) + '\n';
        QVERIFY(writeFile(path, lines));
        SavedFileSource source(path);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QVERIFY2(source.message().contains(QLatin1String("2 report(s) out of time order")),
                 qPrintable(source.message()));
    }

    // A long load shows how far it got, delivers what it read while it reads, and can be
    // cancelled: what was read stays, and the message says so.
    void shouldShowProgressAndCancel()
    {
        const QString path = writeBigHistory(30000);
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        QSignalSpy progress(&source, &Source::loadProgressChanged);
        source.start();
        QTRY_VERIFY(history.size() >= 2);
        QVERIFY(source.loadProgress() > 0 && source.loadProgress() < 1);
        QCOMPARE(source.state(), Source::State::Connecting);
        source.cancelLoading();
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QCOMPARE(source.loadProgress(), -1.0);
        QCOMPARE(progress.constLast().at(0).toDouble(), -1.0);
        QVERIFY(source.reportCount() > 0 && source.reportCount() < 30000);
        QCOMPARE(source.snapshotCount(), source.reportCount());
        QVERIFY2(source.message().startsWith(QLatin1String("Cancelled at")),
                 qPrintable(source.message()));
    }

    // Stopping (the source removed) while it loads ends the reading thread at once.
    void shouldStopLoadingWhenStopped()
    {
        const QString path = writeBigHistory(30000);
        auto source = std::make_unique<SavedFileSource>(path);
        QSignalSpy history(source.get(), &Source::historyReceived);
        source->start();
        QTRY_VERIFY(history.size() >= 1);
        source.reset(); // joins the reader, which waits for a credit: must not hang
    }

    // A history rotated by JsonHistoryReporter is read oldest file first, and reports without
    // a time (PyCounters) are dated one second apart, ending at the file's modification time.
    void shouldStreamRotatedFilesAndDateUndatedReports()
    {
        const QString path = m_dir->filePath(QStringLiteral("rotated.jsonl"));
        QByteArray older;
        QByteArray newer;
        for (int i = 0; i < 1500; ++i)
            older += "{\"hits\": " + QByteArray::number(i) + "}\n";
        for (int i = 1500; i < 1600; ++i)
            newer += "{\"hits\": " + QByteArray::number(i) + "}\n";
        QVERIFY(writeFile(path + QStringLiteral(".1"), older));
        QVERIFY(writeFile(path, newer));
        SavedFileSource source(path);
        QSignalSpy history(&source, &Source::historyReceived);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Offline);
        QList<counters::Snapshot> all;
        for (const QList<QVariant> &batch : std::as_const(history))
            all += batch.at(0).value<QList<counters::Snapshot>>();
        QCOMPARE(all.size(), 1600);
        const double end = double(QFileInfo(path).lastModified().toMSecsSinceEpoch()) / 1000.0;
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(all.at(i).rows().constFirst().value.value_or(-1), double(i));
            QCOMPARE(all.at(i).time(), end - (1599 - i));
        }
    }

private:
    /// A history of `reports` reports of one counter, one a second.
    QString writeBigHistory(int reports)
    {
        const QString path = m_dir->filePath(QStringLiteral("big-%1.jsonl").arg(reports));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return path;
        for (int i = 0; i < reports; ++i) {
            file.write(counters::JsonCodec::toJson(snapshot(
                           1700000000 + i,
                           {row(QStringLiteral("hits"), counters::CounterType::Total, double(i))}))
                       + '\n');
        }
        return path;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(SavedFileSourceTest)
#include "tst_savedfilesource.moc"
