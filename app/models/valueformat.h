// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/countertype.h>

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

namespace dashboard {

/**
 * How the dashboard writes numbers: about four significant digits, integers with digit
 * grouping, durations (AverageTimeCounter values are seconds) in ns/µs/ms/s, frequencies per
 * second, windows and ages in the largest fitting unit. Uses the given locale (default: the
 * default QLocale, which follows --lang).
 *
 * Pure functions, thread-safe.
 */
class ValueFormat
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::ValueFormat)
public:
    ValueFormat() = delete;

    /// "1,234", "12.35", "0.00123", "1.23e-07" (grouping and separators of `locale`).
    static QString number(double value, const QLocale &locale = QLocale());
    /// A counter's value in its unit: "12.3 ms" for an AverageTime, "3.5/s" for a Frequency.
    static QString value(std::optional<double> value, counters::CounterType type,
                         const QLocale &locale = QLocale());
    /// The type whose unit a counter's values have: AverageTime (seconds) also for a
    /// percentile counter whose name speaks of time, latency or duration (a report does not
    /// say whether its values were timed blocks); `type` otherwise.
    static counters::CounterType unitType(counters::CounterType type, QStringView counter);
    /// "850 µs", "1.2 s".
    static QString duration(double seconds, const QLocale &locale = QLocale());
    /// A window length: "300 s" → "5 min", "90 s" → "90 s", 0 → "".
    static QString window(double seconds, const QLocale &locale = QLocale());
    /// An age: "now", "12 s", "5 min", "3 h", "2 d"; empty for a negative or NaN age.
    static QString age(double seconds, const QLocale &locale = QLocale());
    /// A multi-process node id (`host_pid_seq_time`) for people: "host:pid"; other ids as
    /// they are.
    static QString nodeName(const QString &nodeId);
    /// A counter type for people: "Average time", "Frequency", "—" for Unknown.
    static QString typeName(counters::CounterType type);
};

} // namespace dashboard
