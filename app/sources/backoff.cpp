// SPDX-License-Identifier: MIT
#include "backoff.h"

#include <QtGlobal>

#include <algorithm>

namespace dashboard {

Backoff::Backoff(int initialMs, int maximumMs)
    : m_initial(std::max(1, initialMs)),
      m_maximum(std::max(m_initial, maximumMs)),
      m_current(m_initial)
{
}

int Backoff::next()
{
    const int delay = m_current;
    // Doubling in 64 bits, so that a large ceiling cannot overflow.
    m_current = int(std::min<qint64>(qint64(m_current) * 2, m_maximum));
    ++m_attempts;
    return delay;
}

void Backoff::reset()
{
    m_current = m_initial;
    m_attempts = 0;
}

} // namespace dashboard
