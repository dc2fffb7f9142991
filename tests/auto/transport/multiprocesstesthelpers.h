// SPDX-License-Identifier: MIT
#pragma once

// What the tests of multi-process collection share: members of a group in one process, a raw
// peer that speaks frames from the test thread, and a log recorder.

#include <counters/counters.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/groupauth.h>
#include <counters/transport/multiprocesscollector.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <mutex>

namespace testsupport {

using namespace counters;
using Role = MultiProcessCollector::Role;

inline QList<CollectionAddress> addressesOf(const QList<quint16> &ports)
{
    QList<CollectionAddress> addresses;
    for (const quint16 port : ports)
        addresses.append(CollectionAddress(port));
    return addresses;
}

/// One "process" of a group: its registry, reporting controller and collector.
class Member
{
public:
    explicit Member(const QList<CollectionAddress> &addresses, Role role = Role::Auto)
        : m_tag(QString::number(++s_count))
    {
        collector.setAddresses(addresses);
        collector.setRole(role);
        collector.setTimeout(Seconds(10));
        collector.setConnectTimeout(Seconds(2));
        collector.setUpgradeInterval(Seconds(0)); // tests call tryUpgrade() unless they set it
        collector.setSettleTime(Seconds(0.2));
    }

    /// A counter of `type` named `name` that only this member's events feed.
    void addCounter(CounterType type, const QString &name)
    {
        const QStringList events{event(name)};
        std::shared_ptr<Counter> counter;
        switch (type) {
        case CounterType::Total:
            counter = std::make_shared<TotalCounter>(name, events);
            break;
        case CounterType::AverageWindow:
            counter = std::make_shared<AverageWindowCounter>(name, kDefaultWindow, events);
            break;
        case CounterType::MaxWindow:
            counter = std::make_shared<MaxWindowCounter>(name, kDefaultWindow, events);
            break;
        case CounterType::MinWindow:
            counter = std::make_shared<MinWindowCounter>(name, kDefaultWindow, events);
            break;
        case CounterType::Window:
            counter = std::make_shared<WindowCounter>(name, kDefaultWindow, events);
            break;
        case CounterType::PercentileWindow:
            counter = std::make_shared<PercentileWindowCounter>(
                name, kDefaultWindow, PercentileWindowCounter::defaultQuantiles(), events);
            break;
        default:
            QFAIL("no such counter in this test");
        }
        QVERIFY(registry.registerCounter(counter));
    }
    void value(const QString &name, double x) const { reportValue(event(name), x); }

    Registry registry;
    ReportingController controller{registry};
    MultiProcessCollector collector{registry, controller}; // destroyed first

private:
    QString event(const QString &name) const { return name + QLatin1Char('@') + m_tag; }

    QString m_tag;
    static inline int s_count = 0;
};

inline /// A hello of `role` as the protocol spells it, with a fresh nonce; `protocol` other than 2
       /// makes one of another version.
    QByteArray
    helloPayload(const QString &role, const QString &node, int protocol = 2)
{
    QJsonObject hello{
        {QStringLiteral("protocol"), protocol},
        {QStringLiteral("role"), role},
        {QStringLiteral("node"), node},
        {QStringLiteral("service"), QStringLiteral("raw")},
        {QStringLiteral("pid"), 4242},
        {QStringLiteral("nonce"), QString::fromLatin1(GroupAuth::makeNonce().toBase64())}};
    return QJsonDocument(hello).toJson(QJsonDocument::Compact);
}

/// A peer that speaks bytes to a leader from the test thread (blocking calls; the collectors
/// run in their own threads).
class RawPeer
{
public:
    bool connectTo(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(5000);
    }
    void sendBytes(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.waitForBytesWritten(5000);
    }
    void send(FrameType type, const QByteArray &payload = {})
    {
        sendBytes(encodeFrame(Frame{type, payload}));
    }
    /// The next frame, waiting up to `timeoutMs`.
    std::optional<Frame> next(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            if (std::optional<Frame> frame = reader.nextFrame())
                return frame;
            const qint64 left = timeoutMs - timer.elapsed();
            if (left <= 0 || socket.state() != QAbstractSocket::ConnectedState
                || !socket.waitForReadyRead(int(left))) {
                reader.readFrom(&socket);
                return reader.nextFrame();
            }
            reader.readFrom(&socket);
        }
    }
    /// The next frame of `type`, skipping others.
    std::optional<Frame> next(FrameType type, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            std::optional<Frame> frame = next(int(timeoutMs - timer.elapsed()));
            if (!frame || frame->type == type)
                return frame;
        }
        return std::nullopt;
    }
    /// Whether the leader closes the connection within `timeoutMs`; the frames it sent before
    /// closing stay readable with next().
    bool closedByPeer(int timeoutMs = 5000)
    {
        if (socket.state() != QAbstractSocket::UnconnectedState
            && !socket.waitForDisconnected(timeoutMs))
            return false;
        reader.readFrom(&socket);
        return true;
    }

    /// Runs the group handshake as `role`; the leader's refusal or the handshake's failure in
    /// `*error`.
    bool join(Hello::Role role, const QString &node, const QString &token, QString *error)
    {
        Hello hello;
        hello.role = role;
        hello.node = node;
        hello.service = QStringLiteral("raw");
        GroupHandshake handshake(hello, token, socket.peerPort());
        send(FrameType::Hello, handshake.helloFrame().payload);
        for (;;) {
            const std::optional<Frame> frame = next();
            if (!frame) {
                *error = QStringLiteral("no answer");
                return false;
            }
            const GroupHandshake::Step step = handshake.handle(*frame);
            if (const std::optional<Frame> &reply = handshake.reply())
                send(reply->type, reply->payload);
            switch (step) {
            case GroupHandshake::Step::Reply:
                continue;
            case GroupHandshake::Step::Accepted:
                return true;
            case GroupHandshake::Step::Failed:
                *error = handshake.errorString();
                return false;
            }
        }
    }

    QTcpSocket socket;
    FrameReader reader;
};

/// Records the counters.transport messages while alive. The network thread logs too: the
/// current log and its warnings are guarded by one std::mutex (which TSan sees, unlike QMutex),
/// so a message logged while the log goes away never reaches a destroyed object.
class TransportLog
{
public:
    TransportLog()
    {
        const std::lock_guard<std::mutex> lock(s_mutex);
        s_current = this;
        m_previous = qInstallMessageHandler(&TransportLog::handler);
    }
    ~TransportLog()
    {
        const std::lock_guard<std::mutex> lock(s_mutex);
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    TransportLog(const TransportLog &) = delete;
    TransportLog &operator=(const TransportLog &) = delete;

    QStringList warnings() const
    {
        const std::lock_guard<std::mutex> lock(s_mutex);
        return m_warnings;
    }
    bool hasWarning(const QString &fragment) const
    {
        const QStringList all = warnings();
        return std::any_of(all.cbegin(), all.cend(),
                           [&](const QString &w) { return w.contains(fragment); });
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        std::unique_lock<std::mutex> lock(s_mutex);
        TransportLog *self = s_current;
        if (!self)
            return;
        // The expected warnings are recorded instead of printed; everything else passes on.
        if (type == QtWarningMsg && qstrcmp(context.category, "counters.transport") == 0) {
            self->m_warnings.append(text);
        } else if (const QtMessageHandler previous = self->m_previous) {
            lock.unlock();
            previous(type, context, text);
        }
    }

    static inline std::mutex s_mutex;
    static inline TransportLog *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    QStringList m_warnings;
};

} // namespace testsupport
