// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/accumulatingcounter.h>

namespace counters {

/**
 * The running total of value events (start and end events are ignored). Empty before the
 * first event; 0 after clear(). No window.
 */
class COUNTERS_CORE_EXPORT TotalCounter final : public AccumulatingCounter
{
public:
    explicit TotalCounter(const QString &name, const QStringList &events = {});
    ~TotalCounter() override;

    int eventKinds() const noexcept override;

protected:
    void onValue(double value) noexcept override;
};

} // namespace counters
