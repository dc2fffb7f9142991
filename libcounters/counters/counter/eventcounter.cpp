// SPDX-License-Identifier: MIT
#include "eventcounter.h"

namespace counters {

EventCounter::EventCounter(const QString &name, const QStringList &events)
    : AccumulatingCounter(CounterType::Event, name, events)
{
}

EventCounter::~EventCounter() = default;

int EventCounter::eventKinds() const noexcept
{
    return ValueEvents | EndEvents;
}

void EventCounter::onValue(double value) noexcept
{
    if (acceptValue(value))
        accumulate(value);
}

void EventCounter::onEnd() noexcept
{
    accumulate(1);
}

} // namespace counters
