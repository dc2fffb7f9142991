// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QString>

#include <optional>

namespace counters {

/**
 * The kinds of counters, with their seed names. `Unknown` is what a report read from elsewhere
 * (a PyCounters file) carries; it never comes from a live counter.
 */
enum class CounterType {
    Event,
    Total,
    AverageWindow,
    AverageTime,
    Frequency,
    Window,
    MaxWindow,
    MinWindow,
    PercentileWindow,
    Unknown,
};

/// How values of one counter type from several processes combine (DESIGN.md §4).
enum class MergeRule {
    Sum,          ///< Event, Total, Frequency, Window; nulls ignored.
    WeightedMean, ///< AverageWindow, AverageTime; weighted by the count of events.
    Max,          ///< MaxWindow; nulls ignored.
    Min,          ///< MinWindow; nulls ignored.
    Histogram,    ///< PercentileWindow: quantiles recomputed from the merged histograms.
    First,        ///< Unknown: the first non-null value.
};

/// "AverageWindowCounter" etc., as in the seed; "Unknown" for CounterType::Unknown.
COUNTERS_CORE_EXPORT QString counterTypeName(CounterType type);
/// Inverse of counterTypeName(); std::nullopt for a name it does not know.
COUNTERS_CORE_EXPORT std::optional<CounterType> counterTypeFromName(QStringView name);
COUNTERS_CORE_EXPORT MergeRule mergeRule(CounterType type);

} // namespace counters
