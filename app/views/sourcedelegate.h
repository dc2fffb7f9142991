// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace dashboard {

/**
 * Draws a source of the SourceListModel as two lines: a dot in the colour of its state, its
 * name and state in the first, the state's message (or the address) dimmed in the second.
 * Not thread-safe (GUI thread).
 */
class SourceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SourceDelegate(QObject *parent = nullptr);
    ~SourceDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace dashboard
