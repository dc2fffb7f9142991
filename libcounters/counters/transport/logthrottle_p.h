// SPDX-License-Identifier: MIT
#pragma once

// Internal: keeps what peers do from flooding the log.

#include <QElapsedTimer>
#include <QString>
#include <QtGlobal>

#include <utility>

namespace counters::detail {

/**
 * Lets through at most `burst` messages of one kind per second; the others are counted, and
 * the next message let through says how many were held back (suffix()). A hostile peer that
 * is refused 100,000 times a second then costs a few log lines a second, and the log still
 * tells what happened. Not thread-safe: one per thread that logs.
 */
class LogThrottle
{
public:
    explicit LogThrottle(int burst = 5) : m_burst(burst) { }

    /// Whether to log a message now. When true, suffix() belongs to this message.
    bool allow()
    {
        if (!m_window.isValid() || m_window.elapsed() >= 1000) {
            m_window.start();
            m_inWindow = 0;
        }
        if (m_inWindow >= m_burst) {
            ++m_held;
            return false;
        }
        ++m_inWindow;
        m_reported = std::exchange(m_held, 0);
        return true;
    }

    /// " (and 12 similar messages held back)" after allow() let a message through that follows
    /// held-back ones; empty otherwise.
    QString suffix() const
    {
        if (m_reported == 0)
            return QString();
        return QStringLiteral(" (and %1 similar messages held back)").arg(m_reported);
    }

private:
    int m_burst;
    int m_inWindow = 0;
    quint64 m_held = 0;
    quint64 m_reported = 0;
    QElapsedTimer m_window;
};

} // namespace counters::detail
