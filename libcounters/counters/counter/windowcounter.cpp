// SPDX-License-Identifier: MIT
#include "windowcounter.h"

namespace counters {

WindowCounter::WindowCounter(const QString &name, Seconds window, const QStringList &events)
    : WindowedCounter(CounterType::Window, name, window, events)
{
}

WindowCounter::~WindowCounter() = default;

int WindowCounter::eventKinds() const noexcept
{
    return ValueEvents | EndEvents;
}

void WindowCounter::onEnd() noexcept
{
    record(1);
}

std::optional<double> WindowCounter::valueOf(const Stats &stats) const
{
    return stats.sum;
}

} // namespace counters
