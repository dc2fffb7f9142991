// SPDX-License-Identifier: MIT
#pragma once

// Internal: what the integrations share.

#include <QString>
#include <QStringView>

#include <memory>

namespace counters {
class PercentileWindowCounter;
}

namespace counters::detail {

/// "100" … "599" (made once, so that labelling a status costs no allocation); "other" outside.
QStringView statusText(int status);

/// A PercentileWindowCounter of durations in seconds (the default window).
std::shared_ptr<PercentileWindowCounter> secondsPercentiles(const QString &name);

} // namespace counters::detail
