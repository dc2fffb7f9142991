// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>

#include <QRegularExpression>
#include <QSortFilterProxyModel>

#include <optional>

namespace dashboard {

class CounterListModel;

/**
 * Filters and sorts a CounterListModel: by text in the counter's name (case-insensitive; a
 * substring, or a wildcard pattern when it holds `*` or `?`) or, for text `label=value`, in a
 * labelled series' label of that name (the value a substring or pattern), by counter type, by
 * source, and hides the per-process rows of multi-process reports unless showNodes() is on.
 * The rows that sum families up (isAggregate(): FamilyGroupProxyModel shows them as the
 * families' own rows) are left out. Sorts numeric columns by number (rows without a value
 * last), the others by text.
 *
 * Not thread-safe (GUI thread).
 */
class CounterFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CounterFilterProxyModel(QObject *parent = nullptr);
    ~CounterFilterProxyModel() override;

    /// `source` must be a CounterListModel: rows are read from it directly, as QVariants for
    /// each of 400,000 rows take too long.
    void setSourceModel(QAbstractItemModel *source) override;

    void setFilterText(const QString &text);
    /// Only counters of `type`; std::nullopt: every type.
    void setTypeFilter(std::optional<counters::CounterType> type);
    /// Only the counters of the source with this Source::id(); empty: every source.
    void setSourceFilter(const QString &sourceId);
    /// Whether the rows of each process of a multi-process report are shown (default off).
    bool showNodes() const { return m_showNodes; }
    void setShowNodes(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool textMatches(const QString &text) const;
    bool lessByName(int left, int right) const;

    const CounterListModel *m_list = nullptr;
    QString m_text;
    QString m_label; // the label name of a `label=value` filter; m_text is then the value
    QRegularExpression m_pattern;
    QString m_sourceId;
    std::optional<counters::CounterType> m_type;
    bool m_showNodes = false;
};

} // namespace dashboard
