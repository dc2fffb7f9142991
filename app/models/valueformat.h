// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>
#include <counters/base/unit.h>

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

namespace dashboard {

/**
 * How the dashboard writes numbers: about four significant digits, integers with digit
 * grouping, values in their unit (counters::Unit, which every row carries): durations in
 * ns/µs/ms/s, rates per second, sizes in B/KiB/MiB/GiB; windows and ages in the largest
 * fitting unit. Uses the given locale (default: the
 * default QLocale, which follows --lang).
 *
 * Pure functions, thread-safe.
 */
class ValueFormat
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::ValueFormat)
public:
    ValueFormat() = delete;

    /// How a value of `unit` is written: times `factor`, followed by `symbol`.
    struct Prefix
    {
        double factor = 1;
        QString symbol; ///< "ms", "KiB", "/s", "M/s", "M"; empty for plain numbers.
    };
    /// The prefix for values of `unit` whose magnitude is about `magnitude`: the largest unit
    /// in which it does not print as less than 1 (durations ns/µs/ms/s, sizes B…PiB; counts
    /// and rates from a million on M, G, T, P, below that as they are). Texts
    /// (value()) and chart axes (ValueScale) both choose by it, so they agree.
    static Prefix prefix(counters::Unit unit, double magnitude);

    /// "1,234", "12.35", "0.00123", "1.23e-07" (grouping and separators of `locale`).
    static QString number(double value, const QLocale &locale = QLocale());
    /// What a user typed for a value of `unit`: a number in `locale`'s notation or in C
    /// notation, in the unit of `prefix` unless it is followed by a symbol of the unit's own
    /// ("20 ms", "1.5 s", "500 µs" or "us"; "2 MiB", "512 kB"; "1.5 M", "3 k"; "/s" after a
    /// rate). Returns the value in the unit's base (seconds, bytes…); std::nullopt when it is
    /// not a finite number with a known symbol.
    static std::optional<double> parse(const QString &text, counters::Unit unit,
                                       const Prefix &prefix, const QLocale &locale = QLocale());
    /// A value in its unit: "12.3 ms" (Second), "3.5/s" (PerSecond), "1.5 KiB" (Byte), "—"
    /// for no value.
    static QString value(std::optional<double> value, counters::Unit unit,
                         const QLocale &locale = QLocale());
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
