// SPDX-License-Identifier: MIT
#include "views/thresholddialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using counters::Unit;
using dashboard::Threshold;
using dashboard::ThresholdDialog;

class ThresholdDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldReadTheLevels_data()
    {
        QTest::addColumn<QString>("warning");
        QTest::addColumn<QString>("critical");
        QTest::addColumn<bool>("acceptable");
        QTest::addColumn<double>("expectedWarning");
        QTest::addColumn<double>("expectedCritical");
        const double none = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("both") << QStringLiteral("0.05") << QStringLiteral("0.2") << true << 0.05
                              << 0.2;
        QTest::newRow("warning only")
            << QStringLiteral(" 12 ") << QString() << true << 12.0 << none;
        QTest::newRow("none") << QString() << QString() << true << none << none;
        QTest::newRow("exponent") << QStringLiteral("1e-3") << QStringLiteral("-4") << true << 0.001
                                  << -4.0;
        QTest::newRow("garbage") << QStringLiteral("fast") << QString() << false << none << none;
        QTest::newRow("infinite") << QString() << QStringLiteral("inf") << false << none << none;
    }
    void shouldReadTheLevels()
    {
        QFETCH(QString, warning);
        QFETCH(QString, critical);
        QFETCH(bool, acceptable);
        QFETCH(double, expectedWarning);
        QFETCH(double, expectedCritical);
        ThresholdDialog dialog(QStringLiteral("requests_time"), Unit::Second, Threshold{1, 2});
        const QList<QLineEdit *> edits = dialog.findChildren<QLineEdit *>();
        QCOMPARE(edits.size(), 2);
        // The current levels are shown.
        QCOMPARE(edits.at(0)->text(), QStringLiteral("1"));
        QCOMPARE(edits.at(1)->text(), QStringLiteral("2"));
        edits.at(0)->setText(warning);
        edits.at(1)->setText(critical);
        const auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QCOMPARE(buttons->button(QDialogButtonBox::Ok)->isEnabled(), acceptable);
        if (!acceptable)
            return;
        const Threshold threshold = dialog.threshold();
        QVERIFY(threshold == (Threshold{expectedWarning, expectedCritical}));
    }

    void shouldRemoveBothLevels()
    {
        ThresholdDialog dialog(QStringLiteral("x"), Unit::None, Threshold{1, 2});
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        buttons->button(QDialogButtonBox::Reset)->click();
        QVERIFY(dialog.threshold().isEmpty());
    }
};

QTEST_MAIN(ThresholdDialogTest)
#include "tst_thresholddialog.moc"
