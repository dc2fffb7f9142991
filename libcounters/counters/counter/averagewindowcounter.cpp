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
    if (stats.count == 0)
        return std::nullopt;
    return stats.sum / double(stats.count);
}

void AverageWindowCounter::addSubValues(const Stats &stats, CounterRow &row) const
{
    row.subValues.insert(QStringLiteral("min"), stats.min);
    row.subValues.insert(QStringLiteral("max"), stats.max);
}

} // namespace counters
