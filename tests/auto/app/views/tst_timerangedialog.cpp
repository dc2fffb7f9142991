// SPDX-License-Identifier: MIT
#include "views/timerangedialog.h"

#include <QDateTimeEdit>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using dashboard::TimeRangeDialog;

class TimeRangeDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // It starts with the window shown, to the second, and gives back what was chosen.
    void shouldStartWithTheWindowShownAndGiveTheOneChosen()
    {
        const double from = 1'796'515'200'000; // whole seconds
        const double to = from + 3'600'000;
        TimeRangeDialog dialog(from, to);
        QCOMPARE(dialog.fromMs(), from);
        QCOMPARE(dialog.toMs(), to);
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.fromEdit()->displayFormat().endsWith(QStringLiteral("HH:mm:ss")));
        dialog.toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(qint64(from) + 90'000));
        QCOMPARE(dialog.toMs(), from + 90'000);
    }

    // An end not after the start cannot be accepted, and the dialog says why.
    void shouldRefuseAnEndBeforeTheStart()
    {
        const double from = 1'796'515'200'000;
        TimeRangeDialog dialog(from, from + 60'000);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(qint64(from)));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>() != nullptr);
        bool said = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            said |= label->isVisible() && label->text().contains(QStringLiteral("after the start"));
        QVERIFY(said);
        if (qEnvironmentVariableIsSet("DASHBOARD_TEST_PICTURES"))
            dialog.grab().save(qEnvironmentVariable("DASHBOARD_TEST_PICTURES")
                               + QStringLiteral("/timerangedialog.png"));
        dialog.toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(qint64(from) + 1000));
        QVERIFY(dialog.okButton()->isEnabled());
    }
};

QTEST_MAIN(TimeRangeDialogTest)
#include "tst_timerangedialog.moc"
