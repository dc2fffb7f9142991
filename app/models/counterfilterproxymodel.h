// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>

#include <QAbstractProxyModel>
#include <QRegularExpression>

#include <optional>
#include <vector>

namespace dashboard {

class CounterListModel;

/**
 * Filters and sorts a CounterListModel: by text in the counter's name (case-insensitive; a
 * substring, or a wildcard pattern when it holds `*` or `?`) or, for text `label=value`, in a
 * labelled series' label of that name (the value a substring or pattern), by counter type, by
 * source, and hides the per-process rows of multi-process reports unless showNodes() is on.
 * The rows that sum families up (isAggregate(): FamilyGroupProxyModel shows them as the
 * families' own rows) are left out. Sorts numeric columns by number (rows without a value
 * last, whatever the order), the others by text, ties by name; the age column by the time of
 * the reading.
 *
 * Built for reports of 400,000 counters that come in parts: the rows of all sources are kept
 * in sorted order, a block of new rows is sorted on its own and merged in (a report's rows
 * sorted by value land all over the table), and the rows whose values changed during a
 * change of the list (CounterListModel::rowsAboutToChange() to rowsChanged()) find their new
 * places once, at its end. Rows shown, hidden or moved come out as at most one removal (after
 * a layout change that gathers the rows that go, when they are scattered), one insertion and
 * one layout change, with the persistent indexes carried over; rows that only arrive at the
 * end of the order as one insertion.
 *
 * Not re-entrant: slots connected to its signals must not change its filter or its order.
 * Not thread-safe (GUI thread).
 */
class CounterFilterProxyModel : public QAbstractProxyModel
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

    /// The column sorted by; -1: the list's own order (the default).
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    /// Asks the filter about every row again.
    void refilter();
    bool accepts(int sourceRow) const;
    bool textMatches(const QString &text) const;

    /// Reads the sort key of `sourceRow` into m_numbers or m_texts.
    void readKey(int sourceRow);
    /// Whether `a` comes before `b` (source rows): a strict total order.
    bool before(int a, int b) const;
    int compareNames(int a, int b) const;
    /// `sorted` and `block` (both in order) merged.
    std::vector<int> merged(const std::vector<int> &sorted, const std::vector<int> &block) const;

    void connectList();
    /// Reads every row again (setSourceModel(), a reset of the list).
    void rebuild();
    /// Shows the accepted rows of m_all, in its order.
    void showAccepted();
    /// Makes `target` (source rows) the rows shown: one removal, one insertion and one
    /// layout change at most.
    void show(std::vector<int> target);
    /// A layout change to `rows`, the same rows in another order.
    void reorder(std::vector<int> rows);
    void indexShown();
    void indexAll();
    /// Finds the places and the filter's answer of the rows changed since the last call.
    void settle();

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    const CounterListModel *m_list = nullptr;
    std::vector<int> m_all;        // every source row, in the order shown
    std::vector<int> m_allPos;     // source row → its place in m_all
    std::vector<int> m_rows;       // proxy row → source row: the accepted ones of m_all
    std::vector<int> m_proxyOf;    // source row → proxy row, -1 when not shown
    std::vector<char> m_accepted;  // source row → whether the filter takes it
    std::vector<double> m_numbers; // source row → its number in a numeric sort column
    std::vector<QString> m_texts;  // source row → its text in a text sort column
    std::vector<int> m_dirty;      // source rows changed during a change of the list
    bool m_inChange = false;
    bool m_showing = false;                       // in show()
    QList<QMetaObject::Connection> m_connections; // to m_list
    int m_sortColumn = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;

    QString m_text;
    QString m_label; // the label name of a `label=value` filter; m_text is then the value
    QRegularExpression m_pattern;
    QString m_sourceId;
    std::optional<counters::CounterType> m_type;
    bool m_showNodes = false;
};

} // namespace dashboard
