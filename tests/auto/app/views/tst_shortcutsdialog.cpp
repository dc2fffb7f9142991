// SPDX-License-Identifier: MIT
// Help ▸ Keyboard Shortcuts: read from the window's actions, then the chart's gestures.

#include "views/shortcutsdialog.h"

#include <QAction>
#include <QTableWidget>
#include <QTest>

using dashboard::ShortcutsDialog;

class ShortcutsDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldListTheShortcutsOfTheWindowsActions()
    {
        QWidget window;
        auto *open = new QAction(QStringLiteral("&Open Report…"), &window);
        open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
        new QAction(QStringLiteral("No shortcut"), &window);
        auto *both = new QAction(QStringLiteral("Save && &Quit"), &window);
        both->setShortcuts({QKeySequence(Qt::Key_F10), QKeySequence(Qt::CTRL | Qt::Key_Q)});
        const QList<ShortcutsDialog::Row> rows = ShortcutsDialog::rowsFor(&window);
        QVERIFY(rows.size() > 2);
        QCOMPARE(rows.at(0).what, QStringLiteral("Open Report"));
        QCOMPARE(rows.at(0).keys,
                 QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
        QCOMPARE(rows.at(1).what, QStringLiteral("Save & Quit"));
        QCOMPARE(rows.at(1).keys,
                 QStringLiteral("F10, ")
                     + QKeySequence(Qt::CTRL | Qt::Key_Q).toString(QKeySequence::NativeText));
        // Then what the charts do.
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const ShortcutsDialog::Row &row) {
            return row.keys.contains(QLatin1String("Right button"));
        }));

        ShortcutsDialog dialog(rows);
        const auto *table = dialog.findChild<QTableWidget *>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), rows.size());
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Open Report"));
    }
};

QTEST_MAIN(ShortcutsDialogTest)
#include "tst_shortcutsdialog.moc"
