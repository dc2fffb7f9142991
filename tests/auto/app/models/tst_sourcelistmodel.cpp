// SPDX-License-Identifier: MIT
#include "fakesource.h"
#include "models/sourcelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using dashboard::Source;
using dashboard::SourceListModel;

class SourceListModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldFollowTheStateOfItsSources()
    {
        SourceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        FakeSource a(QStringLiteral("a"));
        FakeSource b(QStringLiteral("b"));
        model.addSource(&a);
        model.addSource(&b, true);
        model.addSource(&a); // twice is once
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.isDiscovered(&b));
        QCOMPARE(model.index(1).data(SourceListModel::DiscoveredRole).toBool(), true);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        b.setFakeState(Source::State::Error, QStringLiteral("refused"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(SourceListModel::StateRole));
        QCOMPARE(model.index(1).data(SourceListModel::StateRole).toInt(),
                 int(Source::State::Error));
        QCOMPARE(model.index(1).data(SourceListModel::MessageRole).toString(),
                 QStringLiteral("refused"));
        QCOMPARE(model.index(1).data(SourceListModel::StateTextRole).toString(),
                 QStringLiteral("Error"));

        b.setFakeState(Source::State::Error, QStringLiteral("still refused"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(2).value<QList<int>>(),
                 (QList<int>{Qt::ToolTipRole, SourceListModel::MessageRole}));

        a.setFakeName(QStringLiteral("demo (pid 3)"));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("demo (pid 3)"));

        model.removeSource(&a);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.sourceAt(0), &b);
        a.setFakeState(Source::State::Live); // no longer listed: nothing happens
        QCOMPARE(changed.size(), 3);
    }

    void shouldForgetADeletedSource()
    {
        SourceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *source = new FakeSource(QStringLiteral("gone"));
        model.addSource(source);
        delete source;
        QCOMPARE(model.sources().size(), 0);
        QVERIFY(!model.index(0).data().isValid());
    }
};

QTEST_MAIN(SourceListModelTest)
#include "tst_sourcelistmodel.moc"
