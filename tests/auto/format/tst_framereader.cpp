// SPDX-License-Identifier: MIT
#include <counters/format/framereader.h>

#include <QBuffer>
#include <QDebug>
#include <QTest>

#if defined(__GLIBC__)
#include <malloc.h>
#if __GLIBC_PREREQ(2, 33)
#define COUNTERS_HAVE_MALLINFO2 1
#endif
#endif

using namespace counters;

namespace counters {
// Lets QCOMPARE print frames (found by argument-dependent lookup).
char *toString(const Frame &frame)
{
    QString text;
    QDebug(&text) << frame;
    return QTest::toString(text);
}
} // namespace counters

namespace {

QByteArray streamOf(const QList<Frame> &frames)
{
    QByteArray bytes;
    for (const Frame &frame : frames)
        bytes += encodeFrame(frame);
    return bytes;
}

QList<Frame> drain(FrameReader &reader)
{
    QList<Frame> frames;
    while (auto frame = reader.nextFrame())
        frames.append(std::move(*frame));
    return frames;
}

/// Bytes of the heap in use (small blocks and mmapped ones), or -1 when unknown.
qint64 heapInUse()
{
#ifdef COUNTERS_HAVE_MALLINFO2
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

/**
 * A sequential device that hands out only what was fed to it so far, like a socket whose
 * peer has sent part of the stream; it can also be told to fail the next read.
 */
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice() { open(QIODevice::ReadOnly | QIODevice::Unbuffered); }

    void feed(const QByteArray &bytes) { m_pending += bytes; }
    void failReads() { m_failing = true; }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_pending.size() + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_failing) {
            setErrorString(QStringLiteral("simulated failure"));
            return -1;
        }
        const qint64 n = qMin<qint64>(maxSize, m_pending.size());
        memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_pending;
    bool m_failing = false;
};

const QList<Frame> kThreeFrames = {
    Frame{FrameType::Hello, QByteArray("node-1")},
    Frame{FrameType::Ping, QByteArray()},
    Frame{FrameType::Snapshot, QByteArray("{\"requests\":42,\"__collection_time__\":1.7e9}")},
};

} // namespace

class FrameReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRoundTripEveryType_data();
    void shouldRoundTripEveryType();

    void streams_data();
    void shouldDeliverEveryFrameOfOneChunk_data() { streams_data(); }
    void shouldDeliverEveryFrameOfOneChunk();
    void shouldReassembleFramesSplitAtAnyByte_data() { streams_data(); }
    void shouldReassembleFramesSplitAtAnyByte();
    void shouldDeliverEachFrameExactlyWhenItsLastByteArrives_data() { streams_data(); }
    void shouldDeliverEachFrameExactlyWhenItsLastByteArrives();

    void shouldRejectBadHeaderAsSoonAsItsBytesArrive_data();
    void shouldRejectBadHeaderAsSoonAsItsBytesArrive();
    void shouldAcceptFramesUpToTheLimit_data();
    void shouldAcceptFramesUpToTheLimit();
    void shouldRejectGigabyteLengthWithoutAllocatingIt();
    void shouldNotAllocateAnnouncedSizeBeforeBytesArrive();

    void shouldReturnFramesBeforeBadHeaderButNoneAfter();
    void shouldIgnoreBytesOnceInErrorState();

    void shouldReadWholeQBuffer();
    void shouldReadMoreThanOneChunkFromDevice();
    void shouldReadPartiallyFilledDeviceAsBytesArrive();
    void shouldReturnTrueWhenDeviceHasNothingYet();
    void shouldFailOnUnusableDevice_data();
    void shouldFailOnUnusableDevice();
};

void FrameReaderTest::shouldRoundTripEveryType_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("payload");

    const QByteArray small("{\"requests\": 12.5}");
    QByteArray large(1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char(i * 31 + 7); // every byte value, including zeros
    for (int type = int(FrameType::Hello); type <= int(FrameType::Response); ++type) {
        const char *name = frameTypeName(FrameType(type)).data();
        QTest::addRow("%s, empty", name) << type << QByteArray();
        QTest::addRow("%s, small", name) << type << small;
        QTest::addRow("%s, large", name) << type << large;
    }
}

void FrameReaderTest::shouldRoundTripEveryType()
{
    QFETCH(int, type);
    QFETCH(QByteArray, payload);
    const Frame sent{FrameType(type), payload};

    FrameReader reader;
    reader.append(encodeFrame(sent));

    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    const std::optional<Frame> received = reader.nextFrame();
    QVERIFY(received.has_value());
    QCOMPARE(received->type, sent.type);
    QVERIFY(received->payload == sent.payload);
    QVERIFY(!reader.nextFrame().has_value());
    QCOMPARE(reader.bufferedBytes(), 0);
}

void FrameReaderTest::streams_data()
{
    QTest::addColumn<QList<Frame>>("frames");

    QTest::newRow("hello, ping, snapshot") << kThreeFrames;
    QTest::newRow("empty payloads only")
        << QList<Frame>{{FrameType::Ack, {}}, {FrameType::Ping, {}}, {FrameType::Bye, {}}};
    QTest::newRow("zero bytes and a length with two bytes set")
        << QList<Frame>{{FrameType::Error, QByteArray("\0\0\0\x02\x01\x04", 6)},
                        {FrameType::Snapshot, QByteArray(300, '\0')},
                        {FrameType::CollectRequest, QByteArray("round-7")}};
    QTest::newRow("a single frame") << QList<Frame>{{FrameType::Hello, QByteArray("x")}};
}

void FrameReaderTest::shouldDeliverEveryFrameOfOneChunk()
{
    QFETCH(QList<Frame>, frames);

    FrameReader reader;
    reader.append(streamOf(frames));

    QCOMPARE(drain(reader), frames);
    QVERIFY(!reader.hasError());
    QCOMPARE(reader.bufferedBytes(), 0);
}

void FrameReaderTest::shouldReassembleFramesSplitAtAnyByte()
{
    QFETCH(QList<Frame>, frames);
    const QByteArray stream = streamOf(frames);

    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        FrameReader reader;
        reader.append(QByteArrayView(stream).first(cut));
        QList<Frame> received = drain(reader);
        reader.append(QByteArrayView(stream).sliced(cut));
        received += drain(reader);

        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY2(received == frames, qPrintable(QStringLiteral("cut at byte %1").arg(cut)));
        QCOMPARE(reader.bufferedBytes(), 0);
    }
}

void FrameReaderTest::shouldDeliverEachFrameExactlyWhenItsLastByteArrives()
{
    QFETCH(QList<Frame>, frames);
    const QByteArray stream = streamOf(frames);
    QList<qsizetype> frameEnds;
    qsizetype end = 0;
    for (const Frame &frame : frames)
        frameEnds.append(end += kFrameHeaderSize + frame.payload.size());

    FrameReader reader;
    QList<Frame> received;
    for (qsizetype fed = 1; fed <= stream.size(); ++fed) {
        reader.append(QByteArrayView(stream).sliced(fed - 1, 1));
        received += drain(reader);
        const auto complete = std::count_if(frameEnds.cbegin(), frameEnds.cend(),
                                            [fed](qsizetype frameEnd) { return frameEnd <= fed; });
        QCOMPARE(received.size(), qsizetype(complete));
    }
    QCOMPARE(received, frames);
    QVERIFY(!reader.hasError());
}

void FrameReaderTest::shouldRejectBadHeaderAsSoonAsItsBytesArrive_data()
{
    QTest::addColumn<QByteArray>("header"); // its last byte is the one that gives it away
    QTest::addColumn<qint64>("maxFrameSize");
    QTest::addColumn<QString>("error");

    const auto tooShort = [](int size) {
        return QStringLiteral("frame size %1 is below the minimum of 2 bytes (version and type)")
            .arg(size);
    };
    const auto tooLong = [](qint64 size, qint64 limit) {
        return QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
            .arg(size)
            .arg(limit);
    };
    const auto badVersion = [](int version) {
        return QStringLiteral("unsupported protocol version %1 (this reader speaks version 1)")
            .arg(version);
    };
    const auto badType = [](int type) {
        return QStringLiteral("unknown frame type %1 (protocol version 1 knows types 1 to 9)")
            .arg(type);
    };
    const qint64 limit = kDefaultMaxFrameSize;

    QTest::newRow("zero length") << QByteArray::fromHex("00000000") << limit << tooShort(0);
    QTest::newRow("one-byte length") << QByteArray::fromHex("00000001") << limit << tooShort(1);
    QTest::newRow("1 GiB length") << QByteArray::fromHex("40000000") << limit
                                  << tooLong(1073741824, 16777216);
    QTest::newRow("largest 32-bit length")
        << QByteArray::fromHex("ffffffff") << limit << tooLong(4294967295, 16777216);
    QTest::newRow("one byte over the default limit")
        << QByteArray::fromHex("01000001") << limit << tooLong(16777217, 16777216);
    QTest::newRow("one byte over a configured limit")
        << QByteArray::fromHex("00000041") << qint64(64) << tooLong(65, 64);
    QTest::newRow("version 0") << QByteArray::fromHex("0000000200") << limit << badVersion(0);
    QTest::newRow("version 2") << QByteArray::fromHex("0000000202") << limit << badVersion(2);
    QTest::newRow("version 255") << QByteArray::fromHex("00000002ff") << limit << badVersion(255);
    QTest::newRow("type 0") << QByteArray::fromHex("000000100100") << limit << badType(0);
    QTest::newRow("type 10") << QByteArray::fromHex("00000010010a") << limit << badType(10);
    QTest::newRow("type 255") << QByteArray::fromHex("0000001001ff") << limit << badType(255);
    QTest::newRow("garbage: an HTTP request")
        << QByteArray("GET ") << limit << tooLong(1195725856, 16777216);
    QTest::newRow("garbage: JSON without framing")
        << QByteArray("{\"a\"") << limit << tooLong(2065850658, 16777216);
    QTest::newRow("garbage: a PyCounters pickle")
        << QByteArray::fromHex("8002551f") << limit << tooLong(2147636511, 16777216);
    QTest::newRow("garbage: plausible length, then text")
        << QByteArray("\0\0\0\x05h", 5) << limit << badVersion(int('h'));
}

void FrameReaderTest::shouldRejectBadHeaderAsSoonAsItsBytesArrive()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, maxFrameSize);
    QFETCH(QString, error);

    // Given the header without its telltale byte: nothing is known to be wrong yet.
    FrameReader reader(maxFrameSize);
    reader.append(QByteArrayView(header).chopped(1));
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));

    // When the telltale byte arrives
    reader.append(QByteArrayView(header).last(1));

    // Then the stream is rejected at once, without waiting for the rest of the frame.
    QVERIFY(reader.hasError());
    QCOMPARE(reader.errorString(), error);
    QVERIFY(!reader.nextFrame().has_value());
    QCOMPARE(reader.bufferedBytes(), 0);
}

void FrameReaderTest::shouldAcceptFramesUpToTheLimit_data()
{
    QTest::addColumn<qint64>("maxFrameSize");

    QTest::newRow("smallest limit: empty frames only") << qint64(2);
    QTest::newRow("64 bytes") << qint64(64);
    QTest::newRow("default") << kDefaultMaxFrameSize;
}

void FrameReaderTest::shouldAcceptFramesUpToTheLimit()
{
    QFETCH(qint64, maxFrameSize);
    const Frame atLimit{FrameType::Snapshot, QByteArray(qsizetype(maxFrameSize - 2), 's')};
    const Frame overLimit{FrameType::Snapshot, QByteArray(qsizetype(maxFrameSize - 1), 's')};

    FrameReader reader(maxFrameSize);
    QCOMPARE(reader.maxFrameSize(), maxFrameSize);
    reader.append(encodeFrame(atLimit));
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(reader.nextFrame(), std::optional<Frame>(atLimit));

    reader.append(encodeFrame(overLimit));
    QVERIFY(reader.hasError());
    QCOMPARE(reader.errorString(),
             QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                 .arg(maxFrameSize + 1)
                 .arg(maxFrameSize));
}

void FrameReaderTest::shouldRejectGigabyteLengthWithoutAllocatingIt()
{
    const qint64 before = heapInUse();

    FrameReader reader;
    reader.append(QByteArray::fromHex("40000000"));

    QVERIFY(reader.hasError());
    QCOMPARE(reader.bufferedBytes(), 0);
    if (before < 0)
        QSKIP("no mallinfo2() here: the allocation itself cannot be measured");
    QCOMPARE_LT(heapInUse() - before, qint64(1024 * 1024));
}

void FrameReaderTest::shouldNotAllocateAnnouncedSizeBeforeBytesArrive()
{
    // Given a reader that would accept a 1 GiB frame
    FrameReader reader(qint64(2) * 1024 * 1024 * 1024);
    const qint64 before = heapInUse();

    // When its header and the first few payload bytes arrive
    reader.append(QByteArray::fromHex("40000000"
                                      "01"
                                      "02"
                                      "00112233445566778899"));

    // Then the reader waits, holding only the bytes it received.
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY(!reader.nextFrame().has_value());
    QCOMPARE(reader.bufferedBytes(), 16);
    if (before < 0)
        QSKIP("no mallinfo2() here: the allocation itself cannot be measured");
    QCOMPARE_LT(heapInUse() - before, qint64(1024 * 1024));
}

void FrameReaderTest::shouldReturnFramesBeforeBadHeaderButNoneAfter()
{
    // Given two good frames, a frame of an unknown version and another good frame in one chunk
    const QByteArray good = streamOf(kThreeFrames.first(2));
    const QByteArray bad = QByteArray::fromHex("0000000502"
                                               "04"
                                               "616263");
    FrameReader reader;

    // When
    reader.append(QByteArray(good + bad + encodeFrame(kThreeFrames.at(2))));

    // Then the frames before the bad header come out, nothing after it.
    QVERIFY(reader.hasError());
    QCOMPARE(drain(reader), kThreeFrames.first(2));
    QVERIFY(!reader.nextFrame().has_value());
}

void FrameReaderTest::shouldIgnoreBytesOnceInErrorState()
{
    FrameReader reader;
    reader.append(QByteArray::fromHex("00000000"));
    QVERIFY(reader.hasError());
    const QString error = reader.errorString();

    reader.append(encodeFrame(kThreeFrames.at(0)));
    QBuffer buffer;
    buffer.setData(encodeFrame(kThreeFrames.at(1)));
    QVERIFY(buffer.open(QIODevice::ReadOnly));

    QVERIFY(!reader.readFrom(&buffer));
    QVERIFY(!reader.nextFrame().has_value());
    QCOMPARE(reader.bufferedBytes(), 0);
    QCOMPARE(reader.errorString(), error);
}

void FrameReaderTest::shouldReadWholeQBuffer()
{
    QBuffer buffer;
    buffer.setData(streamOf(kThreeFrames));
    QVERIFY(buffer.open(QIODevice::ReadOnly));

    FrameReader reader;
    QVERIFY(reader.readFrom(&buffer));

    QCOMPARE(drain(reader), kThreeFrames);
    QVERIFY(buffer.atEnd());
}

void FrameReaderTest::shouldReadMoreThanOneChunkFromDevice()
{
    // Larger than the reader's read granularity, so readFrom() must loop.
    const QList<Frame> frames = {Frame{FrameType::Snapshot, QByteArray(300 * 1024, 'j')},
                                 Frame{FrameType::Bye, QByteArray("done")}};
    QBuffer buffer;
    buffer.setData(streamOf(frames));
    QVERIFY(buffer.open(QIODevice::ReadOnly));

    FrameReader reader;
    QVERIFY(reader.readFrom(&buffer));

    QCOMPARE(drain(reader), frames);
    QCOMPARE(reader.bufferedBytes(), 0);
}

void FrameReaderTest::shouldReadPartiallyFilledDeviceAsBytesArrive()
{
    const QByteArray stream = streamOf(kThreeFrames);
    const qsizetype firstFrameEnd = kFrameHeaderSize + kThreeFrames.at(0).payload.size();

    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        // Given a device that has received the stream up to `cut`
        TrickleDevice device;
        device.feed(stream.left(cut));
        FrameReader reader;

        // When the reader reads what is there
        QVERIFY(reader.readFrom(&device));
        QList<Frame> received = drain(reader);

        // Then it has the whole frames so far and keeps the rest for later.
        QCOMPARE(received.isEmpty(), cut < firstFrameEnd);
        QCOMPARE(device.bytesAvailable(), 0);

        device.feed(stream.mid(cut));
        QVERIFY(reader.readFrom(&device));
        received += drain(reader);
        QVERIFY2(received == kThreeFrames, qPrintable(QStringLiteral("cut at byte %1").arg(cut)));
    }
}

void FrameReaderTest::shouldReturnTrueWhenDeviceHasNothingYet()
{
    TrickleDevice device;
    FrameReader reader;

    QVERIFY(reader.readFrom(&device));
    QVERIFY(!reader.nextFrame().has_value());
    QVERIFY(!reader.hasError());
}

void FrameReaderTest::shouldFailOnUnusableDevice_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("error");

    QTest::newRow("no device") << QStringLiteral("null")
                               << QStringLiteral("cannot read frames: no device");
    QTest::newRow("closed buffer")
        << QStringLiteral("closed")
        << QStringLiteral("cannot read frames: the device is not open for reading");
    QTest::newRow("write-only buffer")
        << QStringLiteral("writeOnly")
        << QStringLiteral("cannot read frames: the device is not open for reading");
    QTest::newRow("failing read") << QStringLiteral(
        "failing") << QStringLiteral("cannot read frames from the device: simulated failure");
}

void FrameReaderTest::shouldFailOnUnusableDevice()
{
    QFETCH(QString, device);
    QFETCH(QString, error);

    QBuffer buffer;
    buffer.setData(streamOf(kThreeFrames));
    TrickleDevice trickle;
    trickle.feed(streamOf(kThreeFrames));
    QIODevice *target = nullptr;
    if (device == QLatin1String("closed")) {
        target = &buffer;
    } else if (device == QLatin1String("writeOnly")) {
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        target = &buffer;
    } else if (device == QLatin1String("failing")) {
        trickle.failReads();
        target = &trickle;
    }

    FrameReader reader;
    QVERIFY(!reader.readFrom(target));

    QVERIFY(reader.hasError());
    QCOMPARE(reader.errorString(), error);
    reader.append(encodeFrame(kThreeFrames.at(0)));
    QVERIFY(!reader.nextFrame().has_value());
}

QTEST_GUILESS_MAIN(FrameReaderTest)
#include "tst_framereader.moc"
