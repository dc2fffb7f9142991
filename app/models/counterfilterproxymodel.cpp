// SPDX-License-Identifier: MIT
#include "counterfilterproxymodel.h"

#include "counterlistmodel.h"
#include "valueformat.h"

#include <QScopedValueRollback>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dashboard {

namespace {

constexpr double kNoNumber = std::numeric_limits<double>::quiet_NaN();

enum class KeyKind { Name, Number, Text };

KeyKind keyKind(int column)
{
    switch (column) {
    case CounterListModel::NameColumn:
        return KeyKind::Name;
    case CounterListModel::TypeColumn:
    case CounterListModel::SourceColumn:
        return KeyKind::Text;
    default:
        return KeyKind::Number;
    }
}

double number(const std::optional<double> &value)
{
    return value ? *value : kNoNumber;
}

} // namespace

CounterFilterProxyModel::CounterFilterProxyModel(QObject *parent) : QAbstractProxyModel(parent) { }

CounterFilterProxyModel::~CounterFilterProxyModel() = default;

void CounterFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_list = qobject_cast<const CounterListModel *>(source);
    Q_ASSERT(m_list || !source);
    QAbstractProxyModel::setSourceModel(source);
    if (m_list)
        connectList();
    rebuild();
    endResetModel();
}

void CounterFilterProxyModel::connectList()
{
    const auto connect = [this](auto signal, auto slot) {
        m_connections.append(QObject::connect(m_list, signal, this, slot));
    };
    connect(&QObject::destroyed, [this] {
        beginResetModel();
        m_list = nullptr;
        m_connections.clear();
        rebuild();
        endResetModel();
    });
    connect(&QAbstractItemModel::rowsInserted, &CounterFilterProxyModel::onRowsInserted);
    connect(&QAbstractItemModel::rowsAboutToBeRemoved,
            &CounterFilterProxyModel::onRowsAboutToBeRemoved);
    connect(&QAbstractItemModel::rowsRemoved, &CounterFilterProxyModel::onRowsRemoved);
    connect(&QAbstractItemModel::dataChanged,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                   const QList<int> &roles) {
                onDataChanged(topLeft, bottomRight);
                // Forwarded as one change spanning the rows shown (a superset, for a range of
                // the list's rows).
                int low = std::numeric_limits<int>::max();
                int high = -1;
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                    const int shown = m_proxyOf.at(std::size_t(row));
                    if (shown >= 0) {
                        low = std::min(low, shown);
                        high = std::max(high, shown);
                    }
                }
                if (high >= 0)
                    Q_EMIT dataChanged(index(low, topLeft.column()),
                                       index(high, bottomRight.column()), roles);
                if (!m_inChange)
                    settle();
            });
    connect(&QAbstractItemModel::headerDataChanged,
            [this](Qt::Orientation orientation, int first, int last) {
                if (orientation == Qt::Horizontal) // rows have no headers here
                    Q_EMIT headerDataChanged(orientation, first, last);
            });
    connect(&CounterListModel::rowsAboutToChange, [this] { m_inChange = true; });
    connect(&CounterListModel::rowsChanged, [this] {
        m_inChange = false;
        settle();
    });
    // The list never moves its rows; should a model do so, everything is read again.
    const auto begin = [this] { beginResetModel(); };
    const auto end = [this] {
        rebuild();
        endResetModel();
    };
    connect(&QAbstractItemModel::modelAboutToBeReset, begin);
    connect(&QAbstractItemModel::modelReset, end);
    connect(&QAbstractItemModel::layoutAboutToBeChanged, begin);
    connect(&QAbstractItemModel::layoutChanged, end);
    connect(&QAbstractItemModel::rowsAboutToBeMoved, begin);
    connect(&QAbstractItemModel::rowsMoved, end);
}

// --- Filter ---------------------------------------------------------------------------------

void CounterFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text && m_label.isEmpty())
        return;
    m_text = trimmed;
    m_label.clear();
    const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
    if (equals > 0 && counters::isValidLabelName(QStringView(trimmed).left(equals).trimmed())) {
        m_label = trimmed.left(equals).trimmed();
        m_text = trimmed.mid(equals + 1).trimmed();
    }
    if (m_text.contains(QLatin1Char('*')) || m_text.contains(QLatin1Char('?'))) {
        m_pattern =
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                   m_text, QRegularExpression::UnanchoredWildcardConversion),
                               QRegularExpression::CaseInsensitiveOption);
    } else {
        m_pattern = QRegularExpression();
    }
    refilter();
}

void CounterFilterProxyModel::setTypeFilter(std::optional<counters::CounterType> type)
{
    if (type == m_type)
        return;
    m_type = type;
    refilter();
}

void CounterFilterProxyModel::setSourceFilter(const QString &sourceId)
{
    if (sourceId == m_sourceId)
        return;
    m_sourceId = sourceId;
    refilter();
}

void CounterFilterProxyModel::setShowNodes(bool show)
{
    if (show == m_showNodes)
        return;
    m_showNodes = show;
    refilter();
}

void CounterFilterProxyModel::refilter()
{
    settle();
    for (std::size_t row = 0; row < m_accepted.size(); ++row)
        m_accepted[row] = accepts(int(row));
    showAccepted();
}

bool CounterFilterProxyModel::accepts(int sourceRow) const
{
    const SeriesKey &key = m_list->keyAt(sourceRow);
    const counters::CounterRow &row = m_list->counterRow(sourceRow);
    if (m_list->isFamilyAggregate(sourceRow))
        return false;
    if (!m_showNodes && key.isNode())
        return false;
    if (m_type && row.type != *m_type)
        return false;
    if (!m_sourceId.isEmpty() && key.sourceId != m_sourceId)
        return false;
    if (!m_label.isEmpty()) {
        const auto it = row.labels.constFind(m_label);
        return it != row.labels.cend() && textMatches(*it);
    }
    return m_text.isEmpty() || textMatches(key.counter);
}

bool CounterFilterProxyModel::textMatches(const QString &text) const
{
    if (m_pattern.isValid() && !m_pattern.pattern().isEmpty())
        return m_pattern.match(text).hasMatch();
    return text.contains(m_text, Qt::CaseInsensitive);
}

// --- Order ----------------------------------------------------------------------------------

void CounterFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (column >= CounterListModel::ColumnCount)
        column = -1;
    settle();
    m_sortColumn = column;
    m_order = order;
    if (!m_list)
        return;
    for (std::size_t row = 0; row < m_accepted.size(); ++row)
        readKey(int(row));
    std::vector<int> all(m_accepted.size());
    std::iota(all.begin(), all.end(), 0);
    if (m_sortColumn >= 0)
        std::sort(all.begin(), all.end(), [this](int a, int b) { return before(a, b); });
    m_all = std::move(all);
    indexAll();
    showAccepted();
}

void CounterFilterProxyModel::readKey(int sourceRow)
{
    const auto row = std::size_t(sourceRow);
    switch (m_sortColumn) {
    case CounterListModel::ValueColumn:
        m_numbers[row] = number(m_list->counterRow(sourceRow).value);
        break;
    case CounterListModel::MinColumn:
        m_numbers[row] = number(m_list->windowStats(sourceRow).min);
        break;
    case CounterListModel::AvgColumn:
        m_numbers[row] = number(m_list->windowStats(sourceRow).avg);
        break;
    case CounterListModel::MaxColumn:
        m_numbers[row] = number(m_list->windowStats(sourceRow).max);
        break;
    case CounterListModel::P50Column:
        m_numbers[row] = number(m_list->windowStats(sourceRow).p50);
        break;
    case CounterListModel::P90Column:
        m_numbers[row] = number(m_list->windowStats(sourceRow).p90);
        break;
    case CounterListModel::P99Column:
        m_numbers[row] = number(m_list->windowStats(sourceRow).p99);
        break;
    case CounterListModel::WindowColumn:
        m_numbers[row] = m_list->counterRow(sourceRow).window;
        break;
    case CounterListModel::CountColumn:
        m_numbers[row] = double(m_list->counterRow(sourceRow).count);
        break;
    case CounterListModel::AgeColumn: {
        // Younger first: the newer reading. (The age itself moves with the clock.)
        const double time = m_list->timeAt(sourceRow);
        m_numbers[row] = time > 0 ? -time : kNoNumber;
        break;
    }
    case CounterListModel::TypeColumn:
        m_texts[row] = ValueFormat::typeName(m_list->counterRow(sourceRow).type);
        break;
    case CounterListModel::SourceColumn:
        m_texts[row] = m_list->sourceText(sourceRow);
        break;
    default:
        break;
    }
}

bool CounterFilterProxyModel::before(int a, int b) const
{
    if (m_sortColumn < 0)
        return a < b;
    const bool descending = m_order == Qt::DescendingOrder;
    switch (keyKind(m_sortColumn)) {
    case KeyKind::Number: {
        const double x = m_numbers[std::size_t(a)];
        const double y = m_numbers[std::size_t(b)];
        // Rows without a number come last, whatever the order.
        if (std::isnan(x) != std::isnan(y))
            return !std::isnan(x);
        if (!std::isnan(x) && x != y)
            return descending ? x > y : x < y;
        break;
    }
    case KeyKind::Text: {
        const int order =
            QString::compare(m_texts[std::size_t(a)], m_texts[std::size_t(b)], Qt::CaseInsensitive);
        if (order != 0)
            return descending ? order > 0 : order < 0;
        break;
    }
    case KeyKind::Name:
        break;
    }
    const int byName = compareNames(a, b);
    if (byName != 0)
        return descending ? byName > 0 : byName < 0;
    return a < b;
}

int CounterFilterProxyModel::compareNames(int a, int b) const
{
    // By name, then per-process rows after their merged row, then by source.
    const SeriesKey &x = m_list->keyAt(a);
    const SeriesKey &y = m_list->keyAt(b);
    if (const int byName = QString::compare(x.counter, y.counter, Qt::CaseInsensitive))
        return byName;
    if (const int byNode = QString::compare(x.node, y.node))
        return byNode;
    return QString::compare(x.sourceId, y.sourceId);
}

// --- Structure ------------------------------------------------------------------------------

void CounterFilterProxyModel::rebuild()
{
    const int rows = m_list ? m_list->rowCount() : 0;
    m_accepted.assign(std::size_t(rows), 0);
    m_numbers.assign(std::size_t(rows), kNoNumber);
    m_texts.assign(std::size_t(rows), QString());
    m_dirty.clear();
    m_all.resize(std::size_t(rows));
    std::iota(m_all.begin(), m_all.end(), 0);
    for (int row = 0; row < rows; ++row) {
        m_accepted[std::size_t(row)] = accepts(row);
        readKey(row);
    }
    if (m_sortColumn >= 0)
        std::sort(m_all.begin(), m_all.end(), [this](int a, int b) { return before(a, b); });
    indexAll();
    m_rows.clear();
    for (const int row : m_all) {
        if (m_accepted[std::size_t(row)])
            m_rows.push_back(row);
    }
    indexShown();
}

void CounterFilterProxyModel::showAccepted()
{
    std::vector<int> target;
    target.reserve(m_rows.size());
    for (const int row : m_all) {
        if (m_accepted[std::size_t(row)])
            target.push_back(row);
    }
    show(std::move(target));
}

void CounterFilterProxyModel::show(std::vector<int> target)
{
    Q_ASSERT_X(!m_showing, "CounterFilterProxyModel",
               "changed its filter or order from a slot of its own signals");
    const QScopedValueRollback<bool> showing(m_showing, true);
    // 1. The rows that go: one removal, after a layout change that gathers them at the end
    // when they are scattered.
    std::vector<char> wanted(m_accepted.size(), 0);
    for (const int row : target)
        wanted[std::size_t(row)] = 1;
    std::vector<int> kept;
    kept.reserve(m_rows.size());
    int firstGone = -1;
    int lastGone = -1;
    int gone = 0;
    for (std::size_t at = 0; at < m_rows.size(); ++at) {
        if (wanted[std::size_t(m_rows[at])]) {
            kept.push_back(m_rows[at]);
            continue;
        }
        if (firstGone < 0)
            firstGone = int(at);
        lastGone = int(at);
        ++gone;
    }
    if (gone > 0) {
        if (lastGone - firstGone + 1 != gone) {
            std::vector<int> gathered = kept;
            for (const int row : m_rows) {
                if (!wanted[std::size_t(row)])
                    gathered.push_back(row);
            }
            reorder(std::move(gathered));
            firstGone = int(kept.size());
            lastGone = int(m_rows.size()) - 1;
        }
        beginRemoveRows(QModelIndex(), firstGone, lastGone);
        m_rows = std::move(kept);
        indexShown();
        endRemoveRows();
    }

    // 2. The rows that come: one insertion at the end.
    std::vector<int> added;
    for (const int row : target) {
        if (m_proxyOf[std::size_t(row)] < 0)
            added.push_back(row);
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.cbegin(), added.cend());
        for (std::size_t i = 0; i < added.size(); ++i)
            m_proxyOf[std::size_t(added[i])] = first + int(i);
        endInsertRows();
    }

    // 3. Everything in its place: one layout change.
    if (m_rows != target)
        reorder(std::move(target));
}

void CounterFilterProxyModel::reorder(std::vector<int> rows)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // (Read after the signal: models built on this one note their persistent indexes then.)
    const QModelIndexList from = persistentIndexList();
    const std::vector<int> old = std::exchange(m_rows, std::move(rows));
    indexShown();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        const int row = m_proxyOf[std::size_t(old[std::size_t(index.row())])];
        to.append(row < 0 ? QModelIndex() : createIndex(row, index.column()));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CounterFilterProxyModel::indexShown()
{
    m_proxyOf.assign(m_accepted.size(), -1);
    for (std::size_t at = 0; at < m_rows.size(); ++at)
        m_proxyOf[std::size_t(m_rows[at])] = int(at);
}

void CounterFilterProxyModel::indexAll()
{
    m_allPos.resize(m_all.size());
    for (std::size_t at = 0; at < m_all.size(); ++at)
        m_allPos[std::size_t(m_all[at])] = int(at);
}

void CounterFilterProxyModel::settle()
{
    if (m_dirty.empty())
        return;
    std::vector<int> dirty = std::exchange(m_dirty, {});
    std::sort(dirty.begin(), dirty.end());
    dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());
    bool filtered = false;
    for (const int row : dirty) {
        readKey(row);
        const char accepted = accepts(row);
        if (accepted != m_accepted[std::size_t(row)]) {
            m_accepted[std::size_t(row)] = accepted;
            filtered = true;
        }
    }
    // The order holds when each changed row still fits between its neighbours (the others
    // kept their keys). Else the changed rows leave and come back, merged into the others.
    const auto fits = [this](int row) {
        const auto at = std::size_t(m_allPos[std::size_t(row)]);
        return (at == 0 || before(m_all[at - 1], row))
            && (at + 1 == m_all.size() || before(row, m_all[at + 1]));
    };
    const bool moved = m_sortColumn >= 0 && !std::all_of(dirty.cbegin(), dirty.cend(), fits);
    if (moved) {
        std::vector<char> isDirty(m_accepted.size(), 0);
        for (const int row : dirty)
            isDirty[std::size_t(row)] = 1;
        std::vector<int> clean;
        clean.reserve(m_all.size());
        for (const int row : m_all) {
            if (!isDirty[std::size_t(row)])
                clean.push_back(row);
        }
        std::sort(dirty.begin(), dirty.end(), [this](int a, int b) { return before(a, b); });
        m_all = merged(clean, dirty);
        indexAll();
    }
    if (filtered || moved)
        showAccepted();
}

std::vector<int> CounterFilterProxyModel::merged(const std::vector<int> &sorted,
                                                 const std::vector<int> &block) const
{
    // A place for each row of the block by binary search (a few compares each), then copies:
    // a block of 2,500 rows into 400,000 without 400,000 compares.
    std::vector<int> result;
    result.reserve(sorted.size() + block.size());
    auto from = sorted.cbegin();
    for (const int row : block) {
        const auto at = std::upper_bound(from, sorted.cend(), row,
                                         [this](int a, int b) { return before(a, b); });
        result.insert(result.end(), from, at);
        result.push_back(row);
        from = at;
    }
    result.insert(result.end(), from, sorted.cend());
    return result;
}

void CounterFilterProxyModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_list)
        return;
    settle();
    const int count = last - first + 1;
    if (std::size_t(first) < m_accepted.size()) { // rows in between: the later ones move on
        for (int &row : m_all)
            row += row >= first ? count : 0;
        for (int &row : m_rows)
            row += row >= first ? count : 0;
    }
    const auto at = std::size_t(first);
    m_accepted.insert(m_accepted.begin() + qsizetype(at), std::size_t(count), 0);
    m_numbers.insert(m_numbers.begin() + qsizetype(at), std::size_t(count), kNoNumber);
    m_texts.insert(m_texts.begin() + qsizetype(at), std::size_t(count), QString());
    indexShown();
    std::vector<int> added(static_cast<std::size_t>(count));
    std::iota(added.begin(), added.end(), first);
    for (const int row : added) {
        m_accepted[std::size_t(row)] = accepts(row);
        readKey(row);
    }
    if (m_sortColumn >= 0)
        std::sort(added.begin(), added.end(), [this](int a, int b) { return before(a, b); });

    // A report's parts in name order come after everything: shown as one insertion at the
    // end, nothing else moves.
    if (m_all.empty() || before(m_all.back(), added.front())) {
        m_all.insert(m_all.end(), added.cbegin(), added.cend());
        indexAll();
        std::vector<int> shown;
        for (const int row : added) {
            if (m_accepted[std::size_t(row)])
                shown.push_back(row);
        }
        if (shown.empty())
            return;
        const int from = int(m_rows.size());
        beginInsertRows(QModelIndex(), from, from + int(shown.size()) - 1);
        m_rows.insert(m_rows.end(), shown.cbegin(), shown.cend());
        for (std::size_t i = 0; i < shown.size(); ++i)
            m_proxyOf[std::size_t(shown[i])] = from + int(i);
        endInsertRows();
        return;
    }
    m_all = merged(m_all, added);
    indexAll();
    showAccepted();
}

void CounterFilterProxyModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_list)
        return;
    settle();
    // The rows go now, while the list still has them to map to.
    std::vector<int> target;
    target.reserve(m_rows.size());
    for (const int row : m_rows) {
        if (row < first || row > last)
            target.push_back(row);
    }
    if (target.size() != m_rows.size())
        show(std::move(target));
}

void CounterFilterProxyModel::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_list)
        return;
    const int count = last - first + 1;
    const auto renumber = [&](std::vector<int> &rows) {
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [&](int row) { return row >= first && row <= last; }),
                   rows.end());
        for (int &row : rows)
            row -= row > last ? count : 0;
    };
    renumber(m_all);
    renumber(m_rows);
    renumber(m_dirty);
    const auto from = qsizetype(first);
    const auto to = qsizetype(last) + 1;
    m_accepted.erase(m_accepted.begin() + from, m_accepted.begin() + to);
    m_numbers.erase(m_numbers.begin() + from, m_numbers.begin() + to);
    m_texts.erase(m_texts.begin() + from, m_texts.begin() + to);
    indexAll();
    indexShown();
}

void CounterFilterProxyModel::onDataChanged(const QModelIndex &topLeft,
                                            const QModelIndex &bottomRight)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    // A change of the sort column may move the row; of its name or type columns (its type,
    // family, labels), change what the filter says.
    const bool mayMove = m_sortColumn >= topLeft.column() && m_sortColumn <= bottomRight.column();
    const bool mayFilter = topLeft.column() <= CounterListModel::TypeColumn;
    if (!mayMove && !mayFilter)
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        m_dirty.push_back(row);
}

// --- Mapping --------------------------------------------------------------------------------

QModelIndex CounterFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_list || !proxyIndex.isValid() || proxyIndex.row() >= int(m_rows.size()))
        return QModelIndex();
    return m_list->index(m_rows[std::size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex CounterFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= int(m_proxyOf.size()))
        return QModelIndex();
    const int row = m_proxyOf[std::size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

QModelIndex CounterFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= int(m_rows.size()) || column < 0
        || column >= columnCount())
        return QModelIndex();
    return createIndex(row, column);
}

QModelIndex CounterFilterProxyModel::parent(const QModelIndex &) const
{
    return QModelIndex();
}

int CounterFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CounterFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_list ? 0 : m_list->columnCount();
}

bool CounterFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.empty();
}

QVariant CounterFilterProxyModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    // The list's headers, also while no row is shown (the base class maps through row 0).
    if (orientation == Qt::Horizontal && m_list)
        return m_list->headerData(section, orientation, role);
    return QAbstractProxyModel::headerData(section, orientation, role);
}

} // namespace dashboard
