// SPDX-License-Identifier: MIT
// LocalSocketReporter with real viewers on real local sockets: the hello, the backfill, live
// frames to several viewers, a slow viewer that never reads, viewers that vanish or misbehave,
// and the socket file's life.

#include "localsockettesthelpers.h"
#include "threadnames.h"

#include <counters/base/platform_p.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/format/framereader.h>
#include <counters/format/hello.h>
#include <counters/format/jsoncodec.h>
#include <counters/report/reportingcontroller.h>
#include <counters/transport/localdiscovery.h>
#include <counters/transport/localsocketreporter.h>

#include <QCoreApplication>
#include <QLocalServer>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

using namespace counters;
using namespace testhelpers;

namespace {

/// A snapshot whose time tells it apart; `extraRows` make it big (about 150 bytes each).
Snapshot snapshotAt(double time, int extraRows = 0)
{
    const SnapshotSource source{QStringLiteral("test-service"), QStringLiteral("test-host"), 123,
                                1000.5, QString()};
    QList<CounterRow> rows{
        CounterRow{
            QStringLiteral("requests_time"), CounterType::AverageTime, time / 10, 300, 4, {}},
        CounterRow{QStringLiteral("hits"), CounterType::Total, time, 0, 7, {}},
        CounterRow{QStringLiteral("sizes"), CounterType::AverageWindow, std::nullopt, 900, 0, {}},
    };
    for (int i = 0; i < extraRows; ++i) {
        rows.append(CounterRow{
            QStringLiteral("counter_with_a_rather_long_name_%1").arg(i, 5, 10, QLatin1Char('0')),
            CounterType::Window,
            double(i),
            60,
            quint64(i),
            {}});
    }
    return Snapshot(time, source, rows);
}

QByteArray header(quint32 size, quint8 version, quint8 type)
{
    QByteArray bytes(6, Qt::Uninitialized);
    qToBigEndian<quint32>(size, bytes.data());
    bytes[4] = char(version);
    bytes[5] = char(type);
    return bytes;
}

QList<double> snapshotTimes(const QList<Frame> &frames)
{
    QList<double> times;
    for (const Frame &frame : frames) {
        if (frame.type != FrameType::Snapshot)
            continue;
        const std::optional<Snapshot> snapshot = JsonCodec::fromJson(frame.payload);
        times.append(snapshot ? snapshot->time() : -1);
    }
    return times;
}

QList<double> range(int first, int last)
{
    QList<double> values;
    for (int i = first; i <= last; ++i)
        values.append(i);
    return values;
}

/// A well-behaved viewer: a QLocalSocket in the test's thread that reads every frame.
class Viewer
{
public:
    explicit Viewer(const QString &path)
    {
        QObject::connect(&socket, &QLocalSocket::readyRead, &socket, [this] { read(); });
        socket.connectToServer(path);
    }

    void read()
    {
        reader.readFrom(&socket);
        while (std::optional<Frame> frame = reader.nextFrame()) {
            // Decoded once here: tests poll times() often, and frames may be big.
            if (frame->type == FrameType::Snapshot)
                m_times += snapshotTimes({*frame});
            frames.append(std::move(*frame));
        }
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    QList<double> times() const { return m_times; }
    std::optional<Hello> hello() const
    {
        if (frames.isEmpty() || frames.first().type != FrameType::Hello)
            return std::nullopt;
        return Hello::fromJson(frames.first().payload);
    }

    QLocalSocket socket;
    FrameReader reader;
    QList<Frame> frames;

private:
    QList<double> m_times;
};

/// A viewer on a bare file descriptor that reads nothing until told to: the slowest viewer.
class SilentViewer
{
public:
    explicit SilentViewer(const QString &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const QByteArray encoded = QFile::encodeName(path);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~SilentViewer() { close(); }
    SilentViewer(const SilentViewer &) = delete;
    SilentViewer &operator=(const SilentViewer &) = delete;

    bool isConnected() const { return m_fd >= 0; }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    /// Reads what has arrived, waiting up to `ms` for the first byte.
    void drain(int ms = 100)
    {
        pollfd poller{m_fd, POLLIN, 0};
        if (::poll(&poller, 1, ms) <= 0)
            return;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n <= 0)
                break;
            reader.append(QByteArrayView(buffer, n));
        }
        while (std::optional<Frame> frame = reader.nextFrame())
            frames.append(std::move(*frame));
    }

    FrameReader reader;
    QList<Frame> frames;

private:
    int m_fd = -1;
};

} // namespace

class LocalSocketReporterTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_runtime;
    int m_serial = 0;

    /// A fresh name per test, so no test sees another's socket file.
    QString uniqueName() { return QStringLiteral("svc-%1").arg(++m_serial); }

    static std::unique_ptr<LocalSocketReporter> listening(const QString &name)
    {
        auto reporter = std::make_unique<LocalSocketReporter>(name);
        if (!reporter->listen())
            qWarning("listen() failed: %ls", qUtf16Printable(reporter->listenErrorString()));
        return reporter;
    }

    // Reports arrive in the reporter's thread through its event queue, connections through
    // its socket notifier: a viewer that has seen snapshot `time` proves the reporter has
    // taken every report up to it.
    static bool seen(const Viewer &viewer, double time)
    {
        const QList<double> times = viewer.times();
        return !times.isEmpty() && times.last() == time;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        QVERIFY(qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path())));
    }

    void shouldListenPrivatelyInTheDiscoveryFolder()
    {
        const QString name = uniqueName();
        LocalSocketReporter reporter(name);
        QCOMPARE(reporter.name(), name);
        QVERIFY(!reporter.isListening());
        QCOMPARE(reporter.socketPath(), QString());

        QVERIFY2(reporter.listen(), qPrintable(reporter.listenErrorString()));
        QVERIFY(reporter.isListening());
        QCOMPARE(reporter.listenErrorString(), QString());
        const qint64 pid = QCoreApplication::applicationPid();
        const QString path = LocalDiscovery::directory() + QLatin1Char('/') + name
            + QLatin1Char('.') + QString::number(pid) + QLatin1String(".sock");
        QCOMPARE(reporter.socketPath(), path);
        QVERIFY(isSocket(path));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(fileMode(LocalDiscovery::directory()), 0700);
        QVERIFY(LocalDiscovery::services().contains(DiscoveredService{name, pid, path}));
        // Its thread shows as ours in top -H, debuggers and profilers.
        if (QFile::exists(QStringLiteral("/proc/self/task")))
            QVERIFY(testsupport::threadNames().contains(QStringLiteral("counters-local")));
    }

    void shouldRemoveTheSocketFileAndSayByeOnDestruction()
    {
        auto reporter = listening(uniqueName());
        const QString path = reporter->socketPath();
        Viewer viewer(path);
        QTRY_COMPARE(reporter->viewerCount(), 1);
        QVERIFY(reporter->report(snapshotAt(1)));
        QTRY_VERIFY(seen(viewer, 1));

        reporter.reset();
        QVERIFY(!QFileInfo::exists(path));
        QTRY_COMPARE(viewer.socket.state(), QLocalSocket::UnconnectedState);
        viewer.read();
        QCOMPARE(viewer.frames.last().type, FrameType::Bye);
        QVERIFY(LocalDiscovery::services().isEmpty());
    }

    void shouldCloseAndListenAgain()
    {
        auto reporter = listening(uniqueName());
        const QString path = reporter->socketPath();
        Viewer viewer(path);
        QTRY_COMPARE(reporter->viewerCount(), 1);

        reporter->close();
        QVERIFY(!reporter->isListening());
        QCOMPARE(reporter->viewerCount(), 0);
        QCOMPARE(reporter->socketPath(), QString());
        QVERIFY(!QFileInfo::exists(path));
        QTRY_COMPARE(viewer.socket.state(), QLocalSocket::UnconnectedState);
        viewer.read();
        QCOMPARE(viewer.frames.last().type, FrameType::Bye);

        QVERIFY2(reporter->listen(), qPrintable(reporter->listenErrorString()));
        QCOMPARE(reporter->socketPath(), path);
        Viewer again(path);
        QTRY_VERIFY(again.hello());
    }

    void shouldGreetAViewerWithAHello()
    {
        const QString name = uniqueName();
        auto reporter = listening(name);
        Viewer probe(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 1);
        const Snapshot snapshot = snapshotAt(7);
        QVERIFY(reporter->report(snapshot));
        QTRY_VERIFY(seen(probe, 7));

        Viewer viewer(reporter->socketPath());
        QTRY_COMPARE(viewer.frames.size(), 2);
        QCOMPARE(viewer.frames.at(0).type, FrameType::Hello);
        const QByteArray raw = viewer.frames.at(0).payload;
        QVERIFY2(raw.contains("\"protocol\":1"), raw.constData());
        QVERIFY2(raw.contains("\"role\":\"service\""), raw.constData());

        QString error;
        const std::optional<Hello> hello = Hello::fromJson(raw, &error);
        QVERIFY2(hello, qPrintable(error));
        QCOMPARE(hello->service, name);
        QCOMPARE(hello->pid, QCoreApplication::applicationPid());
        QCOMPARE(hello->host, QSysInfo::machineHostName());
        QCOMPARE(hello->processStart, 1000.5);
        QCOMPARE(hello->backfill, 1);
        const QList<Hello::CounterInfo> counters{
            {QStringLiteral("hits"), CounterType::Total, 0},
            {QStringLiteral("requests_time"), CounterType::AverageTime, 300},
            {QStringLiteral("sizes"), CounterType::AverageWindow, 900}};
        QVERIFY(hello->counters == counters);

        QCOMPARE(viewer.frames.at(1).type, FrameType::Snapshot);
        const std::optional<Snapshot> decoded = JsonCodec::fromJson(viewer.frames.at(1).payload);
        QVERIFY(decoded);
        QVERIFY(*decoded == snapshot);
    }

    void shouldGreetBeforeTheFirstReportToo()
    {
        auto reporter = listening(uniqueName());
        Viewer viewer(reporter->socketPath());
        QTRY_VERIFY(viewer.hello());
        QCOMPARE(viewer.hello()->backfill, 0);
        QVERIFY(viewer.hello()->counters.isEmpty());
        QCOMPARE(viewer.frames.size(), 1);
        QVERIFY(reporter->report(snapshotAt(1)));
        QTRY_COMPARE(viewer.times(), QList<double>{1});
    }

    void shouldBackfillRecentSnapshotsOldestFirst_data()
    {
        QTest::addColumn<int>("backfill");
        QTest::addColumn<int>("reported");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("ring full") << 3 << 6 << range(4, 6);
        QTest::newRow("ring not full") << 3 << 2 << range(1, 2);
        QTest::newRow("default size")
            << LocalSocketReporter::DefaultBackfillSize << 10 << range(1, 10);
        QTest::newRow("default size overflowing")
            << LocalSocketReporter::DefaultBackfillSize << 130 << range(11, 130);
        QTest::newRow("no backfill") << 0 << 4 << QList<double>();
    }

    void shouldBackfillRecentSnapshotsOldestFirst()
    {
        QFETCH(int, backfill);
        QFETCH(int, reported);
        QFETCH(QList<double>, expected);
        auto reporter = listening(uniqueName());
        QCOMPARE(reporter->backfillSize(), LocalSocketReporter::DefaultBackfillSize);
        reporter->setBackfillSize(backfill);
        QCOMPARE(reporter->backfillSize(), backfill);
        Viewer probe(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 1);
        for (int i = 1; i <= reported; ++i)
            QVERIFY(reporter->report(snapshotAt(i)));
        QTRY_VERIFY(seen(probe, reported));

        Viewer late(reporter->socketPath());
        QTRY_VERIFY(late.hello());
        QCOMPARE(late.hello()->backfill, expected.size());
        QTRY_COMPARE(late.times().size(), expected.size());
        QCOMPARE(late.times(), expected);

        // Then live frames follow the backfill.
        QVERIFY(reporter->report(snapshotAt(reported + 1)));
        QTRY_VERIFY(seen(late, reported + 1));
        QCOMPARE(late.times(), expected + QList<double>{double(reported + 1)});
        QCOMPARE(reporter->droppedFrames(), quint64(0));
    }

    void shouldShrinkTheBackfillAtOnce()
    {
        auto reporter = listening(uniqueName());
        Viewer probe(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 1);
        for (int i = 1; i <= 5; ++i)
            QVERIFY(reporter->report(snapshotAt(i)));
        QTRY_VERIFY(seen(probe, 5));
        reporter->setBackfillSize(2);

        Viewer late(reporter->socketPath());
        QTRY_VERIFY(late.hello());
        QCOMPARE(late.hello()->backfill, 2);
        QTRY_COMPARE(late.times(), range(4, 5));
    }

    void shouldSendEveryLiveSnapshotToEveryViewer()
    {
        auto reporter = listening(uniqueName());
        std::vector<std::unique_ptr<Viewer>> viewers;
        for (int i = 0; i < 3; ++i)
            viewers.push_back(std::make_unique<Viewer>(reporter->socketPath()));
        QTRY_COMPARE(reporter->viewerCount(), 3);
        for (const auto &viewer : viewers)
            QTRY_VERIFY(viewer->hello());

        for (int i = 1; i <= 20; ++i)
            QVERIFY(reporter->report(snapshotAt(i)));
        for (const auto &viewer : viewers) {
            QTRY_COMPARE(viewer->times().size(), 20);
            QCOMPARE(viewer->times(), range(1, 20));
            QCOMPARE(viewer->frames.first().type, FrameType::Hello);
        }
        QCOMPARE(reporter->droppedFrames(), quint64(0));
        QCOMPARE(reporter->reportCount(), quint64(20));
    }

    // A viewer that never reads must neither stall the others nor grow without bound: its
    // queue keeps the newest frames, drops the oldest and counts them.
    void shouldDropTheOldestFramesOfASlowViewerOnly_data()
    {
        QTest::addColumn<int>("maxFrames");
        QTest::addColumn<double>("maxBytesInFrames"); // 0: the default byte limit
        QTest::newRow("frame limit") << 2 << 0.0;
        QTest::newRow("byte limit") << LocalSocketReporter::DefaultMaxQueuedFrames << 2.5;
    }

    void shouldDropTheOldestFramesOfASlowViewerOnly()
    {
        QFETCH(int, maxFrames);
        QFETCH(double, maxBytesInFrames);
        constexpr int kRows = 1500; // about 200 KiB a frame: the kernel buffer fills quickly
        constexpr int kReports = 40;
        const qint64 frameSize = JsonCodec::toJson(snapshotAt(1, kRows)).size() + 6;

        auto reporter = listening(uniqueName());
        reporter->setBackfillSize(0);
        reporter->setMaxQueuedFrames(maxFrames);
        QCOMPARE(reporter->maxQueuedFrames(), maxFrames);
        QCOMPARE(reporter->maxQueuedBytes(), LocalSocketReporter::DefaultMaxQueuedBytes);
        if (maxBytesInFrames > 0)
            reporter->setMaxQueuedBytes(qint64(maxBytesInFrames * double(frameSize)));

        SilentViewer slow(reporter->socketPath());
        QVERIFY(slow.isConnected());
        Viewer fast1(reporter->socketPath());
        Viewer fast2(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 3);

        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("is not keeping up: dropping its "
                                                               "oldest frames")));
        for (int i = 1; i <= kReports; ++i) {
            QVERIFY(reporter->report(snapshotAt(i, kRows)));
            // The fast viewers keep up, so only the silent one can fall behind.
            QVERIFY(QTest::qWaitFor([&] { return seen(fast1, i) && seen(fast2, i); }, 20000));
        }
        QCOMPARE(fast1.times(), range(1, kReports));
        QCOMPARE(fast2.times(), range(1, kReports));
        const quint64 dropped = reporter->droppedFrames();
        QVERIFY2(dropped > 0, "the silent viewer's queue never overflowed");
        QCOMPARE(reporter->viewerCount(), 3);

        // Now it reads: whole frames, oldest dropped, newest kept, nothing else lost.
        QTRY_VERIFY_WITH_TIMEOUT((slow.drain(),
                                  !slow.frames.isEmpty()
                                      && slow.frames.last().type == FrameType::Snapshot
                                      && snapshotTimes({slow.frames.last()}).first() == kReports),
                                 20000);
        QVERIFY(!slow.reader.hasError());
        QCOMPARE(slow.frames.first().type, FrameType::Hello);
        const QList<double> times = snapshotTimes(slow.frames);
        QCOMPARE(quint64(times.size()), quint64(kReports) - dropped);
        QVERIFY(std::is_sorted(times.cbegin(), times.cend()));
        QCOMPARE(times.first(), 1.0); // the kernel had taken the first frames before the drops
        QCOMPARE(reporter->droppedFrames(), dropped);
    }

    void shouldForgetAViewerThatVanishes()
    {
        auto reporter = listening(uniqueName());
        Viewer staying(reporter->socketPath());
        auto leaving = std::make_unique<Viewer>(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 2);

        leaving->socket.abort();
        QTRY_COMPARE(reporter->viewerCount(), 1);
        leaving.reset();
        QVERIFY(reporter->report(snapshotAt(1)));
        QTRY_COMPARE(staying.times(), QList<double>{1});
    }

    // It vanishes with frames still pending for it: the writes fail, nothing crashes.
    void shouldForgetASlowViewerThatVanishes()
    {
        auto reporter = listening(uniqueName());
        reporter->setMaxQueuedFrames(2);
        Viewer staying(reporter->socketPath());
        SilentViewer slow(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 2);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not keeping up")));
        for (int i = 1; i <= 10; ++i) {
            QVERIFY(reporter->report(snapshotAt(i, 1500)));
            QVERIFY(QTest::qWaitFor([&] { return seen(staying, i); }, 20000));
        }
        slow.close();
        QTRY_COMPARE(reporter->viewerCount(), 1);
        QVERIFY(reporter->report(snapshotAt(11)));
        QTRY_VERIFY(seen(staying, 11));
    }

    void shouldDropAViewerThatSendsGarbage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("text") << QByteArray("GET / HTTP/1.1\r\n\r\n")
                              << QStringLiteral("malformed stream: frame of \\d+ bytes exceeds");
        QTest::newRow("unknown version")
            << header(2, 9, 4) << QStringLiteral("unsupported protocol version 9");
        QTest::newRow("unknown type")
            << header(2, 1, 99) << QStringLiteral("unknown frame type 99");
        QTest::newRow("frame size below minimum")
            << header(1, 1, 4) << QStringLiteral("below the minimum");
        QTest::newRow("oversized frame")
            << header(1024 * 1024, 1, 4) << QStringLiteral("exceeds the limit of 65536");
        QTest::newRow("a snapshot") << encodeFrame(Frame{FrameType::Snapshot, "{}"})
                                    << QStringLiteral("unexpected Snapshot frame");
        QTest::newRow("a collect request") << encodeFrame(Frame{FrameType::CollectRequest, {}})
                                           << QStringLiteral("unexpected CollectRequest frame");
        QTest::newRow("an ack") << encodeFrame(Frame{FrameType::Ack, {}})
                                << QStringLiteral("unexpected Ack frame");
        QTest::newRow("a second hello")
            << encodeFrame(Frame{FrameType::Hello, "{}"}) + encodeFrame(Frame{FrameType::Hello, {}})
            << QStringLiteral("Hello frame after its first frame");
    }

    void shouldDropAViewerThatSendsGarbage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        auto reporter = listening(uniqueName());
        Viewer good(reporter->socketPath());
        Viewer bad(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 2);

        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("dropping viewer \\d+ of .*: .*") + reason));
        bad.send(bytes);
        QTRY_COMPARE(reporter->viewerCount(), 1);
        QTRY_COMPARE(bad.socket.state(), QLocalSocket::UnconnectedState);

        QVERIFY(reporter->report(snapshotAt(1)));
        QTRY_COMPARE(good.times(), QList<double>{1});
        QVERIFY(bad.times().isEmpty());
    }

    void shouldForgetAViewerThatHangsUpMidFrame_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("inside the header") << header(2, 1, 4).left(3);
        QTest::newRow("inside the payload") << header(100, 1, 4) + QByteArray(10, 'x');
    }

    void shouldForgetAViewerThatHangsUpMidFrame()
    {
        QFETCH(QByteArray, bytes);
        auto reporter = listening(uniqueName());
        Viewer good(reporter->socketPath());
        Viewer cut(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 2);

        QTest::ignoreMessage(
            QtInfoMsg, QRegularExpression(QStringLiteral("hung up in the middle of a frame")));
        cut.send(bytes);
        cut.socket.disconnectFromServer();
        QTRY_COMPARE(reporter->viewerCount(), 1);
        QVERIFY(reporter->report(snapshotAt(1)));
        QTRY_COMPARE(good.times(), QList<double>{1});
    }

    void shouldAnswerPingsAndHonourBye()
    {
        auto reporter = listening(uniqueName());
        Viewer viewer(reporter->socketPath());
        QTRY_VERIFY(viewer.hello());
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));

        // A viewer may introduce itself first, then ping.
        viewer.send(encodeFrame(Frame{FrameType::Hello, R"({"role":"viewer"})"})
                    + encodeFrame(Frame{FrameType::Ping, {}}));
        QTRY_COMPARE(viewer.frames.size(), 2);
        QCOMPARE(viewer.frames.at(1).type, FrameType::Ack);
        viewer.send(encodeFrame(Frame{FrameType::Ping, {}})
                    + encodeFrame(Frame{FrameType::Ping, {}}));
        QTRY_COMPARE(viewer.frames.size(), 4);
        QCOMPARE(viewer.frames.at(3).type, FrameType::Ack);
        QCOMPARE(reporter->viewerCount(), 1);

        viewer.send(encodeFrame(Frame{FrameType::Bye, "done"}));
        QTRY_COMPARE(reporter->viewerCount(), 0);
        QTRY_COMPARE(viewer.socket.state(), QLocalSocket::UnconnectedState);
    }

    void shouldRefuseASecondListenerOfTheSameName()
    {
        const QString name = uniqueName();
        auto first = listening(name);
        QVERIFY(first->isListening());

        LocalSocketReporter second(name);
        QVERIFY(!second.listen());
        QVERIFY2(second.listenErrorString().contains(QLatin1String("already serves")),
                 qPrintable(second.listenErrorString()));
        QVERIFY(!second.isListening());

        QVERIFY(!first->listen());
        QVERIFY2(first->listenErrorString().contains(QLatin1String("already listening")),
                 qPrintable(first->listenErrorString()));
        // The first one still serves.
        QVERIFY(first->isListening());
        Viewer viewer(first->socketPath());
        QTRY_VERIFY(viewer.hello());
        QCOMPARE(viewer.hello()->service, name);
    }

    // A process that had our pid before us died without removing its socket file.
    void shouldReplaceAStaleSocketFileOfOurNameAndPid()
    {
        const QString name = uniqueName();
        const QString path = LocalDiscovery::directory() + QLatin1Char('/')
            + LocalDiscovery::socketFileName(name, QCoreApplication::applicationPid());
        QVERIFY(makeStaleSocketFile(path));
        LocalSocketReporter reporter(name);
        QTest::ignoreMessage(QtInfoMsg,
                             QRegularExpression(QStringLiteral("replaced the stale socket file")));
        QVERIFY2(reporter.listen(), qPrintable(reporter.listenErrorString()));
        QCOMPARE(fileMode(path), 0600);
        Viewer viewer(path);
        QTRY_VERIFY(viewer.hello());
    }

    void shouldNotTakeASocketFileSomeoneListensOn()
    {
        const QString name = uniqueName();
        const QString path = LocalDiscovery::directory() + QLatin1Char('/')
            + LocalDiscovery::socketFileName(name, QCoreApplication::applicationPid());
        QLocalServer other;
        QVERIFY(other.listen(path));

        LocalSocketReporter reporter(name);
        QVERIFY(!reporter.listen());
        QVERIFY2(reporter.listenErrorString().contains(QLatin1String("another process listens")),
                 qPrintable(reporter.listenErrorString()));
        QVERIFY(isSocket(path));
        QLocalSocket client;
        client.connectToServer(path);
        QVERIFY(client.waitForConnected(5000));
        QTRY_VERIFY(other.hasPendingConnections());
    }

    void shouldNotRemoveAFileThatIsNotASocket()
    {
        const QString name = uniqueName();
        const QString path = LocalDiscovery::directory() + QLatin1Char('/')
            + LocalDiscovery::socketFileName(name, QCoreApplication::applicationPid());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        LocalSocketReporter reporter(name);
        QVERIFY(!reporter.listen());
        QVERIFY2(reporter.listenErrorString().contains(QLatin1String("not a socket")),
                 qPrintable(reporter.listenErrorString()));
        QVERIFY(QFileInfo(path).isFile());
        QVERIFY(file.remove());
    }

    void shouldRejectNamesThatCannotBeASocketFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("'/'");
        QTest::newRow("hidden") << QStringLiteral(".x") << QStringLiteral("dot");
        QTest::newRow("too long")
            << QString(120, QLatin1Char('n'))
            << QStringLiteral("at most %1").arg(LocalDiscovery::maxSocketPathLength());
    }

    void shouldRejectNamesThatCannotBeASocketFile()
    {
        QFETCH(QString, name);
        QFETCH(QString, mentions);
        LocalSocketReporter reporter(name);
        QVERIFY(!reporter.listen());
        QVERIFY2(reporter.listenErrorString().contains(mentions),
                 qPrintable(reporter.listenErrorString()));
        QVERIFY(!reporter.isListening());
        // Reports still succeed: they fill the backfill for a later listen().
        QVERIFY(reporter.report(snapshotAt(1)));
    }

    void shouldFailAReportTooBigForOneFrame()
    {
        auto reporter = listening(uniqueName());
        Viewer viewer(reporter->socketPath());
        QTRY_VERIFY(viewer.hello());
        // Rows of long names: well over the 16 MiB frame limit.
        QList<CounterRow> rows;
        const QString padding(400, QLatin1Char('p'));
        for (int i = 0; i < 25000; ++i) {
            rows.append(
                CounterRow{padding + QString::number(i), CounterType::Total, double(i), 0, 1, {}});
        }
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("more than one frame may carry")));
        QVERIFY(!reporter->report(Snapshot(1, {}, rows)));
        QCOMPARE(reporter->failureCount(), quint64(1));
        QVERIFY(reporter->errorString().contains(QLatin1String("more than one frame may carry")));

        QVERIFY(reporter->report(snapshotAt(2)));
        QTRY_COMPARE(viewer.times(), QList<double>{2});
    }

    void shouldRefuseViewersBeyondTheCapUntilOneLeaves()
    {
        auto reporter = listening(uniqueName());
        reporter->setMaxViewers(2);
        QCOMPARE(reporter->maxViewers(), 2);
        auto first = std::make_unique<Viewer>(reporter->socketPath());
        Viewer second(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 2);
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("refused a viewer: 2 are attached already")));
        Viewer third(reporter->socketPath());
        QTRY_COMPARE(third.socket.state(), QLocalSocket::UnconnectedState);
        third.read();
        QCOMPARE(third.frames.size(), 1);
        QCOMPARE(third.frames.first().type, FrameType::Error);
        QVERIFY(third.frames.first().payload.startsWith("too many viewers: 2 are attached"));
        QCOMPARE(reporter->viewerCount(), 2);

        first.reset();
        QTRY_COMPARE(reporter->viewerCount(), 1);
        Viewer fourth(reporter->socketPath());
        QTRY_VERIFY(fourth.hello());
    }

    // Out of descriptors, QLocalServer alone closes itself and deletes the socket file: the
    // service can no longer be found. Here a viewer then is closed at once, the file stays, and
    // viewers are served again once descriptors are free.
    void shouldSurviveRunningOutOfDescriptors()
    {
        // Portable builds let QLocalServer accept: the reporter notices that it closed itself
        // and listens again within a second, keeping its viewers.
        const bool ownAccepting = counters::detail::platform::canAcceptConnections();
        auto reporter = listening(uniqueName());
        const QString path = reporter->socketPath();
        Viewer attached(path);
        QTRY_VERIFY(attached.hello());
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("no file descriptor left|stopped accepting")));
        std::vector<int> filler;
        for (int fd; (fd = ::dup(0)) >= 0;)
            filler.push_back(fd);
        QCOMPARE(errno, EMFILE);
        ::close(filler.back()); // one left, which the viewer takes
        filler.pop_back();
        {
            Viewer shed(path);
            QTRY_COMPARE(shed.socket.state(), QLocalSocket::UnconnectedState);
        }
        for (const int fd : filler)
            ::close(fd);
        if (ownAccepting)
            QVERIFY(isSocket(path));
        QTRY_VERIFY_WITH_TIMEOUT(isSocket(path), 5000);
        QCOMPARE(reporter->viewerCount(), 1);
        Viewer viewer(path);
        QTRY_VERIFY(viewer.hello());
        QVERIFY(reporter->report(snapshotAt(3)));
        QTRY_VERIFY(seen(viewer, 3));
        QTRY_VERIFY(seen(attached, 3));
    }

    // The auto-reporting worker is not a Qt thread: the reporter's own thread serves viewers.
    void shouldPublishFromTheAutoReportingThread()
    {
        Registry registry;
        QVERIFY(registry.registerCounter(std::make_shared<TotalCounter>(QStringLiteral("hits"))));
        ReportingController controller(registry);
        auto reporter = std::shared_ptr<LocalSocketReporter>(listening(uniqueName()));
        QVERIFY(controller.registerReporter(reporter));
        Viewer viewer(reporter->socketPath());
        QTRY_VERIFY(viewer.hello());

        QVERIFY(controller.startAutoReporting(Seconds(0.02)));
        QTRY_VERIFY(viewer.times().size() >= 5);
        controller.stopAutoReporting();
        const QList<double> times = viewer.times();
        QVERIFY(std::is_sorted(times.cbegin(), times.cend()));
        const std::optional<Snapshot> last = JsonCodec::fromJson(viewer.frames.last().payload);
        QVERIFY(last && last->row(u"hits"));
        QCOMPARE(last->row(u"hits")->type, CounterType::Total);
    }
};

QTEST_GUILESS_MAIN(LocalSocketReporterTest)
#include "tst_localsocketreporter.moc"
