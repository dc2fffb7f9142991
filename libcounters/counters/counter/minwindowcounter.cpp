// SPDX-License-Identifier: MIT
#include "minwindowcounter.h"

namespace counters {

MinWindowCounter::MinWindowCounter(const QString &name, Seconds window, const QStringList &events)
    : WindowedCounter(CounterType::MinWindow, name, window, events)
{
}

MinWindowCounter::~MinWindowCounter() = default;

int MinWindowCounter::eventKinds() const noexcept
{
    return ValueEvents;
}

std::optional<double> MinWindowCounter::valueOf(const Stats &stats) const
{
    if (stats.count == 0)
        return std::nullopt;
    return stats.min;
}

} // namespace counters
