// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/unit.h>
#include <counters/counters_core_export.h>

#include <QString>

#include <optional>

namespace counters {

/**
 * The kinds of counters, with their PyCounters 0.6 class names. `Unknown` is what a report read
 * from elsewhere (a PyCounters file) carries; it never comes from a live counter.
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
    Gauge, ///< Not in PyCounters 0.6: a level set by events or sampled at each report.
    Unknown,
};

/// How values of one counter type from several processes combine (see mergeRows()).
enum class MergeRule {
    Sum,          ///< Event, Total, Frequency, Window; nulls ignored.
    WeightedMean, ///< AverageWindow, AverageTime; weighted by the count of events.
    Max,          ///< MaxWindow; nulls ignored.
    Min,          ///< MinWindow; nulls ignored.
    Histogram,    ///< PercentileWindow: quantiles recomputed from the merged histograms.
    First,        ///< Unknown: the first non-null value.
    Last,         ///< A gauge's choice: the value of the newest report; nulls ignored.
};

/**
 * What a row's value is, over the counter's window (over its life for Event and Total). Rows
 * carry it (CounterRow::statistic) so that readers know, without knowing counter types, that a
 * value is a mean (and its "min"/"max" sub-values the extremes around it) or a minimum.
 */
enum class Statistic {
    Unknown, ///< Not said (a report from elsewhere whose names tell nothing).
    Count,   ///< How many events.
    Sum,     ///< The sum of the values.
    Mean,    ///< The mean of the values.
    Rate,    ///< Events per second.
    Min,     ///< The smallest value.
    Max,     ///< The largest value.
    Median,  ///< The median of the values; quantile sub-values ("p90") around it.
    Current, ///< A level at the time of the report (a gauge: a queue's length, busy threads).
};

/// "AverageWindowCounter" etc., as in PyCounters 0.6; "Unknown" for CounterType::Unknown.
COUNTERS_CORE_EXPORT QString counterTypeName(CounterType type);
/// Inverse of counterTypeName(); std::nullopt for a name it does not know.
COUNTERS_CORE_EXPORT std::optional<CounterType> counterTypeFromName(QStringView name);
COUNTERS_CORE_EXPORT MergeRule mergeRule(CounterType type);
/// "sum", "mean", "max", "min", "histogram", "first", "last": as JSON reports carry a rule
/// chosen per counter (CounterRow::merge).
COUNTERS_CORE_EXPORT QString mergeRuleName(MergeRule rule);
/// Inverse of mergeRuleName(); std::nullopt for a name it does not know.
COUNTERS_CORE_EXPORT std::optional<MergeRule> mergeRuleFromName(QStringView name);
/// What the value of a counter of this type is (Unknown for CounterType::Unknown).
COUNTERS_CORE_EXPORT Statistic statisticOf(CounterType type);
/// The unit a counter of this type has unless told otherwise: Second for AverageTime,
/// PerSecond for Frequency, None for the others.
COUNTERS_CORE_EXPORT Unit defaultUnit(CounterType type);

/// The statistic's name in reports: "count", "sum", "mean", "rate", "min", "max", "median",
/// "current"; "" for Unknown.
COUNTERS_CORE_EXPORT QString statisticName(Statistic statistic);
/// Inverse of statisticName(); std::nullopt for a name it does not know.
COUNTERS_CORE_EXPORT std::optional<Statistic> statisticFromName(QStringView name);

} // namespace counters
