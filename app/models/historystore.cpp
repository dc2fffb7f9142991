// SPDX-License-Identifier: MIT
#include "historystore.h"

#include "modelslogging.h"
#include "windowstats.h"

#include <algorithm>

namespace dashboard {

namespace {

using counters::Snapshot;

QString nodeIdOf(const Snapshot &node, qsizetype index)
{
    return node.source().node.isEmpty() ? QStringLiteral("node%1").arg(index) : node.source().node;
}

} // namespace

HistoryStore::HistoryStore(QObject *parent) : QObject(parent) { }

HistoryStore::~HistoryStore() = default;

void HistoryStore::setCapacity(int points)
{
    points = std::max(1, points);
    if (points == m_capacity)
        return;
    m_capacity = points;
    QList<SeriesKey> changed;
    for (const auto &series : m_series) {
        if (series->history.size() > points)
            changed.append(series->key);
        series->history.setCapacity(points);
    }
    if (!changed.isEmpty())
        Q_EMIT historyChanged(changed);
}

void HistoryStore::appendSnapshots(const QString &sourceId, const QList<Snapshot> &snapshots)
{
    if (snapshots.isEmpty())
        return;

    // Gather the frame's points per series first, so that each series changes once.
    struct Pending
    {
        std::vector<HistoryPoint> points;
        counters::Unit unit = counters::Unit::None;
    };
    QHash<SeriesKey, Pending> pending;
    QList<SeriesKey> firstSeen;

    const auto addRows = [&](const Snapshot &snapshot, const QString &node) {
        if (snapshot.time() <= 0)
            return; // a node that never answered has no time to plot at
        for (const counters::CounterRow &row : snapshot.rows()) {
            const SeriesKey key{sourceId, node, row.name};
            auto it = pending.find(key);
            if (it == pending.end()) {
                it = pending.insert(key, Pending());
                firstSeen.append(key);
            }
            HistoryPoint point;
            point.time = snapshot.time();
            if (row.value)
                point.value = *row.value;
            const WindowStats stats = WindowStats::of(row);
            if (stats.hasBand()) {
                point.min = *stats.min;
                point.max = *stats.max;
            }
            if (row.statistic == counters::Statistic::Median) {
                point.p90 = row.subValues.value(QStringLiteral("p90"), point.p90);
                point.p99 = row.subValues.value(QStringLiteral("p99"), point.p99);
            }
            it->points.push_back(point);
            it->unit = row.unit;
        }
    };

    QList<Snapshot> ordered = snapshots;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Snapshot &a, const Snapshot &b) { return a.time() < b.time(); });
    for (const Snapshot &snapshot : std::as_const(ordered)) {
        addRows(snapshot, QString());
        for (qsizetype i = 0; i < snapshot.nodes().size(); ++i) {
            const Snapshot &node = snapshot.nodes().at(i);
            if (!node.source().stale)
                addRows(node, nodeIdOf(node, i));
        }
    }

    // Keeps the points a history would accept: strictly newer than `after` and than each
    // other (of equal times the last wins), at most `capacity` of them.
    const auto acceptable = [](std::vector<HistoryPoint> &points, double after, int capacity) {
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
        if (kept.size() > std::size_t(capacity))
            kept.erase(kept.begin(), kept.end() - capacity);
        points = std::move(kept);
    };

    QList<SeriesKey> changed;
    QList<SeriesKey> created;
    for (const SeriesKey &key : std::as_const(firstSeen)) {
        Pending &p = pending[key];
        Series *series = m_byKey.value(key);
        if (!series) {
            created.append(key);
            continue;
        }
        series->unit = p.unit;
        CounterHistory &history = series->history;
        acceptable(p.points, history.isEmpty() ? -1e300 : history.last().time, history.capacity());
        if (p.points.empty())
            continue;
        for (const HistoryPoint &point : p.points)
            history.append(point);
        changed.append(key);
    }

    for (const SeriesKey &key : std::as_const(created)) {
        Pending &p = pending[key];
        auto series = std::make_unique<Series>();
        series->key = key;
        series->unit = p.unit;
        series->history = CounterHistory(m_capacity);
        acceptable(p.points, -1e300, m_capacity);
        for (const HistoryPoint &point : p.points)
            series->history.append(point);
        m_byKey.insert(key, series.get());
        m_series.push_back(std::move(series));
        changed.append(key);
    }

    if (!changed.isEmpty())
        Q_EMIT historyChanged(changed);
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
    m_series.erase(gone, m_series.end());
    if (!removed.isEmpty())
        Q_EMIT seriesRemoved(removed);
}

void HistoryStore::clear()
{
    if (m_series.empty())
        return;
    const QList<SeriesKey> removed = keys();
    m_series.clear();
    m_byKey.clear();
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
