// SPDX-License-Identifier: MIT
#include "counterfilterproxymodel.h"

#include "counterlistmodel.h"

namespace dashboard {

CounterFilterProxyModel::CounterFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Values change every frame: keep the order and the filter current as they do.
    setDynamicSortFilter(true);
}

CounterFilterProxyModel::~CounterFilterProxyModel() = default;

void CounterFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    m_list = qobject_cast<const CounterListModel *>(source);
    Q_ASSERT(m_list || !source);
    QSortFilterProxyModel::setSourceModel(source);
}

void CounterFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
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
    invalidateFilter();
}

void CounterFilterProxyModel::setTypeFilter(std::optional<counters::CounterType> type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

void CounterFilterProxyModel::setSourceFilter(const QString &sourceId)
{
    if (sourceId == m_sourceId)
        return;
    m_sourceId = sourceId;
    invalidateFilter();
}

void CounterFilterProxyModel::setShowNodes(bool show)
{
    if (show == m_showNodes)
        return;
    m_showNodes = show;
    invalidateFilter();
}

bool CounterFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_list || sourceParent.isValid())
        return false;
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

bool CounterFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int role = CounterListModel::sortRole(left.column());
    if (role == CounterListModel::NameRole) // the usual order, read directly
        return lessByName(left.row(), right.row());
    const QVariant a = left.data(role);
    const QVariant b = right.data(role);
    if (role != Qt::DisplayRole) {
        // Numbers; rows without one sort after those with one, whatever the order.
        const bool ascending = sortOrder() == Qt::AscendingOrder;
        if (!a.isValid() || !b.isValid()) {
            if (a.isValid() == b.isValid())
                return left.row() < right.row();
            return ascending ? a.isValid() : !a.isValid();
        }
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (x != y)
            return x < y;
    } else {
        const int order = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
    }
    return lessByName(left.row(), right.row()); // ties
}

bool CounterFilterProxyModel::lessByName(int left, int right) const
{
    // By name, then per-process rows after their merged row.
    const SeriesKey &x = m_list->keyAt(left);
    const SeriesKey &y = m_list->keyAt(right);
    const int byName = QString::compare(x.counter, y.counter, Qt::CaseInsensitive);
    if (byName != 0)
        return byName < 0;
    return x.node < y.node;
}

} // namespace dashboard
