// SPDX-License-Identifier: MIT
#include "familygroupproxymodel.h"

#include "counterlistmodel.h"
#include "familyaggregates.h"

#include <counters/base/labels.h>

#include <QLocale>

namespace dashboard {

namespace {

// internalId of a top-level index; a child's is its parent item + 1.
constexpr quintptr kTopLevel = 0;

QString labelText(const counters::Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1String(", "));
}

} // namespace

FamilyGroupProxyModel::FamilyGroupProxyModel(QAbstractItemModel *flat, CounterListModel *counters,
                                             QObject *parent)
    : QAbstractItemModel(parent), m_flat(flat), m_counters(counters)
{
    connect(flat, &QAbstractItemModel::dataChanged, this,
            &FamilyGroupProxyModel::onFlatDataChanged);
    connect(flat, &QAbstractItemModel::headerDataChanged, this,
            &QAbstractItemModel::headerDataChanged);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(flat, signal, this, &FamilyGroupProxyModel::relayout);
    connect(flat, &QAbstractItemModel::rowsMoved, this, &FamilyGroupProxyModel::relayout);
    connect(flat, &QAbstractItemModel::layoutChanged, this, &FamilyGroupProxyModel::relayout);
    connect(flat, &QAbstractItemModel::modelAboutToBeReset, this,
            &FamilyGroupProxyModel::beginResetModel);
    connect(flat, &QAbstractItemModel::modelReset, this, [this] {
        rebuild();
        endResetModel();
    });
    connect(counters, &QAbstractItemModel::dataChanged, this,
            &FamilyGroupProxyModel::onCountersDataChanged);
    rebuild();
}

FamilyGroupProxyModel::~FamilyGroupProxyModel() = default;

void FamilyGroupProxyModel::rebuild()
{
    m_items.clear();
    m_familyRow.clear();
    const int rows = m_flat ? m_flat->rowCount() : 0;
    m_places = QList<Place>(rows);
    m_keys = QList<SeriesKey>(rows);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_flat->index(row, 0);
        const QString family = index.data(CounterListModel::FamilyRole).toString();
        const SeriesKey series = index.data(CounterListModel::SeriesKeyRole).value<SeriesKey>();
        m_keys[row] = series;
        if (family.isEmpty()) {
            m_places[row] = {int(m_items.size()), -1};
            m_items.append(Item{row, {}, {}, {}});
            continue;
        }
        const SeriesKey total{series.sourceId, series.node, totalName(family)};
        auto it = m_familyRow.find(total);
        if (it == m_familyRow.end()) {
            it = m_familyRow.insert(total, int(m_items.size()));
            m_items.append(Item{-1, total, family, {}});
        }
        Item &item = m_items[*it];
        m_places[row] = {*it, int(item.children.size())};
        item.children.append(row);
    }
}

SeriesKey FamilyGroupProxyModel::identity(const QModelIndex &index) const
{
    // From what the last rebuild saw: the flat model has changed already when we hear of it.
    if (!index.isValid())
        return SeriesKey();
    if (index.internalId() == kTopLevel) {
        const Item &item = m_items.at(index.row());
        return item.flatRow < 0 ? item.total : m_keys.at(item.flatRow);
    }
    return m_keys.at(m_items.at(int(index.internalId() - 1)).children.at(index.row()));
}

void FamilyGroupProxyModel::relayout()
{
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<SeriesKey> identities;
    identities.reserve(before.size());
    for (const QModelIndex &index : before)
        identities.append(identity(index));
    rebuild();
    // Series by key, once, rather than a search per persistent index.
    QHash<SeriesKey, int> flatRowOf;
    if (!before.isEmpty()) {
        for (int row = 0; row < m_keys.size(); ++row)
            flatRowOf.insert(m_keys.at(row), row);
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const SeriesKey &key = identities.at(i);
        const int column = before.at(i).column();
        const auto family = m_familyRow.constFind(key);
        if (family != m_familyRow.cend()) {
            after.append(createIndex(*family, column, kTopLevel));
            continue;
        }
        const auto row = flatRowOf.constFind(key);
        after.append(row == flatRowOf.cend() ? QModelIndex() : mapFromFlat(*row, column));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

QModelIndex FamilyGroupProxyModel::mapToFlat(const QModelIndex &index) const
{
    if (!index.isValid() || !m_flat)
        return QModelIndex();
    if (index.internalId() == kTopLevel) {
        const Item &item = m_items.at(index.row());
        return item.flatRow < 0 ? QModelIndex() : m_flat->index(item.flatRow, index.column());
    }
    const Item &item = m_items.at(int(index.internalId() - 1));
    return m_flat->index(item.children.at(index.row()), index.column());
}

QModelIndex FamilyGroupProxyModel::mapFromFlat(int flatRow, int column) const
{
    if (flatRow < 0 || flatRow >= m_places.size())
        return QModelIndex();
    const Place &place = m_places.at(flatRow);
    if (place.child < 0)
        return createIndex(place.item, column, kTopLevel);
    return createIndex(place.child, column, quintptr(place.item) + 1);
}

QList<SeriesKey> FamilyGroupProxyModel::childKeys(const QModelIndex &index) const
{
    QList<SeriesKey> keys;
    if (!index.isValid() || index.internalId() != kTopLevel)
        return keys;
    for (const int row : m_items.at(index.row()).children)
        keys.append(m_keys.at(row));
    return keys;
}

QModelIndex FamilyGroupProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= columnCount())
        return QModelIndex();
    if (!parent.isValid())
        return row >= 0 && row < m_items.size() ? createIndex(row, column, kTopLevel)
                                                : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.column() != 0)
        return QModelIndex();
    const Item &item = m_items.at(parent.row());
    if (row < 0 || row >= item.children.size())
        return QModelIndex();
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex FamilyGroupProxyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return QModelIndex();
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int FamilyGroupProxyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_items.size());
    if (parent.internalId() != kTopLevel || parent.column() != 0)
        return 0;
    return int(m_items.at(parent.row()).children.size());
}

int FamilyGroupProxyModel::columnCount(const QModelIndex &) const
{
    return m_flat ? m_flat->columnCount() : 0;
}

bool FamilyGroupProxyModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant FamilyGroupProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const bool top = index.internalId() == kTopLevel;
    const Item *item = top ? &m_items.at(index.row()) : nullptr;
    if (item && item->flatRow < 0) {
        // A family's row: its name and series count, the numbers of its total.
        switch (role) {
        case IsFamilyRole:
            return true;
        case SeriesCountRole:
            return int(item->children.size());
        case CounterListModel::SeriesKeyRole:
            return QVariant::fromValue(item->total);
        case CounterListModel::NameRole:
        case CounterListModel::FamilyRole:
            return item->family;
        case Qt::ToolTipRole:
            if (index.column() == CounterListModel::NameColumn) {
                return tr("Counter family %1: %2 series shown; this row sums up all its series")
                    .arg(item->family, QLocale().toString(item->children.size()));
            }
            break;
        case Qt::DisplayRole:
            if (index.column() == CounterListModel::NameColumn)
                return item->family;
            break;
        default:
            break;
        }
        if (!m_counters)
            return QVariant();
        const int row = m_counters->rowOf(item->total);
        return row < 0 ? QVariant() : m_counters->index(row, index.column()).data(role);
    }
    if (role == IsFamilyRole)
        return false;
    const QModelIndex flat = mapToFlat(index);
    if (!top && index.column() == CounterListModel::NameColumn && role == Qt::DisplayRole)
        return labelText(flat.data(CounterListModel::LabelsRole).value<counters::Labels>());
    return flat.data(role);
}

QVariant FamilyGroupProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_flat ? m_flat->headerData(section, orientation, role) : QVariant();
}

Qt::ItemFlags FamilyGroupProxyModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

void FamilyGroupProxyModel::sort(int column, Qt::SortOrder order)
{
    if (m_flat)
        m_flat->sort(column, order);
}

void FamilyGroupProxyModel::onFlatDataChanged(const QModelIndex &topLeft,
                                              const QModelIndex &bottomRight,
                                              const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        if (row >= m_places.size())
            break;
        // A series that moved into or out of a family needs a new layout.
        const QString family = m_flat->index(row, 0).data(CounterListModel::FamilyRole).toString();
        const Place &place = m_places.at(row);
        const bool inFamily = place.child >= 0;
        if (inFamily != !family.isEmpty()
            || (inFamily && m_items.at(place.item).family != family)) {
            relayout();
            return;
        }
        Q_EMIT dataChanged(mapFromFlat(row, topLeft.column()),
                           mapFromFlat(row, bottomRight.column()), roles);
    }
}

void FamilyGroupProxyModel::onCountersDataChanged(const QModelIndex &topLeft,
                                                  const QModelIndex &bottomRight,
                                                  const QList<int> &roles)
{
    if (m_familyRow.isEmpty() || !m_counters)
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const SeriesKey key = m_counters->keyAt(row);
        if (!isTotal(key.counter))
            continue;
        const auto item = m_familyRow.constFind(key);
        if (item == m_familyRow.cend())
            continue;
        Q_EMIT dataChanged(createIndex(*item, topLeft.column(), kTopLevel),
                           createIndex(*item, bottomRight.column(), kTopLevel), roles);
    }
}

} // namespace dashboard
