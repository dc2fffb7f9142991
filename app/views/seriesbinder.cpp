// SPDX-License-Identifier: MIT
#include "seriesbinder.h"

#include "models/counterhistory.h"
#include "models/decimation.h"

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

/// The indices of the points that start a piece of line after one of `gaps` (both in time
/// order).
QList<qsizetype> pieceStarts(const QList<QPointF> &points, const QList<DecimatedSeries::Gap> &gaps)
{
    QList<qsizetype> starts;
    qsizetype g = 0;
    for (qsizetype i = 1; i < points.size() && g < gaps.size(); ++i) {
        const double before = points.at(i - 1).x();
        while (g < gaps.size() && gaps.at(g).to <= before)
            ++g;
        if (g < gaps.size() && DecimatedSeries::crosses(gaps.at(g), before, points.at(i).x())) {
            starts.append(i);
            ++g;
        }
    }
    return starts;
}

/// Widens `range` to the values of `points` (sorted by time) with a time in [from, to], those
/// above zero only if `positiveOnly`.
void widen(std::optional<std::pair<double, double>> &range, const QList<QPointF> &points,
           double fromMs, double toMs, bool positiveOnly)
{
    // Points are sorted by time: find the window by bisection.
    auto first = std::lower_bound(points.cbegin(), points.cend(), fromMs,
                                  [](const QPointF &p, double x) { return p.x() < x; });
    for (auto it = first; it != points.cend() && it->x() <= toMs; ++it) {
        if (positiveOnly && !(it->y() > 0))
            continue;
        if (!range)
            range = std::make_pair(it->y(), it->y());
        range->first = std::min(range->first, it->y());
        range->second = std::max(range->second, it->y());
    }
}

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
    attach(m_line);
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
    for (QLineSeries *line : lines()) {
        m_chart->removeSeries(line);
        delete line;
    }
}

void SeriesBinder::attach(QAbstractSeries *series)
{
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
}

QList<QLineSeries *> SeriesBinder::lines() const
{
    QList<QLineSeries *> all;
    all.reserve(m_pieces.size() + 1);
    all.append(m_line);
    all.append(m_pieces);
    return all;
}

QLineSeries *SeriesBinder::createPiece()
{
    auto *piece = new QLineSeries();
    attach(piece);
    styleLine(piece);
    piece->setVisible(m_visible);
    for (QLegendMarker *marker : m_chart->legend()->markers(piece))
        marker->setVisible(false);
    m_pieces.append(piece);
    return piece;
}

void SeriesBinder::createBand(Band &band)
{
    band.upper = new QLineSeries();
    band.lower = new QLineSeries();
    band.area = new QAreaSeries(band.upper, band.lower);
    band.upper->setParent(band.area);
    band.lower->setParent(band.area);
    // The band goes under the line: take the line out and put it back after the band.
    const QList<QLineSeries *> all = lines();
    for (QLineSeries *line : all)
        m_chart->removeSeries(line);
    attach(band.area);
    for (QLineSeries *line : all)
        attach(line);
    band.area->setVisible(m_visible);
    for (QLegendMarker *marker : m_chart->legend()->markers(band.area))
        marker->setVisible(false);
    applyStyle();
}

void SeriesBinder::applyStyle()
{
    for (QLineSeries *line : lines())
        styleLine(line);
    const std::pair<Band *, PointField> fills[] = {
        {&m_band, PointField::WindowMax}, {&m_p90, PointField::P90}, {&m_p99, PointField::P99}};
    for (const auto &[band, edge] : fills) {
        if (!band->area)
            continue;
        band->area->setBrush(bandColor(m_color, edge));
        band->area->setPen(Qt::NoPen); // the fill says it all; an outline doubles the stroking
    }
}

void SeriesBinder::styleLine(QLineSeries *line) const
{
    QPen pen(m_color);
    pen.setWidthF(m_style == Style::Merged ? 2.0 : 1.4);
    // Bevel joins look the same at this width and cost far less to stroke than round ones
    // (no curve per point): a hundred live series are stroked every frame.
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::BevelJoin);
    if (m_style == Style::Node) {
        if (m_dashes.isEmpty())
            pen.setStyle(Qt::DashLine);
        else
            pen.setDashPattern(m_dashes);
    }
    line->setPen(pen);
    line->setColor(m_color);
    line->setMarkerSize(m_style == Style::Merged ? 5 : 4);
}

QColor SeriesBinder::bandColor(const QColor &color, PointField edge)
{
    // The p50–p90 band darker than the min–max one, the p90–p99 tail fainter.
    QColor fill = color;
    switch (edge) {
    case PointField::P90:
        fill.setAlphaF(0.30f);
        break;
    case PointField::P99:
        fill.setAlphaF(0.13f);
        break;
    default:
        fill.setAlphaF(0.22f);
        break;
    }
    return fill;
}

void SeriesBinder::setDashes(const QList<qreal> &dashes)
{
    if (m_dashes == dashes)
        return;
    m_dashes = dashes;
    applyStyle();
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

bool SeriesBinder::decimate(const CounterHistory &history, double scale, double fromMs, double toMs,
                            int columns, bool force)
{
    if (!force && m_shown && history.revision() == m_revision && fromMs == m_fromMs
        && toMs == m_toMs && columns == m_columns)
        return false;
    m_revision = history.revision();
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_columns = columns;
    m_shown = true;

    DecimatedSeries drawn = DecimatedSeries::of(history, fromMs, toMs, columns, scale);
    m_values = std::move(drawn.values);
    m_rollUps = drawn.rollUps;
    m_rollUpSeconds = drawn.rollUpSeconds;
    m_band.lowers = std::move(drawn.bandLows);
    m_band.uppers = std::move(drawn.bandHighs);
    m_p90.lowers = std::move(drawn.p90Lows);
    m_p90.uppers = std::move(drawn.p90Highs);
    m_p99.lowers = std::move(drawn.p99Lows);
    m_p99.uppers = std::move(drawn.p99Highs);
    m_gaps = std::move(drawn.gaps);
    m_gapAfterMs = drawn.gapAfterMs;
    if (!m_bandsShown) {
        for (Band *band : {&m_band, &m_p90, &m_p99}) {
            band->lowers.clear();
            band->uppers.clear();
        }
    }
    if (m_positiveOnly) {
        // A logarithmic axis has no place for zero or less: such points are left out (the line
        // goes on between its neighbours), and a band where its lower edge is.
        const auto notPositive = [](const QPointF &p) { return !(p.y() > 0); };
        m_values.erase(std::remove_if(m_values.begin(), m_values.end(), notPositive),
                       m_values.end());
        for (Band *band : {&m_band, &m_p90, &m_p99}) {
            QList<QPointF> uppers;
            QList<QPointF> lowers;
            for (qsizetype i = 0; i < std::min(band->uppers.size(), band->lowers.size()); ++i) {
                if (!notPositive(band->lowers.at(i))) {
                    uppers.append(band->uppers.at(i));
                    lowers.append(band->lowers.at(i));
                }
            }
            band->uppers = std::move(uppers);
            band->lowers = std::move(lowers);
        }
    }

    // Emptied until push(): whatever changes before (new bands, the axes) lays out nothing.
    m_line->clear();
    for (QLineSeries *piece : std::as_const(m_pieces)) {
        if (piece->count() > 0)
            piece->clear();
    }
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (!band->uppers.isEmpty() && !band->area)
            createBand(*band);
        if (band->area) {
            band->upper->clear();
            band->lower->clear();
        }
    }
    m_pushPending = true;
    return true;
}

int SeriesBinder::push(double low, double high)
{
    if (!std::exchange(m_pushPending, false))
        return 0;
    int replaced = cutBands(low, high);
    const bool markers = m_markersShown && m_values.size() <= kMarkerLimit;
    const QList<qsizetype> starts =
        pieceStarts(m_values, DecimatedSeries::widestGaps(m_gaps, m_maxBreaks));
    // Pieces no gap needs now go: each costs the chart a series to lay out at every change.
    while (m_pieces.size() > starts.size()) {
        QLineSeries *piece = m_pieces.takeLast();
        m_chart->removeSeries(piece);
        delete piece;
    }
    if (starts.isEmpty()) {
        m_line->setPointsVisible(markers || m_values.size() == 1);
        m_line->replace(m_values);
    } else {
        while (m_pieces.size() < starts.size())
            createPiece();
        for (qsizetype k = 0; k <= starts.size(); ++k) {
            const qsizetype from = k == 0 ? 0 : starts.at(k - 1);
            const qsizetype to = k == starts.size() ? m_values.size() : starts.at(k);
            QLineSeries *line = k == 0 ? m_line : m_pieces.at(k - 1);
            // A lone point between two gaps is no line: its marker shows it.
            line->setPointsVisible(markers || to - from == 1);
            line->replace(m_values.mid(from, to - from));
        }
        replaced += int(starts.size());
    }
    return replaced + 1;
}

int SeriesBinder::cutBands(double low, double high)
{
    int replaced = 0;
    m_cutLow = low;
    m_cutHigh = high;
    const bool thin = m_toMs > m_fromMs && m_columns > 0;
    const double columnMs = thin ? (m_toMs - m_fromMs) / m_columns : 0;
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (!band->area)
            continue;
        // One edge point per pixel column at most, the column's extremes (what can be seen
        // of a band), cut near the plot's edges: filling a band costs its edges.
        QList<QPointF> uppers;
        QList<QPointF> lowers;
        qsizetype column = -1;
        qsizetype gap = 0;
        for (qsizetype i = 0; i < std::min(band->uppers.size(), band->lowers.size()); ++i) {
            const QPointF &upper = band->uppers.at(i);
            const QPointF &lower = band->lowers.at(i);
            const qsizetype at =
                thin ? qsizetype(std::floor((upper.x() - m_fromMs) / columnMs)) : qsizetype(i);
            if (i > 0 && gap < m_gaps.size()) {
                const double before = band->uppers.at(i - 1).x();
                while (gap < m_gaps.size() && m_gaps.at(gap).to <= before)
                    ++gap;
                if (gap < m_gaps.size()
                    && DecimatedSeries::crosses(m_gaps.at(gap), before, upper.x())) {
                    // Across a gap the band narrows to nothing: its upper edge comes down to
                    // the lower one at the last point before and the first point after, which
                    // starts a column of its own.
                    const double bottom = std::clamp(lower.y(), low, high);
                    uppers.append(QPointF(uppers.last().x(), lowers.last().y()));
                    lowers.append(lowers.last());
                    uppers.append(QPointF(upper.x(), bottom));
                    lowers.append(QPointF(lower.x(), bottom));
                    column = std::numeric_limits<qsizetype>::min();
                    ++gap;
                }
            }
            if (at != column || uppers.isEmpty()) {
                column = at;
                uppers.append(QPointF(upper.x(), std::clamp(upper.y(), low, high)));
                lowers.append(QPointF(lower.x(), std::clamp(lower.y(), low, high)));
                continue;
            }
            uppers.last().setY(std::max(uppers.last().y(), std::clamp(upper.y(), low, high)));
            lowers.last().setY(std::min(lowers.last().y(), std::clamp(lower.y(), low, high)));
        }
        band->upper->replace(uppers);
        band->lower->replace(lowers);
        band->area->setVisible(m_visible && m_bandsShown);
        replaced += 2;
    }
    return replaced;
}

int SeriesBinder::recut(double low, double high)
{
    if (m_pushPending || (low == m_cutLow && high == m_cutHigh))
        return 0; // push() comes, or nothing changed
    return cutBands(low, high);
}

int SeriesBinder::clear()
{
    m_values.clear();
    m_shown = false;
    m_gaps.clear();
    int replaced = 0;
    for (QLineSeries *line : lines()) {
        line->clear();
        ++replaced;
    }
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
    for (QLineSeries *line : lines()) {
        m_chart->removeSeries(line);
        attach(line);
        line->setVisible(m_visible);
    }
}

void SeriesBinder::setValueAxis(QAbstractAxis *axis)
{
    if (axis == m_valueAxis)
        return;
    QList<QAbstractSeries *> all = {m_band.area, m_p90.area, m_p99.area};
    for (QLineSeries *line : lines())
        all.append(line);
    for (QAbstractSeries *series : std::as_const(all)) {
        if (!series)
            continue;
        if (series->attachedAxes().contains(m_valueAxis))
            series->detachAxis(m_valueAxis);
        series->attachAxis(axis);
    }
    m_valueAxis = axis;
    m_shown = false; // drawn again on the new axis
}

void SeriesBinder::setVisible(bool visible)
{
    m_visible = visible;
    for (QLineSeries *line : lines())
        line->setVisible(visible);
    for (Band *band : {&m_band, &m_p90, &m_p99}) {
        if (band->area)
            band->area->setVisible(visible && m_bandsShown);
    }
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

std::optional<std::pair<double, double>> SeriesBinder::positiveBandRange(double fromMs,
                                                                         double toMs) const
{
    std::optional<std::pair<double, double>> range;
    for (const Band *band : {&m_band, &m_p90, &m_p99}) {
        // (Hidden bands hold no points.)
        widen(range, band->uppers, fromMs, toMs, true);
        widen(range, band->lowers, fromMs, toMs, true);
    }
    return range;
}

bool SeriesBinder::isGapAt(double timeMs) const
{
    if (m_values.isEmpty())
        return false;
    if (m_gapAfterMs > 0 && timeMs > m_values.constLast().x() + m_gapAfterMs)
        return true;
    const auto gap =
        std::lower_bound(m_gaps.cbegin(), m_gaps.cend(), timeMs,
                         [](const DecimatedSeries::Gap &g, double t) { return g.to <= t; });
    return gap != m_gaps.cend() && gap->from < timeMs;
}

std::optional<std::pair<double, double>> SeriesBinder::valueRange(double fromMs, double toMs) const
{
    std::optional<std::pair<double, double>> range;
    widen(range, m_values, fromMs, toMs, false);
    return range;
}

} // namespace dashboard
