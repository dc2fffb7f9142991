// SPDX-License-Identifier: MIT
#pragma once

namespace dashboard {

/**
 * Delays between reconnection attempts: the first delay, then doubled after every attempt up
 * to a ceiling, and back to the first after a success (reset()). Deterministic (no jitter):
 * there is one dashboard per user, not a herd. A plain value, not thread-safe.
 */
class Backoff
{
public:
    explicit Backoff(int initialMs = 250, int maximumMs = 10000);

    /// The delay to wait before the next attempt, in milliseconds; doubles the one after it.
    int next();
    /// The delay next() would return, without counting an attempt.
    int peek() const { return m_current; }
    /// Attempts counted since the last reset().
    int attempts() const { return m_attempts; }
    void reset();

    int initialMs() const { return m_initial; }
    int maximumMs() const { return m_maximum; }

private:
    int m_initial;
    int m_maximum;
    int m_current;
    int m_attempts = 0;
};

} // namespace dashboard
