// SPDX-License-Identifier: MIT
#include "sourcedelegate.h"

#include "models/sourcelistmodel.h"
#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace dashboard {

namespace {

constexpr int kMargin = 7;
constexpr int kDot = 9;
constexpr int kDetailLines = 2;

/// `text` wrapped into at most `maxLines` lines of `width`, the last one elided.
QStringList wrapped(const QString &text, const QFont &font, int width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            // The last line takes the rest, elided.
            const QString rest = text.mid(line.textStart());
            lines.append(QFontMetrics(font).elidedText(rest, Qt::ElideRight, width));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

} // namespace

SourceDelegate::SourceDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

SourceDelegate::~SourceDelegate() = default;

QSize SourceDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(200, (1 + kDetailLines) * metrics.height() + 2 * kMargin + 2);
}

void SourceDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(selected ? 0.8f : 0.6f);

    const auto state = Source::State(index.data(SourceListModel::StateRole).toInt());
    // A stale source is live but silent: the amber of one that is not there yet.
    const QColor stateColor = Theme::stateColor(
        index.data(SourceListModel::StaleRole).toBool() ? Source::State::Connecting : state,
        palette);
    const QString name = index.data(SourceListModel::NameRole).toString();
    const QString stateText = index.data(SourceListModel::StateTextRole).toString();
    QString detail = index.data(SourceListModel::MessageRole).toString();
    if (detail.isEmpty())
        detail = index.data(SourceListModel::UrlRole).toString();
    // A crossed threshold says more than the address: it takes the detail line.
    const auto threshold = ThresholdState(index.data(SourceListModel::ThresholdStateRole).toInt());
    if (threshold != ThresholdState::Normal) {
        detail = tr("%1: %2").arg(ThresholdSet::stateText(threshold),
                                  index.data(SourceListModel::ThresholdCountersRole)
                                      .toStringList()
                                      .join(QStringLiteral(", ")));
    }

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QFontMetrics metrics(option.font);
    const int lineHeight = metrics.height();

    // The state dot, vertically centred on the first line.
    const QRectF dot(r.left(), r.top() + (lineHeight - kDot) / 2.0, kDot, kDot);
    painter->setPen(Qt::NoPen);
    painter->setBrush(stateColor);
    painter->drawEllipse(dot);

    const int textLeft = r.left() + kDot + 8;
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const int stateWidth = metrics.horizontalAdvance(stateText);
    const QRect stateRect(r.right() - stateWidth, r.top(), stateWidth, lineHeight);
    const QRect nameRect(textLeft, r.top(), stateRect.left() - 8 - textLeft, lineHeight);

    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->setFont(option.font);
    painter->setPen(selected ? text : stateColor);
    painter->drawText(stateRect, Qt::AlignRight | Qt::AlignVCenter, stateText);

    painter->setPen(
        threshold != ThresholdState::Normal && !selected ? ThresholdSet::color(threshold) : dim);
    const int detailWidth = r.right() - textLeft;
    const QStringList lines = wrapped(detail, option.font, detailWidth, kDetailLines);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRect lineRect(textLeft, r.top() + int(i + 1) * lineHeight + 2, detailWidth,
                             lineHeight);
        painter->drawText(lineRect, Qt::AlignLeft | Qt::AlignVCenter, lines.at(i));
    }
    painter->restore();
}

} // namespace dashboard
