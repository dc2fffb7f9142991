// SPDX-License-Identifier: MIT
// Fuzzes counters::FrameReader, the decoder of every frame stream a peer sends (local socket,
// multi-process collection): a byte stream cut into chunks of any size.
//
// Input: [chunk size][frame size limit][the stream]. Asserts beyond "no crash, no leak":
// - the frames and the error state do not depend on how the stream was cut (chunks, one
//   append(), and for one input in eight readFrom() a QBuffer);
// - the frames re-encoded with encodeFrame() are exactly the first bytes of the stream, and
//   what follows them is held as bufferedBytes() (or dropped, once in the error state);
// - no frame has an unknown type or exceeds the limit.

#include "fuzzsupport.h"

#include <counters/format/frame.h>
#include <counters/format/framereader.h>

#include <QBuffer>

#include <vector>

using namespace counters;

namespace {

struct Result
{
    std::vector<Frame> frames;
    bool error = false;
    qint64 buffered = 0;
};

void drain(FrameReader &reader, Result &result)
{
    while (std::optional<Frame> frame = reader.nextFrame())
        result.frames.push_back(std::move(*frame));
}

Result finish(FrameReader &reader, Result result)
{
    drain(reader, result);
    result.error = reader.hasError();
    result.buffered = reader.bufferedBytes();
    FUZZ_CHECK(result.error == !reader.errorString().isEmpty());
    return result;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Chunks of 1 to 256 bytes, but no more than 64 of them: a long stream cut byte by byte
    // would cost more than it finds.
    const qsizetype chunk = qMax(qsizetype(data[0]) + 1, qsizetype(size) / 64 + 1);
    const qint64 limit = data[1] == 0 ? kDefaultMaxFrameSize : 2 + qint64(data[1]) * 8;
    const QByteArray stream = fuzz::bytes(data + 2, size - 2);

    FrameReader chunked(limit);
    Result byChunks;
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        chunked.append(QByteArrayView(stream).sliced(at, qMin(chunk, stream.size() - at)));
        drain(chunked, byChunks); // taking frames between chunks must not matter either
    }
    byChunks = finish(chunked, std::move(byChunks));

    FrameReader whole(limit);
    whole.append(stream);
    const Result inOne = finish(whole, {});

    FUZZ_CHECK(byChunks.frames == inOne.frames);
    FUZZ_CHECK(byChunks.error == inOne.error && byChunks.buffered == inOne.buffered);

    // readFrom() reads in 64 KiB steps, whose allocations cost ASan more than all the rest:
    // one input in eight goes through a QBuffer too.
    if ((data[0] & 7) == 0) {
        QByteArray copy = stream;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        FrameReader device(limit);
        FUZZ_CHECK(device.readFrom(&buffer) == !device.hasError());
        const Result fromDevice = finish(device, {});
        FUZZ_CHECK(fromDevice.frames == inOne.frames && fromDevice.error == inOne.error
                   && fromDevice.buffered == inOne.buffered);
    }

    QByteArray encoded;
    for (const Frame &frame : inOne.frames) {
        FUZZ_CHECK(isKnownFrameType(quint8(frame.type)));
        FUZZ_CHECK(frame.payload.size() + 2 <= limit);
        encoded += encodeFrame(frame);
    }
    FUZZ_CHECK(stream.startsWith(encoded));
    if (inOne.error)
        FUZZ_CHECK(inOne.buffered == 0);
    else
        FUZZ_CHECK(inOne.buffered == stream.size() - encoded.size());
    return 0;
}
