// SPDX-License-Identifier: MIT
// JsonFileReporter when the disk is full (a file-size limit, and a full tmpfs where one can be
// mounted) and when readers hold or lock the report: clear errors, the last complete report
// stays in place, no temporary file is left behind, the reporter recovers, readers never wait.

#include <counters/report/jsonfilereporter.h>

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

using namespace counters;

namespace {

/// A snapshot of `rows` Total counters (about 60 bytes of JSON each) taken at `time`.
Snapshot snapshotWithRows(int rows, double time)
{
    QList<CounterRow> list;
    for (int i = 0; i < rows; ++i) {
        CounterRow row;
        row.name = QStringLiteral("counter_%1").arg(i);
        row.type = CounterType::Total;
        row.value = i * 0.5;
        row.count = 1;
        list.append(row);
    }
    return Snapshot(time, SnapshotSource{QStringLiteral("svc"), QStringLiteral("host"), 1, 2, {}},
                    list);
}

QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Fills the file system of `folder` with one file until a write fails; returns its errno.
int fillUp(const QString &path)
{
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return -1;
    const QByteArray block(4096, 'x');
    for (int i = 0; i < 1'000'000; ++i) {
        if (::write(filler.handle(), block.constData(), size_t(block.size())) < 0)
            return errno;
    }
    return 0;
}

} // namespace

class JsonFileReporterFailuresTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // With SIGXFSZ ignored, a write over the file-size limit fails with EFBIG instead of
        // killing the process: what a full disk looks like to the writer, without a disk.
        std::signal(SIGXFSZ, SIG_IGN);
    }

    void shouldKeepTheLastReportAndRecoverWhenTheDiskIsFull_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("rows"); // of the report that does not fit
        // A big report fails in write() (a short write); a small one fits QSaveFile's buffer and
        // fails when commit() flushes it.
        QTest::newRow("file-size limit, big report") << QStringLiteral("rlimit") << 2000;
        QTest::newRow("file-size limit, small report") << QStringLiteral("rlimit") << 20;
        QTest::newRow("full tmpfs, big report") << QStringLiteral("tmpfs") << 2000;
        QTest::newRow("full tmpfs, small report") << QStringLiteral("tmpfs") << 20;
    }

    void shouldKeepTheLastReportAndRecoverWhenTheDiskIsFull()
    {
        QFETCH(QString, kind);
        QFETCH(int, rows);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString folder = dir.path();
        bool mounted = false;
        const auto unmount = qScopeGuard([&] {
            if (mounted)
                ::umount2(QFile::encodeName(folder).constData(), MNT_DETACH);
        });
        if (kind == QLatin1String("tmpfs")) {
            folder = dir.filePath(QStringLiteral("small"));
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("small")));
            if (::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", 0, "size=256k")
                != 0) {
                QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here: %1")
                                     .arg(QString::fromLocal8Bit(std::strerror(errno)))));
            }
            mounted = true;
        }
        const QString path = folder + QStringLiteral("/report.json");
        const Snapshot small = snapshotWithRows(3, 1);
        const Snapshot big = snapshotWithRows(rows, 2); // about 50 bytes a row
        JsonFileReporter reporter(path);
        QVERIFY(reporter.report(small));
        const QByteArray lastGood = contents(path);
        QVERIFY(!lastGood.isEmpty());

        // Given a disk that has no room for the next report,
        rlimit saved = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto restoreLimit = qScopeGuard([&] { ::setrlimit(RLIMIT_FSIZE, &saved); });
        const QString filler = folder + QStringLiteral("/filler");
        if (kind == QLatin1String("rlimit")) {
            rlimit limited = saved;
            limited.rlim_cur = 512;
            QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
        } else {
            QCOMPARE(fillUp(filler), ENOSPC);
        }

        // when it reports,
        QVERIFY(!reporter.report(big));

        // then the report fails with a message naming the file and the reason,
        const QString error = reporter.errorString();
        const QString reason =
            QString::fromLocal8Bit(std::strerror(kind == QLatin1String("rlimit") ? EFBIG : ENOSPC));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(reason, Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(reporter.failureCount(), 1u);
        // the previous report is still there, whole,
        QCOMPARE(contents(path), lastGood);
        QCOMPARE(JsonFileReporter::safeRead(path), small);
        // and no half-written temporary file takes up the little room there is.
        QStringList expected{QStringLiteral("report.json")};
        if (kind == QLatin1String("tmpfs"))
            expected.prepend(QStringLiteral("filler"));
        QCOMPARE(entries(folder), expected);

        // When room returns, the next report lands.
        if (kind == QLatin1String("rlimit"))
            QCOMPARE(::setrlimit(RLIMIT_FSIZE, &saved), 0);
        else
            QVERIFY(QFile::remove(filler));
        QVERIFY2(reporter.report(big), qPrintable(reporter.errorString()));
        QCOMPARE(JsonFileReporter::safeRead(path), big);
        QCOMPARE(reporter.reportCount(), 2u);
        QCOMPARE(entries(folder), QStringList{QStringLiteral("report.json")});
    }

    void aReaderHoldingTheFileShouldKeepReadingTheWholeOldReport()
    {
        // Given a reader that opened the report and read part of it,
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        const Snapshot old = snapshotWithRows(500, 1);
        const Snapshot next = snapshotWithRows(3, 2);
        JsonFileReporter reporter(path);
        QVERIFY(reporter.report(old));
        const QByteArray oldBytes = contents(path);
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        const QByteArray head = reader.read(100);
        QCOMPARE(head.size(), 100);

        // when the next report replaces the file while the reader holds it,
        QVERIFY2(reporter.report(next), qPrintable(reporter.errorString()));

        // then the reader reads the rest of the old report, whole and unchanged,
        QCOMPARE(head + reader.readAll(), oldBytes);
        // and anyone who opens the file now reads the new one.
        QCOMPARE(JsonFileReporter::safeRead(path), next);
    }

    void aReaderLockingTheFileShouldNotBlockTheReporter()
    {
        // Given a reader that holds an exclusive lock on the report, as PyCounters' readers
        // lock it (flock),
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        JsonFileReporter reporter(path);
        QVERIFY(reporter.report(snapshotWithRows(3, 1)));
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QCOMPARE(::flock(reader.handle(), LOCK_EX), 0);

        // when the reporter reports (in a thread of its own, so that a reporter that waited for
        // the lock would fail this test instead of hanging it),
        std::atomic<bool> done{false};
        bool ok = false;
        const Snapshot next = snapshotWithRows(4, 2);
        std::thread writer([&] {
            ok = reporter.report(next);
            done = true;
        });
        const auto release = qScopeGuard([&] {
            ::flock(reader.handle(), LOCK_UN);
            writer.join();
        });

        // then it does not wait for the lock, and the new report is in place.
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
        QVERIFY(ok);
        QCOMPARE(JsonFileReporter::safeRead(path), next);
    }
};

QTEST_GUILESS_MAIN(JsonFileReporterFailuresTest)

#include "tst_jsonfilereporterfailures.moc"
