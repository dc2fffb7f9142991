// SPDX-License-Identifier: MIT
#include "models/counterfilterproxymodel.h"
#include "models/counterlistmodel.h"
#include "snapshots.h"

#include <QAbstractItemModelTester>
#include <QTest>

using counters::CounterType;
using dashboard::CounterFilterProxyModel;
using dashboard::CounterListModel;
using namespace testdata;

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

private:
    std::unique_ptr<CounterListModel> m_list;
    std::unique_ptr<CounterFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(CounterFilterProxyModelTest)
#include "tst_counterfilterproxymodel.moc"
