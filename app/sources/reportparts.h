// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QList>

#include <algorithm>

namespace dashboard {

/**
 * A report cut into parts of about `maxRows` rows, so that a report of hundreds of thousands
 * of counters can be handed to the window a part per pass of its event loop rather than in
 * one go.
 *
 * Every part has the report's time and source, and all of its nodes (in order, with their
 * time and source, so that a node keeps its place), each with the rows of its own that fall
 * into the part. Rows are taken in order, the report's own first, then each node's; together
 * the parts hold every row once. A labelled family's rows (adjacent, as rows are sorted by
 * name) stay in one part, so that a part's family totals are the family's: a part may thus
 * exceed `maxRows` by the size of one family.
 *
 * A report of at most `maxRows` rows (nodes' included) is its own only part. Pure function.
 */
QList<counters::Snapshot> reportParts(const counters::Snapshot &report, int maxRows);

/// Rows of `report` and of its nodes.
qsizetype rowCountOf(const counters::Snapshot &report);

/// What a container of `size` entries will hold once a report in parts is whole, when the
/// part just read brought `added` new entries of its `seen` rows and parts of `rowsToCome`
/// rows follow: as many new ones, in proportion, as this part brought. Reserving that at the
/// first part spares rehashing hundreds of thousands of keys in the middle of a load.
inline qsizetype sizeOnceWhole(qsizetype size, qsizetype added, qsizetype seen,
                               qsizetype rowsToCome)
{
    return size + added + qsizetype(qint64(rowsToCome) * added / std::max<qsizetype>(1, seen));
}

} // namespace dashboard
