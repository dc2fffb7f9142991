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

    // A live source that stops reporting for more than two and a half of its usual intervals
    // is stale, and no longer once a report comes; one that is not live never is.
    void shouldMarkASilentLiveSourceAsStale()
    {
        SourceListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        FakeSource source(QStringLiteral("svc"));
        model.addSource(&source);
        source.setFakeState(Source::State::Live);
        const QModelIndex row = model.index(0);
        qint64 now = 1'800'000'000'000;
        const auto report = [&](qint64 at) {
            now = at;
            source.push(counters::Snapshot(double(at) / 1000.0, counters::SnapshotSource(), {}));
            model.snapshotsApplied(&source, now);
        };
        report(now);
        model.refreshStaleness(now + 60'000); // one report: no interval known yet
        QVERIFY(!model.isStale(&source));
        for (int i = 1; i <= 4; ++i)
            report(now + 2000 + (i == 2 ? 300 : 0)); // every 2 s, one a bit late
        model.refreshStaleness(now + 4900);
        QVERIFY(!model.isStale(&source));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshStaleness(now + 5100);
        QVERIFY(model.isStale(&source));
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(SourceListModel::StaleRole));
        QCOMPARE(row.data(SourceListModel::StateTextRole).toString(), QStringLiteral("Stale"));
        QCOMPARE(row.data(SourceListModel::MessageRole).toString(),
                 QStringLiteral("No report for 5 s (one came every 2 s before)"));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Stale")));
        model.refreshStaleness(now + 5100); // nothing changed: no signal
        QCOMPARE(changed.size(), 1);
        report(now + 6000);
        QVERIFY(!model.isStale(&source));
        QCOMPARE(row.data(SourceListModel::StateTextRole).toString(), QStringLiteral("Live"));
        // Not live: offline or failing is said by its state, never "stale".
        source.setFakeState(Source::State::Error, QStringLiteral("refused"));
        model.refreshStaleness(now + 60'000);
        QVERIFY(!model.isStale(&source));
        QCOMPARE(row.data(SourceListModel::StateTextRole).toString(), QStringLiteral("Error"));
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
