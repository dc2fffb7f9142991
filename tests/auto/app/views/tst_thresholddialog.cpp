// SPDX-License-Identifier: MIT
#include "views/thresholddialog.h"

#include <QDialogButtonBox>
#include <QLabel>
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

    // Levels in the unit the values are shown in, or in a unit typed with them.
    void shouldAskInTheUnitShown()
    {
        // Durations of a few milliseconds: milliseconds.
        ThresholdDialog dialog(QStringLiteral("requests_time"), Unit::Second, Threshold{0.02, 0.1},
                               0.004);
        const QList<QLineEdit *> edits = dialog.findChildren<QLineEdit *>();
        QCOMPARE(edits.at(0)->text(), QStringLiteral("20"));
        QCOMPARE(edits.at(1)->text(), QStringLiteral("100"));
        bool labelled = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labelled |= label->text().contains(QLatin1String("(ms)"));
        QVERIFY(labelled);
        edits.at(0)->setText(QStringLiteral("25"));
        edits.at(1)->setText(QStringLiteral("1.5 s"));
        QVERIFY(dialog.threshold() == (Threshold{0.025, 1.5}));
        edits.at(0)->setText(QStringLiteral("500 µs"));
        edits.at(1)->setText(QStringLiteral("800us"));
        QVERIFY(dialog.threshold() == (Threshold{0.0005, 0.0008}));
        // A symbol of another unit is refused.
        edits.at(0)->setText(QStringLiteral("5 MiB"));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        // Millions of events: M.
        ThresholdDialog counts(QStringLiteral("bytes_sent"), Unit::None, Threshold{2e6, 5e6}, 3e6);
        const QList<QLineEdit *> countEdits = counts.findChildren<QLineEdit *>();
        QCOMPARE(countEdits.at(0)->text(), QStringLiteral("2"));
        countEdits.at(1)->setText(QStringLiteral("800 k"));
        QCOMPARE(counts.threshold().critical, 800e3);
    }

    // OK on an unedited dialog keeps the levels exactly (shown times 1000 and back would not).
    void shouldKeepLevelsLeftAsShown()
    {
        const Threshold levels{0.0021, 0.0173};
        ThresholdDialog dialog(QStringLiteral("t"), Unit::Second, levels, 0.004);
        QCOMPARE(dialog.findChildren<QLineEdit *>().at(0)->text(), QStringLiteral("2.1"));
        const Threshold read = dialog.threshold();
        QVERIFY(read.warning == levels.warning); // exactly, not fuzzily
        QVERIFY(read.critical == levels.critical);
        ThresholdDialog counts(QStringLiteral("c"), Unit::None, Threshold{100000, 2.5e6}, 3e6);
        QVERIFY(counts.threshold().warning == 100000.0);
        // A level typed in milliseconds is the double of the same level in seconds.
        dialog.findChildren<QLineEdit *>().at(1)->setText(QStringLiteral("2.1"));
        QVERIFY(dialog.threshold().critical == 0.0021);
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
