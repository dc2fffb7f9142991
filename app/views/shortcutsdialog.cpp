// SPDX-License-Identifier: MIT
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dashboard {

QList<ShortcutsDialog::Row> ShortcutsDialog::rowsFor(const QWidget *window)
{
    QList<Row> rows;
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty())
            continue;
        QString what = action->text();
        what.remove(QRegularExpression(QStringLiteral("&(?!&)")));
        if (what.endsWith(QChar(0x2026))) // "…"
            what.chop(1);
        QStringList keys;
        for (const QKeySequence &sequence : action->shortcuts())
            keys.append(sequence.toString(QKeySequence::NativeText));
        rows.append({what, keys.join(QStringLiteral(", "))});
    }
    // What a chart does with the mouse and, when it has the focus, with the keys.
    rows.append({tr("Zoom a chart in time"), tr("Drag a time span, the mouse wheel, + and −")});
    rows.append({tr("Move a chart in time"), tr("Shift+drag, the middle button, ← and →")});
    rows.append({tr("Back to live"), tr("Double-click, Home")});
    rows.append({tr("A chart's menu: scale, zero, bands"), tr("Right button")});
    rows.append({tr("Show one series alone"), tr("Double-click it in the legend")});
    return rows;
}

ShortcutsDialog::ShortcutsDialog(const QList<Row> &rows, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(int(rows.size()), 2, this);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setWordWrap(false);
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows.at(row).what));
        table->setItem(row, 1, new QTableWidgetItem(rows.at(row).keys));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace dashboard
