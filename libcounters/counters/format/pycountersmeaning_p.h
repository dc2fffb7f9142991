// SPDX-License-Identifier: MIT
#pragma once

// Internal: what a PyCounters 0.6 report leaves unsaid. Its JSON is flat `name: value` pairs,
// with no unit, type or window, so the one reader of such reports (JsonCodec) fills in, once,
// what the counters' names say by the PyCounters tutorial's conventions. Nothing downstream
// guesses from names again.

#include <counters/base/snapshot.h>

#include <QMap>
#include <QString>

namespace counters::detail {

/**
 * Fills in the meaning of the rows named in `undescribed` (rows without metadata):
 * - the statistic from a suffix: `_avg`, `_average`, `_mean` → Mean; `_min` → Min; `_max` →
 *   Max (also after a dot); a name with the word `frequency` → Rate;
 * - the unit: PerSecond for a rate; Seconds for a name with the word `time`, `latency`,
 *   `duration` or `elapsed` (words are separated by `_`, `.`, `-` or spaces);
 * - the "min"/"max" sub-values of a row from its siblings, as the tutorial names them:
 *   `base_min` / `base_max` (or `.min` / `.max`) beside `base_avg`, `base_mean`, ... or `base`.
 * Rows with metadata are never changed; their values are never changed.
 */
void inferPyCountersMeaning(QMap<QString, CounterRow> &rows, const QList<QString> &undescribed);

} // namespace counters::detail
