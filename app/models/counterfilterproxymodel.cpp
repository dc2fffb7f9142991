// SPDX-License-Identifier: MIT
#include "counterfilterproxymodel.h"

#include "counterlistmodel.h"
#include "familyaggregates.h"

namespace dashboard {

CounterFilterProxyModel::CounterFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Values change every frame: keep the order and the filter current as they do.
    setDynamicSortFilter(true);
}

CounterFilterProxyModel::~CounterFilterProxyModel() = default;

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
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (isAggregate(index.data(CounterListModel::NameRole).toString())
        && !index.data(CounterListModel::FamilyRole).toString().isEmpty())
        return false;
    if (!m_showNodes && !index.data(CounterListModel::NodeRole).toString().isEmpty())
        return false;
    if (m_type && index.data(CounterListModel::TypeRole).toInt() != int(*m_type))
        return false;
    if (!m_sourceId.isEmpty()
        && index.data(CounterListModel::SourceIdRole).toString() != m_sourceId)
        return false;
    if (!m_label.isEmpty()) {
        const auto labels = index.data(CounterListModel::LabelsRole).value<counters::Labels>();
        const auto it = labels.constFind(m_label);
        return it != labels.cend() && textMatches(*it);
    }
    return m_text.isEmpty() || textMatches(index.data(CounterListModel::NameRole).toString());
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
    const QVariant a = left.data(role);
    const QVariant b = right.data(role);
    if (role != Qt::DisplayRole && role != CounterListModel::NameRole) {
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
    // Ties: by name, then per-process rows after their merged row.
    const int byName =
        QString::compare(left.data(CounterListModel::NameRole).toString(),
                         right.data(CounterListModel::NameRole).toString(), Qt::CaseInsensitive);
    if (byName != 0)
        return byName < 0;
    return left.data(CounterListModel::NodeRole).toString()
        < right.data(CounterListModel::NodeRole).toString();
}

} // namespace dashboard
