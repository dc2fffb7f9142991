// SPDX-License-Identifier: MIT
#include "countertablepanel.h"

#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"
#include "models/familygroupproxymodel.h"
#include "models/sourcelistmodel.h"
#include "models/valueformat.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace dashboard {

using counters::CounterType;

CounterTablePanel::CounterTablePanel(CounterListModel *counters, SourceListModel *sources,
                                     QWidget *parent)
    : QWidget(parent),
      m_counters(counters),
      m_sources(sources),
      m_proxy(new CounterFilterProxyModel(this)),
      m_groups(nullptr),
      m_filter(new QLineEdit(this)),
      m_typeBox(new QComboBox(this)),
      m_sourceBox(new QComboBox(this)),
      m_nodesBox(new QCheckBox(tr("Per process"), this)),
      m_addButton(new QToolButton(this)),
      m_view(new QTreeView(this))
{
    m_proxy->setSourceModel(counters);
    m_groups = new FamilyGroupProxyModel(m_proxy, counters, this);

    m_filter->setPlaceholderText(
        tr("Filter counters (name, a pattern like req*_time, or a label like kind=text)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &CounterFilterProxyModel::setFilterText);

    m_typeBox->addItem(tr("All types"));
    for (const CounterType type :
         {CounterType::AverageTime, CounterType::AverageWindow, CounterType::Frequency,
          CounterType::Event, CounterType::Total, CounterType::Window, CounterType::MinWindow,
          CounterType::MaxWindow, CounterType::PercentileWindow, CounterType::Gauge,
          CounterType::Unknown}) {
        m_typeBox->addItem(ValueFormat::typeName(type), int(type));
    }
    m_typeBox->setToolTip(tr("Show only counters of this type"));
    connect(m_typeBox, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant type = m_typeBox->currentData();
        m_proxy->setTypeFilter(type.isValid() ? std::optional(CounterType(type.toInt()))
                                              : std::nullopt);
    });

    m_sourceBox->setToolTip(tr("Show only the counters of this source"));
    m_sourceBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sourceBox->setMinimumContentsLength(10);
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setSourceFilter(m_sourceBox->currentData().toString()); });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_sources, signal, this, &CounterTablePanel::rebuildSourceFilter);
    connect(m_sources, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(SourceListModel::NameRole))
                    rebuildSourceFilter();
            });
    rebuildSourceFilter();

    m_nodesBox->setToolTip(tr("Also list each process's values of multi-process reports"));
    connect(m_nodesBox, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setShowNodes(on);
        Q_EMIT showNodesToggled(on);
    });

    m_addButton->setText(tr("Add to Chart"));
    m_addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addButton->setToolTip(tr("Chart the selected counters (double-click a row, or Enter)"));
    connect(m_addButton, &QToolButton::clicked, this, [this] {
        const QList<SeriesKey> keys = selectedSeries();
        if (!keys.isEmpty())
            Q_EMIT addToChartRequested(keys);
    });

    m_view->setModel(m_groups);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CounterListModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setWordWrap(false);
    // Names share prefixes and a process is named at the end of its source: both ends tell.
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setExpandsOnDoubleClick(false); // double-click charts, the arrow expands
    m_view->header()->setHighlightSections(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    // The name takes the room the other columns leave, but never less than a readable width:
    // with many columns the table scrolls sideways rather than cutting every name short.
    connect(m_view->header(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column != CounterListModel::NameColumn)
            fitNameColumn();
    });
    m_view->viewport()->installEventFilter(this);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const struct
    {
        int column;
        int digits;
    } widths[] = {{CounterListModel::TypeColumn, 11},   {CounterListModel::ValueColumn, 10},
                  {CounterListModel::MinColumn, 9},     {CounterListModel::AvgColumn, 9},
                  {CounterListModel::MaxColumn, 9},     {CounterListModel::P50Column, 9},
                  {CounterListModel::P90Column, 9},     {CounterListModel::P99Column, 9},
                  {CounterListModel::WindowColumn, 7},  {CounterListModel::CountColumn, 7},
                  {CounterListModel::SourceColumn, 13}, {CounterListModel::AgeColumn, 6}};
    for (const auto &w : widths)
        m_view->setColumnWidth(w.column, digit * w.digits + 12);
    setHiddenColumns(defaultHiddenColumns());
    fitNameColumn();
    m_view->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->header(), &QWidget::customContextMenuRequested, this,
            &CounterTablePanel::onHeaderMenu);
    m_view->header()->setMinimumSectionSize(digit * 5);
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const SeriesKey key = index.data(CounterListModel::SeriesKeyRole).value<SeriesKey>();
        Q_EMIT addToChartRequested({key});
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this,
            &CounterTablePanel::onContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CounterTablePanel::updateButtons);
    // Ages move with the clock: the rows on screen repaint theirs once a second. (A dataChanged
    // for the age column of every row would cost the proxies and the view every row, 40 ms a
    // second for a report of 400,000 counters.)
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, [this] {
        const QHeaderView *header = m_view->header();
        const int column = CounterListModel::AgeColumn;
        if (!header->isSectionHidden(column))
            m_view->viewport()->update(header->sectionViewportPosition(column), 0,
                                       header->sectionSize(column), m_view->viewport()->height());
    });
    m_ageTimer.start();
    // Widen (never narrow) the short columns to what arrives: type names and headers differ
    // in length from language to language. A few times a second at most: each fit lays the
    // table out, and a big report arrives in many parts.
    m_fitTimer.setSingleShot(true);
    m_fitTimer.setInterval(250);
    connect(&m_fitTimer, &QTimer::timeout, this, &CounterTablePanel::fitColumns);
    // At once when the last fit is a while ago (the first rows, a screenshot), else when the
    // timer says.
    const auto fitSoon = [this] {
        if (m_fitTimer.isActive())
            return;
        if (!m_lastFit.isValid() || m_lastFit.elapsed() >= m_fitTimer.interval())
            fitColumns();
        else
            m_fitTimer.start();
    };
    connect(m_groups, &QAbstractItemModel::layoutChanged, this, fitSoon);
    connect(m_groups, &QAbstractItemModel::rowsInserted, this, fitSoon);
    connect(m_groups, &QAbstractItemModel::modelReset, this, [this, fitSoon] {
        m_namesWidth = 0; // the names that needed it may be gone
        fitSoon();
    });
    connect(m_view, &QTreeView::expanded, this, fitSoon); // a family's series have long names

    auto *filters = new QHBoxLayout();
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_typeBox);
    filters->addWidget(m_sourceBox);
    filters->addWidget(m_nodesBox);
    filters->addWidget(m_addButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(6);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    applyIcons();
    updateButtons();
}

CounterTablePanel::~CounterTablePanel() = default;

QList<SeriesKey> CounterTablePanel::selectedSeries() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // Table order: a family's row, then its series, then the next top-level row.
    const auto place = [](const QModelIndex &index) {
        return index.parent().isValid() ? std::pair(index.parent().row(), index.row() + 1)
                                        : std::pair(index.row(), 0);
    };
    std::sort(rows.begin(), rows.end(),
              [&place](const QModelIndex &a, const QModelIndex &b) { return place(a) < place(b); });
    QList<SeriesKey> keys;
    for (const QModelIndex &index : std::as_const(rows))
        keys.append(index.data(CounterListModel::SeriesKeyRole).value<SeriesKey>());
    return keys;
}

void CounterTablePanel::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void CounterTablePanel::setShowNodes(bool show)
{
    m_nodesBox->setChecked(show);
}

bool CounterTablePanel::showNodes() const
{
    return m_nodesBox->isChecked();
}

void CounterTablePanel::rebuildSourceFilter()
{
    const QString current = m_sourceBox->currentData().toString();
    const QSignalBlocker blocker(m_sourceBox);
    m_sourceBox->clear();
    m_sourceBox->addItem(tr("All sources"), QString());
    for (int row = 0; row < m_sources->rowCount(); ++row) {
        const QModelIndex index = m_sources->index(row);
        m_sourceBox->addItem(index.data(SourceListModel::NameRole).toString(),
                             index.data(SourceListModel::IdRole).toString());
    }
    const int index = m_sourceBox->findData(current);
    m_sourceBox->setCurrentIndex(std::max(0, index));
    if (index < 0)
        m_proxy->setSourceFilter(QString());
}

QList<int> CounterTablePanel::defaultHiddenColumns()
{
    return {CounterListModel::P50Column};
}

QList<int> CounterTablePanel::hiddenColumns() const
{
    QList<int> hidden;
    for (int column = 0; column < CounterListModel::ColumnCount; ++column) {
        if (m_view->header()->isSectionHidden(column))
            hidden.append(column);
    }
    return hidden;
}

void CounterTablePanel::setHiddenColumns(const QList<int> &columns)
{
    // The counter's name always shows: it is what a row is.
    for (int column = CounterListModel::NameColumn + 1; column < CounterListModel::ColumnCount;
         ++column)
        m_view->header()->setSectionHidden(column, columns.contains(column));
    fitNameColumn();
}

void CounterTablePanel::fitNameColumn()
{
    QHeaderView *header = m_view->header();
    int others = 0;
    for (int column = CounterListModel::NameColumn + 1; column < CounterListModel::ColumnCount;
         ++column) {
        if (!header->isSectionHidden(column))
            others += header->sectionSize(column);
    }
    // Never less than the names shown need (up to a long name's worth): two names that differ
    // only in the middle, cut in the middle, read the same. The table scrolls sideways instead.
    const int chars = m_view->fontMetrics().averageCharWidth();
    const int readable = std::clamp(m_namesWidth, 24 * chars, 48 * chars);
    const int width = std::max(readable, m_view->viewport()->width() - others);
    if (header->sectionSize(CounterListModel::NameColumn) != width)
        header->resizeSection(CounterListModel::NameColumn, width);
}

void CounterTablePanel::onHeaderMenu(const QPoint &position)
{
    QMenu menu(this);
    for (int column = CounterListModel::NameColumn + 1; column < CounterListModel::ColumnCount;
         ++column) {
        const QString title = m_counters->headerData(column, Qt::Horizontal).toString();
        QAction *action = menu.addAction(title);
        action->setCheckable(true);
        action->setChecked(!m_view->header()->isSectionHidden(column));
        action->setToolTip(
            m_counters->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        connect(action, &QAction::toggled, this, [this, column](bool on) {
            m_view->header()->setSectionHidden(column, !on);
            fitNameColumn();
        });
    }
    menu.setToolTipsVisible(true);
    menu.addSeparator();
    menu.addAction(tr("Default Columns"), this,
                   [this] { setHiddenColumns(defaultHiddenColumns()); });
    menu.exec(m_view->header()->viewport()->mapToGlobal(position));
}

void CounterTablePanel::onContextMenu(const QPoint &position)
{
    const QList<SeriesKey> keys = selectedSeries();
    if (keys.isEmpty())
        return;
    QMenu menu(this);
    const QModelIndex at = m_view->indexAt(position);
    const QModelIndex familyRow = at.parent().isValid() ? at.parent() : at.siblingAtColumn(0);
    if (familyRow.data(FamilyGroupProxyModel::IsFamilyRole).toBool()) {
        const QList<SeriesKey> series = m_groups->childKeys(familyRow);
        const QMap<QString, QList<SeriesKey>> byLabel = splitsOf(familyRow);
        QMenu *split = menu.addMenu(tr("Chart Split by"));
        split->setEnabled(!byLabel.isEmpty());
        for (auto it = byLabel.cbegin(); it != byLabel.cend(); ++it) {
            const QList<SeriesKey> lines = it.value();
            split->addAction(tr("%1 (%2 lines)").arg(it.key(), QLocale().toString(lines.size())),
                             this, [this, lines] { Q_EMIT addToNewChartRequested(lines); });
        }
        menu.addAction(tr("Chart Every Series"), this,
                       [this, series] { Q_EMIT addToNewChartRequested(series); });
        menu.addSeparator();
    }
    menu.addAction(Theme::icon(QStringLiteral("chart-add"), palette()), tr("Add to Chart"), this,
                   [this, keys] { Q_EMIT addToChartRequested(keys); });
    menu.addAction(Theme::icon(QStringLiteral("chart-new"), palette()), tr("Add to New Chart"),
                   this, [this, keys] { Q_EMIT addToNewChartRequested(keys); });
    menu.addSeparator();
    menu.addAction(tr("Set Thresholds…"), this,
                   [this, keys] { Q_EMIT thresholdsRequested(keys.constFirst()); });
    menu.addAction(tr("Copy Names"), this, [keys] {
        QStringList names;
        for (const SeriesKey &key : keys)
            names.append(key.counter);
        QGuiApplication::clipboard()->setText(names.join(QLatin1Char('\n')));
    });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

QMap<QString, QList<SeriesKey>> CounterTablePanel::splitsOf(const QModelIndex &familyRow) const
{
    // A line per value of one label: the family summed up over the others, or its series when
    // that is its only label.
    const QString family = familyRow.data(CounterListModel::FamilyRole).toString();
    QMap<QString, QMap<QString, SeriesKey>> byLabel; // label → value → line
    for (int row = 0; row < m_groups->rowCount(familyRow.siblingAtColumn(0)); ++row) {
        const QModelIndex child = m_groups->index(row, 0, familyRow.siblingAtColumn(0));
        const auto labels = child.data(CounterListModel::LabelsRole).value<counters::Labels>();
        const SeriesKey key = child.data(CounterListModel::SeriesKeyRole).value<SeriesKey>();
        for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
            byLabel[it.key()].insert(
                it.value(),
                labels.size() == 1
                    ? key
                    : SeriesKey{key.sourceId, key.node, splitName(family, it.key(), it.value())});
        }
    }
    QMap<QString, QList<SeriesKey>> result;
    for (auto it = byLabel.cbegin(); it != byLabel.cend(); ++it)
        result.insert(it.key(), it.value().values());
    return result;
}

void CounterTablePanel::fitColumns()
{
    m_lastFit.start();
    QHeaderView *header = m_view->header();
    for (const int column :
         {int(CounterListModel::TypeColumn), int(CounterListModel::WindowColumn),
          int(CounterListModel::CountColumn), int(CounterListModel::SourceColumn),
          int(CounterListModel::AgeColumn)}) {
        // QTreeView hides sizeHintForColumn(), QAbstractItemView offers it.
        const int wanted =
            std::max(static_cast<QAbstractItemView *>(m_view)->sizeHintForColumn(column),
                     header->sectionSizeHint(column));
        if (wanted > header->sectionSize(column))
            header->resizeSection(column,
                                  std::min(wanted, 30 * m_view->fontMetrics().averageCharWidth()));
    }
    // The names of the rows laid out so far (QTreeView measures those, with their indent).
    const int names =
        static_cast<QAbstractItemView *>(m_view)->sizeHintForColumn(CounterListModel::NameColumn);
    m_namesWidth = std::max(m_namesWidth, names);
    fitNameColumn();
}

void CounterTablePanel::updateButtons()
{
    m_addButton->setEnabled(m_view->selectionModel()->hasSelection());
}

void CounterTablePanel::applyIcons()
{
    m_addButton->setIcon(Theme::icon(QStringLiteral("chart-add"), palette()));
}

void CounterTablePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyIcons();
}

bool CounterTablePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitNameColumn();
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            const QList<SeriesKey> keys = selectedSeries();
            if (!keys.isEmpty())
                Q_EMIT addToChartRequested(keys);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace dashboard
