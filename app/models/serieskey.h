// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace dashboard {

/**
 * Names one time series of the dashboard: a counter of a source, either the source's own
 * (merged) values or one process's values from a multi-process report (`node`). A plain
 * value.
 */
struct SeriesKey
{
    QString sourceId; ///< Source::id()
    QString node;     ///< Empty for the source's own values; else the node id.
    QString counter;  ///< The counter's name.

    bool isNull() const { return sourceId.isEmpty() && counter.isEmpty(); }
    bool isNode() const { return !node.isEmpty(); }
    /// The same counter's merged series.
    SeriesKey merged() const { return SeriesKey{sourceId, QString(), counter}; }
    /// The `node` of the series of process `index` of a multi-process report: its node id, or
    /// `node<index>` when it has none.
    static QString nodeIdOf(const counters::Snapshot &node, qsizetype index)
    {
        return node.source().node.isEmpty() ? QStringLiteral("node%1").arg(index)
                                            : node.source().node;
    }

    friend bool operator==(const SeriesKey &a, const SeriesKey &b)
    {
        return a.counter == b.counter && a.node == b.node && a.sourceId == b.sourceId;
    }
    friend bool operator!=(const SeriesKey &a, const SeriesKey &b) { return !(a == b); }
    friend bool operator<(const SeriesKey &a, const SeriesKey &b)
    {
        if (a.sourceId != b.sourceId)
            return a.sourceId < b.sourceId;
        if (a.counter != b.counter)
            return a.counter < b.counter;
        return a.node < b.node;
    }
    friend size_t qHash(const SeriesKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.sourceId, key.node, key.counter);
    }
};

} // namespace dashboard

Q_DECLARE_METATYPE(dashboard::SeriesKey)
