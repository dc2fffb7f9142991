// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QString>
#include <QStringView>

namespace dashboard {

/**
 * Rows that sum a labelled counter family up, so that the dashboard can show and chart a family
 * as a whole or split by one label, as PromQL's `sum(F)` and `sum by (label) (F)` do.
 *
 * For every family of a snapshot (rows with CounterRow::family), and of each of its nodes:
 * - the total over every series, named totalName(): `F{*}`;
 * - for a family with two labels or more, one row per value of each label over the series with
 *   that value, named splitName(): `F{label="value",*}` (for a single label, that row would be
 *   the series itself).
 * Each is mergeRows() of its series: counts, totals and rates add up, averages are weighted by
 * their counts, minima and maxima stay extremes, percentile histograms add up. Its `family` is
 * F and its `labels` the label it is split by (none for the total). Real series never end in
 * `*}` (their names end in a quoted value), so isAggregate() tells them apart by name.
 *
 * Pure functions.
 */
counters::Snapshot withFamilyAggregates(const counters::Snapshot &snapshot);

QString totalName(const QString &family);
QString splitName(const QString &family, const QString &label, const QString &value);
/// Whether `name` is a totalName() or splitName().
bool isAggregate(QStringView name);
/// Whether `name` is a totalName().
bool isTotal(QStringView name);
/// How charts name a series: a total as `F (all)`, a split as `F (label=value)`, any other
/// counter or series by its name.
QString displayName(const QString &name);

} // namespace dashboard
