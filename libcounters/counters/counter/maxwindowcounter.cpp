// SPDX-License-Identifier: MIT
#include "maxwindowcounter.h"

namespace counters {

MaxWindowCounter::MaxWindowCounter(const QString &name, Seconds window, const QStringList &events)
    : WindowedCounter(CounterType::MaxWindow, name, window, events)
{
}

MaxWindowCounter::~MaxWindowCounter() = default;

int MaxWindowCounter::eventKinds() const noexcept
{
    return ValueEvents;
}

std::optional<double> MaxWindowCounter::valueOf(const Stats &stats) const
{
    if (stats.count == 0)
        return std::nullopt;
    return stats.max;
}

} // namespace counters
