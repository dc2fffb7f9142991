// SPDX-License-Identifier: MIT
#include "countertype.h"

#include <array>

namespace counters {

namespace {
constexpr std::array<std::pair<CounterType, QStringView>, 11> kNames{{
    {CounterType::Event, u"EventCounter"},
    {CounterType::Total, u"TotalCounter"},
    {CounterType::AverageWindow, u"AverageWindowCounter"},
    {CounterType::AverageTime, u"AverageTimeCounter"},
    {CounterType::Frequency, u"FrequencyCounter"},
    {CounterType::Window, u"WindowCounter"},
    {CounterType::MaxWindow, u"MaxWindowCounter"},
    {CounterType::MinWindow, u"MinWindowCounter"},
    {CounterType::PercentileWindow, u"PercentileWindowCounter"},
    {CounterType::Gauge, u"GaugeCounter"},
    {CounterType::Unknown, u"Unknown"},
}};
} // namespace

QString counterTypeName(CounterType type)
{
    for (const auto &[t, name] : kNames) {
        if (t == type)
            return name.toString();
    }
    return QStringLiteral("Unknown");
}

std::optional<CounterType> counterTypeFromName(QStringView name)
{
    for (const auto &[t, n] : kNames) {
        if (n == name)
            return t;
    }
    return std::nullopt;
}

MergeRule mergeRule(CounterType type)
{
    switch (type) {
    case CounterType::Event:
    case CounterType::Total:
    case CounterType::Frequency:
    case CounterType::Window:
        return MergeRule::Sum;
    case CounterType::AverageWindow:
    case CounterType::AverageTime:
        return MergeRule::WeightedMean;
    case CounterType::MaxWindow:
        return MergeRule::Max;
    case CounterType::MinWindow:
        return MergeRule::Min;
    case CounterType::PercentileWindow:
        return MergeRule::Histogram;
    case CounterType::Gauge:
        return MergeRule::Sum; // unless the gauge says otherwise (CounterRow::merge)
    case CounterType::Unknown:
        break;
    }
    return MergeRule::First;
}

Statistic statisticOf(CounterType type)
{
    switch (type) {
    case CounterType::Event:
        return Statistic::Count;
    case CounterType::Total:
    case CounterType::Window:
        return Statistic::Sum;
    case CounterType::AverageWindow:
    case CounterType::AverageTime:
        return Statistic::Mean;
    case CounterType::Frequency:
        return Statistic::Rate;
    case CounterType::MaxWindow:
        return Statistic::Max;
    case CounterType::MinWindow:
        return Statistic::Min;
    case CounterType::PercentileWindow:
        return Statistic::Median;
    case CounterType::Gauge:
        return Statistic::Current;
    case CounterType::Unknown:
        break;
    }
    return Statistic::Unknown;
}

Unit defaultUnit(CounterType type)
{
    switch (type) {
    case CounterType::AverageTime:
        return Unit::Second;
    case CounterType::Frequency:
        return Unit::PerSecond;
    default:
        return Unit::None;
    }
}

namespace {
constexpr std::array<std::pair<Statistic, QStringView>, 9> kStatisticNames{{
    {Statistic::Unknown, u""},
    {Statistic::Count, u"count"},
    {Statistic::Sum, u"sum"},
    {Statistic::Mean, u"mean"},
    {Statistic::Rate, u"rate"},
    {Statistic::Min, u"min"},
    {Statistic::Max, u"max"},
    {Statistic::Median, u"median"},
    {Statistic::Current, u"current"},
}};

constexpr std::array<std::pair<MergeRule, QStringView>, 7> kMergeRuleNames{{
    {MergeRule::Sum, u"sum"},
    {MergeRule::WeightedMean, u"mean"},
    {MergeRule::Max, u"max"},
    {MergeRule::Min, u"min"},
    {MergeRule::Histogram, u"histogram"},
    {MergeRule::First, u"first"},
    {MergeRule::Last, u"last"},
}};
} // namespace

QString statisticName(Statistic statistic)
{
    for (const auto &[s, name] : kStatisticNames) {
        if (s == statistic)
            return name.toString();
    }
    return QString();
}

std::optional<Statistic> statisticFromName(QStringView name)
{
    for (const auto &[s, n] : kStatisticNames) {
        if (n == name)
            return s;
    }
    return std::nullopt;
}

QString mergeRuleName(MergeRule rule)
{
    for (const auto &[r, name] : kMergeRuleNames) {
        if (r == rule)
            return name.toString();
    }
    return QString();
}

std::optional<MergeRule> mergeRuleFromName(QStringView name)
{
    for (const auto &[r, n] : kMergeRuleNames) {
        if (n == name)
            return r;
    }
    return std::nullopt;
}

} // namespace counters
