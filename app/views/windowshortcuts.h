// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Installed on a text field of a window: the window's own shortcuts win over the field's
 * editing keys. QLineEdit claims Ctrl+E (end of line) and Ctrl+U on X11,
 * so Export did nothing while the filter had the focus. The standard editing keys
 * (copy, paste, undo, select all, delete…) and keys without Ctrl or Alt stay the field's.
 */
class WindowShortcutsFirst : public QObject
{
    Q_OBJECT
public:
    /// `window` holds the actions whose shortcuts win; it is the filter's parent.
    explicit WindowShortcutsFirst(QWidget *window);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
};

} // namespace dashboard
