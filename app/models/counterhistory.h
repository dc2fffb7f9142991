// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>
#include <vector>

namespace dashboard {

/// One reading of a counter in a history: time (epoch seconds) and value, with the window's
/// minimum and maximum where known, and for a percentile counter (whose value is the median)
/// its 90th and 99th percentiles. Missing numbers are NaN.
struct HistoryPoint
{
    double time = 0;
    double value = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double p90 = std::numeric_limits<double>::quiet_NaN();
    double p99 = std::numeric_limits<double>::quiet_NaN();

    bool hasValue() const { return !std::isnan(value); }
    bool hasBand() const { return !std::isnan(min) && !std::isnan(max); }
    /// Whether the p50–p90 and p90–p99 bands can be drawn.
    bool hasPercentiles() const { return hasValue() && !std::isnan(p90) && !std::isnan(p99); }

    friend bool operator==(const HistoryPoint &a, const HistoryPoint &b)
    {
        const auto same = [](double x, double y) {
            return x == y || (std::isnan(x) && std::isnan(y));
        };
        return a.time == b.time && same(a.value, b.value) && same(a.min, b.min)
            && same(a.max, b.max) && same(a.p90, b.p90) && same(a.p99, b.p99);
    }
};

/**
 * The bounded history of one counter: a ring of the last capacity() points, oldest first,
 * with strictly increasing times. Memory is bounded by the capacity, whatever the rate.
 * A plain value, not thread-safe.
 */
class CounterHistory
{
public:
    static constexpr int DefaultCapacity = 10000;

    explicit CounterHistory(int capacity = DefaultCapacity);

    int capacity() const { return m_capacity; }
    /// Keeps at most `capacity` points from now on; the oldest go when there are more.
    void setCapacity(int capacity);
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// Point `i`, 0 the oldest.
    const HistoryPoint &at(int i) const;
    const HistoryPoint &first() const { return at(0); }
    const HistoryPoint &last() const { return at(m_size - 1); }

    /// Whether a point at `time` would be appended (it is newer than the last one).
    bool accepts(double time) const { return m_size == 0 || time > last().time; }
    /// Appends a point newer than the last; the oldest falls out when full. Returns false
    /// (and keeps nothing) for a point that is not newer.
    bool append(const HistoryPoint &point);
    /// Removes the `count` oldest points.
    void dropOldest(int count);
    void clear();

    /// Changes with every append or removal: a cheap "did it change since I looked".
    quint64 revision() const { return m_revision; }

private:
    std::vector<HistoryPoint> m_ring;
    int m_capacity;
    int m_start = 0;
    int m_size = 0;
    quint64 m_revision = 0;
};

} // namespace dashboard
