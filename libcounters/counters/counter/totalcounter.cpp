// SPDX-License-Identifier: MIT
#include "totalcounter.h"

namespace counters {

TotalCounter::TotalCounter(const QString &name, const QStringList &events)
    : AccumulatingCounter(CounterType::Total, name, events)
{
}

TotalCounter::~TotalCounter() = default;

int TotalCounter::eventKinds() const noexcept
{
    return ValueEvents;
}

void TotalCounter::onValue(double value) noexcept
{
    if (acceptValue(value))
        accumulate(value);
}

} // namespace counters
