// SPDX-License-Identifier: MIT
#include "models/historystore.h"
#include "models/legendmodel.h"
#include "models/thresholdset.h"
#include "snapshots.h"
#include "views/chartpanel.h"
#include "views/chartstack.h"
#include "views/chartview.h"
#include "views/legendview.h"
#include "views/seriesbinder.h"
#include "views/theme.h"
#include "views/timeaxispolicy.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QColorDialog>
#include <QDateTimeAxis>
#include <QInputDialog>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QValueAxis>

using counters::CounterType;
using dashboard::ChartPanel;
using dashboard::ChartStack;
using dashboard::CounterHistory;
using dashboard::HistoryStore;
using dashboard::LegendModel;
using dashboard::LegendView;
using dashboard::PointField;
using dashboard::SeriesKey;
using dashboard::Theme;
using dashboard::Threshold;
using dashboard::ThresholdSet;
using dashboard::ThresholdState;
using dashboard::TimeAxisPolicy;
using dashboard::TimeTick;
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

/// Three readings of a percentile counter `query_latency` at 1001…1003 s: medians of 1, 2 and
/// 3 times `median` seconds, their p90 and p99 `p90` and `p99` times the median.
void appendLatencies(HistoryStore &history, double median, double p90, double p99)
{
    for (int i = 1; i <= 3; ++i) {
        counters::CounterRow latency =
            row(QStringLiteral("query_latency"), CounterType::PercentileWindow, median * i);
        latency.subValues = {{QStringLiteral("p50"), median * i},
                             {QStringLiteral("p90"), median * p90 * i},
                             {QStringLiteral("p99"), median * p99 * i}};
        latency.unit = counters::Unit::Second;
        history.appendSnapshots(kSource, {snapshot(1000 + i, {latency})});
    }
}

} // namespace

class ChartPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldDrawAnAverageWithItsBand()
    {
        HistoryStore history;
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
        const auto *valueAxis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QCOMPARE(valueAxis->titleText(), QStringLiteral("ms"));
        // The axis follows the line (10–19 ms); the band (to 40–49 ms) goes past the plot's
        // top, where it is cut, rather than flattening the line. Durations need no zero.
        QVERIFY(valueAxis->min() <= 10.0 && valueAxis->min() > 0);
        QVERIFY(valueAxis->max() >= 19.0 && valueAxis->max() < 40.0);
        QVERIFY(binder->band()->upperSeries()->at(0).y() > valueAxis->max());
        QVERIFY(binder->band()->lowerSeries()->at(0).y() < valueAxis->min()); // 2 ms
        // The legend tells the current value and the statistics of the visible range.
        const LegendModel *legend = panel.legend();
        QCOMPARE(legend->index(0, LegendModel::NameColumn).data().toString(),
                 QStringLiteral("requests_time"));
        QCOMPARE(legend->index(0, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("19 ms"));
        QCOMPARE(legend->index(0, LegendModel::MinColumn).data().toString(),
                 QStringLiteral("10 ms"));
        QCOMPARE(panel.title(), QStringLiteral("requests_time"));
        // Under it, the key of its band: the window's maximum and minimum, with their own
        // numbers (tutorial i: max 40 + i ms, min 2 ms).
        QCOMPARE(legend->rowCount(), 3);
        QCOMPARE(legend->kindAt(1), LegendModel::RowKind::Band);
        QCOMPARE(legend->fieldAt(1), PointField::WindowMax);
        QCOMPARE(legend->fieldAt(2), PointField::WindowMin);
        QCOMPARE(legend->index(1, LegendModel::NameColumn).data().toString(),
                 QStringLiteral("window max"));
        QCOMPARE(legend->index(1, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("49 ms"));
        QCOMPARE(legend->index(1, LegendModel::MinColumn).data().toString(),
                 QStringLiteral("40 ms"));
        QCOMPARE(legend->index(2, LegendModel::MaxColumn).data().toString(),
                 QStringLiteral("2 ms"));
        // Its swatch is the band's fill.
        QVERIFY(legend->index(1, LegendModel::NameColumn).data(Qt::DecorationRole).metaType()
                == QMetaType::fromType<QIcon>());
        // Unchecking a band row hides the band, and both rows follow.
        QVERIFY(const_cast<LegendModel *>(legend)->setData(
            legend->index(2, LegendModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!panel.isBandShown(key(QStringLiteral("requests_time"))));
        QCOMPARE(binder->band()->upperSeries()->count(), 0);
        QCOMPARE(legend->index(1, LegendModel::NameColumn).data(Qt::CheckStateRole),
                 QVariant(Qt::Unchecked));
        QVERIFY(binder->line()->isVisible()); // the line stays
        panel.setBandShown(key(QStringLiteral("requests_time")), true);
        QCOMPARE(legend->index(2, LegendModel::NameColumn).data(Qt::CheckStateRole),
                 QVariant(Qt::Checked));
        QCOMPARE(binder->band()->upperSeries()->count(), 10);
    }

    // Five minutes without reports: the line stops and goes on in a piece of its own, and
    // the band narrows to nothing across the gap; hiding the series hides the pieces too.
    void shouldDrawAGapAsAGap()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 10));
        history.appendSnapshots(kSource, tutorials(300, 10));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        const auto *binder = panel.binder(time);
        QVERIFY(binder);
        QCOMPARE(binder->gaps().size(), 1);
        QCOMPARE(binder->gaps().first().from, 1009e3);
        QCOMPARE(binder->gaps().first().to, 1300e3);
        QCOMPARE(binder->line()->count(), 10);
        QCOMPARE(binder->line()->points().last().x(), 1009e3);
        QCOMPARE(binder->pieces().size(), 1);
        QCOMPARE(binder->pieces().first()->count(), 10);
        QCOMPARE(binder->pieces().first()->at(0).x(), 1300e3);
        QCOMPARE(binder->pieces().first()->pen(), binder->line()->pen());
        // The band's upper edge comes down to the lower one at the last point before the gap
        // and the first after: nothing is filled in between.
        const QList<QPointF> uppers = binder->band()->upperSeries()->points();
        const QList<QPointF> lowers = binder->band()->lowerSeries()->points();
        QCOMPARE(uppers.size(), lowers.size());
        qsizetype down = -1;
        for (qsizetype i = 0; i + 1 < uppers.size(); ++i) {
            if (uppers.at(i).x() == 1009e3 && uppers.at(i + 1).x() == 1300e3)
                down = i;
        }
        QVERIFY(down > 0);
        QCOMPARE(uppers.at(down), lowers.at(down));
        QCOMPARE(uppers.at(down + 1), lowers.at(down + 1));
        QVERIFY(uppers.at(down - 1).y() > lowers.at(down - 1).y()); // the band before
        QVERIFY(uppers.at(down + 2).y() > lowers.at(down + 2).y()); // and after
        // The crosshair says there is no data in the gap, and reads either side.
        QVERIFY(panel.crosshairValues(1150e3).first().text.endsWith(QStringLiteral("no data")));
        QVERIFY(panel.crosshairValues(1009e3).first().text.contains(QStringLiteral("19 ms")));
        QVERIFY(panel.crosshairValues(1300e3).first().text.contains(QStringLiteral("310 ms")));
        // After the newest point, by more than a gap: the series stopped.
        QVERIFY(panel.crosshairValues(1311e3).first().text.contains(QStringLiteral("319 ms")));
        QVERIFY(panel.crosshairValues(1313e3).first().text.endsWith(QStringLiteral("no data")));
        panel.setSeriesVisible(time, false);
        QVERIFY(!binder->pieces().first()->isVisible());
        panel.setSeriesVisible(time, true);
        QVERIFY(binder->pieces().first()->isVisible());
    }

    // A counter the source no longer reports is marked stopped in the legend, with since
    // when; the one that goes on is not.
    void shouldMarkASeriesThatStopped()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 10));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        panel.addSeries(time);
        panel.addSeries(frequency);
        const LegendModel *legend = panel.legend();
        const int timeRow = legend->rowOf(time);
        QCOMPARE(legend->stoppedSince(time), 0.0);
        QList<counters::Snapshot> onlyFrequency;
        for (int i = 10; i < 13; ++i)
            onlyFrequency.append(snapshot(
                1000 + i, {row(QStringLiteral("requests_frequency"), CounterType::Frequency, 2)}));
        history.appendSnapshots(kSource, onlyFrequency.mid(0, 2)); // 1011: not yet a gap
        QCOMPARE(legend->stoppedSince(time), 0.0);
        history.appendSnapshots(kSource, onlyFrequency.mid(2)); // 1012: 3 s without it
        QCOMPARE(legend->stoppedSince(time), 1009.0);
        QCOMPARE(legend->stoppedSince(frequency), 0.0);
        const QModelIndex name = legend->index(timeRow, LegendModel::NameColumn);
        QCOMPARE(name.data().toString(), QStringLiteral("requests_time (stopped)"));
        QVERIFY(name.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No data since")));
        // It comes back: no longer stopped.
        history.appendSnapshots(kSource, {tutorial(1013, 13)});
        QCOMPARE(legend->stoppedSince(time), 0.0);
        QCOMPARE(name.data().toString(), QStringLiteral("requests_time"));
    }

    // A colour and a name of the user's: the line, its processes, the legend, the title and
    // the crosshair follow, a copy keeps them, and the palette's colour comes back.
    void shouldColourAndRenameASeries()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 10));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const QColor palette = panel.binder(time)->color();
        const QColor red(0xd6, 0x27, 0x28);
        panel.setSeriesColor(time, red);
        QCOMPARE(panel.seriesColor(time), red);
        QCOMPARE(panel.binder(time)->color(), red);
        QCOMPARE(panel.binder(time)->line()->pen().color(), red);
        const LegendModel *legend = panel.legend();
        const int row = legend->rowOf(time);
        QCOMPARE(legend->index(row, 0).data(LegendModel::ColorRole).value<QColor>(), red);

        panel.setSeriesLabel(time, QStringLiteral("  checkout latency "));
        QCOMPARE(panel.seriesLabel(time), QStringLiteral("checkout latency"));
        QCOMPARE(legend->index(row, 0).data().toString(), QStringLiteral("checkout latency"));
        QVERIFY(panel.title().startsWith(QStringLiteral("checkout latency, ")));
        QVERIFY(panel.crosshairValues(1005e3).first().text.startsWith(
            QStringLiteral("checkout latency")));

        // From the legend's menu: a dialog of the chart's own, not modal in a loop of its own.
        auto *legendView = panel.findChild<LegendView *>();
        QVERIFY(legendView);
        Q_EMIT legendView->colorRequested(time);
        auto *colors = panel.findChild<QColorDialog *>();
        QVERIFY(colors && colors->isVisible());
        colors->setCurrentColor(QColor(0x2c, 0xa0, 0x2c));
        colors->accept();
        QCOMPARE(panel.seriesColor(time), QColor(0x2c, 0xa0, 0x2c));
        Q_EMIT legendView->renameRequested(time);
        auto *names = panel.findChild<QInputDialog *>();
        QVERIFY(names && names->isVisible());
        QCOMPARE(names->textValue(), QStringLiteral("checkout latency"));
        names->setTextValue(QStringLiteral("checkout"));
        names->accept();
        QCOMPARE(panel.seriesLabel(time), QStringLiteral("checkout"));
        panel.setSeriesColor(time, red);
        panel.setSeriesLabel(time, QStringLiteral("checkout latency"));

        ChartPanel copy(&history);
        copy.copyFrom(panel);
        QCOMPARE(copy.seriesColor(time), red);
        QCOMPARE(copy.seriesLabel(time), QStringLiteral("checkout latency"));

        panel.setSeriesColor(time, QColor());
        panel.setSeriesLabel(time, QString());
        QCOMPARE(panel.binder(time)->color(), palette);
        QCOMPARE(legend->index(row, 0).data().toString(), QStringLiteral("requests_time"));
    }

    // Readings without a value before the first one with (a window without events yet) draw
    // nothing: "Everything" starts where the line does, not a minute before.
    void shouldStartTheTimeAxisAtTheFirstValue()
    {
        HistoryStore history;
        QList<counters::Snapshot> snapshots;
        for (int i = 0; i < 60; ++i) {
            snapshots.append(snapshot(1000 + i,
                                      {row(QStringLiteral("latency"), CounterType::AverageTime,
                                           i < 50 ? std::nullopt : std::optional<double>(0.01))}));
        }
        history.appendSnapshots(kSource, snapshots);
        ChartPanel panel(&history);
        panel.resize(800, 400);
        panel.setRange(ChartPanel::Range::All);
        panel.addSeries(key(QStringLiteral("latency")));
        const auto [from, to] = panel.visibleTimeRange();
        QVERIFY2(from >= 1049.5 && from < 1050, qPrintable(QString::number(from, 'f', 3)));
        QVERIFY(to > 1059 && to <= 1059.5);
    }

    // Zoomed out (many readings a pixel column), a band still fills nothing across a
    // stretch without values, though its columns' edges fall among the readings without one.
    void shouldNotFillABandAcrossAGapWhenZoomedOut()
    {
        HistoryStore history;
        QList<counters::Snapshot> snapshots;
        for (int i = 0; i < 6000; ++i) {
            const bool idle = i >= 2400 && i < 3000; // ten minutes without a request
            snapshots.append(snapshot(
                1000 + i,
                {average(QStringLiteral("latency"), idle ? qQNaN() : 0.010, idle ? qQNaN() : 0.002,
                         idle ? qQNaN() : 0.040, CounterType::AverageTime)}));
        }
        history.appendSnapshots(kSource, snapshots);
        ChartPanel panel(&history);
        panel.resize(800, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const SeriesKey latency = key(QStringLiteral("latency"));
        panel.addSeries(latency);
        const auto *binder = panel.binder(latency);
        QVERIFY(binder->band());
        QCOMPARE(binder->gaps().size(), 1);
        QVERIFY(panel.chart()->plotArea().width() > 100);
        const QList<QPointF> uppers = binder->band()->upperSeries()->points();
        const QList<QPointF> lowers = binder->band()->lowerSeries()->points();
        QCOMPARE(uppers.size(), lowers.size());
        QVERIFY(uppers.size() < 6000); // decimated: several readings a column
        // The band's area within the gap, a column off either edge, is nothing.
        const auto [shownFrom, shownTo] = panel.timeWindow();
        QVERIFY(shownFrom <= 1000e3 && shownTo >= 6999e3); // everything
        const double columnMs = (shownTo - shownFrom) / panel.chart()->plotArea().width();
        const double from = binder->gaps().first().from + 2 * columnMs;
        const double to = binder->gaps().first().to - 2 * columnMs;
        double area = 0;
        for (qsizetype i = 0; i + 1 < uppers.size(); ++i) {
            const double x0 = uppers.at(i).x();
            const double x1 = uppers.at(i + 1).x();
            const double a = std::max(x0, from);
            const double b = std::min(x1, to);
            if (!(b > a) || !(x1 > x0))
                continue;
            const auto height = [&](double x) {
                const double t = (x - x0) / (x1 - x0);
                const double up = uppers.at(i).y() + t * (uppers.at(i + 1).y() - uppers.at(i).y());
                const double low = lowers.at(i).y() + t * (lowers.at(i + 1).y() - lowers.at(i).y());
                return up - low;
            };
            area += (height(a) + height(b)) / 2 * (b - a);
        }
        QVERIFY2(area < 1e-9, qPrintable(QString::number(area)));
    }

    // A reading alone between two gaps shows its marker, or it would not be seen at all.
    void shouldShowALonePointBetweenGaps()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 10));
        history.appendSnapshots(kSource, tutorials(100, 1));
        history.appendSnapshots(kSource, tutorials(200, 10));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        const auto *binder = panel.binder(time);
        QCOMPARE(binder->gaps().size(), 2);
        QCOMPARE(binder->pieces().size(), 2);
        QCOMPARE(binder->pieces().at(0)->count(), 1);
        QVERIFY(binder->pieces().at(0)->pointsVisible());
    }

    // On a linear axis the bands clip (the median is not flattened); on a logarithmic one,
    // where they flatten nothing, the axis makes room for them: a p99 band of 100 times the
    // median is seen whole.
    void shouldShowTheBandsWholeOnALogScale()
    {
        HistoryStore history;
        appendLatencies(history, 0.0002, 10, 100);
        ChartPanel panel(&history);
        panel.resize(800, 400);
        panel.addSeries(key(QStringLiteral("query_latency")));
        // Microseconds: the median 200–600 µs, the p99 20–60 ms = 20,000–60,000 µs.
        const auto *linear = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(linear && linear->max() < 1000);
        panel.setLogScale(true);
        const auto *log = qobject_cast<QLogValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(log);
        QCOMPARE(log->min(), 100.0);
        QCOMPARE(log->max(), 100000.0);
        // Its bands hidden, the axis follows the line alone again.
        panel.setBandShown(key(QStringLiteral("query_latency")), false);
        QCOMPARE(log->max(), 1000.0);
    }

    void shouldDrawPercentilesAsAMedianWithP90AndP99Bands()
    {
        // Latencies 2, 4, 6 ms (median) with p90 twice and p99 four times the median.
        HistoryStore history;
        appendLatencies(history, 0.002, 2, 4);
        ChartPanel panel(&history);
        panel.resize(800, 400);
        panel.addSeries(key(QStringLiteral("query_latency")));
        const auto *binder = panel.binder(key(QStringLiteral("query_latency")));
        QVERIFY(binder);
        QVERIFY(!binder->band()); // no min–max band: the percentile bands say more
        QVERIFY(binder->p90Band() && binder->p99Band());
        QCOMPARE(binder->line()->count(), 3);
        // Its rows say seconds: milliseconds, like a duration.
        const auto *valueAxis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QCOMPARE(valueAxis->titleText(), QStringLiteral("ms"));
        // Bands are cut a little beyond the plot's edges, which the medians decide.
        const double span = valueAxis->max() - valueAxis->min();
        const auto cut = [&](double value) {
            return std::clamp(value, valueAxis->min() - 0.05 * span,
                              valueAxis->max() + 0.05 * span);
        };
        for (int i = 0; i < 3; ++i) {
            const double median = 2.0 * (i + 1);
            QCOMPARE(binder->line()->at(i).y(), median);
            QCOMPARE(binder->p90Band()->lowerSeries()->at(i).y(), cut(median));
            QCOMPARE(binder->p90Band()->upperSeries()->at(i).y(), cut(2 * median));
            QCOMPARE(binder->p99Band()->lowerSeries()->at(i).y(), cut(2 * median));
            QCOMPARE(binder->p99Band()->upperSeries()->at(i).y(), cut(4 * median));
        }
        // The axis follows the median: the p99 band (to 24 ms) clips at the plot's edge.
        QVERIFY(valueAxis->max() >= 6.0 && valueAxis->max() < 24.0);
        QCOMPARE(panel.legend()->index(0, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("6 ms"));
        // The legend's key names the bands by the percentile each reaches to, with its
        // numbers over the visible range: p90 4, 8, 12 ms; p99 8, 16, 24 ms.
        const LegendModel *legend = panel.legend();
        QCOMPARE(legend->rowCount(), 3);
        QCOMPARE(legend->index(1, LegendModel::NameColumn).data().toString(),
                 QStringLiteral("p90"));
        QCOMPARE(legend->index(1, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("12 ms"));
        QCOMPARE(legend->index(1, LegendModel::AvgColumn).data().toString(),
                 QStringLiteral("8 ms"));
        QCOMPARE(legend->index(2, LegendModel::NameColumn).data().toString(),
                 QStringLiteral("p99"));
        QCOMPARE(legend->index(2, LegendModel::MinColumn).data().toString(),
                 QStringLiteral("8 ms"));
        QCOMPARE(legend->index(2, LegendModel::MaxColumn).data().toString(),
                 QStringLiteral("24 ms"));
        QVERIFY(legend->index(2, LegendModel::NameColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("99th percentile")));
        // The crosshair gives them too,
        const auto values = panel.crosshairValues(1002000);
        QCOMPARE(values.size(), 1);
        QCOMPARE(values.at(0).text, QStringLiteral("query_latency  4 ms  (p90 8 ms, p99 16 ms)"));
        // also for a reading whose time in milliseconds and back is not quite its own.
        counters::CounterRow odd =
            row(QStringLiteral("query_latency"), CounterType::PercentileWindow, 0.002);
        odd.subValues = {{QStringLiteral("p50"), 0.002},
                         {QStringLiteral("p90"), 0.003},
                         {QStringLiteral("p99"), 0.005}};
        odd.unit = counters::Unit::Second;
        int found = 0;
        for (int i = 0; i < 50; ++i) {
            const double time = 1004.000123456789 + i * 0.0137;
            history.appendSnapshots(kSource, {snapshot(time, {odd})});
            const auto near = panel.crosshairValues(time * 1000.0);
            found += near.size() == 1 && near.at(0).text.contains(QLatin1String("p99 5 ms"));
        }
        QCOMPARE(found, 50);
        // A chart of more lines than draw bands has no key.
        for (int i = 0; i < 12; ++i)
            panel.addSeries(key(QStringLiteral("other%1").arg(i)));
        QCOMPARE(legend->rowCount(), 13);
    }

    // Millions keep their magnitude on the axis: ticks of "1.5 M" rather than "1.5e+06".
    void shouldWriteLargeCountsWithAnSIPrefix()
    {
        HistoryStore history;
        for (int i = 1; i <= 3; ++i)
            history.appendSnapshots(
                kSource,
                {snapshot(1000 + i,
                          {row(QStringLiteral("bytes_sent"), CounterType::Total, 5e5 * i)})});
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("bytes_sent")));
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QCOMPARE(axis->labelFormat(), QStringLiteral("%.6g M"));
        QCOMPARE(panel.binder(key(QStringLiteral("bytes_sent")))->line()->at(2).y(), 1.5);
        QCOMPARE(panel.legend()->index(0, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("1.5 M"));
    }

    void shouldDrawOtherCountersWithoutBand()
    {
        HistoryStore history;
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
        HistoryStore history;
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
        HistoryStore history;
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
        QVERIFY(n1->line()->name().contains(QLatin1String("n1")));
        // Each process its own dashes and shade, apart from the series' solid line.
        const auto *merged = panel.binder(key(QStringLiteral("hits")));
        QCOMPARE(merged->line()->pen().style(), Qt::SolidLine);
        QCOMPARE(n1->line()->pen().style(), Qt::CustomDashLine);
        QVERIFY(n1->line()->pen().dashPattern() != n2->line()->pen().dashPattern());
        QVERIFY(n1->color() != n2->color());
        QVERIFY(n1->color() != merged->color() && n2->color() != merged->color());
        QCOMPARE(n1->color().hue(), merged->color().hue());
        // Each process its own legend row under the series, with its numbers.
        const LegendModel *legend = panel.legend();
        QCOMPARE(legend->rowCount(), 3);
        QCOMPARE(legend->kindAt(1), LegendModel::RowKind::Process);
        QCOMPARE(legend->keyAt(1), key(QStringLiteral("hits"), QStringLiteral("n1")));
        QCOMPARE(legend->index(2, LegendModel::NameColumn).data().toString(), QStringLiteral("n2"));
        QCOMPARE(legend->index(2, LegendModel::CurrentColumn).data().toString(),
                 QStringLiteral("3/s"));
        QCOMPARE(legend->index(2, LegendModel::MinColumn).data().toString(), QStringLiteral("2/s"));
        QCOMPARE(legend->index(1, LegendModel::NameColumn).data(LegendModel::ColorRole),
                 QVariant(n1->color()));
        // The crosshair lists each process, in its colour.
        const auto values = panel.crosshairValues(1001000);
        QCOMPARE(values.size(), 3);
        QCOMPARE(values.at(2).text, QStringLiteral("hits @ n2  3/s"));
        QCOMPARE(values.at(2).color, n2->color());
        // A process can be hidden alone; hiding the series leaves its processes.
        panel.legend()->setVisible(key(QStringLiteral("hits"), QStringLiteral("n1")), false);
        QVERIFY(!n1->line()->isVisible());
        QVERIFY(n2->line()->isVisible() && merged->line()->isVisible());
        QCOMPARE(panel.crosshairValues(1001000).size(), 2);
        panel.setSeriesVisible(key(QStringLiteral("hits")), false);
        QVERIFY(!merged->line()->isVisible() && n2->line()->isVisible());
        // Isolating the series shows it with its processes.
        panel.legend()->isolate(key(QStringLiteral("hits")));
        QVERIFY(merged->line()->isVisible() && n1->line()->isVisible());
        QVERIFY(n2->line()->isVisible());
        // The value axis fits the lines shown: a process alone (1 and 2, not the sums to 5).
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(axis->max() >= 5);
        panel.legend()->isolate(key(QStringLiteral("hits"), QStringLiteral("n1")));
        QVERIFY(!merged->line()->isVisible() && n1->line()->isVisible());
        QVERIFY2(axis->max() >= 2 && axis->max() < 5, qPrintable(QString::number(axis->max())));
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
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        panel.setPaused(true);
        history.appendSnapshots(kSource, tutorials(3, 3));
        QCOMPARE(panel.binder(key(QStringLiteral("requests_frequency")))->line()->count(), 3);
        panel.setPaused(false);
        QCOMPARE(panel.binder(key(QStringLiteral("requests_frequency")))->line()->count(), 6);
    }

    void shouldKeepItsPictureWhenThresholdsChangeWhilePaused()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ThresholdSet thresholds;
        ChartPanel panel(&history, &thresholds);
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        panel.addSeries(frequency);
        panel.setPaused(true);
        history.appendSnapshots(kSource, tutorials(3, 3));
        thresholds.setThreshold(frequency.counter, Threshold{5, 50});
        QCOMPARE(panel.thresholdLines().size(), 2);            // the new lines are drawn
        QCOMPARE(panel.binder(frequency)->line()->count(), 3); // on the paused data
        panel.setPaused(false);
        QCOMPARE(panel.binder(frequency)->line()->count(), 6);
    }

    void shouldFollowTheNewestDataInItsRange()
    {
        HistoryStore history;
        QList<counters::Snapshot> hour;
        for (int i = 0; i < 120; ++i)
            hour.append(tutorial(1000 + 30 * i, i)); // an hour, every 30 s
        history.appendSnapshots(kSource, hour);
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const auto *axis = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).at(0));
        QCOMPARE(panel.range(), ChartPanel::Range::All);
        // Everything: the axis spans the data, with a small margin for the end markers, and
        // no more (it used to snap its ends to round ticks, running past the data).
        const double first = 1000 * 1000;
        const double last = (1000 + 30 * 119) * 1000.0;
        const double margin = (last - first) * TimeAxisPolicy::MarginShare;
        QCOMPARE(double(axis->min().toMSecsSinceEpoch()), std::floor(first - margin));
        QCOMPARE(double(axis->max().toMSecsSinceEpoch()), std::floor(last + margin));
        // Its ticks are round times inside it, labelled in the locale's time format.
        const QList<TimeTick> ticks = panel.view()->timeTicks();
        QVERIFY(ticks.size() >= 2);
        for (const TimeTick &tick : ticks) {
            QVERIFY(tick.time >= first - margin && tick.time <= last + margin);
            QCOMPARE(std::fmod(tick.time, 60000.0), 0.0);
        }
        QCOMPARE(ticks.at(0).label,
                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(ticks.at(0).time)).time(),
                                    QLocale().timeFormat(QLocale::ShortFormat)));
        panel.setRange(ChartPanel::Range::FiveMinutes);
        // The last five minutes, ending at the newest point.
        QVERIFY(axis->min().toMSecsSinceEpoch() <= last - 300000);
        QVERIFY(axis->min().toMSecsSinceEpoch() > last - 310000);
        QVERIFY(axis->max().toMSecsSinceEpoch() >= last);
        QVERIFY(axis->max().toMSecsSinceEpoch() < last + 10000);
        QVERIFY(panel.coverageText().isEmpty()); // an hour of data fills 5 minutes
        // A range longer than the data says so.
        panel.setRange(ChartPanel::Range::OneHour);
        QVERIFY(panel.coverageText().isEmpty()); // 59.5 min: as good as the hour
        HistoryStore shortHistory;
        shortHistory.appendSnapshots(kSource, {tutorial(1000, 0), tutorial(1150, 1)});
        ChartPanel fresh(&shortHistory);
        fresh.addSeries(key(QStringLiteral("requests_frequency")));
        fresh.setRange(ChartPanel::Range::FifteenMinutes);
        QCOMPARE(fresh.coverageText(), QStringLiteral("2 min of data"));
        fresh.setRange(ChartPanel::Range::All);
        QVERIFY(fresh.coverageText().isEmpty());
    }

    void shouldHandQtChartsOnlyTheRangeShownWhileLive()
    {
        // Given an hour every 30 s, shown live over the last five minutes
        HistoryStore history;
        QList<counters::Snapshot> hour;
        for (int i = 0; i < 120; ++i)
            hour.append(tutorial(1000 + 30 * i, i));
        history.appendSnapshots(kSource, hour);
        ChartPanel panel(&history);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        QCOMPARE(panel.binder(time)->line()->count(), 120);
        panel.setRange(ChartPanel::Range::FiveMinutes);
        // The five minutes with a margin, and the point before them: not the whole hour.
        const int shown = panel.binder(time)->line()->count();
        QVERIFY2(shown >= 11 && shown <= 14, QByteArray::number(shown));
        QCOMPARE(panel.binder(time)->band()->upperSeries()->count(), shown);
        QCOMPARE(panel.binder(time)->line()->at(shown - 1).x(), (1000 + 30 * 119) * 1000.0);
        // New points keep the window moving.
        history.appendSnapshots(kSource, {tutorial(1000 + 30 * 120, 120)});
        const int moved = panel.binder(time)->line()->count();
        QVERIFY2(moved >= 11 && moved <= 14, QByteArray::number(moved));
        QCOMPARE(panel.binder(time)->line()->at(moved - 1).x(), (1000 + 30 * 120) * 1000.0);
        // Zooming (or panning) gets what the zoomed axis shows: zoomed out to the hour, all.
        Q_EMIT panel.view()->userZoomed();
        QVERIFY(!panel.isFollowing());
        QCOMPARE(panel.binder(time)->line()->count(), moved);
        auto *axis = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).at(0));
        axis->setRange(QDateTime::fromMSecsSinceEpoch(1000 * 1000),
                       QDateTime::fromMSecsSinceEpoch((1000 + 30 * 120) * 1000));
        Q_EMIT panel.view()->userZoomed();
        QCOMPARE(panel.binder(time)->line()->count(), 121);
        panel.followLatest();
        QCOMPARE(panel.binder(time)->line()->count(), moved);
    }

    // Whatever the range, the line reaches the left edge of the time axis and no point
    // handed to Qt Charts lies beyond it but the one the line comes from.
    void shouldDrawTheRangeToItsLeftEdge_data()
    {
        QTest::addColumn<ChartPanel::Range>("range");
        QTest::addColumn<int>("lastSecond");
        for (const int last : {7200, 7230, 7290, 7410}) {
            const QByteArray suffix = " ending at " + QByteArray::number(last) + " s";
            QTest::newRow(QByteArray("1 min" + suffix).constData())
                << ChartPanel::Range::OneMinute << last;
            QTest::newRow(QByteArray("5 min" + suffix).constData())
                << ChartPanel::Range::FiveMinutes << last;
            QTest::newRow(QByteArray("15 min" + suffix).constData())
                << ChartPanel::Range::FifteenMinutes << last;
            QTest::newRow(QByteArray("1 h" + suffix).constData())
                << ChartPanel::Range::OneHour << last;
        }
    }

    void shouldDrawTheRangeToItsLeftEdge()
    {
        QFETCH(ChartPanel::Range, range);
        QFETCH(int, lastSecond);
        HistoryStore history;
        QList<counters::Snapshot> hours;
        for (int second = 0; second <= lastSecond; second += 10)
            hours.append(tutorial(1.7e9 + second, second));
        history.appendSnapshots(kSource, hours);
        ChartPanel panel(&history);
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        panel.addSeries(frequency);
        panel.setRange(range);
        const auto *axis = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).at(0));
        const double min = double(axis->min().toMSecsSinceEpoch());
        const QLineSeries *line = panel.binder(frequency)->line();
        QVERIFY(line->count() >= 2);
        QVERIFY2(line->at(0).x() <= min,
                 qPrintable(QStringLiteral("%1 > %2").arg(line->at(0).x()).arg(min)));
        QVERIFY2(line->at(1).x() >= min,
                 qPrintable(QStringLiteral("%1 < %2").arg(line->at(1).x()).arg(min)));
        QCOMPARE(line->at(line->count() - 1).x(), (1.7e9 + lastSecond) * 1000.0);
    }

    // Everything of a fresh source: the axis starts at its first report, not a minute before.
    void shouldStartEverythingAtTheFirstReport()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, {tutorial(1.7e9, 0), tutorial(1.7e9 + 20, 1)});
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        QCOMPARE(panel.range(), ChartPanel::Range::All);
        const auto *axis = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).at(0));
        const double first = 1.7e9 * 1000.0;
        QVERIFY(axis->min().toMSecsSinceEpoch() <= first);
        QVERIFY(axis->min().toMSecsSinceEpoch() > first - 1000); // the margin only
        QVERIFY(axis->max().toMSecsSinceEpoch() >= first + 20000);
        QVERIFY(axis->max().toMSecsSinceEpoch() < first + 21000); // ends at the newest
    }

    // Beyond the memory budget older points are rolled up: the legend says into what, and
    // the crosshair what a roll-up stands for.
    void shouldSayWhenPointsAreRolledUp()
    {
        HistoryStore history;
        history.setMemoryBudget(64 * HistoryStore::BytesPerPoint); // 64 points per series
        QList<counters::Snapshot> hour;
        for (int i = 0; i < 600; ++i)
            hour.append(snapshot(1'800'000'000 + i,
                                 {row(QStringLiteral("x"), CounterType::Total, i == 5 ? 100 : 1)}));
        history.appendSnapshots(kSource, hour);
        ChartPanel panel(&history);
        const SeriesKey x = key(QStringLiteral("x"));
        panel.addSeries(x);
        QVERIFY(panel.binder(x)->rollUpCount() > 0);
        const QString name = panel.legend()->index(0, LegendModel::NameColumn).data().toString();
        QVERIFY2(name.startsWith(QLatin1String("x (older: means of ")), qPrintable(name));
        const CounterHistory *h = history.history(x);
        QVERIFY(h->first().isRollUp());
        const auto values = panel.crosshairValues(h->first().time * 1000.0);
        QCOMPARE(values.size(), 1);
        QVERIFY2(values.at(0).text.contains(QLatin1String("(mean of ")),
                 qPrintable(values.at(0).text));
        QVERIFY2(values.at(0).text.contains(u"– 100"), qPrintable(values.at(0).text));
        // The spike is in the band.
        const QAreaSeries *band = panel.binder(x)->band();
        QVERIFY(band);
        double top = 0;
        for (const QPointF &point : band->upperSeries()->points())
            top = std::max(top, point.y());
        // (Beyond the mean line's axis: cut at the plot's top; the crosshair told the 100.)
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY2(top > axis->max(), qPrintable(QString::number(top)));
    }

    // A band reaching far beyond the lines is cut near the plot's edge, with one point per
    // pixel column at most: filling it costs its edges and its height at every repaint.
    void shouldCutBandsToWhatThePlotShows()
    {
        HistoryStore history;
        QList<counters::Snapshot> reports;
        for (int i = 0; i < 5000; ++i)
            reports.append(snapshot(
                1000 + i, {average(QStringLiteral("t"), 10 + i % 3, 5, i % 100 == 0 ? 1000 : 20)}));
        history.appendSnapshots(kSource, reports);
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey t = key(QStringLiteral("t"));
        panel.addSeries(t);
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(axis->max() < 100); // the lines, 10 to 12
        const QList<QPointF> upper = panel.binder(t)->band()->upperSeries()->points();
        double top = 0;
        for (const QPointF &point : upper)
            top = std::max(top, point.y());
        QVERIFY2(top <= axis->max() + 0.05 * (axis->max() - axis->min()) + 1e-9,
                 qPrintable(QString::number(top)));
        QVERIFY2(upper.size() <= std::max(100.0, panel.chart()->plotArea().width()) + 2,
                 qPrintable(QString::number(upper.size())));
        QCOMPARE(panel.binder(t)->band()->lowerSeries()->count(), upper.size());

        // The axis moves without new points (the other baseline): the bands follow it.
        const double before = axis->max() - axis->min();
        panel.setFromZero(!panel.startsAtZero());
        QVERIFY(axis->max() - axis->min() != before);
        double cut = 0;
        for (const QPointF &point : panel.binder(t)->band()->upperSeries()->points())
            cut = std::max(cut, point.y());
        QVERIFY2(cut > axis->max()
                     && cut <= axis->max() + 0.05 * (axis->max() - axis->min()) + 1e-9,
                 qPrintable(QStringLiteral("%1 of %2").arg(cut).arg(axis->max())));
    }

    // On a logarithmic scale the axis spans whole powers of ten around the values, and a
    // value of zero is left out; back on the linear scale it is there again.
    void shouldScaleLogarithmically()
    {
        // Qt Charts warns of every zero it is asked to place on a logarithmic axis.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Logarithm")));
        HistoryStore history;
        const double values[] = {0, 1, 10, 1000};
        for (int i = 0; i < 4; ++i)
            history.appendSnapshots(
                kSource,
                {snapshot(1000 + i, {row(QStringLiteral("x"), CounterType::Total, values[i])})});
        ThresholdSet thresholds;
        thresholds.setThreshold(QStringLiteral("x"), Threshold{5, 0});
        ChartPanel panel(&history, &thresholds);
        panel.resize(800, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const SeriesKey x = key(QStringLiteral("x"));
        panel.addSeries(x);
        QCOMPARE(panel.binder(x)->line()->count(), 4);
        QCOMPARE(panel.thresholdLines().size(), 2);
        panel.setLogScale(true);
        QVERIFY(panel.isLogScale());
        panel.setCrosshairTime(1001.5 * 1000);
        panel.view()->viewport()->repaint();
        const auto *log = qobject_cast<QLogValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(log);
        QCOMPARE(panel.chart()->axes(Qt::Vertical).size(), 1);
        QCOMPARE(log->min(), 1.0);
        QCOMPARE(log->max(), 1000.0);
        QCOMPARE(panel.binder(x)->line()->count(), 3);
        QVERIFY(panel.binder(x)->line()->attachedAxes().contains(log));
        // The critical level of 0 has no place on it; the warning at 5 has.
        QCOMPARE(panel.thresholdLines().size(), 1);
        panel.setLogScale(false);
        QVERIFY(qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0)));
        QCOMPARE(panel.binder(x)->line()->count(), 4);
        // An emptied chart starts afresh, linear.
        panel.setLogScale(true);
        panel.clear();
        QVERIFY(!panel.isLogScale());
    }

    // Rates and counts start at zero, durations at their data; either can be switched.
    void shouldStartRatesAtZeroButNotDurations()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(50, 10));
        const auto axis = [](const ChartPanel &panel) {
            return qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        };
        ChartPanel rates(&history);
        rates.resize(800, 400);
        rates.addSeries(key(QStringLiteral("requests_frequency")));
        QVERIFY(rates.startsAtZero());
        QCOMPARE(axis(rates)->min(), 0.0);
        rates.setFromZero(false);
        QVERIFY(axis(rates)->min() > 0);

        ChartPanel durations(&history);
        durations.resize(800, 400);
        durations.addSeries(key(QStringLiteral("requests_time")));
        QVERIFY(!durations.startsAtZero());
        QVERIFY(axis(durations)->min() > 0);
        durations.setFromZero(true);
        QCOMPARE(axis(durations)->min(), 0.0);
    }

    // A series' bands can be switched off on their own.
    void shouldHideTheBandOfOneSeries()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        QVERIFY(panel.binder(time)->band()->isVisible());
        panel.setBandShown(time, false);
        QVERIFY(!panel.isBandShown(time));
        QVERIFY(!panel.binder(time)->band()->isVisible());
        QCOMPARE(panel.binder(time)->line()->count(), 5);
        panel.setBandShown(time, true);
        QVERIFY(panel.binder(time)->band()->isVisible());
    }

    // The chart's own menu (right button) switches the scale, the zero baseline and each
    // series' band, and removes series.
    void shouldOfferItsSettingsInItsMenu()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        const SeriesKey rate = key(QStringLiteral("requests_frequency"));
        panel.addSeries({time, rate}, {});
        const auto choose = [&](const QStringList &path) {
            QStringList seen;
            QTimer::singleShot(0, &panel, [&] {
                QMenu *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                QVERIFY(menu);
                for (const QAction *action : menu->actions())
                    seen.append(action->text().remove(QLatin1Char('&')));
                QAction *found = nullptr;
                for (QAction *action : menu->actions()) {
                    if (action->text().remove(QLatin1Char('&')) == path.first())
                        found = action;
                }
                QVERIFY(found);
                if (path.size() > 1) {
                    for (QAction *action : found->menu()->actions()) {
                        if (action->text() == path.at(1))
                            found = action;
                    }
                }
                found->trigger();
                menu->close();
            });
            Q_EMIT panel.view()->customContextMenuRequested(QPoint(20, 20));
            return seen;
        };
        const QStringList items = choose({QStringLiteral("Logarithmic Scale")});
        QCOMPARE(
            items.mid(0, 2),
            (QStringList{QStringLiteral("Logarithmic Scale"), QStringLiteral("Start at Zero")}));
        QVERIFY(items.contains(QStringLiteral("Bands"))
                && items.contains(QStringLiteral("Remove")));
        QVERIFY(panel.isLogScale());
        choose({QStringLiteral("Logarithmic Scale")});
        QVERIFY(!panel.isLogScale());
        choose({QStringLiteral("Start at Zero")}); // mixed units: off, now on
        QCOMPARE(panel.fromZero(), std::optional<bool>(true));
        choose({QStringLiteral("Bands"), QStringLiteral("requests_time")});
        QVERIFY(!panel.isBandShown(time));
        choose({QStringLiteral("Remove"), QStringLiteral("requests_frequency")});
        QCOMPARE(panel.seriesKeys(), QList<SeriesKey>{time});
    }

    // An exported chart says what it is: its title, its sources and its time range, above the
    // plot, and a legend of the series drawn without the check boxes.
    void shouldExportWithACaption()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        panel.resize(800, 400);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        const SeriesKey rate = key(QStringLiteral("requests_frequency"));
        panel.addSeries({time, rate}, {});
        const QHash<QString, QString> names{{kSource, QStringLiteral("Demo")}};
        const QStringList caption = panel.exportCaption(names);
        QCOMPARE(caption.size(), 2);
        QCOMPARE(caption.at(0), panel.title());
        QVERIFY2(caption.at(1).startsWith(u"Demo  ·  "), qPrintable(caption.at(1)));
        const auto [from, to] = panel.visibleTimeRange();
        QVERIFY2(caption.at(1).endsWith(
                     QDateTime::fromMSecsSinceEpoch(qint64(to * 1000)).toString(u"HH:mm:ss")),
                 qPrintable(caption.at(1)));
        const QImage two = panel.toImage(names);
        const int plot = panel.view()->grab().height();
        QVERIFY(two.height() > plot);
        // A hidden series leaves the image's legend.
        panel.setSeriesVisible(rate, false);
        const QImage one = panel.toImage(names);
        QVERIFY(one.height() < two.height());
        QCOMPARE(one.width(), two.width());
    }

    // A chart of many series draws lines only (dozens of bands hide them and cost most of the
    // painting) and follows new data at most once a second.
    void shouldDrawSeriesAddedTogetherOnce()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        const qint64 before = panel.replaceCount();
        panel.addSeries({key(QStringLiteral("requests_time")),
                         key(QStringLiteral("requests_frequency")),
                         key(QStringLiteral("requests_data_len_avg"))},
                        {});
        // One push each (a line, and a band's upper and lower lines), not one per series added;
        // the second series with bands comes without them.
        QCOMPARE(panel.replaceCount() - before, 3 + 1 + 1);
        QCOMPARE(panel.seriesKeys().size(), 3);
        // Every band under every line, though the bands were made after the lines.
        panel.setBandShown(key(QStringLiteral("requests_data_len_avg")), true);
        const QList<QAbstractSeries *> order = panel.chart()->series();
        const auto *time = panel.binder(key(QStringLiteral("requests_time")));
        const auto *length = panel.binder(key(QStringLiteral("requests_data_len_avg")));
        for (const SeriesKey &k : panel.seriesKeys()) {
            const qsizetype line = order.indexOf(panel.binder(k)->line());
            QVERIFY(order.indexOf(time->band()) < line);
            QVERIFY(order.indexOf(length->band()) < line);
        }
        QCOMPARE(time->line()->count(), 3);
        QCOMPARE(time->band()->upperSeries()->count(), 3);
    }

    // Bands of several series cover one another: a series added after one that draws bands
    // comes without its own, which stay a click away; a series without bands leaves the
    // next one its own.
    void shouldDrawTheBandsOfTheFirstSeriesThatHasSome()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 3));
        ChartPanel panel(&history);
        const SeriesKey rate = key(QStringLiteral("requests_frequency"));
        const SeriesKey time = key(QStringLiteral("requests_time"));
        const SeriesKey length = key(QStringLiteral("requests_data_len_avg"));
        panel.addSeries({rate, time}, {});
        panel.addSeries(length, QString());
        QVERIFY(panel.isBandShown(time));
        QVERIFY(panel.binder(time)->band());
        QVERIFY(!panel.isBandShown(length));
        QVERIFY(!panel.binder(length)->bandsShown());
        QVERIFY(!panel.legend()->isBandShown(length));
        // The user's choice wins, from the legend as from the chart.
        panel.legend()->setBandShown(length, true);
        QVERIFY(panel.isBandShown(length));
        QVERIFY(panel.binder(length)->band());
        // Once the first goes, a series added anew shows its bands again.
        panel.removeSeries(time);
        panel.removeSeries(length);
        panel.addSeries(length, QString());
        QVERIFY(panel.isBandShown(length));
    }

    void shouldKeepAChartOfManySeriesCheap()
    {
        HistoryStore history;
        const auto report = [](double time) {
            QList<counters::CounterRow> rows;
            for (int i = 0; i < 20; ++i) {
                counters::CounterRow r =
                    row(QStringLiteral("c%1").arg(i), CounterType::AverageWindow, double(i));
                r.subValues.insert(QStringLiteral("min"), 0);
                r.subValues.insert(QStringLiteral("max"), 100);
                rows.append(r);
            }
            return snapshot(time, rows);
        };
        history.appendSnapshots(kSource, {report(1000), report(1001)});
        ChartPanel few(&history);
        few.addSeries(key(QStringLiteral("c0")));
        QVERIFY(few.binder(key(QStringLiteral("c0")))->band());
        QVERIFY(few.binder(key(QStringLiteral("c0")))->band()->isVisible());

        ChartPanel many(&history);
        for (int i = 0; i < 20; ++i)
            many.addSeries(key(QStringLiteral("c%1").arg(i)));
        const auto *binder = many.binder(key(QStringLiteral("c0")));
        QVERIFY(!binder->bandsShown());
        QVERIFY(!binder->band() || !binder->band()->isVisible());
        QCOMPARE(binder->line()->count(), 2);
        // Data within the second after the last refresh waits for it…
        history.appendSnapshots(kSource, {report(1002)});
        QCOMPARE(binder->line()->count(), 2);
        // …and comes then. The chart of one series follows at once.
        QCOMPARE(few.binder(key(QStringLiteral("c0")))->line()->count(), 3);
        QTRY_COMPARE(binder->line()->count(), 3);
    }

    void shouldThinALongHistoryKeepingItsPeaks()
    {
        // Given 8000 points, with a single spike and a single dip
        HistoryStore history;
        QList<counters::Snapshot> many;
        for (int i = 0; i < 8000; ++i) {
            const double v = i == 4321 ? 1000 : i == 6789 ? -50 : (i % 10);
            many.append(snapshot(1000 + i, {row(QStringLiteral("x"), CounterType::Total, v)}));
        }
        history.appendSnapshots(kSource, many);
        ChartPanel panel(&history);
        const SeriesKey x = key(QStringLiteral("x"));
        panel.addSeries(x);
        const auto *binder = panel.binder(x);
        // Everything is shown with at most four points per pixel column…
        const int columns = std::max(100, int(panel.chart()->plotArea().width()));
        QVERIFY2(binder->line()->count() <= 4 * columns + 2 && binder->line()->count() >= columns,
                 QByteArray::number(binder->line()->count()));
        // …in time order, with the extremes kept.
        const auto range = binder->valueRange(-1e300, 1e300);
        QVERIFY(range);
        QCOMPARE(range->first, -50.0);
        QCOMPARE(range->second, 1000.0);
        for (int i = 1; i < binder->line()->count(); ++i)
            QVERIFY(binder->line()->at(i).x() > binder->line()->at(i - 1).x());
        // The legend still reads the history itself.
        QCOMPARE(panel.legend()->stats(x).count, 8000);
    }

    void shouldForgetTheSeriesOfARemovedSource()
    {
        HistoryStore history;
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
        HistoryStore history;
        history.appendSnapshots(kSource, {tutorial(1000)});
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        const auto *binder = panel.binder(key(QStringLiteral("requests_frequency")));
        QCOMPARE(binder->line()->count(), 1);
        QVERIFY(binder->line()->pointsVisible());
    }

    void shouldComputeTheLegendOverTheVisibleRange()
    {
        // Given an hour of a frequency rising 2.5, 3.5, … every 30 s
        HistoryStore history;
        QList<counters::Snapshot> hour;
        for (int i = 0; i < 120; ++i)
            hour.append(tutorial(1000 + 30 * i, i));
        history.appendSnapshots(kSource, hour);
        ChartPanel panel(&history);
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        panel.addSeries(frequency);
        // Everything: min 2.5, max 121.5, mean 62
        auto stats = panel.legend()->stats(frequency);
        QCOMPARE(stats.count, 120);
        QCOMPARE(stats.min, 2.5);
        QCOMPARE(stats.max, 121.5);
        QCOMPARE(stats.avg, 62.0);
        QCOMPARE(stats.current, 121.5);
        // When the last five minutes are shown, only their points count.
        panel.setRange(ChartPanel::Range::FiveMinutes);
        stats = panel.legend()->stats(frequency);
        QVERIFY2(stats.count >= 10 && stats.count <= 12, QByteArray::number(stats.count));
        QCOMPARE(stats.max, 121.5);
        QCOMPARE(stats.min, 121.5 - (stats.count - 1));
        QCOMPARE(panel.legend()->index(0, LegendModel::MaxColumn).data(LegendModel::ValueRole),
                 QVariant(121.5));
    }

    void shouldHideAndIsolateSeriesFromTheLegend()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        const SeriesKey a = key(QStringLiteral("requests_frequency"));
        const SeriesKey b = key(QStringLiteral("requests_data_len"));
        const SeriesKey c = key(QStringLiteral("requests_data_len_avg"));
        panel.addSeries(a);
        panel.addSeries(b);
        panel.addSeries(c);
        LegendModel *legend = panel.legend();
        QSignalSpy toggled(legend, &LegendModel::visibilityChanged);

        // Unchecking the box hides the line (and its band).
        QVERIFY(legend->setData(legend->index(1, LegendModel::NameColumn), Qt::Unchecked,
                                Qt::CheckStateRole));
        QVERIFY(!panel.binder(b)->line()->isVisible());
        QVERIFY(panel.binder(a)->line()->isVisible());
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(legend->index(1, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        // A hidden series leaves the value axis: data_len (100…) no longer sets its top.
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY2(axis->max() < 100, QByteArray::number(axis->max()));

        // Double-clicking its row in the legend shows one alone…
        auto *legendView = panel.findChild<dashboard::LegendView *>();
        QVERIFY(legendView);
        panel.resize(800, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QRect row = legendView->visualRect(legend->index(2, LegendModel::CurrentColumn));
        QTest::mouseDClick(legendView->viewport(), Qt::LeftButton, {}, row.center());
        QTest::mouseRelease(legendView->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(legend->hiddenKeys(), (QList<SeriesKey>{a, b}));
        legend->isolate(c); // again: everything
        QVERIFY(legend->hiddenKeys().isEmpty());
        // Isolating one shows it alone…
        legend->isolate(c);
        QVERIFY(panel.binder(c)->line()->isVisible());
        QVERIFY(panel.binder(c)->band()->isVisible());
        QVERIFY(!panel.binder(a)->line()->isVisible());
        QVERIFY(!panel.binder(b)->line()->isVisible());
        QCOMPARE(legend->hiddenKeys(), (QList<SeriesKey>{a, b}));
        // …and isolating it again shows everything.
        legend->isolate(c);
        QVERIFY(legend->hiddenKeys().isEmpty());
        QVERIFY(panel.binder(a)->line()->isVisible() && panel.binder(b)->line()->isVisible());
    }

    void shouldShowTheValuesUnderTheCrosshair()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5)); // times 1000…1004
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_time")));
        panel.addSeries(key(QStringLiteral("requests_frequency")));
        // Nearest point in time: 1002.4 s is 1002's.
        const auto values = panel.crosshairValues(1002400);
        QCOMPARE(values.size(), 2);
        // With the band's numbers: the window's minimum and maximum.
        QCOMPARE(values.at(0).text, QStringLiteral("requests_time  12 ms  (window 2 ms – 42 ms)"));
        QCOMPARE(values.at(1).text, QStringLiteral("requests_frequency  4.5/s"));
        QCOMPARE(values.at(0).color, panel.binder(key(QStringLiteral("requests_time")))->color());
        // Hidden series are not listed.
        panel.setSeriesVisible(key(QStringLiteral("requests_time")), false);
        QCOMPARE(panel.crosshairValues(1002400).size(), 1);
    }

    // The chart menu's Duplicate Chart: a copy with the same series and settings.
    void shouldDuplicateAChart()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartStack stack(&history);
        ChartPanel *chart = stack.charts().constFirst();
        const SeriesKey time = key(QStringLiteral("requests_time"));
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        chart->addSeries({time, frequency}, {{kSource, QStringLiteral("demo")}});
        chart->setSeriesVisible(frequency, false);
        chart->setBandShown(time, false);
        chart->setLogScale(true);
        chart->setRange(ChartPanel::Range::FiveMinutes);
        ChartPanel *copy = stack.duplicateChart(chart);
        QVERIFY(copy && copy != chart);
        QCOMPARE(stack.charts().size(), 2);
        QCOMPARE(stack.currentChart(), copy);
        QCOMPARE(copy->seriesKeys(), chart->seriesKeys());
        QVERIFY(!copy->isSeriesVisible(frequency) && copy->isSeriesVisible(time));
        QVERIFY(!copy->isBandShown(time));
        QVERIFY(copy->isLogScale());
        QCOMPARE(copy->range(), ChartPanel::Range::FiveMinutes);
        QCOMPARE(copy->title(), chart->title());
        // They are charts of their own.
        copy->removeSeries(time);
        QVERIFY(chart->contains(time));
    }

    void shouldSynchroniseTheCrosshairAcrossStackedCharts()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 60));
        ChartStack stack(&history);
        stack.resize(800, 800);
        ChartPanel *top = stack.charts().constFirst();
        top->addSeries(key(QStringLiteral("requests_time")));
        ChartPanel *bottom = stack.addChart();
        bottom->addSeries(key(QStringLiteral("requests_frequency")));
        stack.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stack));

        // The mouse over the middle of the top chart's plot…
        const QRectF plot = top->chart()->plotArea();
        const QPoint middle = plot.center().toPoint();
        // (From another point first: a move to where the cursor already is is no move.)
        QTest::mouseMove(top->view()->viewport(), middle - QPoint(40, 10));
        QTest::mouseMove(top->view()->viewport(), middle);
        QTRY_COMPARE(top->crosshairTime(), top->chart()->mapToValue(middle).x());
        // …shows the crosshair at the same time in the other chart.
        QCOMPARE(bottom->crosshairTime(), top->crosshairTime());
        const double expected = top->chart()->mapToValue(middle).x();
        QVERIFY(std::abs(top->crosshairTime() - expected) < 1);
        // Both charts draw it: a vertical line and a box with the values.
        const QImage picture = stack.grab().toImage();
        if (qEnvironmentVariableIsSet("DASHBOARD_TEST_PICTURES"))
            picture.save(qEnvironmentVariable("DASHBOARD_TEST_PICTURES")
                         + QStringLiteral("/crosshair.png"));
        const QImage bottomPicture = bottom->view()->grab().toImage();
        const QColor box = bottom->view()->palette().color(QPalette::ToolTipBase);
        int boxPixels = 0;
        for (int y = 0; y < bottomPicture.height(); ++y) {
            for (int x = 0; x < bottomPicture.width(); ++x) {
                const QColor c = bottomPicture.pixelColor(x, y);
                boxPixels += std::abs(c.red() - box.red()) + std::abs(c.green() - box.green())
                        + std::abs(c.blue() - box.blue())
                    < 12;
            }
        }
        QVERIFY2(boxPixels > 400, QByteArray::number(boxPixels));
        // Leaving hides both.
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(top->view(), &leave);
        QVERIFY(std::isnan(top->crosshairTime()));
        QVERIFY(std::isnan(bottom->crosshairTime()));
    }

    void shouldPauseWhenZoomedAndGoLiveOnDoubleClick()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 60));
        ChartStack stack(&history);
        stack.resize(800, 600);
        ChartPanel *chart = stack.charts().constFirst();
        const SeriesKey frequency = key(QStringLiteral("requests_frequency"));
        chart->addSeries(frequency);
        ChartPanel *other = stack.addChart();
        stack.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stack));
        QSignalSpy paused(&stack, &ChartStack::pausedChanged);

        // Dragging a time span zooms into it and pauses every chart.
        const QRectF plot = chart->chart()->plotArea();
        QWidget *viewport = chart->view()->viewport();
        const QPoint from(int(plot.left() + plot.width() * 0.3), int(plot.center().y()));
        const QPoint to(int(plot.left() + plot.width() * 0.6), int(plot.center().y()));
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        QTest::mouseMove(viewport, to);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        QTRY_VERIFY(stack.isPaused());
        QCOMPARE(paused.size(), 1);
        QVERIFY(chart->isPaused() && other->isPaused());
        QVERIFY(!chart->isFollowing());
        const auto *axis =
            qobject_cast<QDateTimeAxis *>(chart->chart()->axes(Qt::Horizontal).at(0));
        const qint64 zoomedSpan = axis->max().toMSecsSinceEpoch() - axis->min().toMSecsSinceEpoch();
        QVERIFY2(zoomedSpan < 30000, QByteArray::number(zoomedSpan));

        // Paused, new data does not move the picture.
        const int shown = chart->binder(frequency)->line()->count();
        history.appendSnapshots(kSource, tutorials(60, 5));
        QCOMPARE(chart->binder(frequency)->line()->count(), shown);

        // Shift+drag pans: still paused, the span is kept.
        const qint64 before = axis->min().toMSecsSinceEpoch();
        QTest::mousePress(viewport, Qt::LeftButton, Qt::ShiftModifier, to);
        QTest::mouseMove(viewport, from);
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::ShiftModifier, from);
        QVERIFY(axis->min().toMSecsSinceEpoch() > before);
        QVERIFY(stack.isPaused());

        // A double-click goes back to live: the new points, the newest at the right.
        QTest::mouseDClick(viewport, Qt::LeftButton, {}, from);
        QVERIFY(!stack.isPaused());
        QCOMPARE(paused.size(), 2);
        QVERIFY(chart->isFollowing());
        QCOMPARE(chart->binder(frequency)->line()->count(), 65);
        QVERIFY(axis->max().toMSecsSinceEpoch() >= 1064000);
    }

    // A zoom in one chart shows every chart the same window; Back undoes one gesture at a
    // time (a wheel turn's steps at once), down to live.
    void shouldZoomEveryChartAtOnceAndGoBack()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 60));
        ChartStack stack(&history);
        stack.resize(800, 800);
        ChartPanel *top = stack.charts().constFirst();
        top->addSeries(key(QStringLiteral("requests_time")));
        ChartPanel *bottom = stack.addChart();
        bottom->addSeries(key(QStringLiteral("requests_frequency")));
        stack.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stack));
        QVERIFY(!stack.canGoBack());
        QSignalSpy back(&stack, &ChartStack::backAvailableChanged);
        const auto live = top->timeWindow();

        // A dragged span in the top chart…
        const QRectF plot = top->chart()->plotArea();
        QWidget *viewport = top->view()->viewport();
        const QPoint from(int(plot.left() + plot.width() * 0.3), int(plot.center().y()));
        const QPoint to(int(plot.left() + plot.width() * 0.6), int(plot.center().y()));
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        QTest::mouseMove(viewport, to);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        QTRY_VERIFY(stack.isPaused());
        const auto dragged = top->timeWindow();
        QVERIFY(dragged.second - dragged.first < 0.5 * (live.second - live.first));
        // …is what the bottom one shows too.
        QCOMPARE(bottom->timeWindow(), dragged);
        QVERIFY(!bottom->isFollowing());
        QCOMPARE(stack.timeWindow(), std::make_optional(dragged));
        QVERIFY(stack.canGoBack());
        QCOMPARE(back.size(), 1);

        // Three wheel steps in the bottom chart: one gesture.
        QWidget *bottomViewport = bottom->view()->viewport();
        const QPointF at = bottom->chart()->plotArea().center();
        for (int i = 0; i < 3; ++i) {
            QWheelEvent wheel(at, bottomViewport->mapToGlobal(at), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QCoreApplication::sendEvent(bottomViewport, &wheel);
        }
        const auto wheeled = bottom->timeWindow();
        QVERIFY(wheeled.second - wheeled.first < dragged.second - dragged.first);
        QCOMPARE(top->timeWindow(), wheeled);

        // Back: the dragged span, on both charts…
        stack.back();
        QCOMPARE(top->timeWindow(), dragged);
        QCOMPARE(bottom->timeWindow(), dragged);
        QVERIFY(stack.isPaused());
        // …and back again: live, following the newest data.
        stack.back();
        QVERIFY(!stack.isPaused());
        QVERIFY(top->isFollowing() && bottom->isFollowing());
        QCOMPARE(top->timeWindow(), live);
        QVERIFY(!stack.canGoBack());
        QCOMPARE(back.size(), 2);
        stack.back(); // nothing left: nothing happens
        QVERIFY(!stack.isPaused());

        // A window chosen (the time picker) is shown by every chart, and Back undoes it too.
        stack.setTimeWindow(1010e3, 1020e3);
        QCOMPARE(top->timeWindow(), std::make_pair(1010e3, 1020e3));
        QCOMPARE(bottom->timeWindow(), std::make_pair(1010e3, 1020e3));
        QVERIFY(stack.isPaused());
        QCOMPARE(
            top->binder(key(QStringLiteral("requests_time")))->valueRange(1010e3, 1020e3)->second,
            30.0);
        stack.back();
        QVERIFY(top->isFollowing());
        // A chart added while a window is shown shows it too.
        stack.setTimeWindow(1010e3, 1020e3);
        QCOMPARE(stack.addChart()->timeWindow(), std::make_pair(1010e3, 1020e3));
        // Resuming is a change Back undoes.
        stack.setPaused(false);
        QVERIFY(top->isFollowing());
        stack.back();
        QCOMPARE(top->timeWindow(), std::make_pair(1010e3, 1020e3));
    }

    // A series of a labelled family is drawn against its family's levels unless it has its own.
    void shouldDrawTheFamilysThresholdsOnItsSeries()
    {
        HistoryStore history;
        const counters::Labels get{{QStringLiteral("method"), QStringLiteral("GET")}};
        for (int i = 0; i < 3; ++i)
            history.appendSnapshots(
                kSource,
                {snapshot(1000 + i,
                          {series(QStringLiteral("req"), get, CounterType::Frequency, 5.0 + i)})});
        ThresholdSet thresholds;
        thresholds.setThreshold(QStringLiteral("req"), Threshold{6, 20});
        ChartPanel panel(&history, &thresholds);
        panel.resize(800, 400);
        const SeriesKey getKey = key(counters::seriesName(QStringLiteral("req"), get));
        panel.addSeries(getKey);
        QCOMPARE(panel.thresholdLines().size(), 2);
        QCOMPARE(panel.legend()
                     ->index(0, LegendModel::CurrentColumn)
                     .data(LegendModel::ThresholdStateRole)
                     .toInt(),
                 int(ThresholdState::Warning)); // 7 ≥ 6
        // A second series of the family shares the family's lines, named after it.
        const counters::Labels post{{QStringLiteral("method"), QStringLiteral("POST")}};
        history.appendSnapshots(
            kSource,
            {snapshot(1003, {series(QStringLiteral("req"), post, CounterType::Frequency, 1)})});
        panel.addSeries(key(counters::seriesName(QStringLiteral("req"), post)));
        QCOMPARE(panel.thresholdLines().size(), 2);
        QVERIFY2(panel.thresholdLines().first().label.startsWith(QStringLiteral("req: ")),
                 qPrintable(panel.thresholdLines().first().label));
        thresholds.setThreshold(getKey.counter, Threshold{100, 200});
        QCOMPARE(panel.thresholdLines().size(), 4); // its own, and the family's for the other
        QCOMPARE(panel.legend()
                     ->index(0, LegendModel::CurrentColumn)
                     .data(LegendModel::ThresholdStateRole)
                     .toInt(),
                 int(ThresholdState::Normal));
    }

    void shouldDrawThresholdLinesAndColourTheCurrentValue()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 10)); // requests_time 10…19 ms
        ThresholdSet thresholds;
        ChartPanel panel(&history, &thresholds);
        const SeriesKey time = key(QStringLiteral("requests_time"));
        panel.addSeries(time);
        QVERIFY(panel.thresholdLines().isEmpty());
        const auto state = [&] {
            return ThresholdState(panel.legend()
                                      ->index(0, LegendModel::CurrentColumn)
                                      .data(LegendModel::ThresholdStateRole)
                                      .toInt());
        };
        QCOMPARE(state(), ThresholdState::Normal);

        // Warning at 15 ms, critical at 0.1 s: lines in milliseconds like the axis.
        thresholds.setThreshold(time.counter, Threshold{0.015, 0.1});
        const auto lines = panel.thresholdLines();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value, 15.0);
        QCOMPARE(lines.at(0).color, ThresholdSet::color(ThresholdState::Warning));
        QCOMPARE(lines.at(1).value, 100.0);
        QCOMPARE(lines.at(1).color, ThresholdSet::color(ThresholdState::Critical));
        QCOMPARE(state(), ThresholdState::Warning);
        // The critical line is in view.
        const auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        QVERIFY(axis->max() >= 100);

        // Crossing the critical level.
        thresholds.setThreshold(time.counter, Threshold{0.015, 0.018});
        QCOMPARE(state(), ThresholdState::Critical);
        QCOMPARE(panel.legend()->index(0, LegendModel::CurrentColumn).data(Qt::ForegroundRole),
                 QVariant(ThresholdSet::color(ThresholdState::Critical)));
        // Removing them removes the lines.
        thresholds.setThreshold(time.counter, Threshold());
        QVERIFY(panel.thresholdLines().isEmpty());
        QCOMPARE(state(), ThresholdState::Normal);
    }

    void shouldFollowThePaletteSwitch()
    {
        HistoryStore history;
        history.appendSnapshots(kSource, tutorials(0, 5));
        ChartPanel panel(&history);
        panel.addSeries(key(QStringLiteral("requests_time")));
        auto *axis = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).at(0));
        for (const QPalette &palette : {Theme::darkPalette(), Theme::lightPalette()}) {
            panel.setPalette(palette);
            QCOMPARE(panel.chart()->backgroundBrush().color(), palette.color(QPalette::Base));
            QCOMPARE(axis->labelsColor(), palette.color(QPalette::Text));
            // The grid stays faint: the text colour, mostly transparent.
            QCOMPARE(axis->gridLineColor().rgb(), palette.color(QPalette::Text).rgb());
            QVERIFY(axis->gridLineColor().alphaF() < 0.2);
            const QColor series = panel.binder(key(QStringLiteral("requests_time")))->color();
            QCOMPARE(series, Theme::seriesColor(0, palette));
            QCOMPARE(panel.legend()->index(0, 0).data(LegendModel::ColorRole), QVariant(series));
        }
        QVERIFY(Theme::isDark(Theme::darkPalette()) && !Theme::isDark(Theme::lightPalette()));
    }
};

QTEST_MAIN(ChartPanelTest)
#include "tst_chartpanel.moc"
