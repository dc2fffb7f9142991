// SPDX-License-Identifier: MIT
#include "legendmodel.h"

#include "valueformat.h"

#include <QCollator>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <vector>

namespace dashboard {

LegendModel::LegendModel(QObject *parent) : QAbstractTableModel(parent) { }

LegendModel::~LegendModel() = default;

void LegendModel::addSeries(const SeriesKey &key, const QString &name, const QColor &color,
                            counters::Unit unit, const QIcon &swatch)
{
    if (rowOf(key) >= 0)
        return;
    const int row = int(m_items.size());
    beginInsertRows(QModelIndex(), row, row);
    Item item;
    item.key = key;
    item.name = name;
    item.color = color;
    item.swatch = swatch;
    item.unit = unit;
    item.added = m_nextAdded++;
    m_items.append(item);
    m_rowOf.insert(key, row);
    endInsertRows();
    applySort();
}

void LegendModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column >= 0 && column < ColumnCount ? column : -1;
    m_sortOrder = order;
    applySort();
}

void LegendModel::applySort()
{
    // In the order added while not sorted; within an update, once at its end.
    if ((m_sortColumn < 0 && m_sortedAsAdded) || m_updating > 0)
        return;
    // Groups of rows: a series and the detail rows under it.
    struct Group
    {
        int first;
        int end;
    };
    std::vector<Group> groups;
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).kind() == RowKind::Series || groups.empty())
            groups.push_back({row, row + 1});
        else
            groups.back().end = row + 1;
    }
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    if (m_sortColumn == NameColumn && !m_collator) {
        // Names as people sort them: "Beta" after "alpha", "series 2" before "series 10"
        // (which the C locale's collation does not know: English's then).
        m_collator = std::make_unique<QCollator>(
            QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale());
        m_collator->setCaseSensitivity(Qt::CaseInsensitive);
        m_collator->setNumericMode(true);
    }
    const auto before = [&](const Group &a, const Group &b) {
        const Item &x = m_items.at(a.first);
        const Item &y = m_items.at(b.first);
        if (m_sortColumn == NameColumn) {
            const int c = m_collator->compare(x.name, y.name);
            if (c != 0)
                return descending ? c > 0 : c < 0;
        } else if (m_sortColumn > NameColumn) {
            const double u = statistic(x, m_sortColumn);
            const double v = statistic(y, m_sortColumn);
            if (std::isnan(u) != std::isnan(v))
                return std::isnan(v); // without a number: last either way
            if (u != v && !std::isnan(u))
                return descending ? u > v : u < v;
        }
        return x.added < y.added;
    };
    m_sortedAsAdded = m_sortColumn < 0;
    if (std::is_sorted(groups.cbegin(), groups.cend(), before))
        return;
    std::vector<Group> sorted = groups;
    std::stable_sort(sorted.begin(), sorted.end(), before);

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<Item> items;
    items.reserve(m_items.size());
    QList<int> newRow(m_items.size());
    for (const Group &group : sorted) {
        for (int row = group.first; row < group.end; ++row) {
            newRow[row] = int(items.size());
            items.append(m_items.at(row));
        }
    }
    m_items = std::move(items);
    rebuildIndex();
    const QModelIndexList old = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(old.size());
    for (const QModelIndex &index : old)
        moved.append(this->index(newRow.at(index.row()), index.column()));
    changePersistentIndexList(old, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void LegendModel::removeSeries(const SeriesKey &key)
{
    const auto [first, end] = group(key);
    if (first < 0)
        return;
    beginRemoveRows(QModelIndex(), first, end - 1);
    m_items.remove(first, end - first);
    rebuildIndex();
    endRemoveRows();
    m_bandsHidden.remove(key.merged());
}

void LegendModel::clear()
{
    m_bandsHidden.clear();
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    m_rowOf.clear();
    endResetModel();
}

std::pair<int, int> LegendModel::group(const SeriesKey &key) const
{
    const int first = rowOf(key.merged());
    if (first < 0)
        return {-1, -1};
    int end = first + 1;
    while (end < m_items.size() && m_items.at(end).kind() != RowKind::Series)
        ++end;
    return {first, end};
}

void LegendModel::setDetails(const SeriesKey &series, const QList<Detail> &details)
{
    const auto [first, end] = group(series);
    if (first < 0)
        return;
    const counters::Unit unit = m_items.at(first).unit;
    bool same = end - first - 1 == details.size();
    for (qsizetype i = 0; same && i < details.size(); ++i) {
        const Item &item = m_items.at(first + 1 + i);
        same = item.key == details.at(i).key && item.field == details.at(i).field;
    }
    if (same) {
        for (qsizetype i = 0; i < details.size(); ++i) {
            const Detail &detail = details.at(i);
            const int row = first + 1 + int(i);
            Item &item = m_items[row];
            if (item.name != detail.name || item.toolTip != detail.toolTip) {
                item.name = detail.name;
                item.toolTip = detail.toolTip;
                changed(row, NameColumn, NameColumn, {Qt::DisplayRole, Qt::ToolTipRole});
            }
            if (item.color != detail.color || item.swatch.cacheKey() != detail.swatch.cacheKey()) {
                item.color = detail.color;
                item.swatch = detail.swatch;
                changed(row, NameColumn, NameColumn, {Qt::DecorationRole, ColorRole});
            }
            if (item.unit != unit) {
                item.unit = unit;
                changed(row, CurrentColumn, MaxColumn, {Qt::DisplayRole});
            }
        }
        return;
    }
    // Other rows: the old ones go, the new ones come, keeping what rows that stay had.
    QList<Item> items;
    items.reserve(details.size());
    for (const Detail &detail : details) {
        Item item;
        for (int row = first + 1; row < end; ++row) {
            if (m_items.at(row).key == detail.key && m_items.at(row).field == detail.field)
                item = m_items.at(row);
        }
        if (item.key.isNull()) {
            item.key = detail.key;
            item.field = detail.field;
        }
        item.name = detail.name;
        item.color = detail.color;
        item.swatch = detail.swatch;
        item.toolTip = detail.toolTip;
        item.unit = unit;
        items.append(item);
    }
    if (end > first + 1) {
        beginRemoveRows(QModelIndex(), first + 1, end - 1);
        m_items.remove(first + 1, end - first - 1);
        rebuildIndex();
        endRemoveRows();
    }
    if (!items.isEmpty()) {
        beginInsertRows(QModelIndex(), first + 1, first + int(items.size()));
        for (qsizetype i = 0; i < items.size(); ++i)
            m_items.insert(first + 1 + i, items.at(i));
        rebuildIndex();
        endInsertRows();
    }
    // Rows gathered for endUpdate() below this group have moved: it covers them all.
    if (m_updating > 0 && m_pending.lastRow >= first) {
        m_pending.firstRow = std::min(m_pending.firstRow, first);
        m_pending.lastRow = std::numeric_limits<int>::max();
    }
}

int LegendModel::rowOf(const SeriesKey &key, PointField field) const
{
    // Lines by the index, which a chart of hundreds of series asks for each of them per frame;
    // a band row among the few rows under its series.
    const int row = m_rowOf.value(key, -1);
    if (field == PointField::Value || row < 0)
        return row;
    for (int band = row + 1; band < m_items.size() && m_items.at(band).kind() != RowKind::Series;
         ++band) {
        if (m_items.at(band).key == key && m_items.at(band).field == field)
            return band;
    }
    return -1;
}

void LegendModel::rebuildIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_items.size());
    for (qsizetype row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).field == PointField::Value)
            m_rowOf.insert(m_items.at(row).key, int(row));
    }
}

LegendModel::RowKind LegendModel::kindAt(int row) const
{
    return m_items.at(row).kind();
}

SeriesStats LegendModel::stats(const SeriesKey &key, PointField field) const
{
    const int row = rowOf(key, field);
    return row < 0 ? SeriesStats() : m_items.at(row).stats;
}

void LegendModel::changed(int row, int firstColumn, int lastColumn, const QList<int> &roles)
{
    if (m_updating == 0) {
        Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn), roles);
        return;
    }
    m_pending.firstRow = std::min(m_pending.firstRow, row);
    m_pending.lastRow = std::max(m_pending.lastRow, row);
    m_pending.firstColumn = std::min(m_pending.firstColumn, firstColumn);
    m_pending.lastColumn = std::max(m_pending.lastColumn, lastColumn);
    for (const int role : roles) {
        if (!m_pending.roles.contains(role))
            m_pending.roles.append(role);
    }
}

void LegendModel::beginUpdate()
{
    ++m_updating;
}

void LegendModel::endUpdate()
{
    if (m_updating == 0 || --m_updating > 0)
        return;
    Pending pending = std::exchange(m_pending, Pending());
    // Rows removed meanwhile are no longer there to name.
    pending.lastRow = std::min(pending.lastRow, rowCount() - 1);
    if (pending.firstRow <= pending.lastRow)
        Q_EMIT dataChanged(index(pending.firstRow, pending.firstColumn),
                           index(pending.lastRow, pending.lastColumn), pending.roles);
    applySort(); // the numbers (or names) changed, or series came
}

void LegendModel::setName(const SeriesKey &key, const QString &name)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).name == name)
        return;
    m_items[row].name = name;
    changed(row, NameColumn, NameColumn, {Qt::DisplayRole, Qt::ToolTipRole});
}

void LegendModel::setColor(const SeriesKey &key, const QColor &color, const QIcon &swatch)
{
    const int row = rowOf(key);
    if (row < 0
        || (m_items.at(row).color == color
            && m_items.at(row).swatch.cacheKey() == swatch.cacheKey()))
        return;
    m_items[row].color = color;
    m_items[row].swatch = swatch;
    changed(row, NameColumn, NameColumn, {Qt::DecorationRole, ColorRole});
}

void LegendModel::setUnit(const SeriesKey &key, counters::Unit unit)
{
    const auto [first, end] = group(key);
    if (first < 0 || m_items.at(first).unit == unit)
        return;
    for (int row = first; row < end; ++row) {
        m_items[row].unit = unit;
        changed(row, CurrentColumn, MaxColumn, {Qt::DisplayRole});
    }
}

void LegendModel::setStats(const SeriesKey &key, const SeriesStats &stats, ThresholdState state)
{
    if (const int row = rowOf(key); row >= 0)
        setStatsAt(row, stats, state);
}

void LegendModel::setStats(const SeriesKey &key, PointField field, const SeriesStats &stats)
{
    if (const int row = rowOf(key, field); row >= 0)
        setStatsAt(row, stats, ThresholdState::Normal);
}

void LegendModel::setStatsAt(int row, const SeriesStats &stats, ThresholdState state)
{
    Item &item = m_items[row];
    const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    int first = ColumnCount;
    int last = -1;
    const auto touch = [&](int column) {
        first = std::min(first, column);
        last = std::max(last, column);
    };
    if (!same(item.stats.current, stats.current) || item.state != state)
        touch(CurrentColumn);
    if (!same(item.stats.min, stats.min))
        touch(MinColumn);
    if (!same(item.stats.avg, stats.avg))
        touch(AvgColumn);
    if (!same(item.stats.max, stats.max))
        touch(MaxColumn);
    item.stats = stats;
    const bool stateChanged = item.state != state;
    item.state = state;
    if (last < 0)
        return;
    QList<int> roles{Qt::DisplayRole, ValueRole};
    if (stateChanged)
        roles += {ThresholdStateRole, Qt::ForegroundRole};
    changed(row, first, last, roles);
}

void LegendModel::setStoppedSince(const SeriesKey &key, double time)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).stoppedSince == time)
        return;
    m_items[row].stoppedSince = time;
    changed(row, NameColumn, ColumnCount - 1,
            {Qt::FontRole, Qt::ForegroundRole, Qt::ToolTipRole, Qt::DisplayRole});
}

double LegendModel::stoppedSince(const SeriesKey &key) const
{
    const int row = rowOf(key);
    return row < 0 ? 0 : m_items.at(row).stoppedSince;
}

bool LegendModel::isVisible(const SeriesKey &key) const
{
    const int row = rowOf(key);
    return row >= 0 && m_items.at(row).visible;
}

void LegendModel::setVisible(const SeriesKey &key, bool visible)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).visible == visible)
        return;
    m_items[row].visible = visible;
    Q_EMIT dataChanged(index(row, NameColumn), index(row, MaxColumn),
                       {Qt::CheckStateRole, VisibleRole, Qt::ForegroundRole});
    Q_EMIT visibilityChanged(key, visible);
}

bool LegendModel::isChecked(const Item &item) const
{
    return item.kind() == RowKind::Band ? isBandShown(item.key) : item.visible;
}

bool LegendModel::isBandShown(const SeriesKey &key) const
{
    return !m_bandsHidden.contains(key.merged());
}

void LegendModel::setBandShown(const SeriesKey &key, bool shown)
{
    const SeriesKey series = key.merged();
    if (shown == isBandShown(series))
        return;
    if (shown)
        m_bandsHidden.remove(series);
    else
        m_bandsHidden.insert(series);
    const auto [first, end] = group(series);
    for (int row = std::max(first, 0); row < end; ++row) {
        if (m_items.at(row).kind() != RowKind::Band)
            continue;
        Q_EMIT dataChanged(index(row, NameColumn), index(row, MaxColumn),
                           {Qt::CheckStateRole, VisibleRole, Qt::ForegroundRole});
    }
    Q_EMIT bandShownChanged(series, shown);
}

bool LegendModel::isWanted(const SeriesKey &alone, const SeriesKey &key)
{
    return key == alone || (!alone.isNode() && key.merged() == alone);
}

void LegendModel::isolate(const SeriesKey &key)
{
    if (rowOf(key) < 0)
        return;
    bool alone = true;
    for (const Item &item : std::as_const(m_items)) {
        if (item.kind() != RowKind::Band)
            alone &= item.visible == isWanted(key, item.key);
    }
    if (alone)
        showAll();
    else
        showOnly(key);
}

void LegendModel::showOnly(const SeriesKey &key)
{
    const QList<Item> items = m_items;
    for (const Item &item : items) {
        if (item.kind() != RowKind::Band)
            setVisible(item.key, isWanted(key, item.key));
    }
}

void LegendModel::showAll()
{
    const QList<Item> items = m_items;
    for (const Item &item : items) {
        if (item.kind() != RowKind::Band)
            setVisible(item.key, true);
    }
}

QList<SeriesKey> LegendModel::hiddenKeys() const
{
    QList<SeriesKey> keys;
    for (const Item &item : m_items) {
        if (!item.visible && item.kind() == RowKind::Series)
            keys.append(item.key);
    }
    return keys;
}

int LegendModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int LegendModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double LegendModel::statistic(const Item &item, int column) const
{
    switch (column) {
    case CurrentColumn:
        return item.stats.current;
    case MinColumn:
        return item.stats.min;
    case AvgColumn:
        return item.stats.avg;
    case MaxColumn:
        return item.stats.max;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QVariant LegendModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Item &item = m_items.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn && item.stoppedSince > 0)
            return tr("%1 (stopped)").arg(item.name);
        if (column == NameColumn)
            return item.name;
        if (const double v = statistic(item, column); !std::isnan(v))
            return ValueFormat::value(v, item.unit);
        return QString();
    case Qt::ToolTipRole:
        if (column != NameColumn)
            return QVariant();
        if (item.kind() == RowKind::Band)
            return tr("%1\nClick the box to hide or show the bands.").arg(item.toolTip);
        if (item.stoppedSince > 0) {
            const QDateTime since =
                QDateTime::fromMSecsSinceEpoch(qint64(item.stoppedSince * 1000));
            return tr("%1\nNo data since %2, while its source reports on.\nClick the box to hide "
                      "or show it; double-click to show it alone.")
                .arg(item.toolTip.isEmpty() ? item.name : item.toolTip,
                     QLocale().toString(since, QLocale::ShortFormat));
        }
        return tr("%1\nClick the box to hide or show it; double-click to show it alone.")
            .arg(item.toolTip.isEmpty() ? item.name : item.toolTip);
    case Qt::DecorationRole:
        if (column != NameColumn)
            return QVariant();
        return item.swatch.isNull() ? QVariant(item.color) : QVariant(item.swatch);
    case ColorRole:
        return item.color;
    case Qt::CheckStateRole:
        return column == NameColumn ? QVariant(isChecked(item) ? Qt::Checked : Qt::Unchecked)
                                    : QVariant();
    case Qt::TextAlignmentRole:
        return column == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (item.stoppedSince > 0) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return QVariant();
    case Qt::ForegroundRole:
        if (!isChecked(item) || item.stoppedSince > 0)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (column == CurrentColumn && item.state != ThresholdState::Normal)
            return ThresholdSet::color(item.state);
        return QVariant();
    case SeriesKeyRole:
        return QVariant::fromValue(item.key);
    case VisibleRole:
        return isChecked(item);
    case ValueRole:
        if (const double v = statistic(item, column); !std::isnan(v))
            return v;
        return QVariant();
    case ThresholdStateRole:
        return int(item.state);
    }
    return QVariant();
}

bool LegendModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != NameColumn || role != Qt::CheckStateRole)
        return false;
    // A copy: the signals may change the rows.
    const Item item = m_items.at(index.row());
    const bool checked = value.value<Qt::CheckState>() == Qt::Checked;
    if (item.kind() == RowKind::Band)
        setBandShown(item.key, checked);
    else
        setVisible(item.key, checked);
    return true;
}

Qt::ItemFlags LegendModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant LegendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section != NameColumn)
        return tr("Over the visible time range");
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Series");
    case CurrentColumn:
        return tr("Current");
    case MinColumn:
        return tr("Min");
    case AvgColumn:
        return tr("Avg");
    case MaxColumn:
        return tr("Max");
    }
    return QVariant();
}

} // namespace dashboard
