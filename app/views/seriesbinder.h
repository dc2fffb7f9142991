// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QColor>
#include <QPointF>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QAreaSeries;
class QChart;
class QLineSeries;
QT_END_NAMESPACE

namespace dashboard {

class CounterHistory;

/**
 * Binds one time series of the HistoryModel to a chart: a QLineSeries for the values and,
 * where the window's min and max are known, a translucent QAreaSeries band between them. Each
 * update() hands every Qt Charts series its new points with one replace() call (never an
 * append() per point), and only when the history changed since the last update.
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
    QLineSeries *line() const { return m_line; }
    /// The min–max band, or nullptr while the history has none.
    QAreaSeries *band() const { return m_band; }

    /**
     * Shows `history` (values multiplied by `scale`). Does nothing when the history did not
     * change since the last call, unless `force`. Returns the number of replace() calls made.
     */
    int update(const CounterHistory &history, double scale, bool force = false);
    /// Empties the series (the history went away).
    int clear();

    /// The legend text.
    void setName(const QString &name);
    /// Colour and line style (after a palette change).
    void setColor(const QColor &color);

    /// The smallest and largest value (band included) with a time in [from, to], in the
    /// scaled unit; std::nullopt when no point lies there.
    std::optional<std::pair<double, double>> valueRange(double fromMs, double toMs) const;

private:
    void createBand();
    void applyStyle();

    QChart *m_chart;
    QAbstractAxis *m_timeAxis;
    QAbstractAxis *m_valueAxis;
    SeriesKey m_key;
    QColor m_color;
    Style m_style;
    QLineSeries *m_line = nullptr;
    QAreaSeries *m_band = nullptr;
    QLineSeries *m_upper = nullptr;
    QLineSeries *m_lower = nullptr;
    QList<QPointF> m_values;
    QList<QPointF> m_uppers;
    QList<QPointF> m_lowers;
    quint64 m_revision = 0;
    bool m_shown = false;
};

} // namespace dashboard
