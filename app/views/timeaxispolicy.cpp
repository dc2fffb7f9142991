// SPDX-License-Identifier: MIT
#include "timeaxispolicy.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace dashboard {

namespace {

/// The local time zone's offset at `msecs`, so that hours and days snap in local time.
double localOffsetMs(double msecs)
{
    return double(QDateTime::fromMSecsSinceEpoch(qint64(msecs)).offsetFromUtc()) * 1000.0;
}

} // namespace

double TimeAxisPolicy::niceStep(double raw)
{
    static const double steps[] = {1e3,     2e3,     5e3,     10e3,    15e3,     30e3,    60e3,
                                   120e3,   300e3,   600e3,   900e3,   1800e3,   3600e3,  7200e3,
                                   10800e3, 21600e3, 43200e3, 86400e3, 172800e3, 604800e3};
    for (const double step : steps) {
        if (step >= raw)
            return step;
    }
    return std::ceil(raw / 604800e3) * 604800e3;
}

TimeAxisPolicy::Span TimeAxisPolicy::followed(double first, double last, double window)
{
    Span span{window > 0 ? std::max(first, last - window) : first, last, 0};
    if (span.to == span.from) {
        // One report: in the middle, with a minute around it.
        span.from -= 30000;
        span.to += 30000;
    } else if (span.to - span.from < 60000) {
        if (window > 0) {
            // A fresh connection: the newest data at the right, as it will stay.
            span.from = span.to - 60000;
            span.to += 1000;
        } else {
            // Everything: from the first point on, the newest coming in from the left.
            span.to = span.from + 60000;
        }
    } else {
        span.to += (span.to - span.from) * 0.02;
    }
    // Ticks on round times (every 10 s, 5 min, 1 h…): the range snaps to whole steps.
    span.step = niceStep((span.to - span.from) / 6);
    const double offset = localOffsetMs(span.from);
    span.from = std::floor((span.from + offset) / span.step) * span.step - offset;
    span.to = std::ceil((span.to + offset) / span.step) * span.step - offset;
    return span;
}

} // namespace dashboard
