// SPDX-License-Identifier: MIT
#pragma once
// Test support: counter rows as the library's counters report them.

#include <counters/base/snapshot.h>

#include <QMap>
#include <QString>

#include <optional>

namespace testsupport {

/// A row as a live counter of `type` reports it: with its type's unit and statistic.
inline counters::CounterRow row(const QString &name, counters::CounterType type,
                                std::optional<double> value, double window = 0, quint64 count = 0,
                                QMap<QString, double> subValues = {})
{
    counters::CounterRow r;
    r.name = name;
    r.type = type;
    r.value = value;
    r.window = window;
    r.count = count;
    r.subValues = std::move(subValues);
    r.unit = counters::defaultUnit(type);
    r.statistic = counters::statisticOf(type);
    return r;
}

} // namespace testsupport
