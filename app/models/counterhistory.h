// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>

namespace dashboard {

/// Which of a HistoryPoint's numbers: its value, or an edge of one of its bands.
enum class PointField {
    Value,     ///< The value (a percentile counter's median).
    WindowMin, ///< The window's smallest value.
    WindowMax, ///< The window's largest value.
    P90,       ///< A percentile counter's 90th percentile.
    P99,       ///< A percentile counter's 99th percentile.
};

/**
 * One reading of a counter in a history, or a roll-up of several. A reading has a time
 * (epoch seconds) and value, with the window's minimum and maximum where known, and for a
 * percentile counter (whose value is the median) its 90th and 99th percentiles. Missing
 * numbers are NaN.
 *
 * A roll-up (span > 0) stands for the `count` readings with a value of an interval of `span`
 * seconds (aligned on multiples of `span` since the epoch); `time` is its first reading's, so
 * that it stays where the data is. `value` is their mean, `low` and `high` the lowest and highest
 * of them, `min` and `max` the lowest window minimum and the highest window maximum, `p90` and
 * `p99` the highest of each, so that no spike is lost. For a reading, low = high = value.
 */
struct HistoryPoint
{
    double time = 0;
    double value = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double p90 = std::numeric_limits<double>::quiet_NaN();
    double p99 = std::numeric_limits<double>::quiet_NaN();
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
    double span = 0;   ///< Seconds a roll-up covers; 0 for a reading.
    quint32 count = 0; ///< Readings with a value folded in (0 or 1 for a reading).

    /// A reading at `time` of `value` (NaN: none), low and high set to it.
    static HistoryPoint reading(double time, double value)
    {
        HistoryPoint point;
        point.time = time;
        point.setValue(value);
        return point;
    }
    void setValue(double v)
    {
        value = low = high = v;
        count = std::isnan(v) ? 0 : 1;
    }

    bool hasValue() const { return !std::isnan(value); }
    bool hasBand() const { return !std::isnan(min) && !std::isnan(max); }
    /// Whether the p50–p90 and p90–p99 bands can be drawn.
    bool hasPercentiles() const { return hasValue() && !std::isnan(p90) && !std::isnan(p99); }
    bool isRollUp() const { return span > 0; }
    /// The number `field` (NaN when unknown). Of a roll-up: the mean for the value, else the
    /// extreme it keeps (the lowest window minimum, the highest maximum, p90 and p99).
    double field(PointField f) const
    {
        switch (f) {
        case PointField::Value:
            return value;
        case PointField::WindowMin:
            return min;
        case PointField::WindowMax:
            return max;
        case PointField::P90:
            return p90;
        case PointField::P99:
            return p99;
        }
        return std::numeric_limits<double>::quiet_NaN();
    }

    friend bool operator==(const HistoryPoint &a, const HistoryPoint &b)
    {
        const auto same = [](double x, double y) {
            return x == y || (std::isnan(x) && std::isnan(y));
        };
        return a.time == b.time && same(a.value, b.value) && same(a.min, b.min)
            && same(a.max, b.max) && same(a.p90, b.p90) && same(a.p99, b.p99) && same(a.low, b.low)
            && same(a.high, b.high) && a.span == b.span && a.count == b.count;
    }
};

/**
 * The history of one counter at a bounded cost, in tiers as RRDtool and Netdata keep theirs:
 * the newest readings at full resolution, older ones rolled up into intervals of 10 s, 1 min,
 * 10 min and 1 h (see HistoryPoint for what a roll-up keeps), and the oldest tier's intervals
 * doubled whenever it fills up. Nothing is ever dropped: the whole history is always there,
 * the older the coarser.
 *
 * Half of the capacity (points of any tier) goes to the readings, the rest evenly to the four
 * roll-up tiers. A reading leaving the full-resolution tier is folded into the roll-up of its
 * 10 s interval, which leaves its tier in turn for its minute, and so on. Each point lives in
 * exactly one tier, so at() walks the history oldest first across tiers, with strictly
 * increasing times (a roll-up is dated at its first reading).
 *
 * A plain value, not thread-safe.
 */
// Tiers keep points in raw storage and copy them as bytes.
static_assert(
    std::is_trivially_copyable_v<HistoryPoint> && std::is_trivially_destructible_v<HistoryPoint>);

class CounterHistory
{
public:
    static constexpr int DefaultCapacity = 10000;
    /// The smallest capacity: a few points per tier.
    static constexpr int MinimumCapacity = 16;
    static constexpr int TierCount = 5;
    /// The intervals of the roll-up tiers 1…4 (tier 0 holds readings); the last one grows.
    static constexpr std::array<double, TierCount> TierSeconds = {0, 10, 60, 600, 3600};

    explicit CounterHistory(int capacity = DefaultCapacity);

    int capacity() const { return m_capacity; }
    /// Keeps at most about `capacity` points (at least MinimumCapacity) from now on; what no
    /// longer fits is rolled up.
    void setCapacity(int capacity);
    /// Points in every tier.
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// Point `i` across tiers, 0 the oldest.
    const HistoryPoint &at(int i) const;
    const HistoryPoint &first() const { return at(0); }
    const HistoryPoint &last() const { return at(m_size - 1); }
    /// The index of the first point with a time not before `time` (size() when none).
    int lowerBound(double time) const;

    /// Calls `f(const HistoryPoint &)` for points first…last-1, oldest first (faster than at()).
    template <typename F>
    void visit(int first, int last, F &&f) const
    {
        int offset = 0;
        for (int tier = TierCount - 1; tier >= 0 && first < last; --tier) {
            const Tier &points = m_tiers[std::size_t(tier)];
            const int size = int(points.size());
            if (first < offset + size) {
                const int end = std::min(last, offset + size);
                points.visit(std::size_t(first - offset), std::size_t(end - offset), f);
                first = end;
            }
            offset += size;
        }
    }

    /// Points of tier `tier` (0: readings), oldest first.
    int tierSize(int tier) const { return int(m_tiers[std::size_t(tier)].size()); }
    /// The interval of the roll-ups of `tier` now (the last tier's grows); 0 for tier 0.
    double tierSeconds(int tier) const;
    /// The usual interval between two readings in seconds: the median of the newest (up to 15)
    /// intervals at full resolution, so that one late or missed report does not change it; 0
    /// with fewer than two readings at full resolution.
    double readingPeriod() const;
    /// Readings with a value kept, whether at full resolution or rolled up.
    quint64 readingCount() const { return m_readings; }

    /// The largest magnitude of any value or window maximum ever appended (0 when none).
    double largestMagnitude() const { return m_largest; }
    /// The time of the first reading with a value (NaN: none yet): where a chart's data
    /// starts, when the first readings had none (a window without events).
    double firstValueTime() const { return m_firstValueTime; }

    /// Whether a point at `time` would be appended (it is newer than the last one).
    bool accepts(double time) const { return m_size == 0 || time > m_newest; }
    /// Appends a reading newer than the last (its low, high, count and span follow from its
    /// value). Returns false (and keeps nothing) for one that is not newer.
    bool append(const HistoryPoint &point);
    void clear();

    /// Changes with every append or removal: a cheap "did it change since I looked".
    quint64 revision() const { return m_revision; }

private:
    /// A tier's points, oldest first, in a ring: appended at the back, taken from the front,
    /// and without any memory while empty, unlike a std::deque (a report of 400,000 counters
    /// makes as many histories). A small ring doubles as it fills; past SmallRing points it
    /// takes the tier's whole capacity at once, so that histories filling side by side do not
    /// all copy their points again and again, and the new room is only touched as it fills.
    class Tier
    {
    public:
        static constexpr std::size_t SmallRing = 64;

        Tier() = default;
        Tier(const Tier &other) { *this = other; }
        Tier(Tier &&other) noexcept { *this = std::move(other); }
        Tier &operator=(const Tier &other);
        /// Leaves `other` empty.
        Tier &operator=(Tier &&other) noexcept
        {
            m_points = std::move(other.m_points);
            m_slots = std::exchange(other.m_slots, 0);
            m_head = std::exchange(other.m_head, 0);
            m_size = std::exchange(other.m_size, 0);
            return *this;
        }

        bool empty() const { return m_size == 0; }
        std::size_t size() const { return m_size; }
        const HistoryPoint &operator[](std::size_t i) const { return m_points.get()[slot(i)]; }
        const HistoryPoint &front() const { return m_points.get()[m_head]; }
        const HistoryPoint &back() const { return (*this)[m_size - 1]; }
        HistoryPoint &back() { return m_points.get()[slot(m_size - 1)]; }
        /// Appends `point`, growing the ring up to `capacity` points when it is full.
        void push_back(const HistoryPoint &point, std::size_t capacity);
        void pop_front();
        void clear();
        /// Gives back the room beyond `capacity` points (or beyond its points, if more), when
        /// there is more than a quarter of it.
        void fit(std::size_t capacity);
        /// The index of the first point with a time not before `time` (size() when none).
        std::size_t lowerBound(double time) const;
        /// Calls `f` for the points first…last-1, oldest first.
        template <typename F>
        void visit(std::size_t first, std::size_t last, F &&f) const
        {
            const HistoryPoint *points = m_points.get();
            for (std::size_t i = first, at = slot(first); i < last; ++i) {
                f(points[at]);
                if (++at == m_slots)
                    at = 0;
            }
        }

    private:
        struct Free
        {
            void operator()(HistoryPoint *points) const { std::free(points); }
        };
        /// Moves the points to new storage of `slots` points, from its start.
        void resize(std::size_t slots);
        std::size_t slot(std::size_t i) const
        {
            const std::size_t at = m_head + i;
            return at < m_slots ? at : at - m_slots;
        }

        /// Storage for m_slots points, of which the m_size from m_head on (wrapping) are made.
        std::unique_ptr<HistoryPoint, Free> m_points;
        std::size_t m_slots = 0;
        std::size_t m_head = 0;
        std::size_t m_size = 0;
    };

    /// Folds `point`, a later reading or roll-up of the same interval, into the roll-up `into`.
    static void fold(HistoryPoint &into, const HistoryPoint &point);
    int tierCapacity(int tier) const;
    /// Moves the oldest points of tier `tier` on while it holds more than its capacity.
    void spill(int tier);
    /// Doubles the last tier's interval, merging its points pairwise.
    void coarsenTop();
    /// `point` as a roll-up of the interval `seconds` that holds it.
    static HistoryPoint rolledUp(const HistoryPoint &point, double seconds);
    /// The number of the interval of `seconds` that holds `time`.
    static double intervalOf(double time, double seconds);

    std::array<Tier, TierCount> m_tiers;
    double m_topSeconds = TierSeconds[TierCount - 1];
    int m_capacity;
    int m_size = 0;
    double m_newest = -std::numeric_limits<double>::infinity();
    double m_largest = 0;
    double m_firstValueTime = std::numeric_limits<double>::quiet_NaN();
    quint64 m_readings = 0;
    quint64 m_revision = 0;
};

} // namespace dashboard
