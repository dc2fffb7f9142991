// SPDX-License-Identifier: MIT
// Multi-process collection between real processes: counters-demo-server instances with
// --multi-process elect a leader, merge exactly, survive a SIGKILLed leader and a SIGSTOPped
// node, and shrug off peers that break the protocol.

#include "ports.h"

#include <counters/counters.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/groupauth.h>
#include <counters/format/hello.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>
#include <vector>

using namespace counters;

using testsupport::freePorts;

namespace {

double now()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

/// One counters-demo-server process and what it printed.
class Demo
{
public:
    Demo(const QString &name, const QTemporaryDir &dir, const QStringList &extra)
        : history(dir.filePath(name + QLatin1String(".jsonl"))),
          json(dir.filePath(name + QLatin1String(".json")))
    {
        process.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                      QStringList{QStringLiteral("--port=0"), QStringLiteral("--interval=0.2"),
                                  QStringLiteral("--history"), history, QStringLiteral("--json"),
                                  json}
                          + extra);
    }
    ~Demo()
    {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGCONT);
            process.kill();
            process.waitForFinished(5000);
        }
    }
    Demo(const Demo &) = delete;
    Demo &operator=(const Demo &) = delete;

    QString out()
    {
        m_out += QString::fromUtf8(process.readAllStandardOutput());
        return m_out;
    }
    QString err()
    {
        m_err += QString::fromUtf8(process.readAllStandardError());
        return m_err;
    }
    /// The last role line: "leader at …", "node of …" or "electing".
    QString role()
    {
        const QStringList lines = out().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            static const QRegularExpression re(QStringLiteral("multi-process (.*), node "));
            const auto match = re.match(*it);
            if (match.hasMatch())
                return match.captured(1);
        }
        return {};
    }
    bool isLeader() { return role().startsWith(QLatin1String("leader")); }
    bool isNode() { return role().startsWith(QLatin1String("node")); }
    QString nodeId()
    {
        static const QRegularExpression re(QStringLiteral(", node (\\S+)"));
        const auto match = re.match(out());
        return match.hasMatch() ? match.captured(1) : QString();
    }
    quint16 port()
    {
        static const QRegularExpression re(QStringLiteral("serving on [^\\s]+:(\\d+)"));
        const auto match = re.match(out());
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    qint64 pid() const { return process.processId(); }
    QList<Snapshot> reports() const { return JsonHistoryReporter::readHistory(history); }
    /// The newest report written at or after `since`, if any.
    std::optional<Snapshot> reportSince(double since) const
    {
        const QList<Snapshot> all = reports();
        if (all.isEmpty() || all.last().time() < since)
            return std::nullopt;
        return all.last();
    }

    /// Sends the tutorial's request (upper-casing) and returns the answer.
    QByteArray ask(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        if (!socket.waitForConnected(5000))
            return "<no connection>";
        socket.write(request);
        QByteArray answer;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
            answer += socket.readAll();
        return answer + socket.readAll();
    }

    QProcess process;
    const QString history;
    const QString json;

private:
    QString m_out;
    QString m_err;
};

/// The node report of `pid` in a merged report, or a null snapshot.
Snapshot nodeOf(const Snapshot &report, qint64 pid)
{
    for (const Snapshot &node : report.nodes()) {
        if (node.source().pid == pid)
            return node;
    }
    return Snapshot();
}

bool hasFreshNodes(const std::optional<Snapshot> &report, const QList<qint64> &pids)
{
    if (!report || report->nodes().size() != pids.size())
        return false;
    for (const qint64 pid : pids) {
        const Snapshot node = nodeOf(*report, pid);
        if (node.isNull() || node.source().stale)
            return false;
    }
    return true;
}

} // namespace

class MultiProcessDemoTest : public QObject
{
    Q_OBJECT

private:
    /// Starts a leader and two nodes on two fresh addresses; the leader first, so it is known.
    bool startGroup(const QStringList &extra = {})
    {
        const QList<quint16> ports = freePorts(2);
        m_ports = ports;
        const QStringList args =
            QStringList{QStringLiteral("--multi-process"),
                        QStringLiteral("127.0.0.1:%1,127.0.0.1:%2").arg(ports[0]).arg(ports[1])}
            + extra;
        m_demos.clear();
        m_demos.push_back(std::make_unique<Demo>(QStringLiteral("a"), m_dir, args));
        if (!QTest::qWaitFor([&] { return m_demos[0]->isLeader(); }, 10000))
            return false;
        m_demos.push_back(std::make_unique<Demo>(QStringLiteral("b"), m_dir, args));
        m_demos.push_back(std::make_unique<Demo>(QStringLiteral("c"), m_dir, args));
        return QTest::qWaitFor([&] { return m_demos[1]->isNode() && m_demos[2]->isNode(); }, 10000);
    }
    QList<qint64> pids(std::initializer_list<int> which) const
    {
        QList<qint64> result;
        for (const int i : which)
            result.append(m_demos[size_t(i)]->pid());
        return result;
    }

    QTemporaryDir m_dir;
    QList<quint16> m_ports;
    std::vector<std::unique_ptr<Demo>> m_demos;

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_demos.clear(); }

    // --role leader binds or fails at once, with the reason, when the address is taken.
    void leaderRoleShouldExitWhenItsAddressIsTaken()
    {
        const QString address = QStringLiteral("127.0.0.1:%1").arg(freePorts(1).first());
        Demo first(QStringLiteral("first"), m_dir,
                   {QStringLiteral("--multi-process"), address, QStringLiteral("--role=leader")});
        QTRY_VERIFY_WITH_TIMEOUT(first.isLeader(), 10000);
        QProcess second;
        second.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                     {QStringLiteral("--port=0"), QStringLiteral("--multi-process"), address,
                      QStringLiteral("--role=leader")});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        const QString error = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("cannot lead")), qPrintable(error));
        QVERIFY(first.isLeader());
    }

    // Three processes: exact merged values and one __node_reports__ entry per process; only
    // the leader writes reports.
    void threeProcessesShouldMergeExactly()
    {
        QVERIFY2(startGroup(), qPrintable(m_demos.empty() ? QString() : m_demos[0]->err()));
        Demo &a = *m_demos[0];
        Demo &b = *m_demos[1];
        Demo &c = *m_demos[2];
        // Lengths after stripping: a 2; b 4 and 6; c 8.
        QCOMPARE(a.ask("ab"), QByteArray("AB"));
        QCOMPARE(b.ask("abcd"), QByteArray("ABCD"));
        QCOMPARE(b.ask(" abcdef "), QByteArray("ABCDEF"));
        QCOMPARE(c.ask("abcdefgh"), QByteArray("ABCDEFGH"));

        std::optional<Snapshot> report;
        // What the last report said, should it never come right.
        const auto said = [&] {
            if (!report)
                return QStringLiteral("no report in %1").arg(a.json);
            QStringList nodes;
            for (const Snapshot &node : report->nodes()) {
                nodes.append(QStringLiteral("%1%2=%3")
                                 .arg(node.source().pid)
                                 .arg(node.source().stale ? QStringLiteral(" (stale)") : QString())
                                 .arg(node.value(u"requests_data_len").value_or(-1)));
            }
            return QStringLiteral("requests_data_len %1, nodes: %2; leader's stderr: %3")
                .arg(report->value(u"requests_data_len").value_or(-1))
                .arg(nodes.join(QStringLiteral(", ")), a.err());
        };
        QTRY_VERIFY2_WITH_TIMEOUT((report = JsonFileReporter::safeRead(a.json))
                                      && report->value(u"requests_data_len") == 20.0
                                      && report->nodes().size() == 3,
                                  qPrintable(said()), 10000);
        QCOMPARE(report->value(u"requests_data_len_total"), std::optional<double>(20));
        QCOMPARE(report->value(u"requests_data_len_avg"), std::optional<double>(5)); // 20 / 4
        QCOMPARE(report->value(u"requests_data_len_max"), std::optional<double>(8));
        QCOMPARE(report->value(u"requests_data_len_min"), std::optional<double>(2));
        QCOMPARE(report->row(u"requests_frequency")->count, quint64(4));
        QCOMPARE(report->row(u"requests_time")->count, quint64(4));
        QCOMPARE(report->source().pid, a.pid());
        // Labelled series merge per label set, and stay labelled.
        const CounterRow *text = report->row(u"request_count{kind=\"text\"}");
        QVERIFY(text);
        QCOMPARE(text->value, std::optional<double>(4));
        QCOMPARE(text->family, QStringLiteral("request_count"));
        QCOMPARE(text->labels, Labels({{QStringLiteral("kind"), QStringLiteral("text")}}));
        QCOMPARE(report->row(u"request_time{kind=\"text\"}")->count, quint64(4));
        QCOMPARE(report->row(u"request_time{kind=\"empty\"}")->count, quint64(0));
        QCOMPARE(nodeOf(*report, b.pid()).value(u"request_count{kind=\"text\"}"),
                 std::optional<double>(2));

        const QList<std::pair<Demo *, double>> expected{{&a, 2}, {&b, 10}, {&c, 8}};
        for (const auto &[demo, total] : expected) {
            const Snapshot node = nodeOf(*report, demo->pid());
            QVERIFY2(!node.isNull(), qPrintable(QString::number(demo->pid())));
            QCOMPARE(node.value(u"requests_data_len"), std::optional<double>(total));
            QCOMPARE(node.source().node, demo->nodeId());
            QVERIFY(!node.source().stale);
        }
        // PyCounters 0.6's flat view of the same: one entry per process.
        QFile file(a.json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject flat = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject nodeReports = flat.value(QLatin1String("__node_reports__")).toObject();
        QCOMPARE(nodeReports.size(), 3);
        QCOMPARE(nodeReports.value(b.nodeId())
                     .toObject()
                     .value(QLatin1String("requests_data_len"))
                     .toDouble(),
                 10.0);

        // Only the leader runs its reporters.
        QVERIFY(!QFile::exists(b.json));
        QVERIFY(!QFile::exists(c.json));
        QVERIFY(!QFile::exists(b.history));
    }

    // SIGKILL the leader: a survivor leads within 2 s and its first report holds both.
    void survivorsShouldReportWithinTwoSecondsAfterTheLeaderIsKilled()
    {
        QVERIFY(startGroup());
        QTRY_VERIFY_WITH_TIMEOUT(hasFreshNodes(m_demos[0]->reportSince(0), pids({0, 1, 2})), 10000);

        const double killedAt = now();
        QVERIFY(::kill(pid_t(m_demos[0]->pid()), SIGKILL) == 0);
        Demo *leader = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((leader = !m_demos[1]->reports().isEmpty() ? m_demos[1].get()
                                      : !m_demos[2]->reports().isEmpty()    ? m_demos[2].get()
                                                                            : nullptr),
                                 10000);
        const Snapshot first = leader->reports().first();
        const double seconds = first.time() - killedAt;
        qInfo("failover after SIGKILL: the new leader's first report %.3f s after the kill",
              seconds);
        QVERIFY2(seconds <= 2.0, qPrintable(QString::number(seconds)));
        QVERIFY2(hasFreshNodes(first, pids({1, 2})),
                 qPrintable(QString::fromUtf8(JsonCodec::toJson(first))));
        QVERIFY(leader->isLeader());
        QVERIFY(leader->role().contains(QStringLiteral(":%1 (level 0)").arg(m_ports[0])));
        Demo *other = leader == m_demos[1].get() ? m_demos[2].get() : m_demos[1].get();
        QVERIFY(other->isNode());
        QVERIFY(other->reports().isEmpty());
    }

    // SIGSTOP a node: reports keep coming at their pace, the node marked stale and left out
    // of the merge; after SIGCONT it is merged again.
    void stoppedNodeShouldBeReportedStaleAndRejoinAfterSigcont()
    {
        QVERIFY(startGroup());
        Demo &a = *m_demos[0];
        Demo &c = *m_demos[2];
        QCOMPARE(a.ask("ab"), QByteArray("AB"));
        QCOMPARE(c.ask("abcdefgh"), QByteArray("ABCDEFGH"));
        QTRY_VERIFY_WITH_TIMEOUT(hasFreshNodes(a.reportSince(0), pids({0, 1, 2}))
                                     && a.reportSince(0)->value(u"requests_data_len") == 10.0,
                                 10000);

        const double stoppedAt = now();
        QVERIFY(::kill(pid_t(c.pid()), SIGSTOP) == 0);
        // The first round waits its 1 s deadline; later ones do not wait for the stale node.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int stale = 0;
                for (const Snapshot &r : a.reports()) {
                    if (r.time() > stoppedAt && nodeOf(r, c.pid()).source().stale)
                        ++stale;
                }
                return stale >= 4;
            }(),
            10000);
        QList<double> times;
        for (const Snapshot &r : a.reports()) {
            if (r.time() <= stoppedAt)
                continue;
            times.append(r.time());
            const Snapshot node = nodeOf(r, c.pid());
            if (!node.source().stale)
                continue;
            // Only its running totals stand in for it; the total does not drop.
            for (const CounterRow &row : node.rows())
                QVERIFY(row.type == CounterType::Event || row.type == CounterType::Total);
            QVERIFY(!nodeOf(r, a.pid()).source().stale);
            QVERIFY(!nodeOf(r, m_demos[1]->pid()).source().stale);
            QCOMPARE(r.value(u"requests_data_len"), std::optional<double>(10)); // c's 8 stays
        }
        double longestGap = times.first() - stoppedAt;
        for (qsizetype i = 1; i < times.size(); ++i)
            longestGap = std::max(longestGap, times.at(i) - times.at(i - 1));
        qInfo("with a stopped node: %lld reports, longest gap %.3f s", qint64(times.size()),
              longestGap);
        QVERIFY2(longestGap <= 1.2 + 0.5, qPrintable(QString::number(longestGap)));

        const double continuedAt = now();
        QVERIFY(::kill(pid_t(c.pid()), SIGCONT) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(hasFreshNodes(a.reportSince(continuedAt), pids({0, 1, 2}))
                                     && a.reportSince(continuedAt)->value(u"requests_data_len")
                                         == 10.0,
                                 10000);
    }

    // Garbage, a 1 GiB length prefix, a wrong version and a guessed proof: each connection is
    // dropped with its reason logged, and the leader goes on reporting its nodes.
    void badPeersShouldBeDroppedWhileTheLeaderKeepsServing()
    {
        QVERIFY(startGroup({QStringLiteral("--token"), QStringLiteral("s3cret")}));
        Demo &a = *m_demos[0];
        QTRY_VERIFY_WITH_TIMEOUT(hasFreshNodes(a.reportSince(0), pids({0, 1, 2})), 10000);

        Hello hello;
        hello.protocol = kGroupProtocolVersion;
        hello.role = Hello::Role::Node;
        hello.node = QStringLiteral("intruder_1_0_1");
        hello.nonce = GroupAuth::makeNonce();
        const QByteArray guessedProof =
            encodeFrame(Frame{FrameType::Response, GroupResponse{QByteArray(32, 'x')}.toJson()});
        const QList<std::pair<QByteArray, QString>> attacks{
            // Before its hello a peer may send 64 KiB frames, not 92,001 bytes.
            {QByteArray("\x00\x01", 2) + "garbage, no frame at all" + "\xff\xfe",
             QStringLiteral("frame of 92001 bytes exceeds the limit of 65538 bytes")},
            {QByteArray("\x40\x00\x00\x00", 4),
             QStringLiteral("frame of 1073741824 bytes exceeds the limit")},
            {QByteArray("\x00\x00\x00\x02\x07\x01", 6),
             QStringLiteral("unsupported protocol version 7")},
            {encodeFrame(Frame{FrameType::Hello, hello.toJson()}) + guessedProof,
             QStringLiteral("wrong token")},
        };
        for (const auto &[bytes, reason] : attacks) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_ports[0]);
            QVERIFY(socket.waitForConnected(5000));
            const QString dropped = QStringLiteral("dropped 127.0.0.1:%1").arg(socket.localPort());
            socket.write(bytes);
            QVERIFY(socket.waitForBytesWritten(5000));
            QVERIFY2(socket.state() == QAbstractSocket::UnconnectedState
                         || socket.waitForDisconnected(5000),
                     qPrintable(reason));
            FrameReader reader;
            reader.readFrom(&socket);
            std::optional<Frame> error = reader.nextFrame();
            if (error && error->type == FrameType::Challenge) // the leader proved itself first
                error = reader.nextFrame();
            QVERIFY(error && error->type == FrameType::Error);
            QVERIFY2(QString::fromUtf8(error->payload).contains(reason),
                     error->payload.constData());
            // One log line names the peer and the reason.
            const auto logged = [&] {
                const QStringList lines = a.err().split(QLatin1Char('\n'));
                return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &line) {
                    return line.contains(dropped) && line.contains(reason);
                });
            };
            QTRY_VERIFY_WITH_TIMEOUT(logged(), 5000);
        }
        const double afterAttacks = now();
        QTRY_VERIFY_WITH_TIMEOUT(hasFreshNodes(a.reportSince(afterAttacks), pids({0, 1, 2})),
                                 10000);
        QVERIFY(a.isLeader());
        QVERIFY(a.err().contains(QStringLiteral("wrong token")));
    }
};

QTEST_GUILESS_MAIN(MultiProcessDemoTest)
#include "tst_multiprocessdemo.moc"
