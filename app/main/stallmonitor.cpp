// SPDX-License-Identifier: MIT
#include "stallmonitor.h"

#include <QFile>

#include <algorithm>

namespace dashboard {

StallMonitor::StallMonitor(int intervalMs, QObject *parent) : QObject(parent)
{
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

void StallMonitor::start()
{
    m_clock.start();
    m_last = 0;
    m_timer.start();
}

void StallMonitor::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double late = double(now - m_last) / 1e6 - m_timer.interval();
    m_maxStallMs = std::max(m_maxStallMs, late);
    m_last = now;
}

double StallMonitor::peakResidentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace dashboard
