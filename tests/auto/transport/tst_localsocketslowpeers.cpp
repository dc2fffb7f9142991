// SPDX-License-Identifier: MIT
// LocalSocketReporter against a viewer that sends one byte at a time (slowloris): it is
// dropped at the partial-frame deadline while the other viewers go on receiving; viewers that
// finish their frames, or never send anything, stay. (A viewer that never reads is covered by
// LocalSocketReporterTest::shouldDropTheOldestFramesOfASlowViewerOnly.)

#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/jsoncodec.h>
#include <counters/transport/localsocketreporter.h>

#include <QElapsedTimer>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace counters;

namespace {

Snapshot snapshotAt(double time)
{
    const SnapshotSource source{QStringLiteral("test-service"), QStringLiteral("test-host"), 123,
                                1000.5, QString()};
    return Snapshot(time, source,
                    {CounterRow{QStringLiteral("hits"), CounterType::Total, time, 0, 7, {}}});
}

/// A viewer in the test's thread that counts what it receives.
class Viewer
{
public:
    explicit Viewer(const QString &path)
    {
        QObject::connect(&socket, &QLocalSocket::readyRead, &socket, [this] {
            reader.readFrom(&socket);
            while (const std::optional<Frame> frame = reader.nextFrame()) {
                snapshots += frame->type == FrameType::Snapshot ? 1 : 0;
                acks += frame->type == FrameType::Ack ? 1 : 0;
            }
        });
        socket.connectToServer(path);
    }

    bool isConnected() const { return socket.state() == QLocalSocket::ConnectedState; }

    QLocalSocket socket;
    FrameReader reader;
    int snapshots = 0;
    int acks = 0;
};

} // namespace

class LocalSocketSlowPeersTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_runtime;
    int m_serial = 0;

    std::unique_ptr<LocalSocketReporter> listening()
    {
        auto reporter =
            std::make_unique<LocalSocketReporter>(QStringLiteral("slow-%1").arg(++m_serial));
        if (!reporter->listen())
            qWarning("listen() failed: %ls", qUtf16Printable(reporter->listenErrorString()));
        return reporter;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        QVERIFY(qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path())));
    }

    void shouldDefaultToATenSecondPartialFrameTimeout()
    {
        LocalSocketReporter reporter(QStringLiteral("defaults"));
        QCOMPARE(reporter.partialFrameTimeout(), Seconds(10));
        reporter.setPartialFrameTimeout(std::chrono::milliseconds(250));
        QCOMPARE(reporter.partialFrameTimeout(), Seconds(0.25));
    }

    void aViewerTricklingAFrameShouldBeDroppedAtTheDeadline()
    {
        // Given a reporter whose viewers must finish a frame within 300 ms, a viewer that
        // listens, one that never sends anything, and one that sends a Ping of 1 KiB one byte
        // every 20 ms (20 s for the whole frame),
        auto reporter = listening();
        reporter->setPartialFrameTimeout(std::chrono::milliseconds(300));
        Viewer good(reporter->socketPath());
        Viewer idle(reporter->socketPath());
        Viewer slow(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 3);
        const QByteArray ping = encodeFrame(Frame{FrameType::Ping, QByteArray(1024, 'x')});
        qsizetype sent = 0;
        QTimer trickle;
        QObject::connect(&trickle, &QTimer::timeout, &trickle, [&] {
            if (slow.isConnected() && sent < ping.size())
                slow.socket.write(ping.mid(sent++, 1));
        });
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("left a frame unfinished for 300 ms")));
        QElapsedTimer timer;
        timer.start();
        trickle.start(20);

        // when reports keep coming meanwhile,
        int reports = 0;
        QTRY_VERIFY_WITH_TIMEOUT((reporter->report(snapshotAt(++reports)), !slow.isConnected()),
                                 5000);

        // then the trickling viewer is dropped at the deadline, long before its frame is whole,
        QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(sent < ping.size());
        // and the others stay and receive every report.
        QTRY_COMPARE(reporter->viewerCount(), 2);
        QTRY_COMPARE(good.snapshots, reports);
        QCOMPARE(idle.snapshots, reports);
        QVERIFY(idle.isConnected());
    }

    void aViewerFinishingEachFrameInTimeShouldStay()
    {
        // Given a viewer that sends Pings in two halves 100 ms apart, ten times (1 s in all,
        // more than the 300 ms deadline, but each frame is finished within it),
        auto reporter = listening();
        reporter->setPartialFrameTimeout(std::chrono::milliseconds(300));
        Viewer viewer(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 1);
        const QByteArray ping = encodeFrame(Frame{FrameType::Ping, QByteArray(16, 'x')});
        for (int i = 0; i < 10; ++i) {
            viewer.socket.write(ping.left(8));
            viewer.socket.flush();
            QTest::qWait(100); // the gap being tested, not a synchronisation
            viewer.socket.write(ping.mid(8));
            viewer.socket.flush();
            // then every Ping is answered and the deadline restarts with each frame.
            QTRY_COMPARE(viewer.acks, i + 1);
        }
        QVERIFY(viewer.isConnected());
        QCOMPARE(reporter->viewerCount(), 1);
    }

    void aViewerWhoseReadsAlwaysEndMidFrameShouldStayWhileFramesComplete()
    {
        // Given a viewer whose every write finishes one Ping and starts the next, 100 ms
        // apart, ten times (no read ever ends on a frame boundary, but each frame is whole
        // within the 300 ms deadline),
        auto reporter = listening();
        reporter->setPartialFrameTimeout(std::chrono::milliseconds(300));
        Viewer viewer(reporter->socketPath());
        QTRY_COMPARE(reporter->viewerCount(), 1);
        const QByteArray ping = encodeFrame(Frame{FrameType::Ping, QByteArray(16, 'x')});
        viewer.socket.write(ping.left(8));
        viewer.socket.flush();
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(100); // the gap being tested, not a synchronisation
            viewer.socket.write(ping.mid(8) + ping.left(8));
            viewer.socket.flush();
            // then every Ping is answered: the deadline restarts with each finished frame.
            QTRY_COMPARE(viewer.acks, i + 1);
        }
        QVERIFY(viewer.isConnected());
        QCOMPARE(reporter->viewerCount(), 1);
    }
};

QTEST_GUILESS_MAIN(LocalSocketSlowPeersTest)

#include "tst_localsocketslowpeers.moc"
