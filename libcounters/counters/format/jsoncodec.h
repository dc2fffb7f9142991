// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace counters {

/**
 * The one JSON codec of Counters: Snapshot ⇄ JSON report, shared by every output that speaks
 * JSON (report file, history file, local socket, TCP frames, HTTP /report.json). docs/formats.md
 * describes the format for its readers, with its compatibility rules.
 *
 * Schema (format version 1). The top-level object holds:
 * - `"<counter name>": value` for every row: PyCounters 0.6's flat pairs, so PyCounters consumers
 *   (the munin plugin, scripts) read the file as before. `value` is a number, or `null` when
 *   the counter has no value. JSON has no NaN or infinities: non-finite values are written as
 *   `null` (they read back as "no value"). A PercentileWindowCounter's row (value: the median)
 *   also writes its quantiles as flat pairs `"<name>.p50"`, `"<name>.p99"`, ... (unless a row
 *   has that name), so flat-pair consumers can graph them; readers of this format take them
 *   back as the row's sub-values, not as counters.
 * - `"__collection_time__"`: the snapshot's time, epoch seconds (a number).
 * - `"__node_reports__"`, only when the snapshot has nodes(): `{node id: {counter: value}}`,
 *   each node's flat pairs as PyCounters 0.6's multi-process leader wrote them.
 * - `"__counters__"`, our metadata, which readers that do not know it ignore:
 *   ```
 *   { "version": 1,
 *     "source": {"service": s, "host": s, "pid": n, "process_start": n, "node": s},
 *     "counters": { name: {"type": "AverageWindowCounter", "unit": "", "statistic": "mean",
 *                          "window": 300, "count": n, "sub": {"min": 1, "max": 5}}, ...,
 *                   name: {"type": "PercentileWindowCounter", "unit": "seconds",
 *                          "statistic": "median", "window": 300, "count": n,
 *                          "sub": {"p50": 0.01, "p99": 0.2, "min": …, "max": …, "sum": …},
 *                          "histogram": {"scheme": "log2x64",
 *                                        "buckets": [key, count, key, count, ...]}} },
 *     "nodes": { node id: {"index": i, "time": t, "source": {...}, "counters": {...}}, ... } }
 *   ```
 *   `dropped` (CounterRow::dropped: events the counter could not record, such as NaN values)
 *   is written only when not zero, as is `overflowed` (CounterRow::overflowed: on a family's
 *   overflow series, the label sets recorded into it past the family's limit); a series of a
 * labelled family adds `"family": name` and
 *   `"labels": {label: value, ...}` (its flat key is then seriesName(): `name{label="value"}`),
 *   both or neither, label names checked by isValidLabelName();
 *   `type` is counterTypeName(), `unit` unitName() and `statistic` statisticName() (both
 *   always written; when absent, as in reports written before rows carried them, they read
 *   as the type's defaultUnit() and statisticOf()); `histogram` (CounterRow::histogram, only
 *   when not empty) lists LogHistogram's buckets by increasing key (a histogram of another
 *   scheme is ignored on reading, one without a scheme is an error); `sub` (sub-values) is
 *   left out when empty
 *   and, like values, holds `null` for a non-finite sub-value (dropped on reading); `nodes` is
 *   left out when there are none; `index` keeps the order of nodes(); a source gets
 *   `"stale": true` only when SnapshotSource::stale is set (a node that missed the leader's
 *   collect round). A node id is the node's source().node, or `"node<i>"` when that is empty
 *   or taken by an earlier node. A row whose name is one of the three reserved keys cannot be
 *   a flat pair: its value is carried as `"value"` in its metadata entry instead. The nodes of
 *   nodes are not written.
 *
 * Decoding restores every field of every row and of the nodes from such a report. It also
 * reads reports written by PyCounters: flat pairs with or without `__collection_time__` (time 0
 * when absent) and `__node_reports__` (nodes then take the report's time), numbers as integers
 * or floats, `null`, a nested object (a ValueAccumulator) as a row of type Unknown without a
 * value whose sub-values are the object's numeric entries, and Python's `NaN`, `Infinity` and
 * `-Infinity` tokens (read as no value). Rows without metadata have type Unknown, window 0 and
 * count 0, and a unit, statistic and "min"/"max" sub-values filled in once from their names by
 * the PyCounters tutorial's conventions (docs/formats.md, "PyCounters 0.6 reports"): the only
 * place where Counters reads meaning from names. Other keys that start and end with "__", and
 * fields this version does not know, are ignored; entries that are neither numbers, null nor
 * objects (strings, arrays, booleans) are not counters and are skipped. Malformed input gives
 * std::nullopt and a message (with the byte offset for a syntax error), never a crash.
 *
 * Encoding to bytes writes compact UTF-8 directly, without building a QJsonDocument, in
 * linear time (10,000 rows in a few milliseconds); numbers use the shortest representation
 * that reads back exactly.
 *
 * All functions are pure and thread-safe.
 */
class COUNTERS_CORE_EXPORT JsonCodec
{
public:
    JsonCodec() = delete;

    /// The format version written into `__counters__`.
    static constexpr int Version = 1;
    /// The reserved top-level keys.
    static constexpr QLatin1String CollectionTimeKey{"__collection_time__"};
    static constexpr QLatin1String NodeReportsKey{"__node_reports__"};
    static constexpr QLatin1String MetadataKey{"__counters__"};

    /// The report as compact UTF-8 JSON, without a trailing newline.
    static QByteArray toJson(const Snapshot &snapshot);

    /// Reads a report object; std::nullopt (and `*error`) when it is not a valid report.
    static std::optional<Snapshot> fromJsonObject(const QJsonObject &object,
                                                  QString *error = nullptr);
    /// Parses and reads UTF-8 JSON text (PyCounters' NaN/Infinity tokens accepted).
    static std::optional<Snapshot> fromJson(const QByteArray &json, QString *error = nullptr);
};

} // namespace counters
