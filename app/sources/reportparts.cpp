// SPDX-License-Identifier: MIT
#include "reportparts.h"

#include <algorithm>

namespace dashboard {

using counters::CounterRow;
using counters::Snapshot;

qsizetype rowCountOf(const Snapshot &report)
{
    qsizetype rows = report.rows().size();
    for (const Snapshot &node : report.nodes())
        rows += node.rows().size();
    return rows;
}

QList<Snapshot> reportParts(const Snapshot &report, int maxRows)
{
    maxRows = std::max(1, maxRows);
    if (rowCountOf(report) <= maxRows)
        return {report};

    const QList<Snapshot> &nodes = report.nodes();
    // The rows of the part being filled: level 0 the report's own, level i + 1 node i's.
    QList<QList<CounterRow>> levels(nodes.size() + 1);
    qsizetype filled = 0;
    QList<Snapshot> parts;
    const auto close = [&] {
        QList<Snapshot> partNodes;
        partNodes.reserve(nodes.size());
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const Snapshot &node = nodes.at(i);
            partNodes.append(
                Snapshot(node.time(), node.source(), std::exchange(levels[i + 1], {})));
        }
        parts.append(Snapshot(report.time(), report.source(), std::exchange(levels[0], {}),
                              std::move(partNodes)));
        filled = 0;
    };
    for (qsizetype level = 0; level < levels.size(); ++level) {
        const QList<CounterRow> &rows = level == 0 ? report.rows() : nodes.at(level - 1).rows();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const CounterRow &row = rows.at(i);
            // A part ends where a family does not go on.
            const bool sameFamily =
                i > 0 && !row.family.isEmpty() && row.family == rows.at(i - 1).family;
            if (filled >= maxRows && !sameFamily)
                close();
            levels[level].append(row);
            ++filled;
        }
    }
    if (filled > 0)
        close();
    return parts;
}

} // namespace dashboard
