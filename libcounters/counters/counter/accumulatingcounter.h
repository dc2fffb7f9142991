// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/counter.h>

namespace counters {

/**
 * The base of the counters that keep a running total without a window (EventCounter,
 * TotalCounter). The value is empty before the first event, the total after it, and 0 after
 * clear() until the next event (as in PyCounters 0.6). Totals are doubles: no integer truncation.
 * Thread safety as for Counter.
 */
class COUNTERS_CORE_EXPORT AccumulatingCounter : public Counter
{
public:
    ~AccumulatingCounter() override;

protected:
    AccumulatingCounter(CounterType type, const QString &name, const QStringList &events);

    /// Adds `amount` to the total and one to the count of events.
    void accumulate(double amount) noexcept;

private:
    CounterRow read(qint64 now) const final;
};

} // namespace counters
