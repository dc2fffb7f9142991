// SPDX-License-Identifier: MIT
#include "models/counterhistory.h"

#include <QTest>

using dashboard::CounterHistory;
using dashboard::HistoryPoint;

namespace {

HistoryPoint at(double time, double value = 1)
{
    HistoryPoint p;
    p.time = time;
    p.value = value;
    return p;
}

} // namespace

class CounterHistoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldKeepTheNewestPointsUpToItsCapacity()
    {
        CounterHistory history(3);
        for (int i = 0; i < 10; ++i)
            QVERIFY(history.append(at(i, i * 10)));
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.first().time, 7.0);
        QCOMPARE(history.at(1).value, 80.0);
        QCOMPARE(history.last().time, 9.0);
    }

    void shouldChangeItsCapacityKeepingTheNewest_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("appended");
        QTest::addColumn<int>("newCapacity");
        QTest::addColumn<int>("size");
        QTest::addColumn<double>("first");

        QTest::newRow("shrink a wrapped ring") << 5 << 12 << 3 << 3 << 9.0;
        QTest::newRow("shrink a growing ring") << 10 << 4 << 2 << 2 << 2.0;
        QTest::newRow("grow a full ring") << 3 << 7 << 10 << 3 << 4.0;
        QTest::newRow("same") << 4 << 6 << 4 << 4 << 2.0;
        QTest::newRow("at least one") << 4 << 6 << 0 << 1 << 5.0;
    }
    void shouldChangeItsCapacityKeepingTheNewest()
    {
        QFETCH(int, capacity);
        QFETCH(int, appended);
        QFETCH(int, newCapacity);
        QFETCH(int, size);
        QFETCH(double, first);
        CounterHistory history(capacity);
        for (int i = 0; i < appended; ++i)
            history.append(at(i, i));
        history.setCapacity(newCapacity);
        QCOMPARE(history.size(), size);
        QCOMPARE(history.first().time, first);
        QCOMPARE(history.last().time, double(appended - 1));
        // It keeps working as a ring of the new capacity.
        for (int i = appended; i < appended + 25; ++i)
            QVERIFY(history.append(at(i, i)));
        QCOMPARE(history.size(), std::max(1, newCapacity));
        QCOMPARE(history.last().time, double(appended + 24));
        for (int i = 1; i < history.size(); ++i)
            QCOMPARE(history.at(i).time, history.at(i - 1).time + 1);
    }

    void shouldRefusePointsThatAreNotNewer()
    {
        CounterHistory history(5);
        QVERIFY(history.append(at(10)));
        const quint64 revision = history.revision();
        QVERIFY(!history.append(at(10)));
        QVERIFY(!history.append(at(9)));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.revision(), revision);
    }

    void shouldDropTheOldestAndKeepGrowing()
    {
        CounterHistory history(4);
        history.append(at(1));
        history.append(at(2));
        history.append(at(3));
        history.dropOldest(2);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().time, 3.0);
        // Growing again after a drop keeps the order (the ring was not full yet).
        history.append(at(4));
        history.append(at(5));
        history.append(at(6));
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.first().time, 3.0);
        QCOMPARE(history.last().time, 6.0);
        // And when full.
        history.append(at(7));
        history.dropOldest(1);
        history.append(at(8));
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.first().time, 5.0);
        for (int i = 1; i < history.size(); ++i)
            QVERIFY(history.at(i).time > history.at(i - 1).time);
        history.dropOldest(10);
        QVERIFY(history.isEmpty());
        QVERIFY(history.append(at(1)));
    }

    void shouldTellPointsWithoutAValueOrBand()
    {
        HistoryPoint p;
        QVERIFY(!p.hasValue());
        QVERIFY(!p.hasBand());
        p.min = 1;
        p.max = 2;
        QVERIFY(p.hasBand());
    }
};

QTEST_GUILESS_MAIN(CounterHistoryTest)
#include "tst_counterhistory.moc"
