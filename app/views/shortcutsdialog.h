// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

namespace dashboard {

/**
 * Help ▸ Keyboard Shortcuts: every shortcut of the window's actions (read from the actions,
 * so the list cannot go stale), then what the mouse and the keys do in a chart.
 */
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Row
    {
        QString what; ///< The action or gesture, without mnemonics or an ellipsis.
        QString keys; ///< Its shortcuts or gesture, in the platform's words.
    };

    /// The rows for `window`'s actions (those with a shortcut, in the order they were made).
    static QList<Row> rowsFor(const QWidget *window);

    explicit ShortcutsDialog(const QList<Row> &rows, QWidget *parent = nullptr);
};

} // namespace dashboard
