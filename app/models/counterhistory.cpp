// SPDX-License-Identifier: MIT
#include "counterhistory.h"

#include <algorithm>

namespace dashboard {

CounterHistory::CounterHistory(int capacity) : m_capacity(std::max(1, capacity)) { }

const HistoryPoint &CounterHistory::at(int i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_ring[std::size_t((m_start + i) % m_capacity)];
}

bool CounterHistory::append(const HistoryPoint &point)
{
    if (!accepts(point.time))
        return false;
    if (m_size < m_capacity) {
        if (m_ring.size() != std::size_t(m_capacity)) {
            // Still growing towards the capacity (so a short history costs little): keep the
            // points contiguous from index 0.
            if (m_start != 0) {
                std::rotate(m_ring.begin(), m_ring.begin() + m_start, m_ring.end());
                m_start = 0;
            }
            m_ring.resize(std::size_t(m_size));
            m_ring.push_back(point);
        } else {
            m_ring[std::size_t((m_start + m_size) % m_capacity)] = point;
        }
        ++m_size;
    } else {
        m_ring[std::size_t(m_start)] = point;
        m_start = (m_start + 1) % m_capacity;
    }
    ++m_revision;
    return true;
}

void CounterHistory::dropOldest(int count)
{
    count = std::clamp(count, 0, m_size);
    if (count == 0)
        return;
    m_start = (m_start + count) % m_capacity;
    m_size -= count;
    if (m_size == 0) {
        m_ring.clear();
        m_start = 0;
    }
    ++m_revision;
}

void CounterHistory::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    dropOldest(m_size - capacity);
    std::vector<HistoryPoint> points;
    points.reserve(std::size_t(m_size));
    for (int i = 0; i < m_size; ++i)
        points.push_back(at(i));
    m_ring = std::move(points);
    m_start = 0;
    m_capacity = capacity;
    ++m_revision;
}

void CounterHistory::clear()
{
    m_ring.clear();
    m_start = 0;
    m_size = 0;
    ++m_revision;
}

} // namespace dashboard
