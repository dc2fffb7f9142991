// SPDX-License-Identifier: MIT
#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "snapshots.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using counters::CounterType;
using dashboard::CounterFilterProxyModel;
using dashboard::CounterListModel;
using namespace testdata;

namespace {

/// `count` rows named c<first>…, with values from `random` (every seventh without one).
QList<counters::CounterRow> someRows(int first, int count, QRandomGenerator &random)
{
    QList<counters::CounterRow> rows;
    for (int i = first; i < first + count; ++i) {
        const std::optional<double> value =
            i % 7 == 0 ? std::nullopt : std::optional<double>(random.bounded(50));
        rows.append(row(QStringLiteral("c%1").arg(i, 3, 10, QLatin1Char('0')),
                        CounterType::AverageWindow, value));
    }
    return rows;
}

} // namespace

class CounterFilterProxyModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_list = std::make_unique<CounterListModel>();
        m_proxy = std::make_unique<CounterFilterProxyModel>();
        m_proxy->setSourceModel(m_list.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"), tutorial(1000));
        const auto merged =
            snapshot(1000, {row(QStringLiteral("hits"), CounterType::Frequency, 5)},
                     {node(QStringLiteral("n1"), 1000,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 2)}),
                      node(QStringLiteral("n2"), 1000,
                           {row(QStringLiteral("hits"), CounterType::Frequency, 3)})});
        m_list->applySnapshot(QStringLiteral("b"), QStringLiteral("B"), merged);
    }
    void cleanup()
    {
        m_tester.reset();
        m_proxy.reset();
        m_list.reset();
    }

    void shouldHideTheProcessesUnlessAsked()
    {
        QCOMPARE(m_proxy->rowCount(), 7);
        m_proxy->setShowNodes(true);
        QCOMPARE(m_proxy->rowCount(), 9);
    }

    void shouldFilterByText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("rows");
        QTest::newRow("empty") << QString() << 7;
        QTest::newRow("substring") << QStringLiteral("data_len") << 4;
        QTest::newRow("case-insensitive") << QStringLiteral("REQUESTS_TIME") << 1;
        QTest::newRow("wildcard") << QStringLiteral("requests_*_m??") << 2;
        QTest::newRow("nothing") << QStringLiteral("nope") << 0;
        QTest::newRow("spaces trimmed") << QStringLiteral("  hits ") << 1;
    }
    void shouldFilterByText()
    {
        QFETCH(QString, text);
        QFETCH(int, rows);
        m_proxy->setFilterText(text);
        QCOMPARE(m_proxy->rowCount(), rows);
    }

    void shouldFilterByTypeAndSource()
    {
        m_proxy->setTypeFilter(CounterType::Frequency);
        QCOMPARE(m_proxy->rowCount(), 2);
        m_proxy->setSourceFilter(QStringLiteral("b"));
        QCOMPARE(m_proxy->rowCount(), 1);
        QCOMPARE(m_proxy->index(0, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("hits"));
        m_proxy->setTypeFilter(std::nullopt);
        m_proxy->setSourceFilter(QString());
        QCOMPARE(m_proxy->rowCount(), 7);
    }

    void shouldSortNumbersAsNumbersWithEmptyOnesLast()
    {
        m_list->applySnapshot(
            QStringLiteral("c"), QStringLiteral("C"),
            snapshot(1000,
                     {row(QStringLiteral("none"), CounterType::AverageWindow, std::nullopt),
                      row(QStringLiteral("big"), CounterType::Total, 1000)}));
        m_proxy->sort(CounterListModel::ValueColumn, Qt::AscendingOrder);
        const int last = m_proxy->rowCount() - 1;
        QCOMPARE(m_proxy->index(0, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("requests_time"));
        QCOMPARE(m_proxy->index(last, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("none"));
        QCOMPARE(m_proxy->index(last - 1, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("big"));
        m_proxy->sort(CounterListModel::ValueColumn, Qt::DescendingOrder);
        QCOMPARE(m_proxy->index(0, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("big"));
        QCOMPARE(m_proxy->index(last, 0).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("none"));
    }

    void shouldFollowUpdatesOfTheList()
    {
        m_proxy->setFilterText(QStringLiteral("hits"));
        m_list->removeSource(QStringLiteral("b"));
        QCOMPARE(m_proxy->rowCount(), 0);
    }

    void shouldKeepItsOrderThroughEveryChange_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::newRow("name") << int(CounterListModel::NameColumn) << Qt::AscendingOrder;
        QTest::newRow("name, descending")
            << int(CounterListModel::NameColumn) << Qt::DescendingOrder;
        QTest::newRow("value") << int(CounterListModel::ValueColumn) << Qt::AscendingOrder;
        QTest::newRow("value, descending")
            << int(CounterListModel::ValueColumn) << Qt::DescendingOrder;
        QTest::newRow("type") << int(CounterListModel::TypeColumn) << Qt::AscendingOrder;
        QTest::newRow("unsorted") << -1 << Qt::AscendingOrder;
    }
    // Whatever comes (a report in parts, new values, rows that go, another source with its
    // processes, filters), the rows shown are the accepted ones of the list, in order.
    void shouldKeepItsOrderThroughEveryChange()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        m_list->clear();
        m_proxy->sort(column, order);
        QRandomGenerator random(7);
        const QString a = QStringLiteral("a");
        // A report in three parts, its names shuffled.
        QList<counters::CounterRow> rows = someRows(0, 300, random);
        std::shuffle(rows.begin(), rows.end(), random);
        for (int part = 0; part < 3; ++part) {
            m_list->applySnapshot(a, QStringLiteral("A"), snapshot(1000, rows.mid(100 * part, 100)),
                                  200 - 100 * part);
            checkOrder();
        }
        // The next report: new values, 20 counters fewer.
        m_list->applySnapshot(a, QStringLiteral("A"), snapshot(1001, someRows(20, 280, random)));
        checkOrder();
        // A source with two processes, shown and hidden; filters.
        const QList<counters::CounterRow> b = someRows(10, 50, random);
        m_list->applySnapshot(QStringLiteral("b"), QStringLiteral("B"),
                              snapshot(1000, b,
                                       {node(QStringLiteral("n1"), 1000, someRows(10, 50, random)),
                                        node(QStringLiteral("n2"), 1000, b)}));
        checkOrder();
        m_proxy->setShowNodes(true);
        checkOrder();
        m_proxy->setFilterText(QStringLiteral("c0"));
        checkOrder(QStringLiteral("c0"));
        m_proxy->setFilterText(QString());
        m_proxy->setShowNodes(false);
        checkOrder();
        // Values come and go.
        m_list->applySnapshot(a, QStringLiteral("A"), snapshot(1002, someRows(20, 280, random)));
        checkOrder();
        m_proxy->sort(column,
                      order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
        checkOrder();
        m_list->removeSource(a);
        checkOrder();
        QCOMPARE(m_proxy->rowCount(), 50);
    }

    // A row whose value moves it keeps its persistent index (a selection stays on it), as do
    // the rows around which a block of new rows lands.
    void shouldCarryPersistentIndexesAlong()
    {
        m_list->clear();
        m_proxy->sort(CounterListModel::ValueColumn, Qt::AscendingOrder);
        const auto report = [](double time, double x, double y, double z) {
            return snapshot(time,
                            {row(QStringLiteral("x"), CounterType::AverageWindow, x),
                             row(QStringLiteral("y"), CounterType::AverageWindow, y),
                             row(QStringLiteral("z"), CounterType::AverageWindow, z)});
        };
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"), report(1000, 1, 2, 3));
        const QPersistentModelIndex z = m_proxy->index(2, 0);
        const QPersistentModelIndex y = m_proxy->index(1, 0);
        QCOMPARE(name(z), QStringLiteral("z"));
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"), report(1001, 1, 2, 0));
        QCOMPARE(z.row(), 0);
        QCOMPARE(name(z), QStringLiteral("z"));
        QCOMPARE(name(y), QStringLiteral("y"));
        m_list->applySnapshot(QStringLiteral("b"), QStringLiteral("B"),
                              snapshot(1001,
                                       {row(QStringLiteral("w"), CounterType::AverageWindow, 1.5),
                                        row(QStringLiteral("v"), CounterType::AverageWindow, -1)}));
        QCOMPARE(m_proxy->rowCount(), 5);
        QCOMPARE(name(z), QStringLiteral("z"));
        QCOMPARE(z.row(), 1);
        QCOMPARE(name(y), QStringLiteral("y"));
        QCOMPARE(y.row(), 4);
    }

    // A block of rows that land all over the order comes out as one insertion and one layout
    // change, not an insertion per place; rows that only come after the others as one
    // insertion; rows hidden all over as one removal.
    void shouldComeOutAsFewChanges()
    {
        m_list->clear();
        m_proxy->sort(CounterListModel::ValueColumn, Qt::AscendingOrder);
        QRandomGenerator random(11);
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"),
                              snapshot(1000, someRows(0, 100, random)), 100);
        QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy layouts(m_proxy.get(), &QAbstractItemModel::layoutChanged);
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"),
                              snapshot(1000, someRows(100, 100, random)));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(removed.size(), 0);
        checkOrder();

        m_proxy->setFilterText(QStringLiteral("5")); // c005, c015, … c150 …: all over
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        checkOrder(QStringLiteral("5"));
        m_proxy->setFilterText(QString());
        QCOMPARE(inserted.size(), 2);
        checkOrder();

        m_proxy->sort(CounterListModel::NameColumn, Qt::AscendingOrder);
        inserted.clear();
        layouts.clear();
        m_list->applySnapshot(QStringLiteral("a"), QStringLiteral("A"),
                              snapshot(1000, someRows(200, 50, random)));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(layouts.size(), 0);
        checkOrder();
    }

    // A source renamed while the table is sorted by source: its rows move once, as one
    // layout change, not one per row.
    void shouldMoveARenamedSourceOnce()
    {
        m_proxy->sort(CounterListModel::SourceColumn, Qt::AscendingOrder);
        QCOMPARE(m_proxy->index(0, CounterListModel::SourceColumn).data().toString(),
                 QStringLiteral("A"));
        QSignalSpy layouts(m_proxy.get(), &QAbstractItemModel::layoutChanged);
        m_list->setSourceName(QStringLiteral("a"), QStringLiteral("Z"));
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(m_proxy->index(0, CounterListModel::SourceColumn).data().toString(),
                 QStringLiteral("B"));
        QCOMPARE(m_proxy->index(m_proxy->rowCount() - 1, CounterListModel::SourceColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Z"));
        checkOrder();
    }

    // The list may go first: the proxy is then empty, not left with rows of a list gone.
    void shouldOutliveItsList()
    {
        QVERIFY(m_proxy->rowCount() > 0);
        m_tester.reset();
        m_list.reset();
        QCOMPARE(m_proxy->rowCount(), 0);
        QVERIFY(!m_proxy->index(0, 0).isValid());
    }

private:
    static QString name(const QModelIndex &index)
    {
        return index.data(CounterListModel::NameRole).toString();
    }

    /// The rows shown are the list's rows that the filter (of `text`) takes, each once, in
    /// order.
    void checkOrder(const QString &text = QString())
    {
        QSet<dashboard::SeriesKey> expected;
        for (int row = 0; row < m_list->rowCount(); ++row) {
            const dashboard::SeriesKey &key = m_list->keyAt(row);
            if ((m_proxy->showNodes() || !key.isNode()) && !m_list->isFamilyAggregate(row)
                && key.counter.contains(text, Qt::CaseInsensitive))
                expected.insert(key);
        }
        QSet<dashboard::SeriesKey> shown;
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
            QCOMPARE(m_proxy->mapFromSource(source).row(), row);
            shown.insert(m_list->keyAt(source.row()));
        }
        QCOMPARE(shown.size(), m_proxy->rowCount());
        QCOMPARE(shown, expected);
        const int column = m_proxy->sortColumn();
        const bool descending = m_proxy->sortOrder() == Qt::DescendingOrder;
        for (int row = 1; row < m_proxy->rowCount(); ++row) {
            const int a = m_proxy->mapToSource(m_proxy->index(row - 1, 0)).row();
            const int b = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
            if (column < 0) {
                QVERIFY(a < b);
                continue;
            }
            int order = 0; // of a against b, in the direction shown
            if (column == CounterListModel::ValueColumn) {
                const auto x = m_list->counterRow(a).value;
                const auto y = m_list->counterRow(b).value;
                QVERIFY2(x || !y, "rows without a value come last");
                if (x && !y)
                    continue;
                if (x && y && *x != *y)
                    order = *x < *y ? -1 : 1;
            } else if (column == CounterListModel::TypeColumn) {
                order = QString::compare(m_proxy->index(row - 1, column).data().toString(),
                                         m_proxy->index(row, column).data().toString(),
                                         Qt::CaseInsensitive);
            }
            if (order == 0) // ties by name
                order = QString::compare(m_list->keyAt(a).counter, m_list->keyAt(b).counter,
                                         Qt::CaseInsensitive);
            QVERIFY2(descending ? order >= 0 : order <= 0,
                     qPrintable(QStringLiteral("rows %1 and %2").arg(row - 1).arg(row)));
        }
    }

    std::unique_ptr<CounterListModel> m_list;
    std::unique_ptr<CounterFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(CounterFilterProxyModelTest)
#include "tst_counterfilterproxymodel.moc"
