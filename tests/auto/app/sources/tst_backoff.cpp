// SPDX-License-Identifier: MIT
#include "sources/backoff.h"

#include <QTest>

#include <limits>

using dashboard::Backoff;

class BackoffTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldDoubleUpToTheCeilingAndStartOverAfterAReset()
    {
        Backoff backoff(100, 1000);
        QCOMPARE(backoff.next(), 100);
        QCOMPARE(backoff.next(), 200);
        QCOMPARE(backoff.next(), 400);
        QCOMPARE(backoff.next(), 800);
        QCOMPARE(backoff.next(), 1000);
        QCOMPARE(backoff.next(), 1000);
        QCOMPARE(backoff.attempts(), 6);
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        QCOMPARE(backoff.next(), 100);
    }

    void shouldNotOverflowWithAHugeCeiling()
    {
        Backoff backoff(1, std::numeric_limits<int>::max());
        for (int i = 0; i < 100; ++i)
            QVERIFY(backoff.next() > 0);
        QCOMPARE(backoff.peek(), std::numeric_limits<int>::max());
    }

    void shouldSanitiseItsLimits()
    {
        Backoff backoff(0, -5);
        QCOMPARE(backoff.initialMs(), 1);
        QCOMPARE(backoff.maximumMs(), 1);
        QCOMPARE(backoff.next(), 1);
        QCOMPARE(backoff.next(), 1);
    }
};

QTEST_GUILESS_MAIN(BackoffTest)
#include "tst_backoff.moc"
