// SPDX-License-Identifier: MIT
#pragma once

#include "models/counterhistory.h"
#include "models/decimation.h"
#include "models/serieskey.h"

#include <QColor>
#include <QPointF>
#include <QString>

#include <limits>
#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QAbstractSeries;
class QAreaSeries;
class QChart;
class QLineSeries;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Binds one time series of the HistoryStore to a chart: a QLineSeries for the values and,
 * where the window's min and max are known, a translucent QAreaSeries band between them; a
 * percentile counter's line is its median, with a band to its p90 and a fainter one on to its
 * p99. Each push() hands every Qt Charts series its new points with one replace() call (never
 * an append() per point), and only when the history changed since the last decimate().
 *
 * A gap in the data (DecimatedSeries::gaps) is drawn as a gap: Qt Charts cannot break a line,
 * so the points after each gap go to a line series of their own (a piece, drawn like the
 * line; a lone point shows its marker), and a band narrows to nothing across it.
 *
 * Owned by a ChartPanel; the Qt Charts series belong to the chart and are removed from it
 * when the binder is destroyed. Not thread-safe (GUI thread).
 */
class SeriesBinder
{
public:
    enum class Style { Merged, Node };

    SeriesBinder(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis,
                 const SeriesKey &key, const QColor &color, Style style);
    ~SeriesBinder();
    SeriesBinder(const SeriesBinder &) = delete;
    SeriesBinder &operator=(const SeriesBinder &) = delete;

    const SeriesKey &key() const { return m_key; }
    Style style() const { return m_style; }
    QColor color() const { return m_color; }
    /// The line (with the legend's name); after a gap the line goes on in pieces().
    QLineSeries *line() const { return m_line; }
    /// The line's pieces after its gaps, in time order (as many as the last push() drew).
    const QList<QLineSeries *> &pieces() const { return m_pieces; }
    /// The gaps of the last decimate().
    const QList<DecimatedSeries::Gap> &gaps() const { return m_gaps; }
    /// The min–max band, or nullptr while the history has none.
    QAreaSeries *band() const { return m_band.area; }
    /// A percentile counter's p50–p90 and p90–p99 bands, or nullptr while it has none.
    QAreaSeries *p90Band() const { return m_p90.area; }
    QAreaSeries *p99Band() const { return m_p99.area; }
    /// Whether any band exists (bands are created with the first point that has one).
    bool hasBands() const { return m_band.area || m_p90.area || m_p99.area; }

    /**
     * Shows `history` (values multiplied by `scale`) over [fromMs, toMs] (epoch milliseconds)
     * drawn in `columns` pixel columns, in two steps. decimate() computes the points:
     * DecimatedSeries keeps every column's extremes, so that Qt Charts gets a few points per
     * column however long the history, and zooming in brings full resolution back. It does
     * nothing when neither the history nor the range changed since the last call, unless
     * `force`, and otherwise creates the bands the points need and empties the series until
     * push() gives Qt Charts the points (returning the number of replace() calls made).
     *
     * A chart decimates all its series, then changes its axes (valueRange() knows the new
     * points), then pushes: Qt Charts lays a line out again on every axis change, and a line
     * emptied by decimate() is laid out once, with its new points, by push().
     *
     * decimate() is true when push() has points to give.
     */
    bool decimate(const CounterHistory &history, double scale, double fromMs, double toMs,
                  int columns, bool force = false);
    /// Bands are cut to [`low`, `high`] on the way (the value axis' range with a margin): they
    /// clip at the plot's edge anyway, and a band reaching far beyond it costs its whole
    /// height to rasterize at every repaint.
    int push(double low = -std::numeric_limits<double>::infinity(),
             double high = std::numeric_limits<double>::infinity());
    /// Cuts the bands again to a new [`low`, `high`] (the axis changed without new points);
    /// the number of replace() calls made.
    int recut(double low, double high);
    /// Roll-ups among the points of the last decimate() (their tooltip says so).
    int rollUpCount() const { return m_rollUps; }
    /// The longest interval of those roll-ups, in seconds (0: none).
    double rollUpSeconds() const { return m_rollUpSeconds; }

    /// Empties the series (the history went away).
    int clear();

    /// The legend text.
    void setName(const QString &name);
    /// Colour and line style (after a palette change).
    void setColor(const QColor &color);
    /// The dash pattern of a Node line (in pen widths; Theme::processDashes()).
    void setDashes(const QList<qreal> &dashes);
    const QList<qreal> &dashes() const { return m_dashes; }
    /// The fill of the band that reaches to `edge` (a percentile's P90 or P99, the window's
    /// WindowMin or WindowMax) under a merged line of `color`: what a legend's key shows.
    static QColor bandColor(const QColor &color, PointField edge);

    /// Puts the line on top of every series added before (bands go under all lines).
    void raiseLine();

    /// Whether the bands are drawn (default true); a chart of many series draws lines only.
    /// Applies from the next decimate().
    void setBandsShown(bool shown)
    {
        m_shown = m_shown && shown == m_bandsShown; // a change redraws
        m_bandsShown = shown;
    }
    bool bandsShown() const { return m_bandsShown; }
    /// Whether a sparse series shows its points as markers (default true; a chart of many
    /// lines shows none). Applies from the next push().
    void setMarkersShown(bool shown) { m_markersShown = shown; }
    /// At how many of its gaps (the widest) the line breaks: each costs a line series, which
    /// a chart of many lines shares out (default DecimatedSeries::MaxGaps). Applies from the
    /// next push().
    void setMaxBreaks(int breaks) { m_maxBreaks = breaks; }

    /// Values above zero only (a logarithmic axis): other points are left out, from the next
    /// decimate().
    void setPositiveOnly(bool positive)
    {
        m_shown = m_shown && positive == m_positiveOnly;
        m_positiveOnly = positive;
    }
    /// Moves every series of the binder to `axis` (the chart's new value axis).
    void setValueAxis(QAbstractAxis *axis);

    /// Shows or hides the line and its band (hidden series keep their points).
    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }

    /// The plotted point nearest to `timeMs` in time (scaled unit); std::nullopt when empty.
    std::optional<QPointF> pointNear(double timeMs) const;
    /// Whether `timeMs` falls in one of the line's gaps, or after its newest point by more than
    /// a gap (the series stopped): the line has no value there.
    bool isGapAt(double timeMs) const;

    /// The smallest and largest value of the line (not of its bands, which may reach far
    /// beyond it and clip at the plot's edge) with a time in [from, to], in the scaled unit;
    /// std::nullopt when no point lies there.
    std::optional<std::pair<double, double>> valueRange(double fromMs, double toMs) const;
    /// The smallest positive and the largest edge of the bands drawn with a time in [from, to]
    /// (scaled unit), std::nullopt when none: what a logarithmic axis, on which a far band
    /// flattens nothing, has room for.
    std::optional<std::pair<double, double>> positiveBandRange(double fromMs, double toMs) const;

private:
    /// A translucent area between two lines, under the value line.
    struct Band
    {
        QAreaSeries *area = nullptr;
        QLineSeries *upper = nullptr;
        QLineSeries *lower = nullptr;
        QList<QPointF> uppers;
        QList<QPointF> lowers;
    };

    void createBand(Band &band);
    int cutBands(double low, double high);
    void applyStyle();
    void styleLine(QLineSeries *line) const;
    /// The line and its pieces.
    QList<QLineSeries *> lines() const;
    QLineSeries *createPiece();
    void attach(QAbstractSeries *series);

    QChart *m_chart;
    QAbstractAxis *m_timeAxis;
    QAbstractAxis *m_valueAxis;
    SeriesKey m_key;
    QColor m_color;
    QList<qreal> m_dashes;
    Style m_style;
    QLineSeries *m_line = nullptr;
    Band m_band; ///< window min–max
    Band m_p90;  ///< percentile counters: p50–p90
    Band m_p99;  ///< percentile counters: p90–p99
    QList<QLineSeries *> m_pieces;
    QList<QPointF> m_values;
    QList<DecimatedSeries::Gap> m_gaps;
    double m_gapAfterMs = 0;
    quint64 m_revision = 0;
    double m_fromMs = 0;
    double m_toMs = 0;
    int m_columns = 0;
    int m_rollUps = 0;
    double m_rollUpSeconds = 0;
    bool m_shown = false;
    bool m_pushPending = false;
    bool m_visible = true;
    bool m_bandsShown = true;
    bool m_positiveOnly = false;
    bool m_markersShown = true;
    int m_maxBreaks = DecimatedSeries::MaxGaps;
    double m_cutLow = 0; ///< What the bands were cut to last.
    double m_cutHigh = 0;
};

} // namespace dashboard
