// SPDX-License-Identifier: MIT
// Fuzzes the payloads peers send on the local socket and in multi-process collection, as the
// frame type selects: the Hello of every role (Hello::fromJson: a service's counters, a node's
// id and nonce), the leader's acknowledgement (HelloAck::fromJson), CollectRequest
// (decodeCollectRequest), a node's answer (decodeAnswer: round and snapshot), and the group
// handshake's Challenge and Response (groupauth.h).
//
// Input: [selector][payload]. Asserts beyond "no crash, no leak": what decodes, encoded again
// with the matching encoder, decodes to the same message; a refusal comes with a message.

#include "fuzzsupport.h"

#include <counters/format/groupauth.h>
#include <counters/format/hello.h>
#include <counters/transport/multiprocessprotocol_p.h>

#include <cmath>

using namespace counters;

namespace {

void hello(const QByteArray &payload)
{
    QString error;
    const std::optional<Hello> message = Hello::fromJson(payload, &error);
    if (!message) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const std::optional<Hello> again = Hello::fromJson(message->toJson(), &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *message);
}

void acknowledgement(const QByteArray &payload)
{
    QString error;
    const std::optional<HelloAck> ack = HelloAck::fromJson(payload, &error);
    if (!ack) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const std::optional<HelloAck> again = HelloAck::fromJson(ack->toJson(), &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(again->protocol == ack->protocol && again->leader == ack->leader
               && again->level == ack->level);
}

void collectRequest(const QByteArray &payload)
{
    const std::optional<quint64> round = MultiProcessProtocol::decodeCollectRequest(payload);
    if (!round)
        return;
    FUZZ_CHECK(MultiProcessProtocol::decodeCollectRequest(
                   MultiProcessProtocol::encodeCollectRequest(*round))
               == round);
}

void answer(const QByteArray &payload)
{
    QString error;
    const auto decoded = MultiProcessProtocol::decodeAnswer(payload, &error);
    if (!decoded) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const auto again = MultiProcessProtocol::decodeAnswer(
        MultiProcessProtocol::encodeAnswer(decoded->second, decoded->first), &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(again->first == decoded->first);
    FUZZ_CHECK(again->second == decoded->second);
}

void challenge(const QByteArray &payload)
{
    QString error;
    const std::optional<GroupChallenge> decoded = GroupChallenge::fromJson(payload, &error);
    if (!decoded) {
        FUZZ_CHECK(!error.isEmpty());
    } else {
        const std::optional<GroupChallenge> again = GroupChallenge::fromJson(decoded->toJson());
        FUZZ_CHECK(again);
        FUZZ_CHECK(again->leader == decoded->leader && again->level == decoded->level
                   && again->port == decoded->port && again->nonce == decoded->nonce
                   && again->proof == decoded->proof);
    }
    // A peer fed anything as a challenge refuses it or answers with a well-formed response.
    Hello hello;
    hello.role = Hello::Role::Node;
    hello.node = QStringLiteral("fuzz_1");
    GroupHandshake handshake(hello, QStringLiteral("token"), 7000, 0);
    const GroupHandshake::Step step = handshake.handle(Frame{FrameType::Challenge, payload});
    FUZZ_CHECK(step == GroupHandshake::Step::Failed);
    FUZZ_CHECK(!handshake.errorString().isEmpty());
}

void response(const QByteArray &payload)
{
    QString error;
    const std::optional<GroupResponse> decoded = GroupResponse::fromJson(payload, &error);
    if (!decoded) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const std::optional<GroupResponse> again = GroupResponse::fromJson(decoded->toJson());
    FUZZ_CHECK(again && again->proof == decoded->proof);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray payload = fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 6) {
    case 0:
        hello(payload);
        break;
    case 1:
        collectRequest(payload);
        break;
    case 2:
        answer(payload);
        break;
    case 3:
        acknowledgement(payload);
        break;
    case 4:
        challenge(payload);
        break;
    case 5:
        response(payload);
        break;
    }
    return 0;
}
