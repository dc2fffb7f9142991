// SPDX-License-Identifier: MIT
#include "countertype.h"

#include <array>

namespace counters {

namespace {
constexpr std::array<std::pair<CounterType, QStringView>, 10> kNames{{
    {CounterType::Event, u"EventCounter"},
    {CounterType::Total, u"TotalCounter"},
    {CounterType::AverageWindow, u"AverageWindowCounter"},
    {CounterType::AverageTime, u"AverageTimeCounter"},
    {CounterType::Frequency, u"FrequencyCounter"},
    {CounterType::Window, u"WindowCounter"},
    {CounterType::MaxWindow, u"MaxWindowCounter"},
    {CounterType::MinWindow, u"MinWindowCounter"},
    {CounterType::PercentileWindow, u"PercentileWindowCounter"},
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
    case CounterType::Unknown:
        break;
    }
    return MergeRule::First;
}

} // namespace counters
