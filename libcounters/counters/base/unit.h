// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QString>

#include <optional>

namespace counters {

/**
 * What a counter's values are measured in. It travels with every row (CounterRow::unit), in
 * every format, so that readers show "12 ms" or "3.5/s" without guessing from names.
 *
 * A counter's unit is set when it is created (Counter::setUnit()); AverageTimeCounter's is
 * Second and FrequencyCounter's PerSecond by default.
 */
enum class Unit {
    None,      ///< A plain number (a count, a size in the service's own terms).
    Second,    ///< A duration in seconds.
    PerSecond, ///< Events per second.
    Byte,      ///< A size in bytes.
};

/// The unit's name in reports: "" for None, "seconds", "per_second", "bytes". The names of
/// Second and Byte are OpenMetrics' base units "seconds" and "bytes".
COUNTERS_CORE_EXPORT QString unitName(Unit unit);
/// Inverse of unitName(); std::nullopt for a name it does not know.
COUNTERS_CORE_EXPORT std::optional<Unit> unitFromName(QStringView name);

} // namespace counters
