// SPDX-License-Identifier: MIT
#include "sources/localservicediscovery.h"

#include <counters/base/platform_p.h>
#include <counters/transport/localdiscovery.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using counters::DiscoveredService;
using counters::LocalDiscovery;
using dashboard::LocalServiceDiscovery;

namespace {

/// Listens as a service of this process would (LocalSocketReporter's socket file name).
std::unique_ptr<QLocalServer> listenAs(const QString &name, qint64 pid)
{
    auto server = std::make_unique<QLocalServer>();
    const QString path =
        LocalDiscovery::directory() + QLatin1Char('/') + LocalDiscovery::socketFileName(name, pid);
    if (!server->listen(path))
        return nullptr;
    return server;
}

} // namespace

class LocalServiceDiscoveryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_runtime = std::make_unique<QTemporaryDir>();
        QVERIFY(m_runtime->isValid());
        QFile::setPermissions(m_runtime->path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));
        QVERIFY(LocalDiscovery::directory().startsWith(m_runtime->path()));
    }
    void cleanup()
    {
        qunsetenv("XDG_RUNTIME_DIR");
        m_runtime.reset();
    }

    void shouldListServicesAsTheyAppearAndVanish()
    {
        const qint64 pid = QCoreApplication::applicationPid();
        auto alpha = listenAs(QStringLiteral("alpha"), pid);
        QVERIFY(alpha);

        LocalServiceDiscovery discovery;
        discovery.setRescanInterval(0); // the watcher alone must notice
        QSignalSpy appeared(&discovery, &LocalServiceDiscovery::serviceAppeared);
        QSignalSpy vanished(&discovery, &LocalServiceDiscovery::serviceVanished);
        discovery.start();
        QCOMPARE(appeared.size(), 1);
        QCOMPARE(appeared.at(0).at(0).value<DiscoveredService>().name, QStringLiteral("alpha"));
        QCOMPARE(appeared.at(0).at(0).value<DiscoveredService>().pid, pid);

        // A plain file is no service.
        QFile plain(LocalDiscovery::directory() + QStringLiteral("/notes.txt"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();

        auto beta = listenAs(QStringLiteral("beta"), pid);
        QVERIFY(beta);
        QTRY_COMPARE(appeared.size(), 2);
        QCOMPARE(appeared.at(1).at(0).value<DiscoveredService>().name, QStringLiteral("beta"));
        QCOMPARE(discovery.services().size(), 2);

        alpha.reset(); // removes its socket file
        QTRY_COMPARE(vanished.size(), 1);
        QCOMPARE(vanished.at(0).at(0).value<DiscoveredService>().name, QStringLiteral("alpha"));
        QCOMPARE(discovery.services().size(), 1);

        discovery.stop();
        QCOMPARE(vanished.size(), 2);
        QVERIFY(discovery.services().isEmpty());
    }

    void shouldIgnoreTheSocketsOfDeadProcesses()
    {
        if (counters::detail::platform::usesPortableFallbacks())
            QSKIP("the portable fallback cannot tell a dead process from a live one");
        // A socket file left by a process that no longer exists.
        auto stale = listenAs(QStringLiteral("ghost"), 999999999);
        QVERIFY(stale);
        LocalServiceDiscovery discovery;
        QSignalSpy appeared(&discovery, &LocalServiceDiscovery::serviceAppeared);
        discovery.start();
        QCOMPARE(appeared.size(), 0);
        QVERIFY(discovery.errorString().isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_runtime;
};

QTEST_GUILESS_MAIN(LocalServiceDiscoveryTest)
#include "tst_localservicediscovery.moc"
