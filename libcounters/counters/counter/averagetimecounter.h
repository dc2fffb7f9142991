// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

namespace counters {

/**
 * The mean duration, in seconds, of the blocks that ended in the window, measured from start
 * to end event on a monotonic clock (on Clock::system(): the CPU's invariant time-stamp counter,
 * calibrated against CLOCK_MONOTONIC, or CLOCK_MONOTONIC itself; on other clocks their
 * preciseNanoseconds()). Starts and ends pair per thread, last in first out, so
 * nested blocks time correctly; an end without a start (or a start nested deeper than 16) is
 * ignored and counted in droppedEvents(). Value events are averaged in as durations in
 * seconds. Empty when the window holds none; sub-values "min" and "max".
 */
class COUNTERS_CORE_EXPORT AverageTimeCounter final : public WindowedCounter
{
public:
    explicit AverageTimeCounter(const QString &name, Seconds window = kDefaultWindow,
                                const QStringList &events = {});
    ~AverageTimeCounter() override;

    int eventKinds() const noexcept override;

protected:
    void onStart() noexcept override;
    void onEnd() noexcept override;
    std::optional<double> valueOf(const Stats &stats) const override;
    void addSubValues(const Stats &stats, CounterRow &row) const override;
};

} // namespace counters
