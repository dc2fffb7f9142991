// SPDX-License-Identifier: MIT
#include "counterhistory.h"

#include <algorithm>
#include <new>

namespace dashboard {

namespace {

/// The smaller of two numbers, NaN only when both are.
double lower(double a, double b)
{
    return std::isnan(a) ? b : std::isnan(b) ? a : std::min(a, b);
}

double higher(double a, double b)
{
    return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b);
}

} // namespace

CounterHistory::CounterHistory(int capacity) : m_capacity(std::max(MinimumCapacity, capacity)) { }

int CounterHistory::tierCapacity(int tier) const
{
    // Half for the readings, an eighth for each roll-up tier.
    return tier == 0 ? m_capacity / 2 : std::max(2, m_capacity / 8);
}

double CounterHistory::tierSeconds(int tier) const
{
    return tier == TierCount - 1 ? m_topSeconds : TierSeconds[std::size_t(tier)];
}

const HistoryPoint &CounterHistory::at(int i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    for (int tier = TierCount - 1; tier > 0; --tier) {
        const auto &points = m_tiers[std::size_t(tier)];
        if (i < int(points.size()))
            return points[std::size_t(i)];
        i -= int(points.size());
    }
    return m_tiers[0][std::size_t(i)];
}

double CounterHistory::readingPeriod() const
{
    const Tier &readings = m_tiers[0];
    const std::size_t count = std::min<std::size_t>(readings.size(), 16);
    if (count < 2)
        return 0;
    std::array<double, 15> intervals{};
    const std::size_t newest = readings.size() - 1;
    for (std::size_t i = 0; i + 1 < count; ++i)
        intervals[i] = readings[newest - i].time - readings[newest - i - 1].time;
    const auto end = intervals.begin() + std::ptrdiff_t(count - 1);
    const auto middle = intervals.begin() + std::ptrdiff_t((count - 1) / 2);
    std::nth_element(intervals.begin(), middle, end);
    return *middle;
}

int CounterHistory::lowerBound(double time) const
{
    int offset = 0;
    for (int tier = TierCount - 1; tier >= 0; --tier) {
        const Tier &points = m_tiers[std::size_t(tier)];
        if (!points.empty() && points.back().time >= time)
            return offset + int(points.lowerBound(time));
        offset += int(points.size());
    }
    return m_size;
}

bool CounterHistory::append(const HistoryPoint &point)
{
    if (!accepts(point.time))
        return false;
    m_newest = point.time;
    HistoryPoint reading = point;
    reading.span = 0;
    reading.setValue(point.value);
    m_tiers[0].push_back(reading, std::size_t(tierCapacity(0)) + 1);
    ++m_size;
    if (point.hasValue()) {
        if (m_readings == 0)
            m_firstValueTime = point.time;
        ++m_readings;
        m_largest = std::max(m_largest, std::abs(point.value));
    }
    if (!std::isnan(point.max))
        m_largest = std::max(m_largest, std::abs(point.max));
    spill(0);
    ++m_revision;
    return true;
}

HistoryPoint CounterHistory::rolledUp(const HistoryPoint &point, double seconds)
{
    HistoryPoint result = point;
    result.span = seconds;
    return result;
}

double CounterHistory::intervalOf(double time, double seconds)
{
    return std::floor(time / seconds);
}

void CounterHistory::fold(HistoryPoint &into, const HistoryPoint &point)
{
    const quint32 count = into.count + point.count;
    if (count > 0) {
        // The mean of every reading, each counted once whatever roll-up it went through.
        const double a = into.count > 0 ? into.value * into.count : 0;
        const double b = point.count > 0 ? point.value * point.count : 0;
        into.value = (a + b) / count;
    }
    into.count = count;
    into.low = lower(into.low, point.low);
    into.high = higher(into.high, point.high);
    into.min = lower(into.min, point.min);
    into.max = higher(into.max, point.max);
    into.p90 = higher(into.p90, point.p90);
    into.p99 = higher(into.p99, point.p99);
}

void CounterHistory::spill(int tier)
{
    auto &points = m_tiers[std::size_t(tier)];
    const int capacity = tierCapacity(tier);
    if (int(points.size()) <= capacity)
        return;
    if (tier == TierCount - 1) {
        while (int(points.size()) > capacity / 2 + 1)
            coarsenTop();
        return;
    }
    auto &next = m_tiers[std::size_t(tier + 1)];
    const double seconds = tierSeconds(tier + 1);
    while (int(points.size()) > capacity) {
        const HistoryPoint rolled = rolledUp(points.front(), seconds);
        points.pop_front();
        if (!next.empty()
            && intervalOf(next.back().time, seconds) == intervalOf(rolled.time, seconds)) {
            fold(next.back(), rolled);
            --m_size;
        } else {
            next.push_back(rolled, std::size_t(tierCapacity(tier + 1)) + 1);
        }
    }
    spill(tier + 1);
}

void CounterHistory::coarsenTop()
{
    auto &points = m_tiers[TierCount - 1];
    m_topSeconds *= 2;
    Tier merged;
    points.visit(0, points.size(), [&](const HistoryPoint &point) {
        const HistoryPoint rolled = rolledUp(point, m_topSeconds);
        if (!merged.empty()
            && intervalOf(merged.back().time, m_topSeconds)
                == intervalOf(rolled.time, m_topSeconds))
            fold(merged.back(), rolled);
        else
            merged.push_back(rolled, std::size_t(tierCapacity(TierCount - 1)) + 1);
    });
    m_size -= int(points.size() - merged.size());
    points = std::move(merged);
}

void CounterHistory::setCapacity(int capacity)
{
    capacity = std::max(MinimumCapacity, capacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    // Growing keeps what was rolled up as it is; shrinking rolls more up.
    const int before = m_size;
    spill(0);
    for (int tier = 1; tier < TierCount; ++tier)
        spill(tier);
    for (int tier = 0; tier < TierCount; ++tier)
        m_tiers[std::size_t(tier)].fit(std::size_t(tierCapacity(tier)) + 1);
    if (m_size != before)
        ++m_revision;
}

CounterHistory::Tier &CounterHistory::Tier::operator=(const Tier &other)
{
    if (this != &other) {
        clear();
        if (other.m_size > 0) {
            resize(other.m_size);
            other.visit(0, other.m_size, [this](const HistoryPoint &p) {
                new (m_points.get() + m_size) HistoryPoint(p);
                ++m_size;
            });
        }
    }
    return *this;
}

void CounterHistory::Tier::push_back(const HistoryPoint &point, std::size_t capacity)
{
    if (m_size == m_slots) {
        // Beyond `capacity` (a tier filled faster than it spills, as when the capacity
        // shrinks) it doubles too, until fit() trims it.
        const std::size_t doubled = 2 * m_size + 2;
        resize(m_size >= capacity       ? doubled
                   : m_size < SmallRing ? std::min(doubled, capacity)
                                        : capacity);
    }
    new (m_points.get() + slot(m_size)) HistoryPoint(point);
    ++m_size;
}

void CounterHistory::Tier::pop_front()
{
    Q_ASSERT(m_size > 0);
    if (++m_head == m_slots)
        m_head = 0;
    --m_size;
}

void CounterHistory::Tier::clear()
{
    m_points.reset();
    m_slots = 0;
    m_head = 0;
    m_size = 0;
}

void CounterHistory::Tier::fit(std::size_t capacity)
{
    // A quarter of slack: the capacity shrinks a little with every new series, and copying
    // every full ring each time costs more than the room saved.
    const std::size_t kept = std::max(m_size, capacity);
    if (m_slots > kept + kept / 4)
        resize(kept);
}

void CounterHistory::Tier::resize(std::size_t slots)
{
    Q_ASSERT(slots >= m_size);
    // Raw storage: the room beyond the points is neither initialised nor, for large rings,
    // touched until points fill it.
    auto *points = static_cast<HistoryPoint *>(std::malloc(slots * sizeof(HistoryPoint)));
    Q_CHECK_PTR(points);
    std::size_t at = 0;
    visit(0, m_size, [&](const HistoryPoint &p) { new (points + at++) HistoryPoint(p); });
    m_points.reset(points);
    m_slots = slots;
    m_head = 0;
}

std::size_t CounterHistory::Tier::lowerBound(double time) const
{
    std::size_t low = 0;
    std::size_t high = m_size;
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if ((*this)[middle].time < time)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

void CounterHistory::clear()
{
    for (auto &points : m_tiers)
        points.clear();
    m_topSeconds = TierSeconds[TierCount - 1];
    m_size = 0;
    m_newest = -std::numeric_limits<double>::infinity();
    m_largest = 0;
    m_firstValueTime = std::numeric_limits<double>::quiet_NaN();
    m_readings = 0;
    ++m_revision;
}

} // namespace dashboard
