// SPDX-License-Identifier: MIT
#include "integration_p.h"

#include <counters/counter/percentilewindowcounter.h>

#include <array>

namespace counters::detail {

QStringView statusText(int status)
{
    static const std::array<QString, 500> texts = [] {
        std::array<QString, 500> t;
        for (int i = 0; i < 500; ++i)
            t[std::size_t(i)] = QString::number(100 + i);
        return t;
    }();
    if (status < 100 || status > 599)
        return u"other";
    return texts[std::size_t(status - 100)];
}

std::shared_ptr<PercentileWindowCounter> secondsPercentiles(const QString &name)
{
    auto counter = std::make_shared<PercentileWindowCounter>(name);
    counter->setUnit(Unit::Second);
    return counter;
}

} // namespace counters::detail
