// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

namespace counters {

/**
 * Occurrences per second: each end event is one occurrence, a value event is that many. The
 * value is the occurrences in the window divided by the time the window covers, or by the time
 * since the counter started listening (registration, clear()) when that is shorter: never a
 * division by zero, no inflated rate after the first event. 0 when nothing happened, and when
 * no time at all has passed since the counter started listening (a rate needs a duration).
 */
class COUNTERS_CORE_EXPORT FrequencyCounter final : public WindowedCounter
{
public:
    explicit FrequencyCounter(const QString &name, Seconds window = kDefaultWindow,
                              const QStringList &events = {});
    ~FrequencyCounter() override;

    int eventKinds() const noexcept override;

protected:
    void onEnd() noexcept override;
    std::optional<double> valueOf(const Stats &stats) const override;
};

} // namespace counters
