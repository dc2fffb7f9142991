// SPDX-License-Identifier: MIT
// The one outgoing queue of a viewer (local socket and multi-process leader): bounded by frames
// and bytes, dropping the oldest, always keeping the newest, feeding the device only while
// little waits in it.

#include <counters/transport/viewerqueue_p.h>

#include <QIODevice>
#include <QTest>

using counters::detail::ViewerQueue;

namespace {

// A device whose pending output is whatever the test says, recording what is written.
class SlowDevice : public QIODevice
{
public:
    SlowDevice() { open(QIODevice::WriteOnly); }
    qint64 pending = 0;
    qint64 failAfter = -1; ///< writes that succeed before one fails; -1: never
    QList<QByteArray> written;

    qint64 bytesToWrite() const override { return pending; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (failAfter == 0)
            return -1;
        if (failAfter > 0)
            --failAfter;
        written.append(QByteArray(data, int(size)));
        pending += size;
        return size;
    }
};

QByteArray frame(char tag, int size)
{
    return QByteArray(size, tag);
}

} // namespace

class ViewerQueueTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldDropTheOldestFramesPastItsLimits_data()
    {
        QTest::addColumn<int>("maxFrames");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QList<int>>("sizes"); // frames pushed, tagged a, b, c, ...
        QTest::addColumn<QByteArray>("kept");  // tags left, oldest first
        QTest::addColumn<int>("dropped");
        QTest::newRow("within the limits")
            << 4 << qint64(100) << QList<int>{10, 10, 10} << QByteArray("abc") << 0;
        QTest::newRow("too many frames")
            << 2 << qint64(100) << QList<int>{10, 10, 10, 10} << QByteArray("cd") << 2;
        QTest::newRow("too many bytes")
            << 10 << qint64(25) << QList<int>{10, 10, 10} << QByteArray("bc") << 1;
        QTest::newRow("the newest stays, whatever its size")
            << 10 << qint64(25) << QList<int>{10, 100} << QByteArray("b") << 1;
        QTest::newRow("a limit below one frame is one frame")
            << 0 << qint64(100) << QList<int>{1, 1} << QByteArray("b") << 1;
    }
    void shouldDropTheOldestFramesPastItsLimits()
    {
        QFETCH(int, maxFrames);
        QFETCH(qint64, maxBytes);
        QFETCH(QList<int>, sizes);
        QFETCH(QByteArray, kept);
        QFETCH(int, dropped);
        ViewerQueue queue;
        quint64 pushedOut = 0;
        for (int i = 0; i < sizes.size(); ++i)
            pushedOut += queue.push(frame(char('a' + i), sizes.at(i)), {maxFrames, maxBytes});
        QCOMPARE(pushedOut, quint64(dropped));
        QCOMPARE(queue.dropped(), quint64(dropped));
        QCOMPARE(queue.frames(), kept.size());
        SlowDevice device;
        QVERIFY(queue.pump(&device));
        QByteArray tags;
        qint64 bytes = 0;
        for (const QByteArray &f : std::as_const(device.written)) {
            tags += f.front();
            bytes += f.size();
        }
        QCOMPARE(tags, kept);
        QCOMPARE(queue.frames(), 0);
        QCOMPARE(queue.bytes(), 0);
        QVERIFY(bytes > 0);
    }

    void shouldFeedTheDeviceOnlyWhileLittleWaitsInIt()
    {
        ViewerQueue queue;
        for (char tag : {'a', 'b', 'c'})
            queue.push(frame(tag, 40 * 1024), {});
        SlowDevice device;
        QVERIFY(queue.pump(&device));
        // 40 KiB, then 80 KiB wait: at or above the high water mark, the rest stays queued.
        QCOMPARE(device.written.size(), 2);
        QCOMPARE(queue.frames(), 1);
        QCOMPARE(queue.bytes(), qint64(40 * 1024));
        device.pending = 0; // the kernel took it
        QVERIFY(queue.pump(&device));
        QCOMPARE(device.written.size(), 3);
        QCOMPARE(queue.frames(), 0);
    }

    void shouldSayWhenTheDeviceFails()
    {
        ViewerQueue queue;
        queue.push(frame('a', 10), {});
        queue.push(frame('b', 10), {});
        SlowDevice device;
        device.failAfter = 1;
        QVERIFY(!queue.pump(&device));
    }

    void shouldDrainEverythingOnClose()
    {
        ViewerQueue queue;
        for (char tag : {'a', 'b', 'c'})
            queue.push(frame(tag, 64 * 1024), {});
        SlowDevice device;
        device.pending = 1 << 20; // full: pump() would hand over nothing
        QVERIFY(queue.pump(&device));
        QCOMPARE(device.written.size(), 0);
        queue.drainInto(&device);
        QCOMPARE(device.written.size(), 3);
        QCOMPARE(queue.frames(), 0);
        QCOMPARE(queue.bytes(), 0);
    }
};

QTEST_GUILESS_MAIN(ViewerQueueTest)
#include "tst_viewerqueue.moc"
