// SPDX-License-Identifier: MIT
#include "averagetimecounter.h"

#include <counters/event/ticker_p.h>

namespace counters {

qint64 AverageTimeCounter::preciseNow() const noexcept
{
    return usesSystemClock() ? detail::systemStopwatch().ticks() : clock()->preciseNanoseconds();
}

AverageTimeCounter::AverageTimeCounter(const QString &name, Seconds window,
                                       const QStringList &events)
    : WindowedCounter(CounterType::AverageTime, name, window, events)
{
    detail::systemStopwatch(); // calibrates once, here rather than on the first event
}

AverageTimeCounter::~AverageTimeCounter() = default;

int AverageTimeCounter::eventKinds() const noexcept
{
    return ValueEvents | StartEvents | EndEvents;
}

void AverageTimeCounter::onStart() noexcept
{
    if (!pushStart(preciseNow()))
        addDropped();
}

void AverageTimeCounter::onEnd() noexcept
{
    const double secondsPerTick =
        usesSystemClock() ? detail::systemStopwatch().secondsPerTick : 1e-9;
    if (!recordSinceStart(preciseNow(), secondsPerTick))
        addDropped();
}

std::optional<double> AverageTimeCounter::valueOf(const Stats &stats) const
{
    return meanOf(stats);
}

void AverageTimeCounter::addSubValues(const Stats &stats, CounterRow &row) const
{
    addMinMax(stats, row);
}

} // namespace counters
