// SPDX-License-Identifier: MIT
#include "models/historymodel.h"
#include "snapshots.h"
#include "views/chartpanel.h"
#include "views/seriesbinder.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using counters::CounterType;
using dashboard::ChartPanel;
using dashboard::HistoryModel;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src");

SeriesKey key(const QString &counter, const QString &node = QString())
{
    return SeriesKey{kSource, node, counter};
}

QList<counters::Snapshot> tutorials(int from, int count)
{
    QList<counters::Snapshot> list;
    for (int i = from; i < from + count; ++i)
        list.append(tutorial(1000 + i, i));
    return list;
}

counters::Snapshot multiProcess(double time, double a, double b)
{
    return snapshot(
        time, {row(QStringLiteral("hits"), CounterType::Frequency, a + b)},
        {node(QStringLiteral("n1"), time, {row(QStringLiteral("hits"), CounterType::Frequency, a)}),
         node(QStringLiteral("n2"), time,
              {row(QStringLiteral("hits"), CounterType::Frequency, b)})});
}

} // namespace

class ChartPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldDrawAnAverageWithItsBand()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, tutorials(0, 10));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        panel.addSeries(key(QStringLiteral("requests_time")));
        const auto *binder = panel.binder(key(QStringLiteral("requests_time")));
        QVERIFY(binder);
        QCOMPARE(binder->line()->count(), 10);
        QVERIFY(binder->band());
        QCOMPARE(binder->band()->upperSeries()->count(), 10);
        QCOMPARE(binder->band()->lowerSeries()->count(), 10);
        // Durations in milliseconds, said on the axis.
        QCOMPARE(binder->line()->at(0).y(), 10.0);
        QCOMPARE(binder->band()->upperSeries()->at(0).y(), 40.0);
        const auto *valueAxis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QCOMPARE(valueAxis->titleText(), QStringLiteral("ms"));
        QVERIFY(valueAxis->min() <= 2.0 && valueAxis->max() >= 49.0);
        // The legend tells the current value and the band.
        QVERIFY2(binder->line()->name().contains(QLatin1String("19 ms")),
                 qPrintable(binder->line()->name()));
        QCOMPARE(panel.title(), QStringLiteral("requests_time"));
    }

    void shouldDrawOtherCountersWithoutBand()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        panel.addSeries(key(QStringLiteral("requests_data_len")));
        QCOMPARE(panel.binder(key(QStringLiteral("requests_frequency")))->line()->count(), 5);
        QVERIFY(!panel.binder(key(QStringLiteral("requests_frequency")))->band());
        QVERIFY(!panel.binder(key(QStringLiteral("requests_data_len")))->band());
        QCOMPARE(panel.binder(key(QStringLiteral("requests_data_len")))->line()->at(4).y(), 104.0);
        QCOMPARE(panel.seriesKeys().size(), 2);
        // Adding twice is once.
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        QCOMPARE(panel.seriesKeys().size(), 2);
    }

    void shouldReplaceEachSeriesOncePerFrame()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_time")));
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const auto *time = panel.binder(key(QStringLiteral("requests_time")));
        const auto *frequency = panel.binder(key(QStringLiteral("requests_frequency")));
        QSignalSpy lineReplaced(time->line(), &QXYSeries::pointsReplaced);
        QSignalSpy upperReplaced(time->band()->upperSeries(), &QXYSeries::pointsReplaced);
        QSignalSpy frequencyReplaced(frequency->line(), &QXYSeries::pointsReplaced);
        QSignalSpy added(time->line(), &QXYSeries::pointAdded);
        const qint64 before = panel.replaceCount();

        // One frame with five new snapshots.
        history.appendSnapshots(kSource, tutorials(3, 5));
        QCOMPARE(lineReplaced.size(), 1);
        QCOMPARE(upperReplaced.size(), 1);
        QCOMPARE(frequencyReplaced.size(), 1);
        QCOMPARE(added.size(), 0);                  // never a point at a time
        QCOMPARE(panel.replaceCount() - before, 4); // line, upper, lower; frequency line
        QCOMPARE(time->line()->count(), 8);

        // A frame of another source's counters changes nothing here.
        history.appendSnapshots(QStringLiteral("other"), tutorials(0, 2));
        QCOMPARE(lineReplaced.size(), 1);
        QCOMPARE(panel.replaceCount() - before, 4);
    }

    void shouldShowEachProcessOnDemand()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, {multiProcess(1000, 1, 2), multiProcess(1001, 2, 3)});
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("hits")));
        QVERIFY(!panel.binder(key(QStringLiteral("hits"), QStringLiteral("n1"))));
        panel.setShowNodes(true);
        const auto *n1 = panel.binder(key(QStringLiteral("hits"), QStringLiteral("n1")));
        const auto *n2 = panel.binder(key(QStringLiteral("hits"), QStringLiteral("n2")));
        QVERIFY(n1 && n2);
        QCOMPARE(n1->line()->count(), 2);
        QCOMPARE(n2->line()->at(1).y(), 3.0);
        QCOMPARE(n1->line()->pen().style(), Qt::DashLine);
        QVERIFY(n1->line()->name().contains(QLatin1String("n1")));
        // A process that appears later joins.
        history.appendSnapshots(
            kSource,
            {snapshot(1002, {row(QStringLiteral("hits"), CounterType::Frequency, 9)},
                      {node(QStringLiteral("n3"), 1002,
                            {row(QStringLiteral("hits"), CounterType::Frequency, 9)})})});
        QVERIFY(panel.binder(key(QStringLiteral("hits"), QStringLiteral("n3"))));
        panel.setShowNodes(false);
        QVERIFY(!panel.binder(key(QStringLiteral("hits"), QStringLiteral("n1"))));
        QCOMPARE(panel.binder(key(QStringLiteral("hits")))->line()->count(), 3);
    }

    void shouldKeepItsPictureWhilePaused()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        panel.setPaused(true);
        history.appendSnapshots(kSource, tutorials(3, 3));
        QCOMPARE(panel.binder(key(QStringLiteral("requests_frequency")))->line()->count(), 3);
        panel.setPaused(false);
        QCOMPARE(panel.binder(key(QStringLiteral("requests_frequency")))->line()->count(), 6);
    }

    void shouldFollowTheNewestDataInItsRange()
    {
        HistoryModel history;
        QList<counters::Snapshot> hour;
        for (int i = 0; i < 120; ++i)
            hour.append(tutorial(1000 + 30 * i, i)); // an hour, every 30 s
        history.appendSnapshots(kSource, hour);
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const auto *axis = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).at(0));
        QCOMPARE(panel.range(), ChartPanel::Range::All);
        // Everything, the ends snapped to round ticks (15 min for an hour).
        const qint64 first = 1000 * 1000;
        QVERIFY(axis->min().toMSecsSinceEpoch() <= first);
        QVERIFY(axis->min().toMSecsSinceEpoch() > first - 900000);
        QCOMPARE(axis->min().toMSecsSinceEpoch() % 900000, 0);
        panel.setRange(ChartPanel::Range::FiveMinutes);
        const qint64 last = qint64((1000 + 30 * 119) * 1000.0);
        // The last five minutes, snapped to whole minutes.
        QVERIFY(axis->min().toMSecsSinceEpoch() <= last - 300000);
        QVERIFY(axis->min().toMSecsSinceEpoch() > last - 360000);
        QVERIFY(axis->max().toMSecsSinceEpoch() >= last);
        QCOMPARE(axis->max().toMSecsSinceEpoch() % 60000, 0);
    }

    void shouldForgetTheSeriesOfARemovedSource()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_time")));
        history.removeSource(kSource);
        QCOMPARE(panel.binder(key(QStringLiteral("requests_time")))->line()->count(), 0);
        panel.clear();
        QVERIFY(panel.isEmpty());
        QCOMPARE(panel.title(), QStringLiteral("Empty chart"));
    }

    void shouldMarkSingleReportsWithPoints()
    {
        HistoryModel history;
        history.appendSnapshots(kSource, {tutorial(1000)});
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const auto *binder = panel.binder(key(QStringLiteral("requests_frequency")));
        QCOMPARE(binder->line()->count(), 1);
        QVERIFY(binder->line()->pointsVisible());
    }
};

QTEST_MAIN(ChartPanelTest)
#include "tst_chartpanel.moc"
