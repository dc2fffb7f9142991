// SPDX-License-Identifier: MIT
// The chart's view: what its crosshair box shows when many series are under the mouse.

#include "views/chartview.h"

#include <QDateTime>
#include <QTest>

using dashboard::ChartView;
using dashboard::CrosshairValue;

class ChartViewTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The crosshair names the second, and the day when the plot spans days.
    void shouldNameTheDayOverDays()
    {
        const QLocale german(QLocale::German, QLocale::Germany);
        const double noon =
            double(QDateTime(QDate(2026, 12, 5), QTime(12, 0, 7)).toMSecsSinceEpoch());
        QCOMPARE(dashboard::ChartView::crosshairTimeText(noon, 3600e3, german),
                 QStringLiteral("12:00:07"));
        QCOMPARE(dashboard::ChartView::crosshairTimeText(noon, 3 * 86400e3, german),
                 QStringLiteral("05.12. 12:00:07"));
    }

    void shouldCapTheCrosshairBox_data()
    {
        QTest::addColumn<int>("values");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("shown"); // rows of values shown, "+N more" not counted
        QTest::addColumn<int>("more");  // N of "+N more"; 0: none
        QTest::newRow("fits") << 3 << 10 << 3 << 0;
        QTest::newRow("exactly") << 10 << 10 << 10 << 0;
        QTest::newRow("one too many") << 11 << 10 << 9 << 2;
        QTest::newRow("150 series") << 150 << 12 << 11 << 139;
        QTest::newRow("no room") << 5 << 0 << 0 << 5;
        QTest::newRow("none") << 0 << 4 << 0 << 0;
    }
    void shouldCapTheCrosshairBox()
    {
        QFETCH(int, values);
        QFETCH(int, rows);
        QFETCH(int, shown);
        QFETCH(int, more);
        QList<CrosshairValue> list;
        for (int i = 0; i < values; ++i)
            list.append({QStringLiteral("series %1  %2").arg(i).arg(i * 1.5), QColor(Qt::red)});
        const QList<CrosshairValue> capped = ChartView::capped(list, rows);
        QCOMPARE(capped.size(), shown + (more > 0 ? 1 : 0));
        for (int i = 0; i < shown; ++i)
            QCOMPARE(capped.at(i).text, list.at(i).text);
        if (more > 0) {
            QCOMPARE(capped.constLast().text, QStringLiteral("+%1 more").arg(more));
            QVERIFY(!capped.constLast().color.isValid());
        }
    }
};

QTEST_MAIN(ChartViewTest)
#include "tst_chartview.moc"
