// SPDX-License-Identifier: MIT
#include "models/legendmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using counters::Unit;
using dashboard::LegendModel;
using dashboard::PointField;
using dashboard::SeriesKey;
using dashboard::SeriesStats;
using dashboard::ThresholdState;

namespace {

SeriesKey key(const QString &counter)
{
    return SeriesKey{QStringLiteral("src"), QString(), counter};
}

SeriesStats stats(double current, double min, double avg, double max)
{
    SeriesStats s;
    s.count = 3;
    s.current = current;
    s.min = min;
    s.avg = avg;
    s.max = max;
    return s;
}

} // namespace

class LegendModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A chart of hundreds of series updates its legend with one signal.
    void shouldGatherChangesIntoOneSignal()
    {
        LegendModel model;
        for (int i = 0; i < 300; ++i)
            model.addSeries(key(QString::number(i)), QString::number(i), Qt::red, Unit::None);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.beginUpdate();
        for (int i = 10; i < 200; ++i)
            model.setStats(key(QString::number(i)), stats(i, i, i, i));
        model.setName(key(QStringLiteral("5")), QStringLiteral("five"));
        QCOMPARE(changed.size(), 0);
        model.endUpdate();
        QCOMPARE(changed.size(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 5);
        QCOMPARE(bottomRight.row(), 199);
        QCOMPARE(topLeft.column(), int(LegendModel::NameColumn));
        QCOMPARE(bottomRight.column(), int(LegendModel::MaxColumn));
        QCOMPARE(model.index(150, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("150"));
        // Nothing changed, nothing emitted.
        model.beginUpdate();
        model.setStats(key(QStringLiteral("150")), stats(150, 150, 150, 150));
        model.endUpdate();
        QCOMPARE(changed.size(), 1);
    }

    void shouldShowTheStatisticsInTheCountersUnit()
    {
        LegendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSeries(key(QStringLiteral("t")), QStringLiteral("t"), Qt::red, Unit::Second);
        model.addSeries(key(QStringLiteral("t")), QStringLiteral("t"), Qt::red, Unit::Second);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, LegendModel::CurrentColumn).data().toString(), QString());
        model.setStats(key(QStringLiteral("t")), stats(0.012, 0.002, 0.01, 0.04));
        QCOMPARE(model.index(0, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("12 ms"));
        QCOMPARE(model.index(0, LegendModel::MinColumn).data().toString(), QStringLiteral("2 ms"));
        QCOMPARE(model.index(0, LegendModel::AvgColumn).data().toString(), QStringLiteral("10 ms"));
        QCOMPARE(model.index(0, LegendModel::MaxColumn).data().toString(), QStringLiteral("40 ms"));
        QCOMPARE(model.index(0, LegendModel::MaxColumn).data(LegendModel::ValueRole),
                 QVariant(0.04));
        QCOMPARE(model.index(0, LegendModel::NameColumn).data(Qt::DecorationRole),
                 QVariant(QColor(Qt::red)));
    }

    void shouldSignalExactlyTheChangedColumns()
    {
        LegendModel model;
        model.addSeries(key(QStringLiteral("a")), QStringLiteral("a"), Qt::red, Unit::None);
        model.setStats(key(QStringLiteral("a")), stats(1, 1, 1, 1));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // Only the current value and the mean move.
        model.setStats(key(QStringLiteral("a")), stats(2, 1, 1.5, 1));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(LegendModel::CurrentColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(LegendModel::AvgColumn));
        // Nothing moves: no signal.
        model.setStats(key(QStringLiteral("a")), stats(2, 1, 1.5, 1));
        QCOMPARE(changed.size(), 1);
        // The threshold state changes the current value's colour.
        model.setStats(key(QStringLiteral("a")), stats(2, 1, 1.5, 1), ThresholdState::Critical);
        QCOMPARE(changed.size(), 2);
        QVERIFY(changed.at(1).at(2).value<QList<int>>().contains(LegendModel::ThresholdStateRole));
    }

    void shouldHideAndIsolate()
    {
        LegendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char *name : {"a", "b", "c"})
            model.addSeries(key(QLatin1String(name)), QLatin1String(name), Qt::red, Unit::None);
        QSignalSpy toggled(&model, &LegendModel::visibilityChanged);
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(0, 1)) & Qt::ItemIsUserCheckable));
        QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.isVisible(key(QStringLiteral("a"))));
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled.at(0).at(1).toBool(), false);

        model.isolate(key(QStringLiteral("b")));
        QCOMPARE(model.hiddenKeys(),
                 (QList<SeriesKey>{key(QStringLiteral("a")), key(QStringLiteral("c"))}));
        model.isolate(key(QStringLiteral("b")));
        QVERIFY(model.hiddenKeys().isEmpty());
        // Isolating a hidden series shows it alone.
        model.setVisible(key(QStringLiteral("c")), false);
        model.isolate(key(QStringLiteral("c")));
        QCOMPARE(model.hiddenKeys(),
                 (QList<SeriesKey>{key(QStringLiteral("a")), key(QStringLiteral("b"))}));

        model.removeSeries(key(QStringLiteral("b")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(key(QStringLiteral("c"))), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // A series' processes and its bands' key come as rows under it.
    // Sorting orders the series, each with its detail rows, keeps the order as the numbers
    // change, puts series without a number last, and goes back to the order added.
    void shouldSortTheSeriesWithTheirDetails()
    {
        LegendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SeriesKey a = key(QStringLiteral("a"));
        const SeriesKey b = key(QStringLiteral("b"));
        const SeriesKey c = key(QStringLiteral("c"));
        const SeriesKey a1{a.sourceId, QStringLiteral("n1"), a.counter};
        model.addSeries(a, QStringLiteral("alpha"), Qt::red, Unit::None);
        model.addSeries(b, QStringLiteral("Beta"), Qt::blue, Unit::None);
        model.addSeries(c, QStringLiteral("gamma"), Qt::green, Unit::None);
        model.setDetails(
            a, {{a1, PointField::Value, QStringLiteral("n1"), Qt::red, QIcon(), QString()}});
        model.setStats(a, stats(5, 1, 3, 5));
        model.setStats(b, stats(9, 2, 4, 9));
        const auto names = [&] {
            QStringList list;
            for (int row = 0; row < model.rowCount(); ++row)
                list.append(model.index(row, 0).data().toString());
            return list.join(QLatin1Char(' '));
        };
        QCOMPARE(names(), QStringLiteral("alpha n1 Beta gamma"));
        // A persistent index (the view's) follows its row.
        const QPersistentModelIndex process = model.index(1, 0);
        model.sort(LegendModel::MaxColumn, Qt::DescendingOrder);
        QCOMPARE(names(), QStringLiteral("Beta alpha n1 gamma")); // gamma has none: last
        QCOMPARE(process.row(), 2);
        QCOMPARE(model.rowOf(a1), 2);
        model.sort(LegendModel::MaxColumn, Qt::AscendingOrder);
        QCOMPARE(names(), QStringLiteral("alpha n1 Beta gamma"));
        // The numbers change: the order follows at the end of the update.
        model.beginUpdate();
        model.setStats(a, stats(20, 1, 3, 20));
        model.setStats(c, stats(1, 1, 1, 1));
        model.endUpdate();
        QCOMPARE(names(), QStringLiteral("gamma Beta alpha n1"));
        // By name, as people sort (case does not come first).
        model.sort(LegendModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(names(), QStringLiteral("alpha n1 Beta gamma"));
        // A new series takes its place at once.
        model.addSeries(key(QStringLiteral("d")), QStringLiteral("gamma 10"), Qt::gray, Unit::None);
        model.addSeries(key(QStringLiteral("e")), QStringLiteral("gamma 9"), Qt::gray, Unit::None);
        QCOMPARE(names(), QStringLiteral("alpha n1 Beta gamma gamma 9 gamma 10"));
        model.sort(-1);
        QCOMPARE(names(), QStringLiteral("alpha n1 Beta gamma gamma 10 gamma 9"));
        QCOMPARE(model.sortColumn(), -1);
    }

    void shouldKeepDetailRowsUnderTheirSeries()
    {
        LegendModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SeriesKey a = key(QStringLiteral("a"));
        const SeriesKey b = key(QStringLiteral("b"));
        const SeriesKey a1{a.sourceId, QStringLiteral("n1"), a.counter};
        const SeriesKey a2{a.sourceId, QStringLiteral("n2"), a.counter};
        model.addSeries(a, QStringLiteral("a"), Qt::red, Unit::Second);
        model.addSeries(b, QStringLiteral("b"), Qt::blue, Unit::None);
        const QList<LegendModel::Detail> details = {
            {a, PointField::P90, QStringLiteral("p90"), Qt::red, QIcon(), QString()},
            {a, PointField::P99, QStringLiteral("p99"), Qt::red, QIcon(), QString()},
            {a1, PointField::Value, QStringLiteral("n1"), Qt::darkRed, QIcon(), QString()},
            {a2, PointField::Value, QStringLiteral("n2"), Qt::magenta, QIcon(), QString()},
        };
        model.setDetails(a, details);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.kindAt(0), LegendModel::RowKind::Series);
        QCOMPARE(model.kindAt(1), LegendModel::RowKind::Band);
        QCOMPARE(model.kindAt(3), LegendModel::RowKind::Process);
        QCOMPARE(model.rowOf(a, PointField::P99), 2);
        QCOMPARE(model.rowOf(a2), 4);
        QCOMPARE(model.rowOf(b), 5);
        // In the series' unit.
        model.setStats(a, PointField::P99, stats(0.04, 0.03, 0.035, 0.04));
        QCOMPARE(model.index(2, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("40 ms"));
        model.setStats(a2, stats(0.002, 0.001, 0.0015, 0.002));
        QCOMPARE(model.index(4, LegendModel::MaxColumn).data().toString(), QStringLiteral("2 ms"));

        // The same rows again (every frame) cost nothing.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setDetails(a, details);
        QCOMPARE(changed.size() + inserted.size() + removed.size(), 0);

        // A hidden process stays hidden when another process comes; the band rows follow
        // the series' bands, and hiddenKeys() are series only.
        model.setVisible(a1, false);
        QVERIFY(model.setData(model.index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.isBandShown(a));
        QCOMPARE(model.index(2, 0).data(Qt::CheckStateRole), QVariant(Qt::Unchecked));
        QVERIFY(model.isVisible(a)); // the line stays
        const SeriesKey a3{a.sourceId, QStringLiteral("n3"), a.counter};
        model.setDetails(
            a,
            details
                + QList<LegendModel::Detail>{
                    {a3, PointField::Value, QStringLiteral("n3"), Qt::gray, QIcon(), QString()}});
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(!model.isVisible(a1) && model.isVisible(a3));
        QCOMPARE(model.index(1, 0).data(Qt::CheckStateRole), QVariant(Qt::Unchecked));
        QCOMPARE(model.index(4, LegendModel::MaxColumn).data().toString(), QStringLiteral("2 ms"));
        QVERIFY(model.hiddenKeys().isEmpty());

        // Isolating a series shows its processes with it; isolating a process, it alone.
        model.isolate(b);
        QVERIFY(!model.isVisible(a) && !model.isVisible(a3) && model.isVisible(b));
        model.isolate(a);
        QVERIFY(model.isVisible(a) && model.isVisible(a1) && model.isVisible(a3));
        QVERIFY(!model.isVisible(b));
        model.isolate(a3);
        QVERIFY(model.isVisible(a3) && !model.isVisible(a) && !model.isVisible(a1));
        model.isolate(a3); // alone already: everything again
        QVERIFY(model.isVisible(a) && model.isVisible(b) && model.isVisible(a1));

        // Removing the series removes its rows.
        model.removeSeries(a);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(b), 0);
    }
};

QTEST_MAIN(LegendModelTest)
#include "tst_legendmodel.moc"
