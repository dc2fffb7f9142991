// SPDX-License-Identifier: MIT
// Writes seed inputs for fuzz_frame_reader and fuzz_protocol with the libraries' own writers,
// from real reports (JSON files written by counters-demo-server):
//
//     fuzz_make_corpus OUTPUT_DIR REPORT.json...
//
// OUTPUT_DIR/fuzz_frame_reader/ gets frame streams (service Hello, Snapshot, CollectRequest,
// Ping, Ack, Error, Bye) behind the target's two option bytes; OUTPUT_DIR/fuzz_protocol/ gets
// the payloads of Hello, CollectRequest, answer and service Hello behind the selector byte.

#include <counters/format/frame.h>
#include <counters/format/groupauth.h>
#include <counters/format/hello.h>
#include <counters/format/jsoncodec.h>
#include <counters/transport/multiprocessprotocol_p.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

using namespace counters;

namespace {

bool save(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QDir().mkpath(dir);
    QFile file(dir + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes) != bytes.size()) {
        QTextStream(stderr) << "cannot write " << file.fileName() << '\n';
        return false;
    }
    return true;
}

QByteArray frame(FrameType type, const QByteArray &payload)
{
    return encodeFrame(Frame{type, payload});
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: fuzz_make_corpus OUTPUT_DIR REPORT.json...\n";
        return 2;
    }
    const QString frames = args.at(0) + QStringLiteral("/fuzz_frame_reader");
    const QString protocol = args.at(0) + QStringLiteral("/fuzz_protocol");
    // fuzz_frame_reader: [chunk size - 1][limit: 0 = default][stream]
    const QByteArray wholeChunks("\xff\x00", 2);
    const QByteArray smallChunks("\x06\x00", 2);

    for (qsizetype i = 1; i < args.size(); ++i) {
        QFile file(args.at(i));
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << "cannot read " << args.at(i) << '\n';
            return 1;
        }
        const std::optional<Snapshot> report = JsonCodec::fromJson(file.readAll(), &error);
        if (!report) {
            QTextStream(stderr) << args.at(i) << ": " << error << '\n';
            return 1;
        }
        const QString n = QString::number(i);

        Hello info;
        info.role = Hello::Role::Service;
        info.service = report->source().service.isEmpty() ? QStringLiteral("counters-demo-server")
                                                          : report->source().service;
        info.pid = report->source().pid;
        info.host = report->source().host;
        info.processStart = report->source().processStart;
        info.backfill = 2;
        info.counters = Hello::countersOf(*report);
        const QByteArray snapshot = JsonCodec::toJson(*report);

        // A service's stream to a viewer: hello, backfill, a live snapshot, goodbye.
        bool ok = save(frames, QStringLiteral("service-stream-") + n,
                       wholeChunks + frame(FrameType::Hello, info.toJson())
                           + frame(FrameType::Snapshot, snapshot)
                           + frame(FrameType::Snapshot, snapshot) + frame(FrameType::Ping, {})
                           + frame(FrameType::Bye, "the service stops publishing"));
        // A node's answers to a leader, in small chunks.
        Hello hello;
        hello.role = Hello::Role::Node;
        hello.protocol = kGroupProtocolVersion;
        hello.node = QStringLiteral("build-vm_4242_0_1718000000.50");
        hello.nonce = GroupAuth::makeNonce();
        hello.service = info.service;
        hello.host = info.host;
        hello.pid = info.pid;
        hello.processStart = info.processStart;
        const QByteArray answer = MultiProcessProtocol::encodeAnswer(*report, 3);
        ok = ok
            && save(frames, QStringLiteral("node-stream-") + n,
                    smallChunks + frame(FrameType::Hello, hello.toJson())
                        + frame(FrameType::Snapshot, answer) + frame(FrameType::Ack, {}));
        ok = ok && save(protocol, QStringLiteral("answer-") + n, QByteArray(1, '\x02') + answer);
        ok = ok
            && save(protocol, QStringLiteral("service-hello-") + n,
                    QByteArray(1, '\x00') + info.toJson());
        if (!ok)
            return 1;

        if (i == 1) {
            HelloAck acknowledgement;
            acknowledgement.leader = QStringLiteral("build-vm_4000_0_1718000000.00");
            acknowledgement.level = 1;
            const QByteArray ack = acknowledgement.toJson();
            ok = save(frames, QStringLiteral("leader-stream"),
                      smallChunks + frame(FrameType::Ack, ack)
                          + frame(FrameType::CollectRequest,
                                  MultiProcessProtocol::encodeCollectRequest(1))
                          + frame(FrameType::CollectRequest, {}) + frame(FrameType::Ping, {})
                          + frame(FrameType::Error, "wrong token"));
            ok = ok
                && save(frames, QStringLiteral("small-limit"),
                        QByteArray("\x00\x10", 2) + frame(FrameType::Ping, {})
                            + frame(FrameType::Bye, "bye") + frame(FrameType::Snapshot, snapshot));
            ok = ok
                && save(protocol, QStringLiteral("hello-node"),
                        QByteArray(1, '\x00') + hello.toJson());
            GroupChallenge challenge;
            challenge.leader = acknowledgement.leader;
            challenge.nonce = GroupAuth::makeNonce();
            challenge.port = 7000;
            challenge.proof = GroupAuth::leaderProof(QStringLiteral("token"), hello.nonce,
                                                     challenge.nonce, 0, 7000, challenge.leader);
            ok = ok
                && save(protocol, QStringLiteral("challenge"),
                        QByteArray(1, '\x04') + challenge.toJson());
            ok = ok
                && save(protocol, QStringLiteral("response"),
                        QByteArray(1, '\x05') + GroupResponse{challenge.proof}.toJson());
            hello.role = Hello::Role::Viewer;
            ok = ok
                && save(protocol, QStringLiteral("hello-viewer"),
                        QByteArray(1, '\x00') + hello.toJson());
            hello.role = Hello::Role::Ping;
            hello.node.clear();
            ok = ok
                && save(protocol, QStringLiteral("hello-ping"),
                        QByteArray(1, '\x00') + hello.toJson());
            ok = ok && save(protocol, QStringLiteral("ack"), QByteArray(1, '\x03') + ack);
            ok = ok
                && save(protocol, QStringLiteral("collect-request"),
                        QByteArray(1, '\x01') + MultiProcessProtocol::encodeCollectRequest(12345));
            ok = ok && save(protocol, QStringLiteral("collect-request-empty"), "\x01");
            if (!ok)
                return 1;
        }
    }
    return 0;
}
