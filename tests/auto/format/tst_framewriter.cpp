// SPDX-License-Identifier: MIT
#include <counters/format/framereader.h>
#include <counters/format/framewriter.h>

#include <QBuffer>
#include <QTest>

using namespace counters;

namespace {

/// A device that accepts at most `capacity` bytes per write, or fails every write.
class StingyDevice : public QIODevice
{
public:
    explicit StingyDevice(qint64 capacity) : m_capacity(capacity)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }

    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 size) override
    {
        if (m_capacity < 0) {
            setErrorString(QStringLiteral("disk on fire"));
            return -1;
        }
        return qMin(size, m_capacity);
    }

private:
    qint64 m_capacity;
};

} // namespace

class FrameWriterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldWriteTheEncodedFrame();
    void shouldCountFramesAndBytesWritten();
    void shouldRoundTripThroughFrameReader();
    void shouldRefuseFrameOverLimitWithoutWritingAnything_data();
    void shouldRefuseFrameOverLimitWithoutWritingAnything();
    void shouldFailWithoutWritableDevice_data();
    void shouldFailWithoutWritableDevice();
    void shouldReportDeviceFailure_data();
    void shouldReportDeviceFailure();
};

void FrameWriterTest::shouldWriteTheEncodedFrame()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    FrameWriter writer(&buffer);

    QVERIFY(writer.write(Frame{FrameType::Snapshot, QByteArray("{}")}));

    QCOMPARE(buffer.data().toHex(),
             QByteArray("00000004"
                        "01"
                        "02"
                        "7b7d"));
    QVERIFY(writer.errorString().isEmpty());
}

void FrameWriterTest::shouldCountFramesAndBytesWritten()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    FrameWriter writer(&buffer, 64);

    QVERIFY(writer.write(Frame{FrameType::Hello, QByteArray("abc")}));
    QVERIFY(writer.write(Frame{FrameType::Ping, {}}));
    QVERIFY(!writer.write(Frame{FrameType::Snapshot, QByteArray(100, 'x')}));

    QCOMPARE(writer.framesWritten(), 2);
    QCOMPARE(writer.bytesWritten(), 9 + 6);
    QCOMPARE(writer.bytesWritten(), buffer.size());
}

void FrameWriterTest::shouldRoundTripThroughFrameReader()
{
    const QList<Frame> frames = {Frame{FrameType::Hello, QByteArray("node")},
                                 Frame{FrameType::CollectRequest, {}},
                                 Frame{FrameType::Snapshot, QByteArray(70000, 'v')},
                                 Frame{FrameType::Bye, QByteArray("shutdown")}};
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    FrameWriter writer(&buffer);
    for (const Frame &frame : frames)
        QVERIFY2(writer.write(frame), qPrintable(writer.errorString()));

    buffer.seek(0);
    FrameReader reader;
    QVERIFY(reader.readFrom(&buffer));
    QList<Frame> received;
    while (auto frame = reader.nextFrame())
        received.append(*frame);
    QVERIFY(received == frames);
}

void FrameWriterTest::shouldRefuseFrameOverLimitWithoutWritingAnything_data()
{
    QTest::addColumn<qint64>("maxFrameSize");
    QTest::addColumn<qsizetype>("payloadSize");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("at a small limit") << qint64(64) << qsizetype(62) << true;
    QTest::newRow("one over a small limit") << qint64(64) << qsizetype(63) << false;
    QTest::newRow("empty frame at the smallest limit") << qint64(2) << qsizetype(0) << true;
    QTest::newRow("one over the smallest limit") << qint64(2) << qsizetype(1) << false;
    QTest::newRow("one over the default limit")
        << kDefaultMaxFrameSize << qsizetype(kDefaultMaxFrameSize - 1) << false;
}

void FrameWriterTest::shouldRefuseFrameOverLimitWithoutWritingAnything()
{
    QFETCH(qint64, maxFrameSize);
    QFETCH(qsizetype, payloadSize);
    QFETCH(bool, accepted);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    FrameWriter writer(&buffer, maxFrameSize);
    QCOMPARE(writer.maxFrameSize(), maxFrameSize);

    const bool written = writer.write(Frame{FrameType::Snapshot, QByteArray(payloadSize, 'x')});

    QCOMPARE(written, accepted);
    if (accepted) {
        QCOMPARE(buffer.size(), qint64(kFrameHeaderSize + payloadSize));
    } else {
        QCOMPARE(buffer.size(), 0);
        QCOMPARE(writer.errorString(),
                 QStringLiteral("Snapshot frame of %1 bytes exceeds the limit of %2 bytes")
                     .arg(payloadSize + 2)
                     .arg(maxFrameSize));
        QCOMPARE(writer.framesWritten(), 0);
    }
}

void FrameWriterTest::shouldFailWithoutWritableDevice_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("error");

    QTest::newRow("no device") << QStringLiteral("null")
                               << QStringLiteral("cannot write frames: no device");
    QTest::newRow("closed buffer")
        << QStringLiteral("closed")
        << QStringLiteral("cannot write frames: the device is not open for writing");
    QTest::newRow("read-only buffer")
        << QStringLiteral("readOnly")
        << QStringLiteral("cannot write frames: the device is not open for writing");
}

void FrameWriterTest::shouldFailWithoutWritableDevice()
{
    QFETCH(QString, device);
    QFETCH(QString, error);
    QBuffer buffer;
    if (device == QLatin1String("readOnly"))
        QVERIFY(buffer.open(QIODevice::ReadOnly));
    FrameWriter writer(device == QLatin1String("null") ? nullptr : &buffer);

    QVERIFY(!writer.write(Frame{FrameType::Ping, {}}));

    QCOMPARE(writer.errorString(), error);
    QCOMPARE(buffer.data().size(), 0);
    QCOMPARE(writer.framesWritten(), 0);
    QCOMPARE(writer.bytesWritten(), 0);
}

void FrameWriterTest::shouldReportDeviceFailure_data()
{
    QTest::addColumn<qint64>("capacity");
    QTest::addColumn<QString>("error");

    QTest::newRow("write fails") << qint64(-1)
                                 << QStringLiteral("cannot write a Hello frame: disk on fire");
    QTest::newRow("short write") << qint64(
        4) << QStringLiteral("the device took only 4 of 11 bytes of a Hello frame");
}

void FrameWriterTest::shouldReportDeviceFailure()
{
    QFETCH(qint64, capacity);
    QFETCH(QString, error);
    StingyDevice device(capacity);
    FrameWriter writer;
    writer.setDevice(&device);
    QCOMPARE(writer.device(), &device);

    QVERIFY(!writer.write(Frame{FrameType::Hello, QByteArray("hello")}));

    QCOMPARE(writer.errorString(), error);
    QCOMPARE(writer.framesWritten(), 0);
}

QTEST_GUILESS_MAIN(FrameWriterTest)
#include "tst_framewriter.moc"
