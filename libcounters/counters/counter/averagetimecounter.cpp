// SPDX-License-Identifier: MIT
#include "averagetimecounter.h"

#include <counters/base/ticker_p.h>

namespace counters {

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
    if (!pushStart(detail::stopwatchTicks(clock(), usesSystemClock())))
        addDropped();
}

void AverageTimeCounter::onEnd() noexcept
{
    if (!recordSinceStart(detail::stopwatchTicks(clock(), usesSystemClock()),
                          detail::stopwatchSecondsPerTick(usesSystemClock())))
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
