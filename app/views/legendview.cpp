// SPDX-License-Identifier: MIT
#include "legendview.h"

#include "models/legendmodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QMouseEvent>
#include <QStyledItemDelegate>

namespace dashboard {

namespace {

constexpr int kMaxVisibleRows = 6;

/// Indents a series' detail rows (its processes, its bands' key) under it.
class LegendDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, indented(option, index), index);
    }

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        return QStyledItemDelegate::editorEvent(event, model, indented(option, index), index);
    }

private:
    static QStyleOptionViewItem indented(const QStyleOptionViewItem &option,
                                         const QModelIndex &index)
    {
        QStyleOptionViewItem copy = option;
        const auto *legend = qobject_cast<const LegendModel *>(index.model());
        if (legend && index.column() == LegendModel::NameColumn
            && legend->kindAt(index.row()) != LegendModel::RowKind::Series)
            copy.rect.adjust(option.fontMetrics.height(), 0, 0, 0);
        return copy;
    }
};

} // namespace

LegendView::LegendView(LegendModel *model, QWidget *parent) : QTableView(parent), m_legend(model)
{
    setModel(model);
    setItemDelegate(new LegendDelegate(this));
    setObjectName(QStringLiteral("ChartLegend"));
    setShowGrid(false);
    setFrameShape(QFrame::NoFrame);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFocusPolicy(Qt::NoFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    verticalHeader()->hide();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    setFont(small);
    horizontalHeader()->setFont(small);
    const int rowHeight = QFontMetrics(small).height() + 4;
    // Swatches twice as wide as high (Theme::lineSwatch()): a line's dashes show.
    const int swatch = std::max(8, QFontMetrics(small).height() * 3 / 4);
    setIconSize(QSize(2 * swatch, swatch));
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(rowHeight);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    horizontalHeader()->setMinimumSectionSize(
        QFontMetrics(small).horizontalAdvance(QStringLiteral("0000.00 ms")));
    // A click on a header sorts the series by it (LegendModel keeps each series' detail rows
    // under it); until then, and after "Sort as Added", they stay in the order added.
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setSortIndicatorShown(true);
    setSortingEnabled(true);

    connect(this, &QWidget::customContextMenuRequested, this, &LegendView::onContextMenu);
    connect(model, &QAbstractItemModel::rowsInserted, this, &LegendView::updateHeight);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &LegendView::updateHeight);
    connect(model, &QAbstractItemModel::modelReset, this, &LegendView::updateHeight);
    updateHeight();
}

LegendView::~LegendView() = default;

QSize LegendView::sizeHint() const
{
    // Up to a few rows; more scroll, so that a chart of many series keeps its plot.
    const int rows = std::min(m_legend->rowCount(), kMaxVisibleRows);
    const int height = horizontalHeader()->sizeHint().height()
        + rows * verticalHeader()->defaultSectionSize() + 2 * frameWidth();
    return QSize(QTableView::sizeHint().width(), height);
}

QSize LegendView::minimumSizeHint() const
{
    return QSize(100, sizeHint().height());
}

void LegendView::updateHeight()
{
    setVisible(m_legend->rowCount() > 0);
    setVerticalScrollBarPolicy(m_legend->rowCount() > kMaxVisibleRows ? Qt::ScrollBarAsNeeded
                                                                      : Qt::ScrollBarAlwaysOff);
    setFixedHeight(sizeHint().height());
}

void LegendView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Any double-click on a row isolates it (not only where QAbstractItemView would see one).
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid()) {
        QTableView::mouseDoubleClickEvent(event);
        return;
    }
    m_legend->isolate(m_legend->keyAt(index.row()));
    event->accept();
}

void LegendView::onContextMenu(const QPoint &position)
{
    const QModelIndex index = indexAt(position);
    if (!index.isValid())
        return;
    const SeriesKey key = m_legend->keyAt(index.row());
    QMenu menu(this);
    if (m_legend->kindAt(index.row()) == LegendModel::RowKind::Band) {
        const bool shown = m_legend->isBandShown(key);
        menu.addAction(shown ? tr("Hide Bands") : tr("Show Bands"), this,
                       [this, key, shown] { m_legend->setBandShown(key, !shown); });
    } else {
        menu.addAction(m_legend->isVisible(key) ? tr("Hide") : tr("Show"), this,
                       [this, key] { m_legend->setVisible(key, !m_legend->isVisible(key)); });
        menu.addAction(tr("Show Only This"), this, [this, key] { m_legend->showOnly(key); });
    }
    menu.addAction(tr("Show All"), this, [this] { m_legend->showAll(); });
    if (m_legend->sortColumn() >= 0) {
        menu.addAction(tr("Sort as Added"), this, [this] {
            horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
            m_legend->sort(-1);
        });
    }
    menu.addSeparator();
    if (m_legend->kindAt(index.row()) == LegendModel::RowKind::Series) {
        menu.addAction(tr("Colour…"), this, [this, key] { Q_EMIT colorRequested(key); });
        menu.addAction(tr("Rename…"), this, [this, key] { Q_EMIT renameRequested(key); });
    }
    menu.addAction(tr("Set Thresholds…"), this, [this, key] { Q_EMIT thresholdsRequested(key); });
    menu.exec(viewport()->mapToGlobal(position));
}

} // namespace dashboard
