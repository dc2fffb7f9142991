// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/countertype.h>
#include <counters/base/labels.h>
#include <counters/base/loghistogram.h>
#include <counters/base/unit.h>
#include <counters/counters_core_export.h>

#include <QList>
#include <QMap>
#include <QSharedDataPointer>
#include <QString>

#include <optional>

namespace counters {

/**
 * One counter's reading at the time of a snapshot, with what it means: the unit of its values,
 * which statistic its value is, and over which window. Every format carries all of it, so that
 * no reader has to guess meaning back from names.
 */
struct COUNTERS_CORE_EXPORT CounterRow
{
    QString name;
    CounterType type = CounterType::Unknown;
    std::optional<double> value; ///< Empty where PyCounters 0.6 reports None/null.
    double window = 0;           ///< Window length in seconds; 0 for counters without a window.
    quint64 count = 0;           ///< Events in the window (since the last clear for Event/Total).
    /// Extra readings: "min"/"max" are the smallest and largest value in the window (averaging
    /// and percentile counters, when the window has events); a PercentileWindowCounter adds
    /// its quantiles ("p50", "p99.9": LogHistogram::quantileKey()) and "sum"; a PyCounters
    /// accumulator's entries are kept under their own names.
    QMap<QString, double> subValues;
    /// The values of the window, for a PercentileWindowCounter (empty for other types): what
    /// mergeRows() combines so that merged quantiles are as accurate as local ones.
    LogHistogram histogram{};
    /// The unit of the value and of the sub-values that are values of the window ("min",
    /// "max", quantiles, "sum"); counts are unitless.
    Unit unit = Unit::None;
    /// What the value is (statisticOf(type) for a live counter).
    Statistic statistic = Statistic::Unknown;
    /// How rows of this counter from several processes combine, when the counter chose
    /// (a GaugeCounter: sum, max, min or last); empty: by its type (mergeRule()).
    std::optional<MergeRule> merge{};
    /// For a series of a labelled counter family: the family's name and the series' labels;
    /// `name` is then seriesName(family, labels). Empty for a counter without labels.
    QString family{};
    Labels labels{};
    /// Events the counter could not record since it was created (Counter::droppedEvents():
    /// values that are not finite, ends without a start, nesting too deep; for a percentile
    /// counter also values its histograms missed, which its count, sum, min and max still
    /// hold). Carried by JSON reports and merged by adding up.
    quint64 dropped = 0;
    /// For the overflow series of a family (its labels all FamilyBase::overflowValue()): the
    /// label sets that were recorded into it because the family had reached its series limit.
    /// Carried by JSON reports and merged by adding up.
    quint64 overflowed = 0;

    friend COUNTERS_CORE_EXPORT bool operator==(const CounterRow &a, const CounterRow &b);
    friend bool operator!=(const CounterRow &a, const CounterRow &b) { return !(a == b); }
};

/// Where a snapshot comes from.
struct COUNTERS_CORE_EXPORT SnapshotSource
{
    QString service; ///< Application name, or what Registry::setServiceName() said.
    QString host;
    qint64 pid = 0;
    double processStart = 0; ///< Epoch seconds; 0 when unknown.
    QString node;            ///< Multi-process node id (host_pid_seq_time); empty otherwise.
    /// Multi-process: this node did not answer the leader's last collect round in time, so its
    /// snapshot carries only the running totals (Event and Total rows) of its last answer, and
    /// time() is when it last answered (0: never, and no rows).
    bool stale = false;

    friend COUNTERS_CORE_EXPORT bool operator==(const SnapshotSource &a, const SnapshotSource &b);
    friend bool operator!=(const SnapshotSource &a, const SnapshotSource &b) { return !(a == b); }
};

/**
 * An immutable reading of a set of counters: the one value that every reporter, transport and
 * the dashboard consume. Rows are sorted by name and names are unique. A merged
 * snapshot (see merge()) also carries the snapshots it was merged from as nodes().
 *
 * Cheap to copy (implicitly shared) and safe to pass between threads.
 */
class COUNTERS_CORE_EXPORT Snapshot
{
public:
    Snapshot();
    /// Sorts `rows` by name; of rows with the same name only the first is kept.
    Snapshot(double time, SnapshotSource source, QList<CounterRow> rows,
             QList<Snapshot> nodes = {});
    Snapshot(const Snapshot &other);
    Snapshot(Snapshot &&other) noexcept;
    Snapshot &operator=(const Snapshot &other);
    Snapshot &operator=(Snapshot &&other) noexcept;
    ~Snapshot();

    bool isNull() const; ///< Default-constructed: no time, no rows.
    double time() const; ///< Collection time, epoch seconds.
    const SnapshotSource &source() const;
    const QList<CounterRow> &rows() const;
    const QList<Snapshot> &nodes() const; ///< The per-process snapshots of a merged report.

    /// The row named `name`, or nullptr.
    const CounterRow *row(QStringView name) const;
    /// The value of `name`; empty when missing or null.
    std::optional<double> value(QStringView name) const;

    friend COUNTERS_CORE_EXPORT bool operator==(const Snapshot &a, const Snapshot &b);
    friend bool operator!=(const Snapshot &a, const Snapshot &b) { return !(a == b); }

private:
    class Data;
    QSharedDataPointer<Data> d;
};

/**
 * Combines rows of the same counter from several processes by the rule the rows carry
 * (CounterRow::merge, when they all carry the same) or else their type's MergeRule: sums
 * (ignoring nulls, so 0 ⊕ null = 0), count-weighted means, max/min ignoring nulls, the last
 * row's value (Last: `rows` run from the oldest report to the newest). Unit and
 * statistic are kept where all rows agree (else None and Unknown). Counts and drops add up;
 * sub-values "min"/"max" take the min/max; other sub-values are summed. Histograms add up, and
 * rows that carry one (PercentileWindowCounter) get their quantile sub-values and value (the
 * median) recomputed from the merged histogram, clamped to the merged min and max. When the
 * types differ, the result is Unknown with the first non-null value. An empty list gives a row
 * with no value.
 */
COUNTERS_CORE_EXPORT CounterRow mergeRows(const QList<CounterRow> &rows);

/**
 * Sets the row's value to the median of its histogram and every quantile sub-value ("p90":
 * LogHistogram::quantileOfKey()) to that quantile of the histogram, each clamped to the row's
 * "min" and "max" sub-values when it has them. The value is empty when the histogram is.
 */
COUNTERS_CORE_EXPORT void recomputeQuantiles(CounterRow &row);

/**
 * Merges snapshots of several processes into one: every counter of any input, merged with
 * mergeRows() (its rows ordered by the time of their snapshot); time = `time`; source =
 * `source`; nodes() = the inputs. A pure function.
 */
COUNTERS_CORE_EXPORT Snapshot merge(const QList<Snapshot> &snapshots, double time,
                                    const SnapshotSource &source = {});

} // namespace counters
