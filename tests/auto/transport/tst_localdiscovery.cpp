// SPDX-License-Identifier: MIT
// The discovery directory of local-socket services: where it is, that it stays private, the
// socket file names, and the listing that forgets (and removes) services of dead processes.

#include "localsockettesthelpers.h"

#include <counters/base/platform_p.h>
#include <counters/transport/localdiscovery.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace counters;
using namespace testhelpers;

namespace counters {
char *toString(const DiscoveredService &service)
{
    return QTest::toString(QStringLiteral("%1 (pid %2) at %3")
                               .arg(service.name)
                               .arg(service.pid)
                               .arg(service.socketPath));
}
} // namespace counters

class LocalDiscoveryTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_runtime; ///< Stands in for XDG_RUNTIME_DIR: tests never touch the real one.
    QTemporaryDir m_temp;    ///< Stands in for the temp folder of the fallback.

    QString runtimeFolder() const { return m_runtime.path() + QLatin1String("/counters"); }
    QString fallbackFolder() const
    {
        return QDir::cleanPath(m_temp.path()) + QLatin1String("/counters-")
            + counters::detail::platform::userTag();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        QVERIFY(m_temp.isValid());
        QVERIFY(qputenv("TMPDIR", QFile::encodeName(m_temp.path())));
    }

    void init()
    {
        QVERIFY(qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path())));
        QDir(runtimeFolder()).removeRecursively();
        QDir(fallbackFolder()).removeRecursively();
    }

    void shouldCreatePrivateFolderInXdgRuntimeDir()
    {
        QString error;
        const QString dir = LocalDiscovery::directory(&error);
        QVERIFY2(!dir.isEmpty(), qPrintable(error));
        QCOMPARE(dir, runtimeFolder());
        QVERIFY(QFileInfo(dir).isDir());
        QCOMPARE(fileMode(dir), 0700);
        // A second call finds it.
        QCOMPARE(LocalDiscovery::directory(), dir);
    }

    void shouldMakeLooseFolderPrivateAgain()
    {
        QVERIFY(QDir().mkdir(runtimeFolder()));
        QVERIFY(::chmod(QFile::encodeName(runtimeFolder()).constData(), 0755) == 0);
        QCOMPARE(LocalDiscovery::directory(), runtimeFolder());
        QCOMPARE(fileMode(runtimeFolder()), 0700);
    }

    void shouldFallBackToPerUserTempFolder_data()
    {
        QTest::addColumn<QByteArray>("runtime"); // "<unset>" unsets the variable
        QTest::newRow("unset") << QByteArray("<unset>");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("relative") << QByteArray("relative/run");
        QTest::newRow("missing") << QByteArray("/nonexistent/counters-test/run");
        QTest::newRow("a file") << QByteArray("<file>");
    }

    void shouldFallBackToPerUserTempFolder()
    {
        QFETCH(QByteArray, runtime);
        if (runtime == "<unset>") {
            QVERIFY(qunsetenv("XDG_RUNTIME_DIR"));
        } else if (runtime == "<file>") {
            const QString file = m_runtime.filePath(QStringLiteral("not-a-folder"));
            QFile touch(file);
            QVERIFY(touch.open(QIODevice::WriteOnly));
            QVERIFY(qputenv("XDG_RUNTIME_DIR", QFile::encodeName(file)));
        } else {
            QVERIFY(qputenv("XDG_RUNTIME_DIR", runtime));
        }
        QString error;
        const QString dir = LocalDiscovery::directory(&error);
        QVERIFY2(!dir.isEmpty(), qPrintable(error));
        QCOMPARE(dir, fallbackFolder());
        QCOMPARE(fileMode(dir), 0700);
    }

    // In a shared temp folder someone else could plant the folder first.
    void shouldRefuseSymbolicLink()
    {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        QVERIFY(QFile::link(elsewhere.path(), runtimeFolder()));
        QString error;
        QCOMPARE(LocalDiscovery::directory(&error), QString());
        QVERIFY2(error.contains(QLatin1String("symbolic link")), qPrintable(error));
        QString listError;
        QVERIFY(LocalDiscovery::services(LocalDiscovery::StaleFiles::Remove, &listError).isEmpty());
        QCOMPARE(listError, error);
        QVERIFY(QFile::remove(runtimeFolder()));
    }

    void shouldRefuseFolderOfAnotherUser()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give a folder to another user");
        if (counters::detail::platform::usesPortableFallbacks())
            QSKIP("the portable fallback does not check a folder's owner");
        QVERIFY(QDir().mkdir(runtimeFolder()));
        QVERIFY(::chown(QFile::encodeName(runtimeFolder()).constData(), 4242, 4242) == 0);
        QString error;
        QCOMPARE(LocalDiscovery::directory(&error), QString());
        QVERIFY2(error.contains(QLatin1String("4242")), qPrintable(error));
    }

    void shouldBuildAndParseSocketFileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("plain") << QStringLiteral("demo") << qint64(42)
                               << QStringLiteral("demo.42.sock");
        QTest::newRow("dots in the name") << QStringLiteral("org.example.svc") << qint64(7)
                                          << QStringLiteral("org.example.svc.7.sock");
        QTest::newRow("looks like a pid")
            << QStringLiteral("svc.12") << qint64(3) << QStringLiteral("svc.12.3.sock");
        QTest::newRow("spaces and unicode") << QStringLiteral("mon service é") << qint64(99999)
                                            << QStringLiteral("mon service é.99999.sock");
        QTest::newRow("ends in .sock")
            << QStringLiteral("a.sock") << qint64(1) << QStringLiteral("a.sock.1.sock");
    }

    void shouldBuildAndParseSocketFileNames()
    {
        QFETCH(QString, name);
        QFETCH(qint64, pid);
        QFETCH(QString, fileName);
        QCOMPARE(LocalDiscovery::socketFileName(name, pid), fileName);
        const std::optional<DiscoveredService> parsed =
            LocalDiscovery::parseSocketFileName(fileName);
        QVERIFY(parsed);
        QCOMPARE(parsed->name, name);
        QCOMPARE(parsed->pid, pid);
        QCOMPARE(parsed->socketPath, QString());
    }

    void shouldRejectMalformedSocketFileNames_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("no pid") << QStringLiteral("demo.sock");
        QTest::newRow("pid not a number") << QStringLiteral("demo.x1.sock");
        QTest::newRow("pid with a sign") << QStringLiteral("demo.+12.sock");
        QTest::newRow("negative pid") << QStringLiteral("demo.-12.sock");
        QTest::newRow("pid zero") << QStringLiteral("demo.0.sock");
        QTest::newRow("pid too big") << QStringLiteral("demo.99999999999999999999.sock");
        QTest::newRow("no name") << QStringLiteral(".12.sock");
        QTest::newRow("hidden name") << QStringLiteral(".demo.12.sock");
        QTest::newRow("other suffix") << QStringLiteral("demo.12.socket");
        QTest::newRow("no suffix") << QStringLiteral("demo.12");
        QTest::newRow("empty") << QString();
    }

    void shouldRejectMalformedSocketFileNames()
    {
        QFETCH(QString, fileName);
        QVERIFY(!LocalDiscovery::parseSocketFileName(fileName));
    }

    void shouldValidateServiceNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("plain") << QStringLiteral("counters-demo-server") << true << QString();
        QTest::newRow("dots") << QStringLiteral("a.b.c") << true << QString();
        QTest::newRow("empty") << QString() << false << QStringLiteral("empty");
        QTest::newRow("slash") << QStringLiteral("a/b") << false << QStringLiteral("'/'");
        QTest::newRow("dot first") << QStringLiteral(".x") << false << QStringLiteral("dot");
        QTest::newRow("dot dot") << QStringLiteral("..") << false << QStringLiteral("dot");
        QTest::newRow("newline") << QStringLiteral("a\nb") << false << QStringLiteral("U+000a");
    }

    void shouldValidateServiceNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QString, mentions);
        QString error;
        QCOMPARE(LocalDiscovery::isValidServiceName(name, &error), valid);
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void shouldListLiveServicesSortedByNameThenPid()
    {
        const QString dir = LocalDiscovery::directory();
        QVERIFY(!dir.isEmpty());
        const qint64 me = ::getpid();
        const qint64 parent = ::getppid(); // alive: it runs this test
        QVERIFY(me != parent);
        const QString beta =
            dir + QLatin1String("/beta.") + QString::number(me) + QLatin1String(".sock");
        const QString alphaMe =
            dir + QLatin1String("/alpha.") + QString::number(me) + QLatin1String(".sock");
        const QString alphaParent =
            dir + QLatin1String("/alpha.") + QString::number(parent) + QLatin1String(".sock");
        for (const QString &path : {beta, alphaMe, alphaParent})
            QVERIFY(makeStaleSocketFile(path));

        QString error;
        const QList<DiscoveredService> services =
            LocalDiscovery::services(LocalDiscovery::StaleFiles::Remove, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const DiscoveredService first{QStringLiteral("alpha"), qMin(me, parent),
                                      me < parent ? alphaMe : alphaParent};
        const DiscoveredService second{QStringLiteral("alpha"), qMax(me, parent),
                                       me < parent ? alphaParent : alphaMe};
        const QList<DiscoveredService> expected{
            first, second, DiscoveredService{QStringLiteral("beta"), me, beta}};
        QCOMPARE(services, expected);
    }

    void shouldRemoveStaleSocketFilesOfDeadProcesses_data()
    {
        QTest::addColumn<qint64>("pid");
        QTest::newRow("a child that exited") << deadPid();
        // Above any pid_max Linux allows (2^22).
        QTest::newRow("a pid that cannot exist") << qint64(0x7ffffff0);
    }

    void shouldRemoveStaleSocketFilesOfDeadProcesses()
    {
        if (counters::detail::platform::usesPortableFallbacks())
            QSKIP("the portable fallback cannot tell a dead process from a live one");
        QFETCH(qint64, pid);
        QVERIFY(pid > 0);
        QVERIFY(!LocalDiscovery::isProcessAlive(pid));
        const QString dir = LocalDiscovery::directory();
        const QString stale =
            dir + QLatin1String("/crashed.") + QString::number(pid) + QLatin1String(".sock");
        const QString live =
            dir + QLatin1String("/running.") + QString::number(::getpid()) + QLatin1String(".sock");
        QVERIFY(makeStaleSocketFile(stale));
        QVERIFY(makeStaleSocketFile(live));

        QTest::ignoreMessage(
            QtInfoMsg,
            QRegularExpression(QStringLiteral("removed the stale socket file .*crashed\\.")));
        const QList<DiscoveredService> services = LocalDiscovery::services();
        QCOMPARE(services.size(), 1);
        QCOMPARE(services.first().name, QStringLiteral("running"));
        QVERIFY(!QFileInfo::exists(stale));
        QVERIFY(isSocket(live));
    }

    void shouldKeepStaleFilesWhenAsked()
    {
        if (counters::detail::platform::usesPortableFallbacks())
            QSKIP("the portable fallback cannot tell a dead process from a live one");
        const QString stale = LocalDiscovery::directory() + QLatin1String("/crashed.")
            + QString::number(deadPid()) + QLatin1String(".sock");
        QVERIFY(makeStaleSocketFile(stale));
        QVERIFY(LocalDiscovery::services(LocalDiscovery::StaleFiles::Keep).isEmpty());
        QVERIFY(isSocket(stale));
        // Remove (the default) then takes it away.
        QTest::ignoreMessage(
            QtInfoMsg,
            QRegularExpression(QStringLiteral("removed the stale socket file .*crashed\\.")));
        QVERIFY(LocalDiscovery::services().isEmpty());
        QVERIFY(!QFileInfo::exists(stale));
    }

    void shouldIgnoreFilesThatAreNotServiceSockets()
    {
        const QString dir = LocalDiscovery::directory();
        const QString dead = QString::number(deadPid());
        // A regular file and a folder named like sockets of a dead process: not ours to remove.
        const QString file = dir + QLatin1String("/notes.") + dead + QLatin1String(".sock");
        const QString folder = dir + QLatin1String("/folder.") + dead + QLatin1String(".sock");
        QFile touch(file);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        QVERIFY(QDir().mkdir(folder));
        // A socket whose name is not <name>.<pid>.sock.
        QVERIFY(makeStaleSocketFile(dir + QLatin1String("/odd.sock")));
        QVERIFY(makeStaleSocketFile(dir + QLatin1String("/other.") + QString::number(::getpid())));

        QVERIFY(LocalDiscovery::services().isEmpty());
        QVERIFY(QFileInfo(file).isFile());
        QVERIFY(QFileInfo(folder).isDir());
        QVERIFY(isSocket(dir + QLatin1String("/odd.sock")));
    }

    void shouldTellLiveProcessesFromDeadOnes()
    {
        if (counters::detail::platform::usesPortableFallbacks())
            QSKIP("the portable fallback cannot tell a dead process from a live one");
        QVERIFY(LocalDiscovery::isProcessAlive(::getpid()));
        QVERIFY(LocalDiscovery::isProcessAlive(::getppid()));
        QVERIFY(!LocalDiscovery::isProcessAlive(deadPid()));
        // 0 and -1 would mean process groups to kill(): never "alive".
        QVERIFY(!LocalDiscovery::isProcessAlive(0));
        QVERIFY(!LocalDiscovery::isProcessAlive(-1));
        QVERIFY(!LocalDiscovery::isProcessAlive(qint64(1) << 40));
    }

    void shouldLimitSocketPathsToWhatBindAccepts()
    {
        // Linux: sockaddr_un::sun_path holds 108 bytes, the last one the terminating NUL.
        QCOMPARE(LocalDiscovery::maxSocketPathLength(),
                 counters::detail::platform::usesPortableFallbacks() ? 103 : 107);
    }
};

QTEST_GUILESS_MAIN(LocalDiscoveryTest)
#include "tst_localdiscovery.moc"
