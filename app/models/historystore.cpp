// SPDX-License-Identifier: MIT
#include "historystore.h"

#include "modelslogging.h"
#include "sources/reportparts.h"
#include "windowstats.h"

#include <algorithm>
#include <limits>
#include <set>

namespace dashboard {

using counters::Snapshot;

HistoryStore::HistoryStore(QObject *parent) : QObject(parent) { }

HistoryStore::~HistoryStore() = default;

void HistoryStore::changed(const std::vector<Series *> &series)
{
    if (series.empty())
        return;
    if (m_held) {
        for (Series *s : series) {
            if (!std::exchange(s->held, true))
                m_heldSeries.push_back(s);
        }
        return;
    }
    QList<SeriesKey> keys;
    keys.reserve(qsizetype(series.size()));
    for (const Series *s : series)
        keys.append(s->key);
    Q_EMIT historyChanged(keys);
}

void HistoryStore::setChangesHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (held)
        return;
    // (Series removed meanwhile left the list as they went.)
    std::vector<Series *> series = std::exchange(m_heldSeries, {});
    for (Series *s : series)
        s->held = false;
    changed(series);
}

void HistoryStore::setMemoryBudget(qint64 bytes)
{
    bytes = std::max<qint64>(bytes, 0);
    if (bytes == m_budget)
        return;
    m_budget = bytes;
    changed(rebalance());
}

qint64 HistoryStore::memoryUsage() const
{
    qint64 points = 0;
    for (const auto &series : m_series)
        points += series->history.size();
    return points * BytesPerPoint;
}

std::vector<HistoryStore::Series *> HistoryStore::rebalance()
{
    const qint64 share = m_budget / (BytesPerPoint * std::max<qint64>(1, qint64(m_series.size())));
    const int capacity = int(std::clamp<qint64>(share, CounterHistory::MinimumCapacity,
                                                std::numeric_limits<int>::max()));
    // Every series has the share already when it did not change (a report of 400,000 counters
    // adds its series part by part, long after the share reached its minimum).
    std::vector<Series *> changed;
    if (std::exchange(m_capacity, capacity) == capacity)
        return changed;
    for (const auto &series : m_series) {
        const int before = series->history.size();
        series->history.setCapacity(m_capacity);
        if (series->history.size() != before)
            changed.push_back(series.get());
    }
    return changed;
}

void HistoryStore::appendSnapshots(const QString &sourceId, const QList<Snapshot> &snapshots,
                                   qsizetype rowsToCome)
{
    if (snapshots.isEmpty())
        return;

    // Gather the frame's points per series first, so that each series changes once.
    struct Pending
    {
        SeriesKey key;
        std::vector<HistoryPoint> points;
        counters::Unit unit = counters::Unit::None;
        QString family;
        bool banded = false;
    };
    std::vector<Pending> pending;
    QHash<SeriesKey, std::size_t> pendingIndex;
    // Consecutive reports of a node list the same rows in the same order: the pending series
    // of each row of the last report, by node, spares a hash lookup per row.
    QHash<QString, std::vector<std::pair<QString, std::size_t>>> lastRows;
    constexpr std::size_t kNoHint = std::numeric_limits<std::size_t>::max();

    const auto addRows = [&](const Snapshot &snapshot, const QString &node) {
        if (snapshot.time() <= 0)
            return; // a node that never answered has no time to plot at
        std::vector<std::pair<QString, std::size_t>> &hints = lastRows[node];
        const QList<counters::CounterRow> &rows = snapshot.rows();
        hints.resize(std::size_t(rows.size()), {QString(), kNoHint});
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const counters::CounterRow &row = rows.at(r);
            auto &hint = hints[std::size_t(r)];
            if (hint.second == kNoHint || hint.first != row.name) {
                const SeriesKey key{sourceId, node, row.name};
                auto it = pendingIndex.constFind(key);
                if (it == pendingIndex.cend()) {
                    it = pendingIndex.insert(key, pending.size());
                    pending.push_back(Pending{key, {}, counters::Unit::None, QString()});
                }
                hint = {row.name, *it};
            }
            Pending &p = pending[hint.second];
            HistoryPoint point =
                HistoryPoint::reading(snapshot.time(), row.value.value_or(qQNaN()));
            const WindowStats stats = WindowStats::of(row);
            if (stats.hasBand()) {
                point.min = *stats.min;
                point.max = *stats.max;
                p.banded = true;
            }
            if (row.statistic == counters::Statistic::Median) {
                point.p90 = row.subValues.value(QStringLiteral("p90"), point.p90);
                point.p99 = row.subValues.value(QStringLiteral("p99"), point.p99);
                p.banded = true; // a percentile counter, even while its window is empty
            }
            if (p.points.empty())
                p.points.reserve(std::size_t(snapshots.size()));
            p.points.push_back(point);
            p.unit = row.unit;
            p.family = row.family;
        }
    };

    const auto older = [](const Snapshot &a, const Snapshot &b) { return a.time() < b.time(); };
    QList<Snapshot> ordered = snapshots;
    if (!std::is_sorted(ordered.cbegin(), ordered.cend(), older))
        std::stable_sort(ordered.begin(), ordered.end(), older);
    double &newest = m_newest[sourceId];
    newest = std::max(newest, ordered.constLast().time());
    for (const Snapshot &snapshot : std::as_const(ordered)) {
        addRows(snapshot, QString());
        for (qsizetype i = 0; i < snapshot.nodes().size(); ++i) {
            const Snapshot &node = snapshot.nodes().at(i);
            if (!node.source().stale)
                addRows(node, SeriesKey::nodeIdOf(node, i));
        }
    }

    // Keeps the points a history would accept: strictly newer than `after` and than each
    // other (of equal times the last wins).
    const auto acceptable = [](std::vector<HistoryPoint> &points, double after) {
        std::vector<HistoryPoint> kept;
        kept.reserve(points.size());
        for (const HistoryPoint &point : points) {
            if (point.time <= after)
                continue;
            if (!kept.empty() && point.time <= kept.back().time) {
                if (point.time == kept.back().time)
                    kept.back() = point;
                continue;
            }
            kept.push_back(point);
        }
        points = std::move(kept);
    };

    std::vector<Series *> changed;
    std::vector<std::size_t> created;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        Pending &p = pending[i];
        Series *series = m_byKey.value(p.key);
        if (!series) {
            created.push_back(i);
            continue;
        }
        series->unit = p.unit;
        series->family = p.family;
        series->banded |= p.banded;
        CounterHistory &history = series->history;
        acceptable(p.points, history.isEmpty() ? -1e300 : history.last().time);
        if (p.points.empty())
            continue;
        for (const HistoryPoint &point : p.points)
            history.append(point);
        changed.push_back(series);
    }

    if (!created.empty()) {
        // The new series take their share of the budget before their points come in.
        // Room for the series that the rest of a big report will likely bring.
        const qsizetype expected =
            sizeOnceWhole(qsizetype(m_series.size()), qsizetype(created.size()),
                          qsizetype(pending.size()), rowsToCome);
        if (expected > m_byKey.capacity()) {
            m_byKey.reserve(expected);
            m_series.reserve(std::size_t(expected));
        }
        std::vector<Series *> made;
        made.reserve(created.size());
        for (const std::size_t i : created) {
            auto series = std::make_unique<Series>();
            series->key = pending[i].key;
            m_byKey.insert(series->key, series.get());
            made.push_back(series.get());
            m_series.push_back(std::move(series));
        }
        const std::vector<Series *> rolledUp = rebalance();
        if (!rolledUp.empty()) {
            const std::set<Series *> known(changed.cbegin(), changed.cend());
            for (Series *series : rolledUp) {
                if (!known.count(series))
                    changed.push_back(series);
            }
        }
        for (std::size_t j = 0; j < made.size(); ++j) {
            Series *series = made[j];
            Pending &p = pending[created[j]];
            series->history.setCapacity(m_capacity);
            series->unit = p.unit;
            series->family = p.family;
            series->banded = p.banded;
            acceptable(p.points, -1e300);
            for (const HistoryPoint &point : p.points)
                series->history.append(point);
            changed.push_back(series); // a new series was in no list yet
        }
    }

    this->changed(changed);
}

void HistoryStore::removeSource(const QString &sourceId)
{
    QList<SeriesKey> removed;
    const auto gone = std::stable_partition(
        m_series.begin(), m_series.end(),
        [&](const std::unique_ptr<Series> &series) { return series->key.sourceId != sourceId; });
    for (auto it = gone; it != m_series.end(); ++it) {
        removed.append((*it)->key);
        m_byKey.remove((*it)->key);
    }
    m_newest.remove(sourceId);
    m_heldSeries.erase(std::remove_if(m_heldSeries.begin(), m_heldSeries.end(),
                                      [&](const Series *s) { return s->key.sourceId == sourceId; }),
                       m_heldSeries.end());
    m_series.erase(gone, m_series.end());
    // The series left keep what they rolled up, and may keep more from now on.
    rebalance();
    if (!removed.isEmpty())
        Q_EMIT seriesRemoved(removed);
}

void HistoryStore::clear()
{
    if (m_series.empty())
        return;
    const QList<SeriesKey> removed = keys();
    m_heldSeries.clear();
    m_series.clear();
    m_byKey.clear();
    m_newest.clear();
    rebalance();
    Q_EMIT seriesRemoved(removed);
}

QList<SeriesKey> HistoryStore::keys() const
{
    QList<SeriesKey> result;
    result.reserve(qsizetype(m_series.size()));
    for (const auto &series : m_series)
        result.append(series->key);
    return result;
}

const CounterHistory *HistoryStore::history(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? &series->history : nullptr;
}

counters::Unit HistoryStore::unit(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? series->unit : counters::Unit::None;
}

bool HistoryStore::hasBands(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series && series->banded;
}

QString HistoryStore::family(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? series->family : QString();
}

QList<SeriesKey> HistoryStore::nodeKeys(const SeriesKey &merged) const
{
    QList<SeriesKey> result;
    for (const auto &series : m_series) {
        if (series->key.isNode() && series->key.sourceId == merged.sourceId
            && series->key.counter == merged.counter)
            result.append(series->key);
    }
    return result;
}

} // namespace dashboard
