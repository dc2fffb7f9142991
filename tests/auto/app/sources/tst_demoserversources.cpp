// SPDX-License-Identifier: MIT
// The dashboard's sources against the real services of the project: counters-demo-server
// publishing on a local socket (LocalSocketReporter) and leading a multi-process collection
// (MultiProcessCollector), started as processes.

#include "ports.h"
#include "sources/leadersource.h"
#include "sources/localservicesource.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using dashboard::LeaderSource;
using dashboard::LocalServiceSource;
using dashboard::Source;

using testsupport::freePort;

class DemoServerSourcesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_runtime = std::make_unique<QTemporaryDir>();
        QVERIFY(m_runtime->isValid());
        QFile::setPermissions(m_runtime->path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // The demo server and this test must agree on the discovery folder.
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));
    }
    void cleanup()
    {
        for (QProcess *server : std::as_const(m_servers)) {
            server->terminate();
            server->waitForFinished(10000);
            delete server;
        }
        m_servers.clear();
        qunsetenv("XDG_RUNTIME_DIR");
        m_runtime.reset();
    }

    void shouldFollowALocalServiceThroughARestart()
    {
        QProcess *server =
            startServer({QStringLiteral("--local-socket"), QStringLiteral("dashtest"),
                         QStringLiteral("--interval"), QStringLiteral("0.2")});
        QVERIFY(server);
        LocalServiceSource source(QStringLiteral("dashtest"));
        source.setRetryDelays(50, 200);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Live, 10000);
        QCOMPARE(source.serviceInfo().pid, server->processId());
        QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= 2, 10000);
        const auto snapshot = snapshots.last().at(0).value<counters::Snapshot>();
        QVERIFY(snapshot.row(QStringLiteral("requests_time")));
        QCOMPARE(snapshot.row(QStringLiteral("requests_time"))->type,
                 counters::CounterType::AverageTime);

        // The service stops (it says goodbye) and starts again with another pid.
        server->terminate();
        QVERIFY(server->waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(source.state() != Source::State::Live, 10000);
        QProcess *again = startServer({QStringLiteral("--local-socket"), QStringLiteral("dashtest"),
                                       QStringLiteral("--interval"), QStringLiteral("0.2")});
        QVERIFY(again);
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Live, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(source.serviceInfo().pid, again->processId(), 10000);
    }

    void shouldFollowAMultiProcessLeader()
    {
        const quint16 port = freePort();
        QVERIFY(port);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        QVERIFY(startServer({QStringLiteral("--multi-process"), address, QStringLiteral("--role"),
                             QStringLiteral("leader"), QStringLiteral("--interval"),
                             QStringLiteral("0.2")}));
        QVERIFY(startServer({QStringLiteral("--multi-process"), address, QStringLiteral("--role"),
                             QStringLiteral("node"), QStringLiteral("--interval"),
                             QStringLiteral("0.2")}));
        LeaderSource source(QUrl(QStringLiteral("tcp://") + address));
        source.setRetryDelays(50, 200);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Live, 15000);
        // Merged reports with each process's snapshot as a node, once the node joined.
        QTRY_VERIFY_WITH_TIMEOUT(
            !snapshots.isEmpty()
                && snapshots.last().at(0).value<counters::Snapshot>().nodes().size() == 2,
            15000);
        const auto merged = snapshots.last().at(0).value<counters::Snapshot>();
        QVERIFY(merged.row(QStringLiteral("requests_frequency")));
    }

private:
    QProcess *startServer(const QStringList &arguments)
    {
        auto *server = new QProcess;
        server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server->start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                      QStringList{QStringLiteral("--port"), QStringLiteral("0")} + arguments);
        m_servers.append(server);
        if (!server->waitForStarted(10000))
            return nullptr;
        // Listening once it says where it serves.
        if (!server->waitForReadyRead(10000))
            return nullptr;
        return server;
    }

    std::unique_ptr<QTemporaryDir> m_runtime;
    QList<QProcess *> m_servers;
};

QTEST_GUILESS_MAIN(DemoServerSourcesTest)
#include "tst_demoserversources.moc"
