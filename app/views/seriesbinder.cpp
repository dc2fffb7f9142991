// SPDX-License-Identifier: MIT
#include "seriesbinder.h"

#include "models/counterhistory.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>

#include <algorithm>

namespace dashboard {

namespace {

/// Up to this many points a series shows its points as markers: a sparse series (a saved
/// report, a fresh connection) would otherwise be invisible or look like a bare line.
constexpr int kMarkerLimit = 30;

} // namespace

SeriesBinder::SeriesBinder(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis,
                           const SeriesKey &key, const QColor &color, Style style)
    : m_chart(chart),
      m_timeAxis(timeAxis),
      m_valueAxis(valueAxis),
      m_key(key),
      m_color(color),
      m_style(style)
{
    m_line = new QLineSeries();
    m_chart->addSeries(m_line);
    m_line->attachAxis(m_timeAxis);
    m_line->attachAxis(m_valueAxis);
    applyStyle();
}

SeriesBinder::~SeriesBinder()
{
    if (m_band) {
        m_chart->removeSeries(m_band);
        delete m_band; // owns m_upper and m_lower
    }
    m_chart->removeSeries(m_line);
    delete m_line;
}

void SeriesBinder::createBand()
{
    m_upper = new QLineSeries();
    m_lower = new QLineSeries();
    m_band = new QAreaSeries(m_upper, m_lower);
    m_upper->setParent(m_band);
    m_lower->setParent(m_band);
    // The band goes under the line: take the line out and put it back after the band.
    m_chart->removeSeries(m_line);
    m_chart->addSeries(m_band);
    m_band->attachAxis(m_timeAxis);
    m_band->attachAxis(m_valueAxis);
    m_chart->addSeries(m_line);
    m_line->attachAxis(m_timeAxis);
    m_line->attachAxis(m_valueAxis);
    for (QLegendMarker *marker : m_chart->legend()->markers(m_band))
        marker->setVisible(false);
    applyStyle();
}

void SeriesBinder::applyStyle()
{
    QPen pen(m_color);
    pen.setWidthF(m_style == Style::Merged ? 2.0 : 1.4);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    if (m_style == Style::Node)
        pen.setStyle(Qt::DashLine);
    m_line->setPen(pen);
    m_line->setColor(m_color);
    m_line->setMarkerSize(m_style == Style::Merged ? 5 : 4);
    if (m_band) {
        QColor fill = m_color;
        fill.setAlphaF(m_style == Style::Merged ? 0.22f : 0.10f);
        m_band->setBrush(fill);
        QColor edge = m_color;
        edge.setAlphaF(0.35f);
        QPen edgePen(edge);
        edgePen.setWidthF(0.8);
        m_band->setPen(edgePen);
    }
}

void SeriesBinder::setName(const QString &name)
{
    if (m_line->name() != name)
        m_line->setName(name);
}

void SeriesBinder::setColor(const QColor &color)
{
    m_color = color;
    applyStyle();
}

int SeriesBinder::update(const CounterHistory &history, double scale, bool force)
{
    if (!force && m_shown && history.revision() == m_revision)
        return 0;
    m_revision = history.revision();
    m_shown = true;

    m_values.clear();
    m_uppers.clear();
    m_lowers.clear();
    m_values.reserve(history.size());
    for (int i = 0; i < history.size(); ++i) {
        const HistoryPoint &point = history.at(i);
        const double x = point.time * 1000.0;
        if (point.hasValue())
            m_values.append(QPointF(x, point.value * scale));
        if (point.hasBand()) {
            m_uppers.append(QPointF(x, point.max * scale));
            m_lowers.append(QPointF(x, point.min * scale));
        }
    }

    int replaced = 0;
    if (!m_uppers.isEmpty() && !m_band)
        createBand();
    if (m_band) {
        m_upper->replace(m_uppers);
        m_lower->replace(m_lowers);
        replaced += 2;
    }
    m_line->setPointsVisible(m_values.size() <= kMarkerLimit);
    m_line->replace(m_values);
    return replaced + 1;
}

int SeriesBinder::clear()
{
    m_values.clear();
    m_uppers.clear();
    m_lowers.clear();
    m_shown = false;
    int replaced = 1;
    m_line->clear();
    if (m_band) {
        m_upper->clear();
        m_lower->clear();
        replaced += 2;
    }
    return replaced;
}

std::optional<std::pair<double, double>> SeriesBinder::valueRange(double fromMs, double toMs) const
{
    std::optional<std::pair<double, double>> range;
    const auto include = [&](const QList<QPointF> &points) {
        // Points are sorted by time: find the window by bisection.
        auto first = std::lower_bound(points.cbegin(), points.cend(), fromMs,
                                      [](const QPointF &p, double x) { return p.x() < x; });
        for (auto it = first; it != points.cend() && it->x() <= toMs; ++it) {
            if (!range)
                range = std::make_pair(it->y(), it->y());
            range->first = std::min(range->first, it->y());
            range->second = std::max(range->second, it->y());
        }
    };
    include(m_values);
    include(m_uppers);
    include(m_lowers);
    return range;
}

} // namespace dashboard
