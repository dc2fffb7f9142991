// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/counter/registry.h>
#include <counters/counters_qt_export.h>

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace counters {

/**
 * How late a thread's event loop runs what it should run now: a precise timer asks to fire
 * every interval, and how much later than asked it fires is recorded, in seconds, into a
 * PercentileWindowCounter (`event_loop_lag` for the main thread). A loop that answers at once
 * lags by less than a millisecond; a loop busy with a long slot lags by as long as the slot
 * runs (a lag seen once is seen in full: the timer fires when the loop gets to it).
 *
 *     counters::EventLoopLagMonitor lag; // the main thread's, every 100 ms
 *
 * A timer object of its own lives in the watched thread and samples from the first turn of
 * that thread's loop; the monitor itself may live anywhere, and may be destroyed before or
 * after the thread ends. Its cost is the timer: one wake-up per interval.
 */
class COUNTERS_QT_EXPORT EventLoopLagMonitor
{
public:
    /// Watches `thread`'s event loop (the main thread's when null), recording into a counter
    /// named `name` registered in `registry`, every `interval` (1 ms to an hour; 100 ms when
    /// it is not a finite number).
    explicit EventLoopLagMonitor(const QString &name = QStringLiteral("event_loop_lag"),
                                 QThread *thread = nullptr, Seconds interval = Seconds(0.1),
                                 Registry &registry = Registry::global());
    ~EventLoopLagMonitor();
    EventLoopLagMonitor(const EventLoopLagMonitor &) = delete;
    EventLoopLagMonitor &operator=(const EventLoopLagMonitor &) = delete;

    /// False when the counter could not be registered (errorString() says why).
    bool isValid() const;
    QString errorString() const;
    Seconds interval() const;
    /// Timer turns seen so far.
    quint64 samples() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace counters
