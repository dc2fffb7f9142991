// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace dashboard {

/**
 * Measures how responsive the thread it lives in is: a timer due every interval() ms notes
 * how late each tick comes. The longest delay is the longest time the event loop was busy
 * with something else, what a user feels as a frozen window.
 *
 * Not thread-safe (lives in the thread it measures).
 */
class StallMonitor : public QObject
{
    Q_OBJECT
public:
    explicit StallMonitor(int intervalMs = 10, QObject *parent = nullptr);

    void start();
    /// The longest delay of a tick beyond its due time, in milliseconds.
    double maxStallMs() const { return m_maxStallMs; }
    int interval() const { return m_timer.interval(); }

    /// The peak resident memory of this process in MiB (VmHWM); -1 where unknown.
    static double peakResidentMiB();

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_maxStallMs = 0;
};

} // namespace dashboard
