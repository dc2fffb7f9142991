// SPDX-License-Identifier: MIT
#include "eventlooplag.h"

#include "integration_p.h"

#include <counters/counter/percentilewindowcounter.h>

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimerEvent>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace counters {

namespace {

// What the probe records into, shared so that a probe that outlives the monitor (its thread
// deletes it later) still has it.
struct LagState
{
    std::shared_ptr<PercentileWindowCounter> counter;
    std::atomic<quint64> samples{0};
};

// The timer, in the watched thread.
class LagProbe final : public QObject
{
public:
    LagProbe(std::shared_ptr<LagState> state, Seconds interval)
        : m_state(std::move(state)),
          m_period(std::max<qint64>(1, qint64(interval.count() * 1000 + 0.5)))
    {
    }

    // Called in the watched thread, by its loop.
    void begin()
    {
        m_timerId = startTimer(std::chrono::milliseconds(m_period), Qt::PreciseTimer);
        m_expected = Clock::system()->preciseNanoseconds() + m_period * 1000000;
    }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() != m_timerId)
            return QObject::timerEvent(event);
        const qint64 now = Clock::system()->preciseNanoseconds();
        // Late by how much; a timer that fires early (they may, by a little) is not late.
        m_state->counter->reportValue(double(std::max<qint64>(now - m_expected, 0)) / 1e9);
        m_state->samples.fetch_add(1, std::memory_order_relaxed);
        // When Qt's precise timers fire next: one interval after the turn that was due, or
        // after now when the loop was later than that (they skip missed turns, never burst).
        m_expected += m_period * 1000000;
        if (m_expected < now)
            m_expected = now + m_period * 1000000;
    }

private:
    std::shared_ptr<LagState> m_state;
    qint64 m_period; ///< ms
    int m_timerId = 0;
    qint64 m_expected = 0; ///< when the next turn is due (Clock::system()'s precise time)
};

} // namespace

class EventLoopLagMonitor::Private
{
public:
    Registry *registry = nullptr;
    std::shared_ptr<LagState> state = std::make_shared<LagState>();
    QPointer<LagProbe> probe;
    QString errorString;
    Seconds interval{0.1};
};

EventLoopLagMonitor::EventLoopLagMonitor(const QString &name, QThread *thread, Seconds interval,
                                         Registry &registry)
    : d(std::make_unique<Private>())
{
    d->registry = &registry;
    // Anything but a sensible interval (not finite, below a millisecond) is a millisecond.
    d->interval = std::isfinite(interval.count())
        ? std::clamp(interval, Seconds(0.001), Seconds(3600))
        : Seconds(0.1);
    auto counter = detail::secondsPercentiles(name);
    if (!registry.registerCounter(counter)) {
        d->errorString = registry.errorString();
        return;
    }
    d->state->counter = std::move(counter);
    QThread *watched = thread                     ? thread
        : QCoreApplication::instance() != nullptr ? QCoreApplication::instance()->thread()
                                                  : QThread::currentThread();
    d->probe = new LagProbe(d->state, d->interval);
    d->probe->moveToThread(watched);
    // Started by the watched thread's loop itself, so that the first sample is a turn of it.
    QMetaObject::invokeMethod(
        d->probe, [probe = d->probe.data()] { probe->begin(); }, Qt::QueuedConnection);
}

EventLoopLagMonitor::~EventLoopLagMonitor()
{
    if (d->state->counter)
        d->registry->unregisterCounter(d->state->counter);
    // Its timer belongs to its thread: that thread deletes it (a thread that has ended never
    // will; the probe is then only memory).
    if (d->probe)
        d->probe->deleteLater();
}

bool EventLoopLagMonitor::isValid() const
{
    return d->state->counter != nullptr;
}

QString EventLoopLagMonitor::errorString() const
{
    return d->errorString;
}

Seconds EventLoopLagMonitor::interval() const
{
    return d->interval;
}

quint64 EventLoopLagMonitor::samples() const
{
    return d->state->samples.load(std::memory_order_relaxed);
}

} // namespace counters
