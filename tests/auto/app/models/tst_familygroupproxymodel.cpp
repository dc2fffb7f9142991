// SPDX-License-Identifier: MIT
// The counter table as a tree: families over their series, in the flat model's order, family
// rows reading their totals, label filters, and selection and expansion kept across changes.

#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "models/familyaggregates.h"
#include "models/familygroupproxymodel.h"
#include "snapshots.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using counters::CounterType;
using counters::Labels;
using namespace dashboard;
using namespace testdata;

namespace {

Labels kind(const QString &value, const QString &status = QString())
{
    Labels labels{{QStringLiteral("kind"), value}};
    if (!status.isEmpty())
        labels.insert(QStringLiteral("status"), status);
    return labels;
}

// `req` by kind and status, an unlabelled counter before and after it in name order, and a
// one-label family `hits`.
counters::Snapshot labelled(double time, double textValue = 3)
{
    return withFamilyAggregates(snapshot(
        time,
        {row(QStringLiteral("alpha"), CounterType::Event, 1),
         series(QStringLiteral("req"), kind(QStringLiteral("text"), QStringLiteral("200")),
                CounterType::Event, textValue),
         series(QStringLiteral("req"), kind(QStringLiteral("empty"), QStringLiteral("200")),
                CounterType::Event, 1),
         series(QStringLiteral("req"), kind(QStringLiteral("text"), QStringLiteral("500")),
                CounterType::Event, 2),
         series(QStringLiteral("hits"), kind(QStringLiteral("a")), CounterType::Event, 7),
         row(QStringLiteral("zulu"), CounterType::Event, 2)}));
}

QString name(const QModelIndex &index)
{
    return index.data(Qt::DisplayRole).toString();
}

} // namespace

class FamilyGroupProxyModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_list = std::make_unique<CounterListModel>();
        m_flat = std::make_unique<CounterFilterProxyModel>();
        m_flat->setSourceModel(m_list.get());
        m_flat->sort(CounterListModel::NameColumn);
        m_groups = std::make_unique<FamilyGroupProxyModel>(m_flat.get(), m_list.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_groups.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_list->applySnapshot(QStringLiteral("s"), QStringLiteral("S"), labelled(1000));
    }
    void cleanup()
    {
        m_tester.reset();
        m_groups.reset();
        m_flat.reset();
        m_list.reset();
    }

    void shouldGroupTheSeriesOfEachFamily()
    {
        QCOMPARE(m_groups->rowCount(), 4);
        QCOMPARE(name(m_groups->index(0, 0)), QStringLiteral("alpha"));
        QCOMPARE(name(m_groups->index(1, 0)), QStringLiteral("hits"));
        QCOMPARE(name(m_groups->index(2, 0)), QStringLiteral("req"));
        QCOMPARE(name(m_groups->index(3, 0)), QStringLiteral("zulu"));
        const QModelIndex req = m_groups->index(2, 0);
        QVERIFY(req.data(FamilyGroupProxyModel::IsFamilyRole).toBool());
        QVERIFY(!m_groups->index(0, 0).data(FamilyGroupProxyModel::IsFamilyRole).toBool());
        QCOMPARE(m_groups->rowCount(req), 3);
        QCOMPARE(m_groups->rowCount(m_groups->index(0, 0)), 0);
        // Children in the flat order (by name), showing their labels.
        QCOMPARE(name(m_groups->index(0, 0, req)), QStringLiteral("kind=empty, status=200"));
        QCOMPARE(name(m_groups->index(1, 0, req)), QStringLiteral("kind=text, status=200"));
        QCOMPARE(m_groups->index(1, 0, req).data(CounterListModel::NameRole).toString(),
                 QStringLiteral("req{kind=\"text\",status=\"200\"}"));
        QCOMPARE(m_groups->childKeys(req).size(), 3);
        QCOMPARE(m_groups->childKeys(req).at(2).counter,
                 QStringLiteral("req{kind=\"text\",status=\"500\"}"));
    }

    // A family's row reads its total: the numbers of the family summed up, its key.
    void aFamilyRowShouldShowItsTotal()
    {
        const QModelIndex req = m_groups->index(2, CounterListModel::ValueColumn);
        QCOMPARE(req.data(CounterListModel::ValueRole).toDouble(), 6.0);
        QCOMPARE(req.data(Qt::DisplayRole).toString(), QStringLiteral("6"));
        QCOMPARE(req.data(CounterListModel::SeriesKeyRole).value<SeriesKey>(),
                 (SeriesKey{QStringLiteral("s"), QString(), QStringLiteral("req{*}")}));
        QCOMPARE(m_groups->index(2, CounterListModel::TypeColumn).data().toString(),
                 m_groups->index(0, CounterListModel::TypeColumn).data().toString());

        QSignalSpy changed(m_groups.get(), &QAbstractItemModel::dataChanged);
        m_list->applySnapshot(QStringLiteral("s"), QStringLiteral("S"), labelled(1001, 10));
        QCOMPARE(req.data(CounterListModel::ValueRole).toDouble(), 13.0);
        bool familyRowChanged = false;
        for (const QList<QVariant> &args : changed) {
            const auto topLeft = args.at(0).value<QModelIndex>();
            familyRowChanged = familyRowChanged
                || (!topLeft.parent().isValid() && topLeft.row() == 2
                    && topLeft.column() <= CounterListModel::ValueColumn);
        }
        QVERIFY(familyRowChanged);
    }

    void theFilterShouldMatchLabelValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("shown"); // top-level rows, with children counts
        QTest::newRow("label=value")
            << QStringLiteral("kind=text") << QStringList{QStringLiteral("req 2")};
        QTest::newRow("label=pattern")
            << QStringLiteral("status = 5*") << QStringList{QStringLiteral("req 1")};
        QTest::newRow("a value in the name")
            << QStringLiteral("empty") << QStringList{QStringLiteral("req 1")};
        QTest::newRow("the family's name")
            << QStringLiteral("hits") << QStringList{QStringLiteral("hits 1")};
        QTest::newRow("unknown label") << QStringLiteral("route=/") << QStringList{};
    }
    void theFilterShouldMatchLabelValues()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, shown);
        m_flat->setFilterText(text);
        QStringList rows;
        for (int row = 0; row < m_groups->rowCount(); ++row) {
            const QModelIndex index = m_groups->index(row, 0);
            rows.append(name(index) + QLatin1Char(' ')
                        + QString::number(m_groups->rowCount(index)));
        }
        QCOMPARE(rows, shown);
    }

    // Selection and expansion live in persistent indexes: they follow their series and
    // families through new rows, sorting and filtering.
    void persistentIndexesShouldFollowTheirSeries()
    {
        const QModelIndex req = m_groups->index(2, 0);
        const QPersistentModelIndex family(req);
        const QPersistentModelIndex child(m_groups->index(2, 0, req));
        const QPersistentModelIndex zulu(m_groups->index(3, 0));
        QCOMPARE(child.data(CounterListModel::NameRole).toString(),
                 QStringLiteral("req{kind=\"text\",status=\"500\"}"));

        m_flat->sort(CounterListModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(name(family), QStringLiteral("req"));
        QCOMPARE(family.row(), 1);
        QCOMPARE(child.row(), 0);
        QCOMPARE(child.parent(), QModelIndex(family));
        QCOMPARE(zulu.row(), 0);

        // A new series in the family and a new counter.
        auto more = labelled(1001).rows();
        more.append(series(QStringLiteral("req"),
                           kind(QStringLiteral("text"), QStringLiteral("404")), CounterType::Event,
                           1));
        more.append(row(QStringLiteral("middle"), CounterType::Event, 1));
        m_list->applySnapshot(QStringLiteral("s"), QStringLiteral("S"),
                              withFamilyAggregates(snapshot(1001, more)));
        QCOMPARE(m_groups->rowCount(family), 4);
        QCOMPARE(child.data(CounterListModel::NameRole).toString(),
                 QStringLiteral("req{kind=\"text\",status=\"500\"}"));
        QCOMPARE(name(zulu), QStringLiteral("zulu"));

        // Filtered out, the series' index is gone; its family stays while a series is shown.
        m_flat->setFilterText(QStringLiteral("status=200"));
        QVERIFY(!child.isValid());
        QVERIFY(family.isValid());
        QVERIFY(!zulu.isValid());
    }

    // A big report comes in parts, each a change of the counter list: each comes out as one
    // layout change, rows added after all others leave the others in place, and a removal in
    // several blocks keeps every persistent index on its series.
    void shouldTakeEachChangeOfTheListAsOneLayoutChange()
    {
        const QPersistentModelIndex zulu(m_groups->index(3, 0));
        const QPersistentModelIndex child(m_groups->index(2, 0, m_groups->index(2, 0)));
        QCOMPARE(name(zulu), QStringLiteral("zulu"));
        QSignalSpy layouts(m_groups.get(), &QAbstractItemModel::layoutChanged);
        const auto part = [](int from) {
            QList<counters::CounterRow> rows;
            for (int i = from; i < from + 5; ++i)
                rows.append(row(QStringLiteral("zz%1").arg(i), CounterType::Event, i));
            return snapshot(1000, rows);
        };
        m_list->applySnapshot(QStringLiteral("t"), QStringLiteral("T"), part(10), 5);
        m_list->applySnapshot(QStringLiteral("t"), QStringLiteral("T"), part(20));
        QCOMPARE(layouts.size(), 2);
        QCOMPARE(m_groups->rowCount(), 4 + 10);
        QCOMPARE(zulu.row(), 3);
        QCOMPARE(name(m_groups->index(13, 0)), QStringLiteral("zz24"));
        const QPersistentModelIndex zz(m_groups->index(4, 0));
        QCOMPARE(name(zz), QStringLiteral("zz10"));

        // Source s gains a counter after t's rows in the list, then loses it and `alpha`: two
        // blocks of the list, one layout change.
        auto rows = labelled(1001).rows();
        rows.append(row(QStringLiteral("zy"), CounterType::Event, 1));
        m_list->applySnapshot(QStringLiteral("s"), QStringLiteral("S"),
                              withFamilyAggregates(snapshot(1001, rows)));
        rows = labelled(1002).rows();
        rows.removeIf([](const counters::CounterRow &r) { return r.name == u"alpha"; });
        layouts.clear();
        QSignalSpy removed(m_list.get(), &QAbstractItemModel::rowsRemoved);
        m_list->applySnapshot(QStringLiteral("s"), QStringLiteral("S"),
                              withFamilyAggregates(snapshot(1002, rows)));
        QCOMPARE(removed.size(), 2);
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(name(zulu), QStringLiteral("zulu"));
        QCOMPARE(name(zz), QStringLiteral("zz10"));
        QCOMPARE(child.data(CounterListModel::NameRole).toString(),
                 QStringLiteral("req{kind=\"text\",status=\"500\"}"));
        QCOMPARE(m_groups->rowCount(), 3 + 10);
    }

private:
    std::unique_ptr<CounterListModel> m_list;
    std::unique_ptr<CounterFilterProxyModel> m_flat;
    std::unique_ptr<FamilyGroupProxyModel> m_groups;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(FamilyGroupProxyModelTest)
#include "tst_familygroupproxymodel.moc"
