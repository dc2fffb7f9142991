// SPDX-License-Identifier: MIT
#include "gaugecounter.h"

#include "counterlogging_p.h"

#include <cmath>

namespace counters {

GaugeCounter::GaugeCounter(const QString &name, const QStringList &events)
    : Counter(CounterType::Gauge, name, events)
{
}

GaugeCounter::GaugeCounter(const QString &name, Sampler sampler)
    : Counter(CounterType::Gauge, name, {}), m_sampler(std::move(sampler))
{
}

GaugeCounter::~GaugeCounter() = default;

int GaugeCounter::eventKinds() const noexcept
{
    // A sampled gauge ignores events: listening would only cost the events' raisers.
    return m_sampler ? 0 : ValueEvents | StartEvents | EndEvents;
}

void GaugeCounter::set(double value) noexcept
{
    if (!acceptValue(value))
        return;
    m_value.store(value, std::memory_order_relaxed);
    m_hasValue.store(true, std::memory_order_release);
}

void GaugeCounter::add(double delta) noexcept
{
    if (!acceptValue(delta))
        return;
    // Many threads may start and end blocks at once: a compare-and-swap loop (C++17 has no
    // fetch_add for double).
    double current = m_value.load(std::memory_order_relaxed);
    while (!m_value.compare_exchange_weak(current, current + delta, std::memory_order_relaxed)) {
    }
    m_hasValue.store(true, std::memory_order_release);
}

bool GaugeCounter::setMergeRule(MergeRule rule)
{
    switch (rule) {
    case MergeRule::Sum:
    case MergeRule::Max:
    case MergeRule::Min:
    case MergeRule::Last:
        m_mergeRule.store(rule, std::memory_order_relaxed);
        return true;
    case MergeRule::WeightedMean:
    case MergeRule::Histogram:
    case MergeRule::First:
        break;
    }
    qCWarning(lcCounter, "gauge %ls: a gauge merges by sum, max, min or last, not by %ls",
              qUtf16Printable(name()), qUtf16Printable(mergeRuleName(rule)));
    return false;
}

CounterRow GaugeCounter::read(qint64 now) const
{
    Q_UNUSED(now);
    CounterRow row;
    row.name = name();
    row.type = CounterType::Gauge;
    row.merge = mergeRule();
    if (m_sampler) {
        row.value = m_sampler();
        if (row.value && !std::isfinite(*row.value))
            row.value.reset(); // a sampler's NaN is no level
    } else if (m_hasValue.load(std::memory_order_acquire)) {
        row.value = m_value.load(std::memory_order_relaxed);
    }
    return row;
}

} // namespace counters
