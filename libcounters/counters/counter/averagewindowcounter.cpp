// SPDX-License-Identifier: MIT
#include "averagewindowcounter.h"

namespace counters {

AverageWindowCounter::AverageWindowCounter(const QString &name, Seconds window,
                                           const QStringList &events)
    : WindowedCounter(CounterType::AverageWindow, name, window, events)
{
}

AverageWindowCounter::~AverageWindowCounter() = default;

int AverageWindowCounter::eventKinds() const noexcept
{
    return ValueEvents;
}

std::optional<double> AverageWindowCounter::valueOf(const Stats &stats) const
{
    return meanOf(stats);
}

void AverageWindowCounter::addSubValues(const Stats &stats, CounterRow &row) const
{
    addMinMax(stats, row);
}

} // namespace counters
