// SPDX-License-Identifier: MIT
// Fuzzes the payloads peers send on the local socket and in multi-process collection, as the
// frame type selects: the multi-process Hello (MultiProcessProtocol::decodeHello: node id,
// role, token), CollectRequest (decodeCollectRequest) and a node's answer (decodeAnswer: round
// and snapshot), and the local-socket service Hello a viewer reads (ServiceInfo::fromJson).
//
// Input: [selector][payload]. Asserts beyond "no crash, no leak": what decodes, encoded again
// with the matching encoder, decodes to the same message; a refusal comes with a message.

#include "fuzzsupport.h"

#include <counters/format/serviceinfo.h>
#include <counters/transport/multiprocessprotocol_p.h>

#include <cmath>

using namespace counters;

namespace {

bool operator==(const HelloMessage &a, const HelloMessage &b)
{
    return a.protocol == b.protocol && a.role == b.role && a.node == b.node && a.token == b.token
        && a.service == b.service && a.host == b.host && a.pid == b.pid
        && (a.processStart == b.processStart
            || (std::isnan(a.processStart) && std::isnan(b.processStart)));
}

void hello(const QByteArray &payload)
{
    QString error;
    const std::optional<HelloMessage> message = MultiProcessProtocol::decodeHello(payload, &error);
    if (!message) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const std::optional<HelloMessage> again =
        MultiProcessProtocol::decodeHello(MultiProcessProtocol::encodeHello(*message), &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *message);
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

void serviceHello(const QByteArray &payload)
{
    QString error;
    const std::optional<ServiceInfo> info = ServiceInfo::fromJson(payload, &error);
    if (!info) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const std::optional<ServiceInfo> again = ServiceInfo::fromJson(info->toJson(), &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *info);
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
    switch (data[0] % 4) {
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
        serviceHello(payload);
        break;
    }
    return 0;
}
