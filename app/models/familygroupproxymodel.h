// SPDX-License-Identifier: MIT
#pragma once

#include "serieskey.h"

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QPersistentModelIndex>
#include <QPointer>

#include <vector>

namespace dashboard {

class CounterListModel;

/**
 * The counter table as a tree: the series of a labelled counter family (rows with a
 * CounterListModel::FamilyRole) become the children of one row per family, source and
 * process; other counters stay top-level rows. Sits on a sorted and filtered flat model
 * (CounterFilterProxyModel over `counters`) and keeps its order: a family's row takes the place
 * of its first series, its children their order.
 *
 * A family's row reads its numbers from the family's total (totalName(), which the flat model
 * filters out) in `counters`: its SeriesKeyRole is that total's key, so charting the row
 * charts the family summed up. Its name is the family's; a child's name column shows only its
 * labels (`kind=text`), its tooltip the whole series name. IsFamilyRole tells the rows apart.
 *
 * The flat model's changes of structure (rows in and out, sorting, filtering) come out as one
 * layout change (one for all the blocks of a change of the counter list: rowsAboutToChange()
 * to rowsChanged()), with persistent indexes (selection, expanded families) carried over by
 * series; value changes as dataChanged of the rows concerned. Rows added after all others
 * are placed without a rebuild.
 *
 * Not thread-safe (GUI thread).
 */
class FamilyGroupProxyModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        IsFamilyRole = Qt::UserRole + 100, ///< bool: a family's row.
        SeriesCountRole,                   ///< int: a family's series shown.
    };
    Q_ENUM(Role)

    /// `flat`: a proxy of `counters` that sorts and filters its rows (both not owned, outliving
    /// the proxy).
    FamilyGroupProxyModel(QAbstractProxyModel *flat, CounterListModel *counters,
                          QObject *parent = nullptr);
    ~FamilyGroupProxyModel() override;

    /// The flat model's index of a series' row; invalid for a family's row.
    QModelIndex mapToFlat(const QModelIndex &index) const;
    /// The index of the flat model's row `flatRow`.
    QModelIndex mapFromFlat(int flatRow, int column = 0) const;
    /// The keys of a family row's children, in order; empty for other rows.
    QList<SeriesKey> childKeys(const QModelIndex &index) const;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    /// A top-level row: a series' or a family's. Small, as a report may have 400,000 rows.
    struct Item
    {
        int flatRow = -1; ///< A series: its flat row; a family: -1.
        int family = -1;  ///< A family: its index in m_families.
    };
    struct Family
    {
        SeriesKey total;     ///< The key of its total.
        QString name;        ///< The family's name.
        QList<int> children; ///< Its series' flat rows, in order.
    };
    /// Where a flat row is: its top-level item, and its place among that item's children
    /// (-1: it is the item).
    struct Place
    {
        int item = -1;
        int child = -1;
    };

    void rebuild();
    /// Places the flat model's rows from the first not placed yet up to `rows`.
    void placeRows(int rows);
    /// Brings m_inFamily up to date with the counter list.
    void readFamilies();
    /// Before the flat model changes its structure: opens a layout change, and notes what the
    /// persistent indexes show (a family's total, or a flat index the flat model keeps).
    void prepareRelayout();
    /// After: notes what changed, and closes the layout change unless the counter list is in
    /// the middle of a change (which may come as many blocks): then at its end.
    void onFlatRowsInserted(const QModelIndex &parent, int first, int last);
    void onFlatChanged();
    /// Closes the layout change: places new rows or rebuilds, and moves the persistent indexes
    /// to what they showed.
    void relayout();
    void onFlatDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles);
    void onCountersDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                               const QList<int> &roles);
    /// The key of the flat model's row `flatRow`, and its row in the counter list.
    const SeriesKey &flatKey(int flatRow) const;
    int counterRowOf(int flatRow) const;
    const Family *familyOf(int item) const;

    QPointer<QAbstractProxyModel> m_flat;
    QPointer<CounterListModel> m_counters;
    QList<Item> m_items;
    QList<Family> m_families;
    QList<Place> m_places; ///< By flat row.
    /// Between prepareRelayout() and relayout(): the persistent indexes and what they showed,
    /// and whether the flat model only added rows at its end (up to m_placedTo).
    struct Identity
    {
        SeriesKey family; // a family's row: its total
        QPersistentModelIndex flat;
    };
    QModelIndexList m_persistent;
    QList<Identity> m_identities;
    bool m_prepared = false;
    bool m_appendOnly = true;
    int m_placedTo = 0;
    bool m_inCountersChange = false;
    QHash<SeriesKey, int> m_familyRow; ///< A family's total → its item.
    std::vector<char> m_inFamily;      ///< By counter list row: whether it has a family.
    quint64 m_familiesRead = 0;        ///< The list's kindRevision() m_inFamily is of.
};

} // namespace dashboard
