// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/windowedcounter.h>

namespace counters {

/**
 * The sum over the window: each end event adds one, each value event its value. 0 when the
 * window is empty.
 */
class COUNTERS_CORE_EXPORT WindowCounter final : public WindowedCounter
{
public:
    explicit WindowCounter(const QString &name, Seconds window = kDefaultWindow,
                           const QStringList &events = {});
    ~WindowCounter() override;

    int eventKinds() const noexcept override;

protected:
    void onEnd() noexcept override;
    std::optional<double> valueOf(const Stats &stats) const override;
};

} // namespace counters
