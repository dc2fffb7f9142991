// SPDX-License-Identifier: MIT
#include "averagetimecounter.h"

namespace counters {

AverageTimeCounter::AverageTimeCounter(const QString &name, Seconds window,
                                       const QStringList &events)
    : WindowedCounter(CounterType::AverageTime, name, window, events)
{
}

AverageTimeCounter::~AverageTimeCounter() = default;

int AverageTimeCounter::eventKinds() const noexcept
{
    return ValueEvents | StartEvents | EndEvents;
}

void AverageTimeCounter::onStart() noexcept
{
    if (!pushStart(clock()->preciseNanoseconds()))
        addDropped();
}

void AverageTimeCounter::onEnd() noexcept
{
    if (!recordSinceStart(clock()->preciseNanoseconds()))
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
