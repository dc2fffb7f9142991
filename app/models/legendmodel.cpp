// SPDX-License-Identifier: MIT
#include "legendmodel.h"

#include "valueformat.h"

#include <QPalette>

namespace dashboard {

LegendModel::LegendModel(QObject *parent) : QAbstractTableModel(parent) { }

LegendModel::~LegendModel() = default;

void LegendModel::addSeries(const SeriesKey &key, const QString &name, const QColor &color,
                            counters::Unit unit)
{
    if (rowOf(key) >= 0)
        return;
    const int row = int(m_items.size());
    beginInsertRows(QModelIndex(), row, row);
    Item item;
    item.key = key;
    item.name = name;
    item.color = color;
    item.unit = unit;
    m_items.append(item);
    endInsertRows();
}

void LegendModel::removeSeries(const SeriesKey &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_items.removeAt(row);
    endRemoveRows();
}

void LegendModel::clear()
{
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    endResetModel();
}

int LegendModel::rowOf(const SeriesKey &key) const
{
    for (qsizetype row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).key == key)
            return int(row);
    }
    return -1;
}

SeriesStats LegendModel::stats(const SeriesKey &key) const
{
    const int row = rowOf(key);
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
}

void LegendModel::setName(const SeriesKey &key, const QString &name)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).name == name)
        return;
    m_items[row].name = name;
    changed(row, NameColumn, NameColumn, {Qt::DisplayRole, Qt::ToolTipRole});
}

void LegendModel::setColor(const SeriesKey &key, const QColor &color)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).color == color)
        return;
    m_items[row].color = color;
    changed(row, NameColumn, NameColumn, {Qt::DecorationRole, ColorRole});
}

void LegendModel::setUnit(const SeriesKey &key, counters::Unit unit)
{
    const int row = rowOf(key);
    if (row < 0 || m_items.at(row).unit == unit)
        return;
    m_items[row].unit = unit;
    changed(row, CurrentColumn, MaxColumn, {Qt::DisplayRole});
}

void LegendModel::setStats(const SeriesKey &key, const SeriesStats &stats, ThresholdState state)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
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

void LegendModel::isolate(const SeriesKey &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    bool alone = m_items.at(row).visible;
    for (const Item &item : std::as_const(m_items))
        alone &= item.key == key || !item.visible;
    const QList<Item> items = m_items;
    for (const Item &item : items)
        setVisible(item.key, alone || item.key == key);
}

QList<SeriesKey> LegendModel::hiddenKeys() const
{
    QList<SeriesKey> keys;
    for (const Item &item : m_items) {
        if (!item.visible)
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
        if (column == NameColumn)
            return item.name;
        if (const double v = statistic(item, column); !std::isnan(v))
            return ValueFormat::value(v, item.unit);
        return QString();
    case Qt::ToolTipRole:
        if (column == NameColumn)
            return tr("%1\nClick the box to hide or show it; double-click to show it alone.")
                .arg(item.name);
        return QVariant();
    case Qt::DecorationRole:
    case ColorRole:
        return column == NameColumn || role == ColorRole ? QVariant(item.color) : QVariant();
    case Qt::CheckStateRole:
        return column == NameColumn ? QVariant(item.visible ? Qt::Checked : Qt::Unchecked)
                                    : QVariant();
    case Qt::TextAlignmentRole:
        return column == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!item.visible)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (column == CurrentColumn && item.state != ThresholdState::Normal)
            return ThresholdSet::color(item.state);
        return QVariant();
    case SeriesKeyRole:
        return QVariant::fromValue(item.key);
    case VisibleRole:
        return item.visible;
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
    setVisible(m_items.at(index.row()).key, value.value<Qt::CheckState>() == Qt::Checked);
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
