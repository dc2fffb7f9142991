// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QFrame>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QToolButton;
class QValueAxis;
QT_END_NAMESPACE

namespace dashboard {

class ChartView;
class HistoryModel;
class SeriesBinder;

/**
 * One chart of the dashboard (Qt Charts): one or more counters over time, with a shaded
 * min–max band where the window's min and max are known, a time axis (QDateTimeAxis) with
 * range presets, a legend showing each counter's current value, and on demand the values of
 * each process of a multi-process report as dashed lines.
 *
 * Reads the HistoryModel and refreshes per frame: on historyChanged() every affected series
 * gets its new points with one replace() per Qt Charts series. Paused, it keeps its picture
 * (the history keeps recording) and catches up on resume. Zoom with the mouse wheel, by
 * dragging a time span or with +/−, pan with the arrow keys; a double-click, Home or another
 * range follows the newest data again.
 *
 * Not thread-safe (GUI thread).
 */
class ChartPanel : public QFrame
{
    Q_OBJECT
public:
    enum class Range { OneMinute, FiveMinutes, FifteenMinutes, OneHour, All };
    Q_ENUM(Range)

    explicit ChartPanel(HistoryModel *history, QWidget *parent = nullptr);
    ~ChartPanel() override;

    /// Charts the (merged) series `key`; `sourceName` labels it when the chart shows several
    /// sources. Does nothing for a series already shown.
    void addSeries(const SeriesKey &key, const QString &sourceName = QString());
    void removeSeries(const SeriesKey &key);
    void clear();
    /// The merged series shown, in the order added.
    QList<SeriesKey> seriesKeys() const;
    bool contains(const SeriesKey &key) const;
    bool isEmpty() const { return m_entries.empty(); }

    /// Whether each process's values are drawn too (multi-process reports).
    void setShowNodes(bool show);
    bool showNodes() const { return m_showNodes; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setRange(Range range);
    Range range() const { return m_range; }
    /// Marks the chart that "Add to chart" fills.
    void setCurrent(bool current);
    bool isCurrent() const { return m_current; }

    /// The chart's heading: the names of its counters.
    QString title() const;
    QChart *chart() const { return m_chart; }
    /// The line series of `key` (merged or node), for inspection; nullptr when not shown.
    const SeriesBinder *binder(const SeriesKey &key) const;
    /// replace() calls made so far (one per Qt Charts series and refresh).
    qint64 replaceCount() const { return m_replaceCount; }
    /// The chart as an image (what "Export chart" saves).
    QImage toImage() const;

    /// Shows the newest data again after a zoom.
    void followLatest();

Q_SIGNALS:
    /// The user clicked into the chart: it should become the current one.
    void activated(dashboard::ChartPanel *panel);
    void closeRequested(dashboard::ChartPanel *panel);
    /// Series were added or removed.
    void seriesChanged();

protected:
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Entry
    {
        SeriesKey key;
        QString sourceName;
        int colorIndex = 0;
        std::unique_ptr<SeriesBinder> line;
        std::vector<std::unique_ptr<SeriesBinder>> nodes;
    };

    void onHistoryChanged(const QList<SeriesKey> &keys);
    void onSeriesRemoved(const QList<SeriesKey> &keys);
    void onUserZoomed();
    void syncNodes(Entry &entry);
    void refresh(bool force);
    void updateLegend();
    void updateAxes();
    void updateTitle();
    void applyPalette();
    /// The unit of the value axis: a factor for the values and its name.
    struct Unit
    {
        double factor = 1;
        QString title;
    };
    Unit unit() const;
    Entry *entry(const SeriesKey &key);

    HistoryModel *m_history;
    QChart *m_chart;
    ChartView *m_view;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLabel *m_title;
    QLabel *m_placeholder;
    QComboBox *m_rangeBox;
    QToolButton *m_closeButton;
    std::vector<Entry> m_entries;
    Range m_range = Range::All;
    Unit m_unit;
    qint64 m_replaceCount = 0;
    int m_nextColor = 0;
    bool m_showNodes = false;
    bool m_paused = false;
    bool m_current = false;
    bool m_following = true;
};

} // namespace dashboard
