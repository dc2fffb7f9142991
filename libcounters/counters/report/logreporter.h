// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/report/reporter.h>

#include <QLoggingCategory>

namespace counters {

/**
 * Writes a snapshot to the Qt log as PyCounters 0.6's LogReporter does: one info message per
 * counter, sorted by name, reading `name value`. Names that both start and end with "__" are
 * skipped (`_x_` is written). Values:
 * - a number as Python 2's `str()` writes it, which PyCounters 0.6 used: 12 significant
 *   digits, in exponent form from 12 integer digits on (`0.333333333333`, `2`, `1e-05`,
 *   `99999999999.5`, `1.23456789012e+11`, `1e+16`), `nan`, `inf`; unlike PyCounters 0.6,
 *   integral values carry no `.0` (`2`, not `2.0`);
 * - `None` when the counter has no value (as PyCounters 0.6 prints Python's None);
 * - for a value-less row with sub-values (a PyCounters ValueAccumulator read from a file),
 *   the sub-values as PyCounters 0.6 printed the dict: `{'a': 1, 'b': 2}`.
 *
 * Messages go through the category passed to the constructor, "counters" by default, at info
 * level; when that level is disabled nothing is written and the report still succeeds. The
 * category object must outlive the reporter. Thread-safe (see Reporter).
 */
class COUNTERS_CORE_EXPORT LogReporter : public Reporter
{
    Q_OBJECT
public:
    /// Logs to defaultCategory().
    explicit LogReporter(QObject *parent = nullptr);
    /// Logs to `category`, which must outlive the reporter.
    explicit LogReporter(const QLoggingCategory &category, QObject *parent = nullptr);
    ~LogReporter() override;

    /// The category named "counters", enabled from info level up.
    static const QLoggingCategory &defaultCategory();
    const QLoggingCategory &category() const;

    /// The text of one line for `row`, without the name: what follows "name ".
    static QString formatValue(const CounterRow &row);
    /// `value` as Python 2's str() writes it, without the `.0` of integral values (see above).
    static QString formatNumber(double value);

protected:
    bool write(const Snapshot &snapshot, QString *error) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
