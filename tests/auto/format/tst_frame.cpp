// SPDX-License-Identifier: MIT
#include <counters/format/frame.h>

#include <QDebug>
#include <QTest>

using namespace counters;

class FrameTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldEncodeExactBytes_data();
    void shouldEncodeExactBytes();
    void shouldEncodeLengthBigEndianInEveryByte();
    void shouldNumberTypesAsTheWireFormatSays_data();
    void shouldNumberTypesAsTheWireFormatSays();
    void shouldKnowOnlyTypesOneToNine();
    void shouldNameUnknownTypesEmpty();
    void shouldDefaultToAnEmptyPing();
    void shouldDescribeFramesInDebugOutput();
};

void FrameTest::shouldEncodeExactBytes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty ping") << int(FrameType::Ping) << QByteArray()
                                << QByteArray::fromHex("00000002"
                                                       "01"
                                                       "04");
    QTest::newRow("hello with id") << int(FrameType::Hello) << QByteArray("abc")
                                   << QByteArray::fromHex("00000005"
                                                          "01"
                                                          "01"
                                                          "616263");
    QTest::newRow("snapshot json") << int(FrameType::Snapshot) << QByteArray("{}")
                                   << QByteArray::fromHex("00000004"
                                                          "01"
                                                          "02"
                                                          "7b7d");
    QTest::newRow("payload with zero bytes") << int(FrameType::Error) << QByteArray("\0x\0", 3)
                                             << QByteArray::fromHex("00000005"
                                                                    "01"
                                                                    "06"
                                                                    "007800");
    QTest::newRow("bye") << int(FrameType::Bye) << QByteArray("z")
                         << QByteArray::fromHex("00000003"
                                                "01"
                                                "07"
                                                "7a");
}

void FrameTest::shouldEncodeExactBytes()
{
    QFETCH(int, type);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, expected);

    QCOMPARE(encodeFrame(Frame{FrameType(type), payload}).toHex(), expected.toHex());
}

void FrameTest::shouldEncodeLengthBigEndianInEveryByte()
{
    // Given a payload whose frame size is 0x01020304: each prefix byte differs, so any byte
    // order other than big-endian shows.
    const QByteArray payload(0x01020304 - 2, 'p');

    // When
    const QByteArray bytes = encodeFrame(Frame{FrameType::Snapshot, payload});

    // Then
    QCOMPARE(bytes.size(), qsizetype(0x01020304 + 4));
    QCOMPARE(bytes.left(kFrameHeaderSize).toHex(), QByteArray("010203040102"));
    QVERIFY(bytes.mid(kFrameHeaderSize) == payload);
}

void FrameTest::shouldNumberTypesAsTheWireFormatSays_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("wireValue");
    QTest::addColumn<QString>("name");

    QTest::newRow("Hello") << int(FrameType::Hello) << 1 << QStringLiteral("Hello");
    QTest::newRow("Snapshot") << int(FrameType::Snapshot) << 2 << QStringLiteral("Snapshot");
    QTest::newRow("CollectRequest")
        << int(FrameType::CollectRequest) << 3 << QStringLiteral("CollectRequest");
    QTest::newRow("Ping") << int(FrameType::Ping) << 4 << QStringLiteral("Ping");
    QTest::newRow("Ack") << int(FrameType::Ack) << 5 << QStringLiteral("Ack");
    QTest::newRow("Error") << int(FrameType::Error) << 6 << QStringLiteral("Error");
    QTest::newRow("Bye") << int(FrameType::Bye) << 7 << QStringLiteral("Bye");
    QTest::newRow("Challenge") << int(FrameType::Challenge) << 8 << QStringLiteral("Challenge");
    QTest::newRow("Response") << int(FrameType::Response) << 9 << QStringLiteral("Response");
}

void FrameTest::shouldNumberTypesAsTheWireFormatSays()
{
    QFETCH(int, type);
    QFETCH(int, wireValue);
    QFETCH(QString, name);

    QCOMPARE(type, wireValue);
    QCOMPARE(quint8(encodeFrame(Frame{FrameType(type), {}}).at(5)), quint8(wireValue));
    QCOMPARE(QString(frameTypeName(FrameType(type))), name);
    QVERIFY(isKnownFrameType(quint8(wireValue)));
}

void FrameTest::shouldKnowOnlyTypesOneToNine()
{
    for (int value = 0; value <= 255; ++value)
        QCOMPARE(isKnownFrameType(quint8(value)), value >= 1 && value <= 9);
}

void FrameTest::shouldNameUnknownTypesEmpty()
{
    QVERIFY(frameTypeName(FrameType(0)).isEmpty());
    QVERIFY(frameTypeName(FrameType(10)).isEmpty());
    QVERIFY(frameTypeName(FrameType(255)).isEmpty());
}

void FrameTest::shouldDefaultToAnEmptyPing()
{
    const Frame frame;
    QCOMPARE(frame.type, FrameType::Ping);
    QVERIFY(frame.payload.isEmpty());
    QVERIFY(frame == (Frame{FrameType::Ping, QByteArray()}));
    QVERIFY(frame != (Frame{FrameType::Ping, QByteArray("x")}));
    QVERIFY(frame != (Frame{FrameType::Ack, QByteArray()}));
}

void FrameTest::shouldDescribeFramesInDebugOutput()
{
    QString text;
    QDebug(&text) << Frame{FrameType::Snapshot, QByteArray(123, 'x')} << FrameType(10);
    QCOMPARE(text.trimmed(), QStringLiteral("Frame(Snapshot, 123 bytes) FrameType(10)"));
}

QTEST_GUILESS_MAIN(FrameTest)
#include "tst_frame.moc"
