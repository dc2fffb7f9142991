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

FamilyGroupProxyModel::FamilyGroupProxyModel(QAbstractProxyModel *flat, CounterListModel *counters,
                                             QObject *parent)
    : QAbstractItemModel(parent), m_flat(flat), m_counters(counters)
{
    connect(flat, &QAbstractItemModel::dataChanged, this,
            &FamilyGroupProxyModel::onFlatDataChanged);
    connect(flat, &QAbstractItemModel::headerDataChanged, this,
            &QAbstractItemModel::headerDataChanged);
    // The flat model's structure changes come out as one layout change (one for all the
    // blocks of a change of the counter list). What the persistent indexes show is noted
    // before, while the flat model still maps them as we do.
    for (const auto signal :
         {&QAbstractItemModel::rowsAboutToBeInserted, &QAbstractItemModel::rowsAboutToBeRemoved})
        connect(flat, signal, this, &FamilyGroupProxyModel::prepareRelayout);
    connect(flat, &QAbstractItemModel::rowsAboutToBeMoved, this,
            &FamilyGroupProxyModel::prepareRelayout);
    connect(flat, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &FamilyGroupProxyModel::prepareRelayout);
    connect(flat, &QAbstractItemModel::rowsInserted, this,
            &FamilyGroupProxyModel::onFlatRowsInserted);
    connect(flat, &QAbstractItemModel::rowsRemoved, this, &FamilyGroupProxyModel::onFlatChanged);
    connect(flat, &QAbstractItemModel::rowsMoved, this, &FamilyGroupProxyModel::onFlatChanged);
    connect(flat, &QAbstractItemModel::layoutChanged, this, &FamilyGroupProxyModel::onFlatChanged);
    connect(counters, &CounterListModel::rowsAboutToChange, this,
            [this] { m_inCountersChange = true; });
    connect(counters, &CounterListModel::rowsChanged, this, [this] {
        m_inCountersChange = false;
        if (m_prepared)
            relayout();
    });
    connect(flat, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_prepared)
            relayout(); // closes what is open: a reset never comes inside a layout change
        beginResetModel();
    });
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
    m_families.clear();
    m_familyRow.clear();
    m_places.clear();
    placeRows(m_flat && m_counters ? m_flat->rowCount() : 0);
}

void FamilyGroupProxyModel::placeRows(int rows)
{
    const int first = int(m_places.size());
    m_places.resize(rows);
    if (first == 0)
        m_items.reserve(rows);
    readFamilies();
    for (int row = first; row < rows; ++row) {
        const int counter = counterRowOf(row);
        if (!m_inFamily[std::size_t(counter)]) {
            m_places[row] = {int(m_items.size()), -1};
            m_items.append(Item{row, -1});
            continue;
        }
        // The list's rows read directly: QVariants for 400,000 rows take a second.
        const QString &family = m_counters->counterRow(counter).family;
        const SeriesKey &series = m_counters->keyAt(counter);
        const SeriesKey total{series.sourceId, series.node, totalName(family)};
        auto it = m_familyRow.find(total);
        if (it == m_familyRow.end()) {
            it = m_familyRow.insert(total, int(m_items.size()));
            m_items.append(Item{-1, int(m_families.size())});
            m_families.append(Family{total, family, {}});
        }
        Family &owner = m_families[m_items.at(*it).family];
        m_places[row] = {*it, int(owner.children.size())};
        owner.children.append(row);
    }
}

void FamilyGroupProxyModel::readFamilies()
{
    // A row's family changes only with its kind, and rows only come at the end otherwise: a
    // rebuild after a sort of 400,000 rows reads a flag per row, not each row's family.
    if (m_familiesRead != m_counters->kindRevision()) {
        m_familiesRead = m_counters->kindRevision();
        m_inFamily.clear();
    }
    const auto rows = std::size_t(m_counters->rowCount());
    for (std::size_t row = m_inFamily.size(); row < rows; ++row)
        m_inFamily.push_back(!m_counters->counterRow(int(row)).family.isEmpty());
}

void FamilyGroupProxyModel::onFlatRowsInserted(const QModelIndex &parent, int first, int last)
{
    // Rows after all others (a big report's parts, in name order) only add to the end of the
    // tree, or to its families' ends: nothing that was there moves.
    if (parent.isValid() || first != m_placedTo)
        m_appendOnly = false;
    m_placedTo += last - first + 1;
    if (!m_inCountersChange)
        relayout();
}

void FamilyGroupProxyModel::onFlatChanged()
{
    m_appendOnly = false;
    if (!m_inCountersChange)
        relayout();
}

const FamilyGroupProxyModel::Family *FamilyGroupProxyModel::familyOf(int item) const
{
    const int family = m_items.at(item).family;
    return family < 0 ? nullptr : &m_families.at(family);
}

const SeriesKey &FamilyGroupProxyModel::flatKey(int flatRow) const
{
    return m_counters->keyAt(counterRowOf(flatRow));
}

int FamilyGroupProxyModel::counterRowOf(int flatRow) const
{
    return m_flat->mapToSource(m_flat->index(flatRow, 0)).row();
}

void FamilyGroupProxyModel::prepareRelayout()
{
    if (m_prepared)
        return;
    m_prepared = true;
    m_appendOnly = true;
    m_placedTo = int(m_places.size());
    Q_EMIT layoutAboutToBeChanged();
    m_persistent = persistentIndexList();
    m_identities.clear();
    m_identities.reserve(m_persistent.size());
    for (const QModelIndex &index : std::as_const(m_persistent)) {
        const Family *family = index.internalId() == kTopLevel ? familyOf(index.row()) : nullptr;
        m_identities.append(family ? Identity{family->total, {}}
                                   : Identity{{}, QPersistentModelIndex(mapToFlat(index))});
    }
}

void FamilyGroupProxyModel::relayout()
{
    if (!m_prepared) { // a change that was not announced: what can still be found
        prepareRelayout();
        m_appendOnly = false;
    }
    m_prepared = false;
    if (m_appendOnly && m_counters) {
        placeRows(m_placedTo); // what was there stays where it was
        m_persistent.clear();
        m_identities.clear();
        Q_EMIT layoutChanged();
        return;
    }
    rebuild();
    QModelIndexList after;
    after.reserve(m_persistent.size());
    for (qsizetype i = 0; i < m_persistent.size(); ++i) {
        const Identity &identity = m_identities.at(i);
        const int column = m_persistent.at(i).column();
        if (identity.flat.isValid()) {
            after.append(mapFromFlat(identity.flat.row(), column));
            continue;
        }
        const auto family = m_familyRow.constFind(identity.family);
        after.append(family == m_familyRow.cend() ? QModelIndex()
                                                  : createIndex(*family, column, kTopLevel));
    }
    changePersistentIndexList(std::exchange(m_persistent, {}), after);
    m_identities.clear();
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
    return m_flat->index(familyOf(int(index.internalId() - 1))->children.at(index.row()),
                         index.column());
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
    if (const Family *family = familyOf(index.row())) {
        for (const int row : family->children)
            keys.append(flatKey(row));
    }
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
    const Family *family = familyOf(parent.row());
    if (!family || row < 0 || row >= family->children.size())
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
    const Family *family = familyOf(parent.row());
    return family ? int(family->children.size()) : 0;
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
    if (const Family *family = top ? familyOf(index.row()) : nullptr) {
        // A family's row: its name and series count, the numbers of its total.
        switch (role) {
        case IsFamilyRole:
            return true;
        case SeriesCountRole:
            return int(family->children.size());
        case CounterListModel::SeriesKeyRole:
            return QVariant::fromValue(family->total);
        case CounterListModel::NameRole:
        case CounterListModel::FamilyRole:
            return family->name;
        case Qt::ToolTipRole:
            if (index.column() == CounterListModel::NameColumn) {
                return tr("Counter family %1: %2 series shown; this row sums up all its series")
                    .arg(family->name, QLocale().toString(family->children.size()));
            }
            break;
        case Qt::DisplayRole:
            if (index.column() == CounterListModel::NameColumn)
                return family->name;
            break;
        default:
            break;
        }
        if (!m_counters)
            return QVariant();
        const int row = m_counters->rowOf(family->total);
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
    // While a layout change is open the rows are not placed yet; its end redraws them all,
    // and places them all again when one may have changed its family.
    if (m_prepared) {
        if (roles.isEmpty() || roles.contains(CounterListModel::FamilyRole))
            m_appendOnly = false;
        return;
    }
    const int last = std::min(bottomRight.row(), int(m_places.size()) - 1);
    // A series that moved into or out of a family needs a new layout.
    if (roles.isEmpty() || roles.contains(CounterListModel::FamilyRole)) {
        for (int row = topLeft.row(); row <= last; ++row) {
            const QString family =
                m_flat->index(row, 0).data(CounterListModel::FamilyRole).toString();
            const Place &place = m_places.at(row);
            const bool inFamily = place.child >= 0;
            if (inFamily != !family.isEmpty()
                || (inFamily && familyOf(place.item)->name != family)) {
                relayout();
                return;
            }
        }
    }
    // One dataChanged for each run of rows that are neighbours here too: the age column of
    // 400,000 rows changes every second.
    const auto follows = [](const Place &a, const Place &b) {
        return a.child < 0 ? b.child < 0 && b.item == a.item + 1
                           : b.item == a.item && b.child == a.child + 1;
    };
    int first = topLeft.row();
    for (int row = first; row <= last; ++row) {
        if (row < last && follows(m_places.at(row), m_places.at(row + 1)))
            continue;
        Q_EMIT dataChanged(mapFromFlat(first, topLeft.column()),
                           mapFromFlat(row, bottomRight.column()), roles);
        first = row + 1;
    }
}

void FamilyGroupProxyModel::onCountersDataChanged(const QModelIndex &topLeft,
                                                  const QModelIndex &bottomRight,
                                                  const QList<int> &roles)
{
    if (m_familyRow.isEmpty() || !m_counters || m_prepared)
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
