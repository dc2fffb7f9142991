// SPDX-License-Identifier: MIT
#include "files.h"
#include "recordingreporter.h"

#include <counters/base/clock.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/event/event.h>
#include <counters/format/jsoncodec.h>
#include <counters/report/jsonfilereporter.h>
#include <counters/report/reportingcontroller.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace counters;

namespace {

CounterRow totalRow(const QString &name, double value)
{
    CounterRow r;
    r.name = name;
    r.type = CounterType::Total;
    r.value = value;
    r.count = 1;
    return r;
}

Snapshot snapshotWithRows(int rows, double time)
{
    QList<CounterRow> list;
    for (int i = 0; i < rows; ++i)
        list.append(totalRow(QStringLiteral("counter_%1").arg(i), i * 0.5));
    return Snapshot(time, SnapshotSource{QStringLiteral("svc"), QStringLiteral("host"), 1, 2, {}},
                    list);
}

/// The file's top-level object without the keys that start and end with "__".
QJsonObject plainValues(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    for (const QString &key : object.keys()) {
        if (key.startsWith(QLatin1String("__")) && key.endsWith(QLatin1String("__")))
            object.remove(key);
    }
    return object;
}

using testsupport::writeFile;

} // namespace

class JsonFileReporterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // PyCounters 0.6's test_json_output.
    void jsonOutput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("json_test.txt"));
        Registry registry;
        QVERIFY(registry.registerCounter(std::make_shared<EventCounter>(
            QStringLiteral("test1"), QStringList{QStringLiteral("jf_json_output")})));
        ReportingController controller(registry);
        QVERIFY(controller.registerReporter(std::make_shared<JsonFileReporter>(path)));

        reportValue("jf_json_output", 2);
        QVERIFY(controller.outputReport());

        QString error;
        const std::optional<Snapshot> snapshot = JsonFileReporter::safeRead(path, &error);
        QVERIFY2(snapshot, qPrintable(error));
        QCOMPARE(snapshot->rows().size(), 1);
        QCOMPARE(snapshot->value(u"test1"), std::optional<double>(2));
        QCOMPARE(snapshot->row(u"test1")->type, CounterType::Event);
        QCOMPARE(plainValues(path), QJsonObject({{QStringLiteral("test1"), 2}}));
    }

    // PyCounters 0.6's test_basic_collection.
    void basicCollection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        ManualClock clock(Seconds(1000), 1.7e9);
        Registry registry(&clock);
        auto test1 = std::make_shared<TotalCounter>(QStringLiteral("test1"));
        auto test2 = std::make_shared<TotalCounter>(QStringLiteral("test2"));
        QVERIFY(registry.registerCounter(test1));
        QVERIFY(registry.registerCounter(test2));
        test1->reportValue(1);
        test2->reportValue(2);
        ReportingController controller(registry);
        QVERIFY(controller.registerReporter(std::make_shared<JsonFileReporter>(path)));
        QVERIFY(controller.outputReport());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(object.contains(QLatin1String("__collection_time__")));
        QCOMPARE(object.value(QLatin1String("__collection_time__")).toDouble(),
                 clock.wallSeconds());
        QCOMPARE(plainValues(path),
                 QJsonObject({{QStringLiteral("test1"), 1}, {QStringLiteral("test2"), 2}}));
        const std::optional<Snapshot> snapshot = JsonFileReporter::safeRead(path);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->time(), clock.wallSeconds());
    }

    void shouldNotCreateTheFileBeforeTheFirstReport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        JsonFileReporter reporter(path);
        QCOMPARE(reporter.path(), path);
        QVERIFY(!QFile::exists(path));
        QVERIFY(reporter.report(snapshotWithRows(1, 1)));
        QVERIFY(QFile::exists(path));
    }

    void shouldReplaceThePreviousReport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        JsonFileReporter reporter(path);
        QVERIFY(reporter.report(snapshotWithRows(50, 1)));
        const Snapshot second = snapshotWithRows(2, 2);
        QVERIFY(reporter.report(second));
        QCOMPARE(JsonFileReporter::safeRead(path), std::optional<Snapshot>(second));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("report.json")});
    }

    void newFilesShouldBeReadableByOthers()
    {
        // The munin helper may run as another user: the report must not be 0600.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        const mode_t previous = ::umask(022);
        const bool ok = JsonFileReporter::safeWrite(snapshotWithRows(1, 1), path);
        ::umask(previous);
        QVERIFY(ok);
        QVERIFY(QFile::permissions(path) & QFileDevice::ReadOther);
    }

    void safeWriteAndSafeReadShouldRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        const Snapshot snapshot = snapshotWithRows(10, 1.7e9 + 0.5);
        QString error;
        QVERIFY2(JsonFileReporter::safeWrite(snapshot, path, &error), qPrintable(error));
        const std::optional<Snapshot> read = JsonFileReporter::safeRead(path, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(*read, snapshot);
    }

    void safeWriteShouldWriteAJsonObjectAsIs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        const QJsonObject object{{QStringLiteral("a"), 3},
                                 {QStringLiteral("__collection_time__"), 1234.5}};
        QVERIFY(JsonFileReporter::safeWrite(object, path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), object);
        const std::optional<Snapshot> read = JsonFileReporter::safeRead(path);
        QVERIFY(read);
        QCOMPARE(read->value(u"a"), std::optional<double>(3));
        QCOMPARE(read->time(), 1234.5);
    }

    void safeReadShouldReadPyCountersFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pycounters.json"));
        QVERIFY(writeFile(
            path,
            R"({"a": 3, "b": 0.3333333333333333, "__collection_time__": 1234.5, "n": null, "x": NaN})"));
        QString error;
        const std::optional<Snapshot> read = JsonFileReporter::safeRead(path, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->rows().size(), 4);
        QCOMPARE(read->value(u"b"), std::optional<double>(0.3333333333333333));
        QVERIFY(read->row(u"n") && !read->row(u"n")->value);
    }

    void safeReadShouldExplainFailures_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file")
            << QStringLiteral("missing") << QStringLiteral("no such file");
        QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("folder");
        QTest::newRow("unreadable")
            << QStringLiteral("unreadable") << QStringLiteral("cannot read");
        QTest::newRow("read error")
            << QStringLiteral("read error") << QStringLiteral("cannot read");
        QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("empty");
        QTest::newRow("corrupt") << QStringLiteral("corrupt") << QStringLiteral("offset");
        QTest::newRow("torn") << QStringLiteral("torn") << QStringLiteral("offset");
        // A FIFO would block the reader for ever, /dev/zero never end.
        QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("not a regular file");
        QTest::newRow("device") << QStringLiteral("device") << QStringLiteral("not a regular file");
    }

    void safeReadShouldExplainFailures()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("report.json"));
        if (kind == QLatin1String("folder")) {
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("report.json")));
        } else if (kind == QLatin1String("unreadable")) {
            if (::geteuid() == 0)
                QSKIP("root reads files whatever their permissions");
            QVERIFY(writeFile(path, "{}"));
            QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        } else if (kind == QLatin1String("read error")) {
            // Reading /proc/self/mem at offset 0 fails with EIO, for root too.
            path = QStringLiteral("/proc/self/mem");
            if (!QFile::exists(path))
                QSKIP("no /proc/self/mem here");
        } else if (kind == QLatin1String("empty")) {
            QVERIFY(writeFile(path, ""));
        } else if (kind == QLatin1String("corrupt")) {
            QVERIFY(writeFile(path, "{\"a\": 1,,}"));
        } else if (kind == QLatin1String("torn")) {
            const QByteArray full = JsonCodec::toJson(snapshotWithRows(20, 1));
            QVERIFY(writeFile(path, full.left(full.size() - 7)));
        } else if (kind == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else if (kind == QLatin1String("device")) {
            path = QStringLiteral("/dev/zero");
        }
        QString error;
        QVERIFY(!JsonFileReporter::safeRead(path, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void replacementShouldBeAtomic()
    {
        // Given a writer that keeps replacing the report with a large and a small one, when a
        // reader parses the file 10,000 times meanwhile, then it never sees a torn report.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        const Snapshot big = snapshotWithRows(200, 1);
        const Snapshot small = snapshotWithRows(3, 2);
        QVERIFY(JsonFileReporter::safeWrite(big, path));

        std::atomic<bool> done{false};
        std::atomic<int> writes{0};
        std::atomic<int> writeFailures{0};
        std::thread writer([&] {
            JsonFileReporter reporter(path);
            while (!done.load()) {
                if (!reporter.report(writes % 2 ? big : small))
                    ++writeFailures;
                ++writes;
            }
        });
        int readFailures = 0;
        int unexpected = 0;
        QString firstError;
        for (int i = 0; i < 10000; ++i) {
            QString error;
            const std::optional<Snapshot> read = JsonFileReporter::safeRead(path, &error);
            if (!read) {
                if (readFailures++ == 0)
                    firstError = error;
            } else if (*read != big && *read != small) {
                ++unexpected;
            }
        }
        done = true;
        writer.join();
        QVERIFY2(
            readFailures == 0,
            qPrintable(QStringLiteral("%1 failures, first: %2").arg(readFailures).arg(firstError)));
        QCOMPARE(unexpected, 0);
        QCOMPARE(writeFailures.load(), 0);
        QVERIFY2(writes.load() >= 10, qPrintable(QString::number(writes.load())));
    }

    // `--json /dev/null` or a FIFO: the temporary-file-then-rename write would replace it with a
    // regular file. It is refused with a clear error and left as it is.
    void shouldNeverReplaceWhatIsNotARegularFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString link = dir.filePath(QStringLiteral("null"));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), link));
        for (const QString &path : {fifo, link}) {
            QString error;
            QVERIFY(!JsonFileReporter::safeWrite(snapshotWithRows(2, 1), path, &error));
            QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
        }
        struct stat status;
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &status), 0);
        QVERIFY(S_ISFIFO(status.st_mode));
        QCOMPARE(QFileInfo(link).symLinkTarget(), QStringLiteral("/dev/null"));
        QVERIFY(!QFileInfo(QStringLiteral("/dev/null")).isFile());

        // A link to a regular file is written through.
        const QString target = dir.filePath(QStringLiteral("target.json"));
        QVERIFY(writeFile(target, "{}"));
        const QString toTarget = dir.filePath(QStringLiteral("report.json"));
        QVERIFY(QFile::link(target, toTarget));
        QString error;
        QVERIFY2(JsonFileReporter::safeWrite(snapshotWithRows(2, 1), toTarget, &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(toTarget).isSymLink());
        QVERIFY(JsonFileReporter::safeRead(target));
    }

    void failingOutputsShouldBeContainedCountedAndSignalled_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("read-only folder") << QStringLiteral("read-only folder");
        QTest::newRow("path is a folder") << QStringLiteral("path is a folder");
        QTest::newRow("parent is a file") << QStringLiteral("parent is a file");
        QTest::newRow("read-only file system") << QStringLiteral("read-only file system");
    }

    void failingOutputsShouldBeContainedCountedAndSignalled()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        QString path;
        if (kind == QLatin1String("read-only folder")) {
            if (::geteuid() == 0)
                QSKIP("root writes into read-only folders");
            const QString folder = dir.filePath(QStringLiteral("ro"));
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("ro")));
            QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
            path = folder + QStringLiteral("/report.json");
        } else if (kind == QLatin1String("path is a folder")) {
            path = dir.filePath(QStringLiteral("report.json"));
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("report.json")));
        } else if (kind == QLatin1String("parent is a file")) {
            QVERIFY(writeFile(dir.filePath(QStringLiteral("plain")), "x"));
            path = dir.filePath(QStringLiteral("plain/report.json"));
        } else {
            path = QStringLiteral("/proc/counters-report-test.json");
        }

        ManualClock clock;
        Registry registry(&clock);
        ReportingController controller(registry);
        auto failing = std::make_shared<JsonFileReporter>(path);
        auto other = std::make_shared<RecordingReporter>();
        QVERIFY(controller.registerReporter(failing));
        QVERIFY(controller.registerReporter(other));
        QSignalSpy spy(failing.get(), &Reporter::errorOccurred);
        const MessageCapture capture;

        QVERIFY(!controller.outputReport());
        QVERIFY(!controller.outputReport());
        QCOMPARE(failing->failureCount(), 2u);
        QCOMPARE(failing->reportCount(), 0u);
        QCOMPARE(spy.count(), 2);
        QVERIFY2(failing->errorString().contains(path), qPrintable(failing->errorString()));
        QCOMPARE(other->reportCount(), 2u);
        QCOMPARE(capture.texts(QStringLiteral("counters.report")).size(), 1);
        if (kind == QLatin1String("read-only folder"))
            QFile::setPermissions(QFileInfo(path).path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner);
    }
};

QTEST_GUILESS_MAIN(JsonFileReporterTest)
#include "tst_jsonfilereporter.moc"
