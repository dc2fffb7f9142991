// SPDX-License-Identifier: MIT
#include "frequencycounter.h"

namespace counters {

FrequencyCounter::FrequencyCounter(const QString &name, Seconds window, const QStringList &events)
    : WindowedCounter(CounterType::Frequency, name, window, events)
{
}

FrequencyCounter::~FrequencyCounter() = default;

int FrequencyCounter::eventKinds() const noexcept
{
    return ValueEvents | EndEvents;
}

void FrequencyCounter::onEnd() noexcept
{
    record(1);
}

std::optional<double> FrequencyCounter::valueOf(const Stats &stats) const
{
    if (stats.count == 0 || stats.span <= 0)
        return 0.0;
    return stats.sum / stats.span;
}

} // namespace counters
