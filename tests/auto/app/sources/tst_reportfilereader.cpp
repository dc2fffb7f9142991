// SPDX-License-Identifier: MIT
// The reader of the files the dashboard opens: reports and histories told apart by content,
// PyCounters files dated by their modification time, corrupt lines counted, and the file
// system's failures reported.

#include "snapshots.h"
#include "sources/reportfilereader.h"

#include <counters/format/jsoncodec.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dashboard;
using namespace counters;

namespace {

constexpr double kModified = 1.7e9;

QByteArray report(double time, double value)
{
    return JsonCodec::toJson(testdata::snapshot(
        time, {testdata::row(QStringLiteral("requests"), CounterType::Event, value, 0)}));
}

bool writeFile(const QString &path, const QByteArray &bytes, double modified = 0)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return false;
    // setFileTime() needs the file open; flush first, or closing would date it now.
    return file.flush()
        && (modified <= 0
            || file.setFileTime(QDateTime::fromMSecsSinceEpoch(qint64(modified * 1000)),
                                QFileDevice::FileModificationTime));
}

QList<double> timesOf(const QList<Snapshot> &snapshots)
{
    QList<double> times;
    for (const Snapshot &snapshot : snapshots)
        times.append(snapshot.time());
    return times;
}

} // namespace

class ReportFileReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldParseContent_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("isHistory");
        QTest::addColumn<QList<double>>("times");
        QTest::addColumn<int>("corruptLines");
        QTest::addColumn<QString>("error");

        QTest::newRow("our report")
            << report(1.6e9, 3) << false << QList<double>{1.6e9} << 0 << QString();
        QTest::newRow("PyCounters report, dated by the file")
            << QByteArray(R"({"requests": 3, "requests_time": 0.25})") << false
            << QList<double>{kModified} << 0 << QString();
        QTest::newRow("pretty-printed report: one report, not lines")
            << QByteArray("{\n  \"requests\": 3,\n  \"__collection_time__\": 1600000000\n}\n")
            << false << QList<double>{1.6e9} << 0 << QString();
        QTest::newRow("history, sorted")
            << report(1.6e9 + 2, 2) + '\n' + report(1.6e9, 1) + "\n\n" + report(1.6e9 + 1, 3)
            << true << QList<double>{1.6e9, 1.6e9 + 1, 1.6e9 + 2} << 0 << QString();
        QTest::newRow("PyCounters history: a second apart, ending at the file's time")
            << QByteArray("{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n") << true
            << QList<double>{kModified - 2, kModified - 1, kModified} << 0 << QString();
        QTest::newRow("history with corrupt lines")
            << report(1.6e9, 1) + "\n{\"a\": \n" + report(1.6e9 + 1, 2) + "\nnot json\n"
            << true << QList<double>{1.6e9, 1.6e9 + 1} << 2
            << QStringLiteral("skipped 2 corrupt line(s); report.json:2: ");
        QTest::newRow("history whose second line is cut short")
            << report(1.6e9, 1) + '\n' + report(1.6e9 + 1, 2).left(20) << true
            << QList<double>{1.6e9} << 1 << QStringLiteral("skipped 1 corrupt line(s)");
        QTest::newRow("one report and a line that is not an object")
            << report(1.6e9, 1) + "\nnot json" << false << QList<double>{} << 0
            << QStringLiteral("cannot read report.json: invalid JSON");
        QTest::newRow("empty file") << QByteArray() << false << QList<double>{} << 0
                                    << QStringLiteral("cannot read report.json: ");
        QTest::newRow("not JSON") << QByteArray("<html>") << false << QList<double>{} << 0
                                  << QStringLiteral("cannot read report.json: invalid JSON");
        QTest::newRow("history of garbage") << QByteArray("{x}\n{y}\n") << true << QList<double>{}
                                            << 2 << QStringLiteral("skipped 2 corrupt line(s)");
    }

    void shouldParseContent()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, isHistory);
        QFETCH(QList<double>, times);
        QFETCH(int, corruptLines);
        QFETCH(QString, error);

        const ReportFileReader::Result result =
            ReportFileReader::parse(bytes, QStringLiteral("report.json"), kModified);
        QCOMPARE(result.isHistory, isHistory);
        QCOMPARE(timesOf(result.snapshots), times);
        QCOMPARE(result.ok(), !times.isEmpty());
        QCOMPARE(result.corruptLines, corruptLines);
        if (error.isEmpty())
            QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        else
            QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
    }

    // read() is parse() behind the file system: the same results, plus the rotated files of a
    // history and the modification time of the file.
    void shouldReadFilesAsParseDoes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path + QStringLiteral(".2"), report(1.6e9, 1) + '\n'));
        QVERIFY(writeFile(path + QStringLiteral(".1"), report(1.6e9 + 1, 2) + "\n{bad\n"));
        QVERIFY(writeFile(path, report(1.6e9 + 2, 3) + '\n' + report(1.6e9 + 3, 4) + '\n'));
        ReportFileReader::Result result = ReportFileReader::read(path);
        QVERIFY(result.isHistory);
        QCOMPARE(timesOf(result.snapshots),
                 (QList<double>{1.6e9, 1.6e9 + 1, 1.6e9 + 2, 1.6e9 + 3}));
        QCOMPARE(result.corruptLines, 1);
        QVERIFY2(result.error.contains(path + QStringLiteral(".1:2:")), qPrintable(result.error));

        const QString pycounters = dir.filePath(QStringLiteral("pycounters.json"));
        QVERIFY(writeFile(pycounters, R"({"requests": 3})", kModified));
        result = ReportFileReader::read(pycounters);
        QVERIFY(result.ok());
        QVERIFY(!result.isHistory);
        QCOMPARE(timesOf(result.snapshots), QList<double>{kModified});
        QCOMPARE(result.snapshots.first().row(QStringLiteral("requests"))->value,
                 std::optional<double>(3));
    }

    void shouldSayWhyAFileCannotBeRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ReportFileReader::Result result = ReportFileReader::read(dir.path());
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("is a folder")), qPrintable(result.error));

        result = ReportFileReader::read(dir.filePath(QStringLiteral("missing.json")));
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("missing.json")), qPrintable(result.error));

        const QString corrupt = dir.filePath(QStringLiteral("corrupt.json"));
        QVERIFY(writeFile(corrupt, "{\"requests\": "));
        result = ReportFileReader::read(corrupt);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.startsWith(QStringLiteral("cannot read ") + corrupt),
                 qPrintable(result.error));
        QVERIFY(!ReportFileReader::readReport(corrupt));
    }
};

QTEST_GUILESS_MAIN(ReportFileReaderTest)
#include "tst_reportfilereader.moc"
