// SPDX-License-Identifier: MIT
#pragma once

#include "chartoverlay.h"
#include "models/legendmodel.h"
#include "models/serieskey.h"
#include "valuescale.h"

#include <counters/base/countertype.h>

#include <QElapsedTimer>
#include <QFrame>
#include <QHash>
#include <QList>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLogValueAxis;
class QToolButton;
class QValueAxis;
QT_END_NAMESPACE

namespace dashboard {

class ChartView;
class HistoryStore;
class LegendView;
class SeriesBinder;
class ThresholdSet;

/**
 * One chart of the dashboard (Qt Charts): one or more counters over time, with a shaded
 * min–max band where the window's min and max are known (a percentile counter's p90 and p99
 * bands), a time axis (QDateTimeAxis) that spans the data with range presets and round ticks
 * drawn by the view (TimeAxisPolicy), a legend (LegendModel in a LegendView) with each
 * counter's current, min, avg and max over the visible range, the key of its bands and a row
 * per process, where lines are hidden or isolated, the warning and critical lines of the
 * counters' thresholds (ThresholdSet), a crosshair with the values under the mouse, and on
 * demand the values of each process of a multi-process report as lines of their own dashes
 * and shade.
 *
 * Reads the HistoryStore and refreshes per frame: on historyChanged() every affected series
 * gets its new points with one replace() per Qt Charts series. Paused, it keeps its picture
 * (the history keeps recording) and catches up on resume. Zoom with the mouse wheel, by
 * dragging a time span or with +/−, pan with Shift+drag or the arrow keys: each emits
 * userZoomed() (the ChartStack pauses). A double-click, Home or another range emits
 * liveRequested() and follows the newest data again.
 *
 * Not thread-safe (GUI thread).
 */
class ChartPanel : public QFrame
{
    Q_OBJECT
public:
    enum class Range { OneMinute, FiveMinutes, FifteenMinutes, OneHour, All };
    Q_ENUM(Range)

    /// `thresholds` (optional, not owned) gives the threshold lines and states.
    explicit ChartPanel(HistoryStore *history, ThresholdSet *thresholds = nullptr,
                        QWidget *parent = nullptr);
    ~ChartPanel() override;

    /// Charts the (merged) series `key`; `sourceName` labels it when the chart shows several
    /// sources. Does nothing for a series already shown.
    void addSeries(const SeriesKey &key, const QString &sourceName = QString());
    /// Charts each of `keys`, labelled by `sourceNames` (source id → name), drawing the chart
    /// once rather than once per series.
    void addSeries(const QList<SeriesKey> &keys, const QHash<QString, QString> &sourceNames);
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
    /// What the chart says while it is empty; empty: how to chart counters.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;
    /// Marks the chart that "Add to chart" fills.
    void setCurrent(bool current);

    /// A logarithmic value axis (powers of ten; values of zero or less are left out) rather
    /// than a linear one.
    void setLogScale(bool log);
    bool isLogScale() const { return m_logScale; }
    /// Whether the linear value axis starts at zero: std::nullopt (the default) for the
    /// unit's choice, on for rates and plain numbers (counts), off for durations and sizes,
    /// whose changes a zero would flatten.
    void setFromZero(std::optional<bool> fromZero);
    std::optional<bool> fromZero() const { return m_fromZero; }
    /// What setFromZero() comes to for the series charted now.
    bool startsAtZero() const;
    /// Whether `key`'s bands (its window's min–max, a percentile's p90 and p99) are drawn.
    /// A series added comes with them on when no series before it draws bands, else off
    /// (bands of several series cover one another); a chart of many lines draws none.
    void setBandShown(const SeriesKey &key, bool shown);
    /// The same for each of `keys`, drawn again once.
    void setBandsShown(const QList<SeriesKey> &keys, bool shown);
    bool isBandShown(const SeriesKey &key) const;

    /// Draws series `key` (and its processes' shades) in `color`; an invalid colour gives it
    /// the palette's colour back.
    void setSeriesColor(const SeriesKey &key, const QColor &color);
    /// The colour chosen for `key`; invalid: the palette's.
    QColor seriesColor(const SeriesKey &key) const;
    /// Names series `key` `label` in the legend, the title, the crosshair and exports; empty:
    /// its counter's name again.
    void setSeriesLabel(const SeriesKey &key, const QString &label);
    QString seriesLabel(const SeriesKey &key) const;

    /// The chart's heading: the names of its counters.
    QString title() const;
    QChart *chart() const { return m_chart; }
    /// The line series of `key` (merged or node), for inspection; nullptr when not shown.
    const SeriesBinder *binder(const SeriesKey &key) const;
    /// replace() calls made so far (one per Qt Charts series and refresh).
    qint64 replaceCount() const { return m_replaceCount; }
    /// The time range shown, epoch seconds.
    std::pair<double, double> visibleTimeRange() const;
    /// The series that are shown (not hidden in the legend), in order.
    QList<SeriesKey> visibleSeriesKeys() const;
    /// The short names of the ranges in layouts ("1m", "5m", "15m", "1h", "all").
    static QString rangeName(Range range);
    static std::optional<Range> rangeFromName(const QString &name);

    /// The chart as an image (what "Export chart" saves): a caption (exportCaption()), the
    /// plot, and its legend as a table of names and statistics, without the check boxes.
    /// `sourceNames` (source id → name) names the sources.
    QImage toImage(const QHash<QString, QString> &sourceNames = {}) const;
    /// The caption of an exported image: the title, then the sources and the time range.
    QStringList exportCaption(const QHash<QString, QString> &sourceNames = {}) const;

    /// What the chart says when the range asked for holds less data than its length ("2 min
    /// of data"); empty otherwise.
    QString coverageText() const;

    /// At least MinimumHeight, and room for a readable plot (MinimumPlotHeight) besides the
    /// heading and the legend: more charts than fit scroll (ChartStack).
    QSize minimumSizeHint() const override;
    static constexpr int MinimumHeight = 260;
    static constexpr int MinimumPlotHeight = 170;

    /// Shows what `other` shows: its series (with their sources' names, hidden ones hidden,
    /// bands on or off, colours and names chosen), scale, baseline and range.
    void copyFrom(const ChartPanel &other);

    /// Shows the newest data again after a zoom.
    void followLatest();
    /// Shows [fromMs, toMs] (epoch milliseconds) and stops following the newest data, as a
    /// zoom does, without userZoomed(): another chart's zoom, the time picker, Back.
    void setTimeWindow(double fromMs, double toMs);
    /// The time range the axis shows, epoch milliseconds.
    std::pair<double, double> timeWindow() const;
    /// Whether the time axis follows the newest data (false after a zoom or pan).
    bool isFollowing() const { return m_following; }

    /// The legend: one row per series with its statistics over the visible range.
    LegendModel *legend() const { return m_legend; }
    /// Hides or shows a series (the legend's check box).
    void setSeriesVisible(const SeriesKey &key, bool visible);
    bool isSeriesVisible(const SeriesKey &key) const;

    /// The crosshair at `timeMs` (epoch milliseconds; NaN hides it), as another chart's mouse
    /// sets it.
    void setCrosshairTime(double timeMs);
    double crosshairTime() const;
    /// The crosshair's lines at `timeMs`: each shown series' name and nearest value.
    QList<CrosshairValue> crosshairValues(double timeMs) const;
    /// The threshold lines drawn (scaled unit).
    QList<ThresholdLine> thresholdLines() const;
    ChartView *view() const { return m_view; }
    /// Opens the threshold dialog for `key`'s counter.
    void editThresholds(const SeriesKey &key);

Q_SIGNALS:
    /// The user clicked into the chart: it should become the current one.
    void activated(dashboard::ChartPanel *panel);
    void closeRequested(dashboard::ChartPanel *panel);
    /// The user asked for a copy of this chart (ChartStack adds one: copyFrom()).
    void duplicateRequested(dashboard::ChartPanel *panel);
    /// Series were added or removed.
    void seriesChanged();
    /// The user zoomed or panned this chart (it no longer follows the newest data).
    void userZoomed(dashboard::ChartPanel *panel);
    /// The user asked for live data again (double-click, Home, a range preset).
    void liveRequested(dashboard::ChartPanel *panel);
    /// The mouse is over this chart at `timeMs`, or left it (NaN).
    void crosshairMoved(double timeMs);
    /// setRange() (or the chart's own range box) changed range().
    void rangeChanged(dashboard::ChartPanel *panel);

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
        QColor color;  ///< Chosen by the user; invalid: the palette's colorIndex.
        QString label; ///< Chosen by the user; empty: the counter's name.
        std::unique_ptr<SeriesBinder> line;
        std::vector<std::unique_ptr<SeriesBinder>> nodes;
        bool bandShown = true;
    };

    void onHistoryChanged(const QList<SeriesKey> &keys);
    void onContextMenu(const QPoint &position);
    /// Asks for a colour or a name of `key` (the menus' Colour… and Rename…).
    void chooseColor(const SeriesKey &key);
    void chooseLabel(const SeriesKey &key);
    QColor colorOf(const Entry &e) const;
    /// Whether `e`'s bands are on and its counter has some (HistoryStore::hasBands()).
    bool showsBands(const Entry &e) const;
    /// The levels that apply to `key`: its counter's, or its labelled family's.
    Threshold thresholdOf(const SeriesKey &key) const;
    QString nameOf(const Entry &e) const;
    Entry *entry(const SeriesKey &key);
    const Entry *entry(const SeriesKey &key) const;
    /// The value axis in use (linear or logarithmic).
    QAbstractAxis *valueAxis() const;
    /// Calls `f(binder, entry)` for each entry's binders: its line's, then its processes'.
    template <typename F>
    void forEachBinder(F &&f)
    {
        for (Entry &e : m_entries) {
            f(*e.line, e);
            for (const auto &node : e.nodes)
                f(*node, e);
        }
    }
    template <typename F>
    void forEachBinder(F &&f) const
    {
        for (const Entry &e : m_entries) {
            f(std::as_const(*e.line), e);
            for (const auto &node : e.nodes)
                f(std::as_const(*node), e);
        }
    }
    /// Whether the value axis has a place for `value` (a logarithmic one has none for zero or
    /// less).
    bool onAxis(double value) const { return !m_logScale || value > 0; }
    void onSeriesRemoved(const QList<SeriesKey> &keys);
    void onUserZoomed();
    void onVisibilityChanged(const SeriesKey &key, bool visible);
    void syncNodes(Entry &entry);
    /// The process' place in this chart (0, 1, … in the order they came), which picks its
    /// line's shade and dashes.
    int processOrdinal(const QString &node);
    void styleNode(const Entry &entry, SeriesBinder &node);
    /// The legend's rows under `entry`: its bands' key (when the chart `drawsBands`) and its
    /// processes.
    QList<LegendModel::Detail> legendDetails(const Entry &entry, bool drawsBands) const;
    void refresh(bool force);
    /// The lines drawn: the series and their processes' lines.
    int lineCount() const;
    void updateLegend();
    void updateThresholdLines();
    /// fitAxes(), then what depends on the visible range (legend, threshold lines).
    void updateAxes();
    void fitAxes();
    /// Round ticks for the time axis' range [from, to] (ChartView::setTimeTicks()).
    void updateTimeTicks(double from, double to);
    /// What the bands are cut to: the value axis' range and a little more.
    std::pair<double, double> bandCut() const;
    /// The oldest and newest time (epoch milliseconds) of the charted histories.
    std::optional<std::pair<double, double>> dataSpan() const;
    void updateTitle();
    void applyPalette();
    /// The value axis' scale for the charted series (ValueScale::plain() for mixed units).
    ValueScale valueScale() const;
    /// The unit of `key`'s values (what its rows say).
    counters::Unit valueUnit(const SeriesKey &key) const;
    /// Adds the entry of `key` without drawing; false when the chart already shows it.
    bool addEntry(const SeriesKey &key, const QString &sourceName, bool bandShown);

    HistoryStore *m_history;
    ThresholdSet *m_thresholds;
    LegendModel *m_legend;
    LegendView *m_legendView = nullptr;
    QChart *m_chart;
    ChartView *m_view;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLogValueAxis *m_logAxis; ///< In the chart instead of m_valueAxis on a log scale.
    bool m_logScale = false;
    std::optional<bool> m_fromZero;
    QLabel *m_title;
    QLabel *m_placeholder;
    QLabel *m_coverage;
    QComboBox *m_rangeBox;
    QToolButton *m_closeButton;
    std::vector<Entry> m_entries;
    Range m_range = Range::All;
    ValueScale m_scale;
    qint64 m_replaceCount = 0;
    int m_nextColor = 0;
    QHash<QString, int> m_processOrdinals;
    bool m_showNodes = false;
    bool m_paused = false;
    bool m_current = false;
    bool m_following = true;
    QElapsedTimer m_lastRefresh;
    QTimer m_refreshTimer; ///< a chart of many series: the next refresh, at most once a second
};

} // namespace dashboard
