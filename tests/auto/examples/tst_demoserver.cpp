// SPDX-License-Identifier: MIT
// The tutorial's demo server end to end: answers over a real socket, the tutorial's counters,
// the JSON report they produce, and the executable's switches.

#include "demooptions.h"
#include "demoserver.h"

#include <counters/counters.h>
#include <counters/format/framereader.h>
#include <counters/format/hello.h>

#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace counters;

namespace {

/// How long a started demo process may take to answer: a busy machine (a parallel build)
/// can hold a new process back for seconds.
constexpr int kProcessTimeoutMs = 30000;

QByteArray ask(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "<no connection>";
    socket.write(request);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer + socket.readAll();
}

} // namespace

class DemoServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Registry::global().unregisterAll(); }

    void shouldAnswerUpperCasedStrippedText_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("plain") << QByteArray("hello") << QByteArray("HELLO");
        QTest::newRow("white space stripped")
            << QByteArray(" \t hello world \r\n") << QByteArray("HELLO WORLD");
        QTest::newRow("already upper") << QByteArray("ABC 123") << QByteArray("ABC 123");
        QTest::newRow("only the first 1024 bytes")
            << QByteArray(1500, 'a') << QByteArray(1024, 'A');
    }

    void shouldAnswerUpperCasedStrippedText()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, answer);
        DemoServer server;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
        QByteArray received;
        std::atomic<bool> done{false};
        std::thread client([&] {
            received = ask(server.port(), request);
            done = true;
        });
        const auto joined = qScopeGuard([&] {
            if (client.joinable())
                client.join();
        });
        // The server's answer leaves in this thread's event loop: it keeps running until the
        // client has read it (joining at once could hold an unsent answer back).
        QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
        QCOMPARE(server.requestsHandled(), quint64(1));
        QCOMPARE(received, answer);
    }

    void shouldFeedTheTutorialCounters()
    {
        ManualClock clock;
        Registry registry(&clock);
        QVERIFY(DemoServer::registerTutorialCounters(registry));
        QCOMPARE(registry.counters().size(), 8); // the tutorial's seven and the percentiles

        DemoServer server(registry);
        QCOMPARE(registry.counters().size(), 12); // and the labelled series, kind empty and text
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QList<QByteArray> requests{"ab", "  abcdef  ", " \t\r\n", "abcd"};
        for (const QByteArray &request : requests) {
            std::thread client([&] { ask(server.port(), request); });
            const quint64 before = server.requestsHandled();
            QTRY_COMPARE(server.requestsHandled(), before + 1);
            client.join();
        }

        const Snapshot snapshot = registry.collect();
        // Lengths after stripping: 2, 6, 0, 4.
        QCOMPARE(snapshot.value(u"requests_data_len"), std::optional<double>(12));
        QCOMPARE(snapshot.value(u"requests_data_len_total"), std::optional<double>(12));
        QCOMPARE(snapshot.value(u"requests_data_len_avg"), std::optional<double>(3));
        QCOMPARE(snapshot.value(u"requests_data_len_max"), std::optional<double>(6));
        QCOMPARE(snapshot.value(u"requests_data_len_min"), std::optional<double>(0));
        QCOMPARE(snapshot.row(u"requests_time")->count, quint64(4));
        // The labelled families: three requests with text, one only white space.
        QCOMPARE(snapshot.value(u"request_count{kind=\"text\"}"), std::optional<double>(3));
        QCOMPARE(snapshot.value(u"request_count{kind=\"empty\"}"), std::optional<double>(1));
        const CounterRow *textTime = snapshot.row(u"request_time{kind=\"text\"}");
        QVERIFY(textTime);
        QCOMPARE(textTime->type, CounterType::AverageTime);
        QCOMPARE(textTime->family, QStringLiteral("request_time"));
        QCOMPARE(textTime->labels, Labels({{QStringLiteral("kind"), QStringLiteral("text")}}));
        QCOMPARE(textTime->count, quint64(3));
        QCOMPARE(snapshot.row(u"request_time{kind=\"empty\"}")->count, quint64(1));
        QVERIFY(*snapshot.value(u"requests_time") >= 0);
        QCOMPARE(snapshot.row(u"requests_frequency")->count, quint64(4));
        QCOMPARE(snapshot.row(u"requests_data_len_avg")->window, 900.0);
        QCOMPARE(snapshot.row(u"requests_time")->window, 300.0);
        const CounterRow *percentiles = snapshot.row(u"requests_time_percentiles");
        QVERIFY(percentiles);
        QCOMPARE(percentiles->count, quint64(4));
        QCOMPARE(percentiles->histogram.count(), quint64(4));
        QVERIFY(percentiles->subValues.contains(QStringLiteral("p99")));
    }

    void shouldParseTheMultiProcessSwitches()
    {
        QString message;
        int exitCode = -1;
        auto options = DemoOptions::parse(
            {QStringLiteral("demo"), QStringLiteral("--multi-process"),
             QStringLiteral("127.0.0.1:7001,:7002"), QStringLiteral("--role"),
             QStringLiteral("node"), QStringLiteral("--token"), QStringLiteral("s3cret")},
            &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->multiProcess,
                 (QList<CollectionAddress>{CollectionAddress(7001), CollectionAddress(7002)}));
        QCOMPARE(options->role, MultiProcessCollector::Role::Node);
        QCOMPARE(options->token, QStringLiteral("s3cret"));

        options = DemoOptions::parse({QStringLiteral("demo")}, &message, &exitCode);
        QVERIFY(options);
        QVERIFY(options->multiProcess.isEmpty());
        QCOMPARE(options->role, MultiProcessCollector::Role::Auto);
        QVERIFY(options->token.isEmpty());
    }

    // The token need not be on the command line, where every local user can read it.
    void shouldTakeTheTokenFromAFileOrTheEnvironment()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("  from-the-file \nsecond line ignored\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QString message;
        int exitCode = -1;
        auto options =
            DemoOptions::parse({QStringLiteral("demo"), QStringLiteral("--multi-process"),
                                QStringLiteral("7001"), QStringLiteral("--token-file"), path},
                               &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->token, QStringLiteral("from-the-file"));

        qputenv("COUNTERS_TOKEN", "from-the-environment");
        options = DemoOptions::parse(
            {QStringLiteral("demo"), QStringLiteral("--multi-process"), QStringLiteral("7001")},
            &message, &exitCode);
        qunsetenv("COUNTERS_TOKEN");
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->token, QStringLiteral("from-the-environment"));

        options = DemoOptions::parse({QStringLiteral("demo"), QStringLiteral("--multi-process"),
                                      QStringLiteral("7001"), QStringLiteral("--token-file"),
                                      dir.filePath(QStringLiteral("missing"))},
                                     &message, &exitCode);
        QVERIFY(!options);
        QCOMPARE(exitCode, 2);
        QVERIFY2(message.contains(QLatin1String("--token-file: cannot read the token file")),
                 qPrintable(message));
    }

    void shouldRejectBadSwitches_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown") << QStringList{QStringLiteral("--nope")} << QStringLiteral("nope");
        QTest::newRow("port text") << QStringList{QStringLiteral("--port"), QStringLiteral("x")}
                                   << QStringLiteral("--port");
        QTest::newRow("port too big")
            << QStringList{QStringLiteral("--port=70000")} << QStringLiteral("--port");
        QTest::newRow("interval zero")
            << QStringList{QStringLiteral("--interval=0")} << QStringLiteral("--interval");
        QTest::newRow("interval negative")
            << QStringList{QStringLiteral("--interval=-1")} << QStringLiteral("--interval");
        QTest::newRow("missing value")
            << QStringList{QStringLiteral("--json")} << QStringLiteral("json");
        QTest::newRow("positional")
            << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
        QTest::newRow("local socket, empty name")
            << QStringList{QStringLiteral("--local-socket=")} << QStringLiteral("--local-socket");
        QTest::newRow("local socket, name with a slash")
            << QStringList{QStringLiteral("--local-socket"), QStringLiteral("a/b")}
            << QStringLiteral("'/'");
        QTest::newRow("local socket, hidden name")
            << QStringList{QStringLiteral("--local-socket=.x")} << QStringLiteral("--local-socket");
        QTest::newRow("http port text")
            << QStringList{QStringLiteral("--http"), QStringLiteral("x")}
            << QStringLiteral("--http");
        QTest::newRow("http port too big")
            << QStringList{QStringLiteral("--http=70000")} << QStringLiteral("--http");
        QTest::newRow("http without port")
            << QStringList{QStringLiteral("--http")} << QStringLiteral("http");
        // Multi-process collection.
        QTest::newRow("bad address")
            << QStringList{QStringLiteral("--multi-process=127.0.0.1:http")}
            << QStringLiteral("--multi-process");
        QTest::newRow("bad role") << QStringList{QStringLiteral("--multi-process=7001"),
                                                 QStringLiteral("--role=boss")}
                                  << QStringLiteral("--role");
        QTest::newRow("role alone")
            << QStringList{QStringLiteral("--role=node")} << QStringLiteral("--multi-process");
        QTest::newRow("token alone")
            << QStringList{QStringLiteral("--token=x")} << QStringLiteral("--multi-process");
        QTest::newRow("token file alone")
            << QStringList{QStringLiteral("--token-file=x")} << QStringLiteral("--multi-process");
        QTest::newRow("token and token file")
            << QStringList{QStringLiteral("--multi-process=7001"), QStringLiteral("--token=x"),
                           QStringLiteral("--token-file=y")}
            << QStringLiteral("exclude each other");
    }

    void shouldRejectBadSwitches()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QString message;
        int exitCode = -1;
        QVERIFY(!DemoOptions::parse(QStringList{QStringLiteral("demo")} + arguments, &message,
                                    &exitCode));
        QCOMPARE(exitCode, 2);
        QVERIFY2(message.contains(mentions), qPrintable(message));

        QProcess process;
        process.start(QStringLiteral(DEMO_SERVER_EXECUTABLE), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(mentions));
    }

    void shouldShowTheVersion()
    {
        QProcess process;
        process.start(QStringLiteral(DEMO_SERVER_EXECUTABLE), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardOutput(),
                 QByteArray("counters-demo-server " COUNTERS_VERSION_STRING "\n"));
    }

    void shouldParseSwitches()
    {
        QString message;
        int exitCode = -1;
        const auto options = DemoOptions::parse(
            {QStringLiteral("demo"), QStringLiteral("--port=0"), QStringLiteral("--json=r.json"),
             QStringLiteral("--history=h.jsonl"), QStringLiteral("--log"),
             QStringLiteral("--interval=0.05")},
            &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->port, quint16(0));
        QCOMPARE(options->jsonFile, QStringLiteral("r.json"));
        QCOMPARE(options->historyFile, QStringLiteral("h.jsonl"));
        QVERIFY(options->log);
        QCOMPARE(options->interval, 0.05);
        QCOMPARE(options->httpPort, std::nullopt);
        const auto withHttp = DemoOptions::parse(
            {QStringLiteral("demo"), QStringLiteral("--http=9464"), QStringLiteral("--bind=::1")},
            &message, &exitCode);
        QVERIFY2(withHttp, qPrintable(message));
        QCOMPARE(withHttp->httpPort, std::optional<quint16>(9464));
        QCOMPARE(withHttp->bind, QHostAddress(QHostAddress::LocalHostIPv6));

        QVERIFY(!DemoOptions::parse({QStringLiteral("demo"), QStringLiteral("--help")}, &message,
                                    &exitCode));
        QCOMPARE(exitCode, 0);
        QVERIFY(message.contains(QStringLiteral("--interval")));
        QVERIFY(message.contains(QStringLiteral("--local-socket")));
        QVERIFY(message.contains(QStringLiteral("--http")));
    }

    void shouldParseTheLocalSocketSwitch_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("log");
        const QString defaultName = QStringLiteral("counters-demo-server");
        QTest::newRow("off") << QStringList{QStringLiteral("--log")} << QString() << true;
        QTest::newRow("bare, last")
            << QStringList{QStringLiteral("--local-socket")} << defaultName << false;
        QTest::newRow("bare, then a switch")
            << QStringList{QStringLiteral("--local-socket"), QStringLiteral("--log")} << defaultName
            << true;
        QTest::newRow("name as the next word")
            << QStringList{QStringLiteral("--local-socket"), QStringLiteral("shop.api"),
                           QStringLiteral("--log")}
            << QStringLiteral("shop.api") << true;
        QTest::newRow("name after =") << QStringList{QStringLiteral("--local-socket=shop")}
                                      << QStringLiteral("shop") << false;
    }

    void shouldParseTheLocalSocketSwitch()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, name);
        QFETCH(bool, log);
        QString message;
        int exitCode = -1;
        const auto options = DemoOptions::parse(QStringList{QStringLiteral("demo")} + arguments,
                                                &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->localSocket, name);
        QCOMPARE(options->log, log);
    }

    // The executable as a user runs it: serve, report to a JSON file and a history, and write
    // the last report when told to stop.
    void shouldServeAndReportEndToEnd()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("demo.json"));
        const QString history = dir.filePath(QStringLiteral("demo.jsonl"));
        QProcess process;
        process.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                      {QStringLiteral("--port=0"), QStringLiteral("--json"), json,
                       QStringLiteral("--history"), history, QStringLiteral("--interval=0.05")});
        QVERIFY(process.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += process.readAllStandardOutput()).contains('\n'),
                                 kProcessTimeoutMs);
        const auto match = QRegularExpression(QStringLiteral(":(\\d+)\\s*$"))
                               .match(QString::fromUtf8(banner).trimmed());
        QVERIFY2(match.hasMatch(), banner.constData());
        const quint16 port = quint16(match.captured(1).toUInt());

        QCOMPARE(ask(port, "hello\n"), QByteArray("HELLO"));
        QCOMPARE(ask(port, "abc"), QByteArray("ABC"));

        QTRY_VERIFY_WITH_TIMEOUT(
            JsonFileReporter::safeRead(json).value_or(Snapshot()).value(u"requests_data_len")
                == std::optional<double>(8),
            10000);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        QString error;
        const std::optional<Snapshot> report = JsonFileReporter::safeRead(json, &error);
        QVERIFY2(report, qPrintable(error));
        QCOMPARE(report->value(u"requests_data_len_max"), std::optional<double>(5));
        QCOMPARE(report->value(u"requests_data_len_min"), std::optional<double>(3));
        QCOMPARE(report->value(u"requests_data_len_avg"), std::optional<double>(4));
        QCOMPARE(report->row(u"requests_frequency")->count, quint64(2));
        QCOMPARE(report->row(u"requests_time")->type, CounterType::AverageTime);
        QVERIFY(JsonHistoryReporter::readHistory(history, &error).size() >= 2);
    }

    // The executable publishing to a dashboard: hello, snapshots with the tutorial's counters,
    // a Bye and no socket file left when it stops.
    void shouldPublishOnALocalSocketEndToEnd()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                      {QStringLiteral("--port=0"), QStringLiteral("--interval=0.05"),
                       QStringLiteral("--local-socket"), QStringLiteral("demo-e2e")});
        QVERIFY(process.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += process.readAllStandardOutput()).count('\n') >= 2,
                                 kProcessTimeoutMs);
        const QString text = QString::fromUtf8(banner);
        const auto portMatch =
            QRegularExpression(QStringLiteral("serving on .*:(\\d+)\n")).match(text);
        const auto pathMatch =
            QRegularExpression(QStringLiteral("publishing on the local socket (.*)\n")).match(text);
        QVERIFY2(portMatch.hasMatch() && pathMatch.hasMatch(), banner.constData());
        const QString path = pathMatch.captured(1);
        QCOMPARE(path,
                 runtime.path() + QLatin1String("/counters/demo-e2e.")
                     + QString::number(process.processId()) + QLatin1String(".sock"));

        struct Viewer
        {
            QLocalSocket socket;
            FrameReader reader;
            QList<Frame> frames;
            QList<Snapshot> snapshots;
        };
        const auto attach = [&path](Viewer &viewer) {
            QObject::connect(&viewer.socket, &QLocalSocket::readyRead, &viewer.socket, [&viewer] {
                viewer.reader.readFrom(&viewer.socket);
                while (std::optional<Frame> frame = viewer.reader.nextFrame()) {
                    if (frame->type == FrameType::Snapshot)
                        viewer.snapshots.append(
                            JsonCodec::fromJson(frame->payload).value_or(Snapshot()));
                    viewer.frames.append(std::move(*frame));
                }
            });
            viewer.socket.connectToServer(path);
        };
        Viewer first;
        attach(first);
        QTRY_VERIFY_WITH_TIMEOUT(!first.snapshots.isEmpty(), kProcessTimeoutMs);
        QCOMPARE(first.frames.first().type, FrameType::Hello);

        // Once a report has been published, a hello lists the tutorial's counters.
        Viewer second;
        attach(second);
        QTRY_VERIFY_WITH_TIMEOUT(!second.frames.isEmpty(), kProcessTimeoutMs);
        QString error;
        const std::optional<Hello> hello = Hello::fromJson(second.frames.first().payload, &error);
        QVERIFY2(hello, qPrintable(error));
        QCOMPARE(hello->service, QStringLiteral("demo-e2e"));
        QCOMPARE(hello->pid, process.processId());
        QCOMPARE(hello->counters.size(), 12); // the tutorial's eight and four labelled series
        QVERIFY(hello->counters.contains(Hello::CounterInfo{
            QStringLiteral("requests_time"), CounterType::AverageTime, 300, Unit::Second}));
        QVERIFY(hello->counters.contains(Hello::CounterInfo{QStringLiteral("requests_data_len_avg"),
                                                            CounterType::AverageWindow, 900}));

        const quint16 port = quint16(portMatch.captured(1).toUInt());
        QCOMPARE(ask(port, "hello"), QByteArray("HELLO"));
        QTRY_VERIFY_WITH_TIMEOUT(
            first.snapshots.last().value(u"requests_data_len") == std::optional<double>(5), 10000);

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QTRY_COMPARE(first.socket.state(), QLocalSocket::UnconnectedState);
        QCOMPARE(first.frames.last().type, FrameType::Bye);
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(DemoServerTest)
#include "tst_demoserver.moc"
