// SPDX-License-Identifier: MIT
#include "historymodel.h"

#include "modelslogging.h"
#include "valueformat.h"
#include "windowstats.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace dashboard {

namespace {

using counters::CounterType;
using counters::Snapshot;

QVariant optionalNumber(double value)
{
    return std::isnan(value) ? QVariant() : QVariant(value);
}

QString nodeIdOf(const Snapshot &node, qsizetype index)
{
    return node.source().node.isEmpty() ? QStringLiteral("node%1").arg(index) : node.source().node;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent) : QAbstractItemModel(parent) { }

HistoryModel::~HistoryModel() = default;

void HistoryModel::setCapacity(int points)
{
    points = std::max(1, points);
    if (points == m_capacity)
        return;
    m_capacity = points;
    QList<SeriesKey> changed;
    for (const auto &series : m_series) {
        const int evict = series->history.size() - points;
        if (evict > 0) {
            const QModelIndex parent = createIndex(series->row, 0, nullptr);
            beginRemoveRows(parent, 0, evict - 1);
            series->history.setCapacity(points);
            endRemoveRows();
            const QModelIndex count = createIndex(series->row, PointsColumn, nullptr);
            Q_EMIT dataChanged(count, count, {Qt::DisplayRole, PointCountRole});
            changed.append(series->key);
        } else {
            series->history.setCapacity(points);
        }
    }
    if (!changed.isEmpty())
        Q_EMIT historyChanged(changed);
}

void HistoryModel::appendSnapshots(const QString &sourceId, const QList<Snapshot> &snapshots)
{
    if (snapshots.isEmpty())
        return;

    // Gather the frame's points per series first, so that each series changes once.
    struct Pending
    {
        std::vector<HistoryPoint> points;
        CounterType type = CounterType::Unknown;
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
            it->type = row.type;
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
        series->type = p.type;
        series->unit = p.unit;
        const CounterHistory &history = series->history;
        acceptable(p.points, history.isEmpty() ? -1e300 : history.last().time, history.capacity());
        const int incoming = int(p.points.size());
        if (incoming == 0)
            continue;
        const QModelIndex parent = createIndex(series->row, 0, nullptr);
        const int evict = std::max(0, history.size() + incoming - history.capacity());
        if (evict > 0) {
            beginRemoveRows(parent, 0, evict - 1);
            series->history.dropOldest(evict);
            endRemoveRows();
        }
        const int first = series->history.size();
        beginInsertRows(parent, first, first + incoming - 1);
        for (const HistoryPoint &point : p.points)
            series->history.append(point);
        endInsertRows();
        const QModelIndex count = createIndex(series->row, PointsColumn, nullptr);
        Q_EMIT dataChanged(count, count, {Qt::DisplayRole, PointCountRole});
        changed.append(key);
    }

    if (!created.isEmpty()) {
        const int first = int(m_series.size());
        beginInsertRows(QModelIndex(), first, first + int(created.size()) - 1);
        for (const SeriesKey &key : std::as_const(created)) {
            Pending &p = pending[key];
            auto series = std::make_unique<Series>();
            series->key = key;
            series->type = p.type;
            series->unit = p.unit;
            series->history = CounterHistory(m_capacity);
            series->row = int(m_series.size());
            acceptable(p.points, -1e300, m_capacity);
            for (const HistoryPoint &point : p.points)
                series->history.append(point);
            m_byKey.insert(key, series.get());
            m_series.push_back(std::move(series));
        }
        endInsertRows();
        changed += created;
    }

    if (!changed.isEmpty())
        Q_EMIT historyChanged(changed);
}

void HistoryModel::removeSource(const QString &sourceId)
{
    QList<SeriesKey> removed;
    // From the end, one contiguous block of rows at a time.
    int row = int(m_series.size()) - 1;
    while (row >= 0) {
        if (m_series[std::size_t(row)]->key.sourceId != sourceId) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && m_series[std::size_t(row - 1)]->key.sourceId == sourceId)
            --row;
        beginRemoveRows(QModelIndex(), row, last);
        for (int i = row; i <= last; ++i) {
            removed.append(m_series[std::size_t(i)]->key);
            m_byKey.remove(m_series[std::size_t(i)]->key);
        }
        m_series.erase(m_series.begin() + row, m_series.begin() + last + 1);
        renumber();
        endRemoveRows();
        --row;
    }
    if (!removed.isEmpty())
        Q_EMIT seriesRemoved(removed);
}

void HistoryModel::clear()
{
    if (m_series.empty())
        return;
    const QList<SeriesKey> removed = keys();
    beginResetModel();
    m_series.clear();
    m_byKey.clear();
    endResetModel();
    Q_EMIT seriesRemoved(removed);
}

void HistoryModel::renumber()
{
    for (std::size_t i = 0; i < m_series.size(); ++i)
        m_series[i]->row = int(i);
}

QList<SeriesKey> HistoryModel::keys() const
{
    QList<SeriesKey> result;
    result.reserve(qsizetype(m_series.size()));
    for (const auto &series : m_series)
        result.append(series->key);
    return result;
}

const CounterHistory *HistoryModel::history(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? &series->history : nullptr;
}

counters::Unit HistoryModel::unit(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? series->unit : counters::Unit::None;
}

QList<SeriesKey> HistoryModel::nodeKeys(const SeriesKey &merged) const
{
    QList<SeriesKey> result;
    for (const auto &series : m_series) {
        if (series->key.isNode() && series->key.sourceId == merged.sourceId
            && series->key.counter == merged.counter)
            result.append(series->key);
    }
    return result;
}

QModelIndex HistoryModel::indexOf(const SeriesKey &key) const
{
    const Series *series = m_byKey.value(key);
    return series ? createIndex(series->row, 0, nullptr) : QModelIndex();
}

HistoryModel::Series *HistoryModel::seriesAt(const QModelIndex &index) const
{
    return static_cast<Series *>(index.internalPointer());
}

QModelIndex HistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return QModelIndex();
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    return createIndex(row, column, m_series[std::size_t(parent.row())].get());
}

QModelIndex HistoryModel::parent(const QModelIndex &child) const
{
    const Series *series = child.isValid() ? seriesAt(child) : nullptr;
    return series ? createIndex(series->row, 0, nullptr) : QModelIndex();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_series.size());
    if (seriesAt(parent) || parent.column() != 0)
        return 0; // points have no children; only the first column of a series has
    return m_series[std::size_t(parent.row())]->history.size();
}

int HistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    if (const Series *series = seriesAt(index)) {
        const HistoryPoint &point = series->history.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case TimeColumn:
                return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(point.time * 1000)),
                                          QLocale::ShortFormat);
            case ValueColumn:
                return ValueFormat::number(point.value);
            case MinColumn:
                return ValueFormat::number(point.min);
            case MaxColumn:
                return ValueFormat::number(point.max);
            }
            return QVariant();
        case TimeRole:
            return point.time;
        case ValueRole:
            return optionalNumber(point.value);
        case MinRole:
            return optionalNumber(point.min);
        case MaxRole:
            return optionalNumber(point.max);
        }
        return QVariant();
    }

    const Series &series = *m_series[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CounterColumn:
            return series.key.counter;
        case NodeColumn:
            return series.key.node;
        case SourceColumn:
            return series.key.sourceId;
        case PointsColumn:
            return series.history.size();
        }
        return QVariant();
    case SeriesKeyRole:
        return QVariant::fromValue(series.key);
    case CounterRole:
        return series.key.counter;
    case NodeRole:
        return series.key.node;
    case SourceIdRole:
        return series.key.sourceId;
    case TypeRole:
        return int(series.type);
    case PointCountRole:
        return series.history.size();
    }
    return QVariant();
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case CounterColumn:
        return tr("Counter / time");
    case NodeColumn:
        return tr("Process / value");
    case SourceColumn:
        return tr("Source / min");
    case PointsColumn:
        return tr("Points / max");
    }
    return QVariant();
}

} // namespace dashboard
