// SPDX-License-Identifier: MIT
// A window's shortcuts win over a text field's editing keys, but not over copy, paste, undo.

#include "views/windowshortcuts.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTest>

using dashboard::WindowShortcutsFirst;

namespace {

/// Whether `field` claims `combination` for itself (accepts its ShortcutOverride).
bool claimed(QLineEdit *field, QKeyCombination combination)
{
    QKeyEvent override(QEvent::ShortcutOverride, combination.key(),
                       combination.keyboardModifiers());
    override.ignore();
    QCoreApplication::sendEvent(field, &override);
    return override.isAccepted();
}

} // namespace

class WindowShortcutsFirstTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldLetTheWindowsShortcutsWin()
    {
        QWidget window;
        auto *field = new QLineEdit(QStringLiteral("text"), &window);
        // Ctrl+End (to the end of the text) and Ctrl+Z (undo) are the field's on every
        // platform; here the window has actions on both.
        auto *last = new QAction(QStringLiteral("Last Chart"), &window);
        last->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
        auto *undo = new QAction(QStringLiteral("Undo Zoom"), &window);
        undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
        QVERIFY(claimed(field, Qt::CTRL | Qt::Key_End));
        QVERIFY(claimed(field, Qt::CTRL | Qt::Key_Z));

        field->installEventFilter(new WindowShortcutsFirst(&window));
        QVERIFY(!claimed(field, Qt::CTRL | Qt::Key_End));
        QVERIFY(claimed(field, Qt::CTRL | Qt::Key_Z));    // editing stays the field's
        QVERIFY(claimed(field, Qt::CTRL | Qt::Key_Home)); // no action of the window
        last->setEnabled(false);
        QVERIFY(claimed(field, Qt::CTRL | Qt::Key_End)); // a disabled action does not win
    }
};

QTEST_MAIN(WindowShortcutsFirstTest)
#include "tst_windowshortcuts.moc"
