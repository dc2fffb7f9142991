// SPDX-License-Identifier: MIT
#include "decimation.h"

#include "counterhistory.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dashboard {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The extremes of a column (or of one point), NaN-free: infinite when nothing was seen.
struct Range
{
    double low = kInf;
    double high = -kInf;
    void add(double v)
    {
        if (!std::isnan(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    void add(double a, double b)
    {
        add(a);
        add(b);
    }
    bool isEmpty() const { return low > high; }
};

/// One column's summary.
struct Column
{
    int points = 0;
    const HistoryPoint *first = nullptr; // with a value, as are the three below
    const HistoryPoint *lowest = nullptr;
    const HistoryPoint *highest = nullptr;
    const HistoryPoint *last = nullptr;
    double firstTime = 0;
    double lastTime = 0;
    // The first and last reading with a band: where the column's band is drawn (never at a
    // reading without a value in a gap, which would fill the band into it).
    double bandFirstTime = std::numeric_limits<double>::quiet_NaN();
    double bandLastTime = 0;
    Range band;
    Range median; // percentile bands: lowest median, highest p90
    Range p90;    // lowest p90, highest p99
    const HistoryPoint *few[4] = {};

    void add(const HistoryPoint &point)
    {
        if (points < 4)
            few[points] = &point;
        if (points == 0)
            firstTime = point.time;
        lastTime = point.time;
        ++points;
        if (point.hasValue()) {
            if (!first)
                first = &point;
            if (!lowest || point.value < lowest->value)
                lowest = &point;
            if (!highest || point.value > highest->value)
                highest = &point;
            last = &point;
        }
        // (A roll-up of readings without a value has no band either.)
        if (point.hasBand() || (point.isRollUp() && point.hasValue()) || point.hasPercentiles()) {
            if (std::isnan(bandFirstTime))
                bandFirstTime = point.time;
            bandLastTime = point.time;
        }
        if (point.hasBand())
            band.add(point.min, point.max);
        if (point.isRollUp())
            band.add(point.low, point.high);
        if (point.hasPercentiles()) {
            median.low = std::min(median.low, point.value);
            median.high = std::max(median.high, point.p90);
            p90.low = std::min(p90.low, point.p90);
            p90.high = std::max(p90.high, point.p99);
        }
    }
};

class Builder
{
public:
    Builder(DecimatedSeries &out, double scale) : m_out(out), m_scale(scale) { }

    /// A point kept as it is.
    void point(const HistoryPoint &p)
    {
        const double x = p.time * 1000.0;
        if (p.hasValue())
            value(x, p.value);
        Range band;
        if (p.hasBand())
            band.add(p.min, p.max);
        if (p.isRollUp())
            band.add(p.low, p.high);
        if (!band.isEmpty())
            append(m_out.bandLows, m_out.bandHighs, x, band);
        if (p.hasPercentiles()) {
            append(m_out.p90Lows, m_out.p90Highs, x, Range{p.value, p.p90});
            append(m_out.p99Lows, m_out.p99Highs, x, Range{p.p90, p.p99});
        }
    }

    void column(const Column &c)
    {
        if (c.points <= 4) {
            for (int i = 0; i < c.points; ++i)
                point(*c.few[i]);
            return;
        }
        if (c.first) {
            // First, lowest, highest and last, in time order.
            const HistoryPoint *kept[4] = {c.first, c.lowest, c.highest, c.last};
            std::sort(
                std::begin(kept), std::end(kept),
                [](const HistoryPoint *a, const HistoryPoint *b) { return a->time < b->time; });
            const HistoryPoint *previous = nullptr;
            for (const HistoryPoint *p : kept) {
                if (p != previous)
                    value(p->time * 1000.0, p->value);
                previous = p;
            }
        }
        if (std::isnan(c.bandFirstTime))
            return; // no band in this column
        for (const double x : {c.bandFirstTime * 1000.0, c.bandLastTime * 1000.0}) {
            if (!c.band.isEmpty())
                append(m_out.bandLows, m_out.bandHighs, x, c.band);
            if (!c.median.isEmpty()) {
                append(m_out.p90Lows, m_out.p90Highs, x, c.median);
                append(m_out.p99Lows, m_out.p99Highs, x, c.p90);
            }
        }
    }

private:
    void value(double x, double y) { m_out.values.append(QPointF(x, y * m_scale)); }
    void append(QList<QPointF> &lows, QList<QPointF> &highs, double x, const Range &range)
    {
        lows.append(QPointF(x, range.low * m_scale));
        highs.append(QPointF(x, range.high * m_scale));
    }

    DecimatedSeries &m_out;
    double m_scale;
};

/// Finds the gaps between the points with a value, in time order.
class GapFinder
{
public:
    GapFinder(QList<DecimatedSeries::Gap> &gaps, double period, double minimumMs)
        : m_gaps(gaps), m_period(period), m_minimumMs(minimumMs)
    {
    }

    void add(const HistoryPoint &point)
    {
        if (!point.hasValue())
            return;
        if (m_previous) {
            const double expected = std::max(m_previous->span, m_period);
            const double seconds = point.time - m_previous->time;
            if (expected > 0 && seconds > DecimatedSeries::GapPeriods * expected
                && seconds * 1000.0 >= m_minimumMs)
                m_gaps.append({m_previous->time * 1000.0, point.time * 1000.0});
        }
        m_previous = &point;
    }

    /// Keeps the MaxGaps widest.
    void finish()
    {
        m_gaps = DecimatedSeries::widestGaps(std::move(m_gaps), DecimatedSeries::MaxGaps);
    }

private:
    QList<DecimatedSeries::Gap> &m_gaps;
    double m_period;
    double m_minimumMs;
    const HistoryPoint *m_previous = nullptr;
};

} // namespace

QList<DecimatedSeries::Gap> DecimatedSeries::widestGaps(QList<Gap> gaps, qsizetype count)
{
    count = std::max<qsizetype>(0, count);
    if (gaps.size() <= count)
        return gaps;
    std::nth_element(gaps.begin(), gaps.begin() + count, gaps.end(),
                     [](const Gap &a, const Gap &b) { return a.to - a.from > b.to - b.from; });
    gaps.resize(count);
    std::sort(gaps.begin(), gaps.end(), [](const Gap &a, const Gap &b) { return a.from < b.from; });
    return gaps;
}

DecimatedSeries DecimatedSeries::of(const CounterHistory &history, double fromMs, double toMs,
                                    int columns, double scale)
{
    DecimatedSeries out;
    if (history.isEmpty())
        return out;
    // The point before the range and the one after it come along as they are.
    const int first = std::max(0, history.lowerBound(fromMs / 1000.0) - 1);
    const int end = std::min(
        history.size(),
        history.lowerBound(std::nextafter(toMs / 1000.0, std::numeric_limits<double>::infinity()))
            + 1);
    if (first >= end)
        return out;
    Builder builder(out, scale);
    const int count = end - first;
    const double width = toMs - fromMs;
    // A gap narrower than a pixel column cannot be seen.
    const double period = history.readingPeriod();
    out.gapAfterMs = GapPeriods * period * 1000.0;
    GapFinder gaps(out.gaps, period, columns > 0 && width > 0 ? width / columns : 0);
    if (columns <= 0 || count <= 4 * columns || !(width > 0)) {
        out.values.reserve(count);
        history.visit(first, end, [&](const HistoryPoint &point) {
            out.rollUps += point.isRollUp() ? 1 : 0;
            out.rollUpSeconds = std::max(out.rollUpSeconds, point.span);
            gaps.add(point);
            builder.point(point);
        });
        gaps.finish();
        return out;
    }
    out.values.reserve(4 * columns + 2);
    Column current;
    qint64 currentIndex = std::numeric_limits<qint64>::min();
    history.visit(first, end, [&](const HistoryPoint &point) {
        out.rollUps += point.isRollUp() ? 1 : 0;
        out.rollUpSeconds = std::max(out.rollUpSeconds, point.span);
        gaps.add(point);
        const double x = point.time * 1000.0;
        // Points outside the range (the neighbours) get a column of their own.
        const qint64 index = x < fromMs ? -1
            : x > toMs                  ? qint64(columns)
                       : std::min<qint64>(columns - 1, qint64((x - fromMs) / width * columns));
        if (index != currentIndex) {
            if (current.points > 0)
                builder.column(current);
            current = Column();
            currentIndex = index;
        }
        current.add(point);
    });
    if (current.points > 0)
        builder.column(current);
    gaps.finish();
    return out;
}

} // namespace dashboard
