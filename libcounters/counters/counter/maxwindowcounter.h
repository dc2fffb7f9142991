// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

namespace counters {

/// The largest value in the window; empty when the window holds none.
class COUNTERS_CORE_EXPORT MaxWindowCounter final : public WindowedCounter
{
public:
    explicit MaxWindowCounter(const QString &name, Seconds window = kDefaultWindow,
                              const QStringList &events = {});
    ~MaxWindowCounter() override;

    int eventKinds() const noexcept override;

protected:
    std::optional<double> valueOf(const Stats &stats) const override;
};

} // namespace counters
