// SPDX-License-Identifier: MIT
#include "recordingreporter.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace counters;

namespace {

Snapshot snapshotAt(double time, int rows = 3)
{
    QList<CounterRow> list;
    for (int i = 0; i < rows; ++i) {
        CounterRow r;
        r.name = QStringLiteral("counter_%1").arg(i);
        r.type = CounterType::AverageWindow;
        r.value = time + i;
        r.window = 300;
        r.count = quint64(i);
        list.append(r);
    }
    return Snapshot(time, SnapshotSource{QStringLiteral("svc"), QStringLiteral("host"), 7, 1, {}},
                    list);
}

QList<QByteArray> linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

bool appendTo(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size();
}

QList<double> timesOf(const QList<Snapshot> &snapshots)
{
    QList<double> times;
    for (const Snapshot &s : snapshots)
        times.append(s.time());
    return times;
}

} // namespace

class JsonHistoryReporterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldAppendOneCompactReportPerLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        JsonHistoryReporter reporter(path);
        QCOMPARE(reporter.maxBytes(), 10 * 1024 * 1024);
        QCOMPARE(reporter.keepFiles(), 5);
        QVERIFY(!QFile::exists(path));
        for (int i = 0; i < 3; ++i)
            QVERIFY(reporter.report(snapshotAt(100 + i)));
        const QList<QByteArray> lines = linesOf(path);
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(lines.at(i), JsonCodec::toJson(snapshotAt(100 + i)));
            QCOMPARE(JsonCodec::fromJson(lines.at(i)),
                     std::optional<Snapshot>(snapshotAt(100 + i)));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().endsWith('\n'));
    }

    // Opening a FIFO to append would block the reporting thread until someone reads it.
    void shouldRefuseWhatIsNotARegularFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("history.jsonl"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        JsonHistoryReporter reporter(fifo);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("not a regular file")));
        QVERIFY(!reporter.report(snapshotAt(100)));
        QVERIFY2(reporter.errorString().contains(QLatin1String("not a regular file")),
                 qPrintable(reporter.errorString()));
        struct stat status;
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &status), 0);
        QVERIFY(S_ISFIFO(status.st_mode));
    }

    void shouldAppendToAnExistingHistory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        {
            JsonHistoryReporter first(path);
            QVERIFY(first.report(snapshotAt(1)));
        }
        JsonHistoryReporter second(path);
        QVERIFY(second.report(snapshotAt(2)));
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path)), (QList<double>{1, 2}));
    }

    void shouldRotateBySizeKeepingNFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        const qint64 lineSize = JsonCodec::toJson(snapshotAt(100)).size() + 1;
        // Two lines fit in a file, a third does not.
        JsonHistoryReporter reporter(path, 2 * lineSize + lineSize / 2, 2);
        for (int i = 0; i < 10; ++i)
            QVERIFY2(reporter.report(snapshotAt(100 + i)), qPrintable(reporter.errorString()));

        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral(".1")));
        QVERIFY(QFile::exists(path + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".3")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
        for (const QString &name :
             QStringList{path, path + QStringLiteral(".1"), path + QStringLiteral(".2")})
            QVERIFY(QFileInfo(name).size() <= reporter.maxBytes());

        // Ten reports, two per file: the newest six survive, oldest first.
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path)),
                 (QList<double>{104, 105, 106, 107, 108, 109}));
        QCOMPARE(linesOf(path).size(), 2);
        QCOMPARE(JsonCodec::fromJson(linesOf(path + QStringLiteral(".2")).first())->time(), 104.0);
    }

    void keepingNoFilesShouldStartOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        const qint64 lineSize = JsonCodec::toJson(snapshotAt(100)).size() + 1;
        JsonHistoryReporter reporter(path, 2 * lineSize, 0);
        for (int i = 0; i < 5; ++i)
            QVERIFY(reporter.report(snapshotAt(100 + i)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("history.jsonl")});
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path)), (QList<double>{104}));
    }

    void aLineLargerThanTheLimitShouldStillBeWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        JsonHistoryReporter reporter(path, 10, 3);
        QVERIFY(reporter.report(snapshotAt(1)));
        QVERIFY(reporter.report(snapshotAt(2)));
        QCOMPARE(linesOf(path).size(), 1);
        QCOMPARE(linesOf(path + QStringLiteral(".1")).size(), 1);
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path)), (QList<double>{1, 2}));
    }

    void readHistoryShouldSkipAndCountCorruptLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QByteArray content;
        content += JsonCodec::toJson(snapshotAt(1)) + '\n';
        content += "this is not json\n";
        content += "\n"; // blank lines are not corrupt
        content += JsonCodec::toJson(snapshotAt(2)) + '\n';
        content += "[1, 2]\n";
        content += JsonCodec::toJson(snapshotAt(3)).left(40); // torn last line
        QVERIFY(appendTo(path, content));

        QString error;
        int corrupt = -1;
        const QList<Snapshot> history = JsonHistoryReporter::readHistory(path, &error, &corrupt);
        QCOMPARE(timesOf(history), (QList<double>{1, 2}));
        QCOMPARE(corrupt, 3);
        QVERIFY2(error.contains(QLatin1String("skipped 3 corrupt line")), qPrintable(error));
        QVERIFY2(error.contains(path + QStringLiteral(":2:")), qPrintable(error));
    }

    // parseHistory(): what readHistory() does with each file's bytes.
    void parseHistoryShouldCutLinesAsWritten_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<double>>("times");
        QTest::addColumn<int>("corrupt");
        QTest::addColumn<QString>("error");
        const QByteArray one = JsonCodec::toJson(snapshotAt(1));
        const QByteArray two = JsonCodec::toJson(snapshotAt(2));
        QTest::newRow("empty") << QByteArray() << QList<double>{} << 0 << QString();
        QTest::newRow("blank lines only")
            << QByteArray("\n \n\r\n") << QList<double>{} << 0 << QString();
        QTest::newRow("no final line feed")
            << one + '\n' + two << QList<double>{1, 2} << 0 << QString();
        QTest::newRow("CRLF") << one + "\r\n" + two + "\r\n"
                              << QList<double>{1, 2} << 0 << QString();
        QTest::newRow("line numbers count blank lines")
            << "\n\n" + one + "\n\n{\n" + two << QList<double>{1, 2} << 1
            << QStringLiteral("skipped 1 corrupt line(s); h%2.jsonl:5: ");
        QTest::newRow("only the first three corrupt lines are named")
            << QByteArray("a\nb\nc\nd\n") << QList<double>{} << 4
            << QStringLiteral("skipped 4 corrupt line(s); h%2.jsonl:1: ");
    }

    void parseHistoryShouldCutLinesAsWritten()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<double>, times);
        QFETCH(int, corrupt);
        QFETCH(QString, error);
        QString given = QStringLiteral("unchanged");
        int corruptLines = -1;
        // A name with a placeholder of QString::arg() in it stays as it is.
        const QList<Snapshot> history = JsonHistoryReporter::parseHistory(
            bytes, QStringLiteral("h%2.jsonl"), &given, &corruptLines);
        QCOMPARE(timesOf(history), times);
        QCOMPARE(corruptLines, corrupt);
        if (error.isEmpty())
            QCOMPARE(given, QString());
        else
            QVERIFY2(given.startsWith(error), qPrintable(given));
        QCOMPARE(given.count(QStringLiteral("h%2.jsonl:")), std::min(corrupt, 3));
    }

    void readHistoryShouldReadHandWrittenPyCountersLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(appendTo(path,
                         "{\"a\": 1, \"__collection_time__\": 10.5}\n"
                         "{\"a\": NaN, \"__collection_time__\": 11.5}\n"));
        QString error;
        int corrupt = -1;
        const QList<Snapshot> history = JsonHistoryReporter::readHistory(path, &error, &corrupt);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(corrupt, 0);
        QCOMPARE(timesOf(history), (QList<double>{10.5, 11.5}));
        QCOMPARE(history.first().value(u"a"), std::optional<double>(1));
        QCOMPARE(history.last().value(u"a"), std::nullopt);
    }

    void reportAfterATornLineShouldStartAFreshLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        JsonHistoryReporter reporter(path);
        QVERIFY(reporter.report(snapshotAt(1)));
        QVERIFY(appendTo(path, JsonCodec::toJson(snapshotAt(2)).left(30))); // a crash mid-line
        QVERIFY(reporter.report(snapshotAt(3)));
        int corrupt = -1;
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path, nullptr, &corrupt)),
                 (QList<double>{1, 3}));
        QCOMPARE(corrupt, 1);
    }

    void readHistoryOfAMissingFileShouldFail()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nothing.jsonl"));
        QString error;
        QVERIFY(JsonHistoryReporter::readHistory(path, &error).isEmpty());
        QVERIFY2(error.contains(QLatin1String("no such file")), qPrintable(error));
    }

    void readHistoryShouldReadRotatedFilesWhenTheCurrentOneIsMissing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(appendTo(path + QStringLiteral(".2"), JsonCodec::toJson(snapshotAt(1)) + '\n'));
        QVERIFY(appendTo(path + QStringLiteral(".1"), JsonCodec::toJson(snapshotAt(2)) + '\n'));
        // Not rotations of this history:
        QVERIFY(appendTo(path + QStringLiteral(".bak"), "garbage\n"));
        QVERIFY(appendTo(path + QStringLiteral(".01"), "garbage\n"));
        QString error;
        QCOMPARE(timesOf(JsonHistoryReporter::readHistory(path, &error)), (QList<double>{1, 2}));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void failingOutputShouldBeCountedAndSignalled()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("history.jsonl")));
        JsonHistoryReporter reporter(path);
        QSignalSpy spy(&reporter, &Reporter::errorOccurred);
        const MessageCapture capture;
        QVERIFY(!reporter.report(snapshotAt(1)));
        QCOMPARE(reporter.failureCount(), 1u);
        QCOMPARE(spy.count(), 1);
        QVERIFY2(reporter.errorString().contains(path), qPrintable(reporter.errorString()));
    }
};

QTEST_GUILESS_MAIN(JsonHistoryReporterTest)
#include "tst_jsonhistoryreporter.moc"
