// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/accumulatingcounter.h>

namespace counters {

/**
 * Counts occurrences: each end event adds one, each value event adds its value (PyCounters 0.6's
 * EventCounter). Empty before the first event; 0 after clear(). No window.
 */
class COUNTERS_CORE_EXPORT EventCounter final : public AccumulatingCounter
{
public:
    explicit EventCounter(const QString &name, const QStringList &events = {});
    ~EventCounter() override;

    int eventKinds() const noexcept override;

protected:
    void onValue(double value) noexcept override;
    void onEnd() noexcept override;
};

} // namespace counters
