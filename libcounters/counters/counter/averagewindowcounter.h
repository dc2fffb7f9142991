// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

namespace counters {

/**
 * The mean of the values in the window; empty when the window holds none. Its row carries the
 * window's "min" and "max" as sub-values.
 */
class COUNTERS_CORE_EXPORT AverageWindowCounter final : public WindowedCounter
{
public:
    explicit AverageWindowCounter(const QString &name, Seconds window = kDefaultWindow,
                                  const QStringList &events = {});
    ~AverageWindowCounter() override;

    int eventKinds() const noexcept override;

protected:
    std::optional<double> valueOf(const Stats &stats) const override;
    void addSubValues(const Stats &stats, CounterRow &row) const override;
};

} // namespace counters
