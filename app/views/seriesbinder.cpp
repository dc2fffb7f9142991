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
#include <cmath>

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
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (band->area) {
            m_chart->removeSeries(band->area);
            delete band->area; // owns its upper and lower lines
        }
    }
    m_chart->removeSeries(m_line);
    delete m_line;
}

void SeriesBinder::createBand(Band &band)
{
    band.upper = new QLineSeries();
    band.lower = new QLineSeries();
    band.area = new QAreaSeries(band.upper, band.lower);
    band.upper->setParent(band.area);
    band.lower->setParent(band.area);
    // The band goes under the line: take the line out and put it back after the band.
    m_chart->removeSeries(m_line);
    m_chart->addSeries(band.area);
    band.area->attachAxis(m_timeAxis);
    band.area->attachAxis(m_valueAxis);
    m_chart->addSeries(m_line);
    m_line->attachAxis(m_timeAxis);
    m_line->attachAxis(m_valueAxis);
    band.area->setVisible(m_visible);
    for (QLegendMarker *marker : m_chart->legend()->markers(band.area))
        marker->setVisible(false);
    applyStyle();
}

void SeriesBinder::applyStyle()
{
    QPen pen(m_color);
    pen.setWidthF(m_style == Style::Merged ? 2.0 : 1.4);
    // Bevel joins look the same at this width and cost far less to stroke than round ones
    // (no curve per point): a hundred live series are stroked every frame.
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::BevelJoin);
    if (m_style == Style::Node)
        pen.setStyle(Qt::DashLine);
    m_line->setPen(pen);
    m_line->setColor(m_color);
    m_line->setMarkerSize(m_style == Style::Merged ? 5 : 4);
    // The p50–p90 band darker than the min–max one, the p90–p99 tail fainter.
    const std::pair<Band *, float> fills[] = {{&m_band, 0.22f}, {&m_p90, 0.30f}, {&m_p99, 0.13f}};
    for (const auto &[band, alpha] : fills) {
        if (!band->area)
            continue;
        QColor fill = m_color;
        fill.setAlphaF(m_style == Style::Merged ? alpha : alpha / 2);
        band->area->setBrush(fill);
        band->area->setPen(Qt::NoPen); // the fill says it all; an outline doubles the stroking
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

int SeriesBinder::update(const CounterHistory &history, double scale, bool force, double fromMs)
{
    if (!force && m_shown && history.revision() == m_revision && fromMs == m_fromMs)
        return 0;
    m_revision = history.revision();
    m_fromMs = fromMs;
    m_shown = true;

    // The first point to show: the last one before `fromMs` (times increase strictly).
    int first = 0;
    int last = history.size();
    while (first < last) {
        const int middle = first + (last - first) / 2;
        if (history.at(middle).time * 1000.0 < fromMs)
            first = middle + 1;
        else
            last = middle;
    }
    first = std::max(0, first - 1);

    m_values.clear();
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        band->uppers.clear();
        band->lowers.clear();
    }
    const int count = history.size() - first;
    // More points than pixels: each bucket of points gives its lowest and highest value (in
    // time order) and one band point of its extremes, so that no peak is lost.
    const int bucket = m_maxPoints > 0 && count > m_maxPoints
        ? (count + m_maxPoints / 2 - 1) / std::max(1, m_maxPoints / 2)
        : 1;
    m_values.reserve(bucket > 1 ? 2 * (count / bucket + 1) : count);
    for (int start = first; start < history.size(); start += bucket) {
        const int end = std::min(history.size(), start + bucket);
        if (bucket == 1) {
            const HistoryPoint &point = history.at(start);
            const double x = point.time * 1000.0;
            if (point.hasValue())
                m_values.append(QPointF(x, point.value * scale));
            if (point.hasBand())
                m_band.append(x, point.min * scale, point.max * scale);
            if (point.hasPercentiles()) {
                m_p90.append(x, point.value * scale, point.p90 * scale);
                m_p99.append(x, point.p90 * scale, point.p99 * scale);
            }
            continue;
        }
        int low = -1;
        int high = -1;
        constexpr double inf = std::numeric_limits<double>::infinity();
        double upper = -inf;
        double lower = inf;
        // Thinned percentile bands: from the lowest median to the highest p90, and from the
        // lowest p90 to the highest p99 of the stretch (no tail is lost either).
        double medianLow = inf;
        double p90Low = inf;
        double p90High = -inf;
        double p99High = -inf;
        for (int i = start; i < end; ++i) {
            const HistoryPoint &point = history.at(i);
            if (point.hasValue()) {
                if (low < 0 || point.value < history.at(low).value)
                    low = i;
                if (high < 0 || point.value > history.at(high).value)
                    high = i;
            }
            if (point.hasBand()) {
                upper = std::max(upper, point.max);
                lower = std::min(lower, point.min);
            }
            if (point.hasPercentiles()) {
                medianLow = std::min(medianLow, point.value);
                p90Low = std::min(p90Low, point.p90);
                p90High = std::max(p90High, point.p90);
                p99High = std::max(p99High, point.p99);
            }
        }
        for (const int i : {std::min(low, high), std::max(low, high)}) {
            if (i >= 0
                && (m_values.isEmpty() || m_values.constLast().x() < history.at(i).time * 1000.0))
                m_values.append(QPointF(history.at(i).time * 1000.0, history.at(i).value * scale));
        }
        const double x = history.at(start).time * 1000.0;
        if (std::isfinite(upper))
            m_band.append(x, lower * scale, upper * scale);
        if (std::isfinite(p99High)) {
            m_p90.append(x, medianLow * scale, p90High * scale);
            m_p99.append(x, p90Low * scale, p99High * scale);
        }
    }

    int replaced = 0;
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (!band->uppers.isEmpty() && !band->area)
            createBand(*band);
        if (band->area) {
            band->upper->replace(band->uppers);
            band->lower->replace(band->lowers);
            replaced += 2;
        }
    }
    m_line->setPointsVisible(m_values.size() <= kMarkerLimit);
    m_line->replace(m_values);
    return replaced + 1;
}

int SeriesBinder::clear()
{
    m_values.clear();
    m_shown = false;
    int replaced = 1;
    m_line->clear();
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        band->uppers.clear();
        band->lowers.clear();
        if (band->area) {
            band->upper->clear();
            band->lower->clear();
            replaced += 2;
        }
    }
    return replaced;
}

void SeriesBinder::raiseLine()
{
    m_chart->removeSeries(m_line);
    m_chart->addSeries(m_line);
    m_line->attachAxis(m_timeAxis);
    m_line->attachAxis(m_valueAxis);
    m_line->setVisible(m_visible);
}

void SeriesBinder::setVisible(bool visible)
{
    m_visible = visible;
    m_line->setVisible(visible);
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (band->area)
            band->area->setVisible(visible);
    }
}

void SeriesBinder::setMaxPoints(int points)
{
    m_maxPoints = std::max(0, points);
}

std::optional<QPointF> SeriesBinder::pointNear(double timeMs) const
{
    if (m_values.isEmpty())
        return std::nullopt;
    const auto after = std::lower_bound(m_values.cbegin(), m_values.cend(), timeMs,
                                        [](const QPointF &p, double x) { return p.x() < x; });
    if (after == m_values.cbegin())
        return *after;
    if (after == m_values.cend())
        return m_values.constLast();
    const auto before = after - 1;
    return timeMs - before->x() <= after->x() - timeMs ? *before : *after;
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
    for (const Band *band : {&m_band, &m_p90, &m_p99}) {
        include(band->uppers);
        include(band->lowers);
    }
    return range;
}

} // namespace dashboard
