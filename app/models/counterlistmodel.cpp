// SPDX-License-Identifier: MIT
#include "counterlistmodel.h"

#include "familyaggregates.h"
#include "historystore.h"
#include "modelslogging.h"
#include "sources/reportparts.h"
#include "valueformat.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace dashboard {

namespace {

using counters::CounterRow;
using counters::CounterType;
using counters::Snapshot;

QVariant optional(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

double wallClock()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

/// The columns whose contents depend on a changed field, with their roles.
struct Change
{
    int first = -1;
    int last = -1;
    QList<int> roles;

    void add(int column, std::initializer_list<int> columnRoles)
    {
        first = first < 0 ? column : std::min(first, column);
        last = std::max(last, column);
        for (int role : columnRoles) {
            if (!roles.contains(role))
                roles.append(role);
        }
    }
    bool isEmpty() const { return first < 0; }
};

} // namespace

CounterListModel::CounterListModel(QObject *parent) : QAbstractTableModel(parent), m_now(wallClock)
{
}

CounterListModel::~CounterListModel() = default;

void CounterListModel::setClock(std::function<double()> now)
{
    m_now = now ? std::move(now) : std::function<double()>(wallClock);
}

void CounterListModel::refreshAges()
{
    if (m_entries.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, AgeColumn), index(int(m_entries.size()) - 1, AgeColumn),
                       {Qt::DisplayRole, AgeRole});
}

void CounterListModel::applySnapshot(const QString &sourceId, const QString &sourceName,
                                     const Snapshot &snapshot, qsizetype rowsToCome)
{
    const bool lastPart = rowsToCome == 0;
    // Rows carry the number of the report that held them last: the parts of a report share
    // one, and its last part removes the rows that none of them had.
    Report &current = m_reports[sourceId];
    if (current.whole || current.time != snapshot.time())
        current = Report{current.number + 1, snapshot.time(), false};
    current.whole = lastPart;
    const quint64 report = current.number;
    Q_EMIT rowsAboutToChange();
    // 1. Update the rows that stay, one dataChanged per row with the exact roles; collect the
    // new ones. Rows are read in report order, own rows first, then each node's (names are
    // unique in a snapshot, and so are the nodes kept here).
    QList<Entry> added;
    qsizetype seen = 0;
    const auto take = [&](const Snapshot &s, const QString &node) {
        seen += s.rows().size();
        for (qsizetype i = 0; i < s.rows().size(); ++i) {
            const CounterRow &row = s.rows().at(i);
            const SeriesKey key{sourceId, node, row.name};
            Entry entry{key, sourceName, s, i, windowStats(key, row, s.time()), report};
            const int at = m_rowOf.value(entry.key, -1);
            if (at < 0)
                added.append(std::move(entry));
            else
                update(at, std::move(entry));
        }
    };
    take(snapshot, QString());
    QSet<QString> nodes;
    for (qsizetype i = 0; i < snapshot.nodes().size(); ++i) {
        const Snapshot &node = snapshot.nodes().at(i);
        const QString id = SeriesKey::nodeIdOf(node, i);
        if (!nodes.contains(id)) {
            nodes.insert(id);
            take(node, id);
        }
    }

    // 2. Once the report is whole, remove the source's rows that it did not have, a block at a
    // time.
    const auto gone = [&](const Entry &entry) {
        return lastPart && entry.report != report && entry.key.sourceId == sourceId;
    };
    bool removed = false;
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!gone(m_entries.at(row)))
            continue;
        int first = row;
        while (first > 0 && gone(m_entries.at(first - 1)))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_entries.remove(first, row - first + 1);
        endRemoveRows();
        removed = true;
        row = first;
    }
    if (removed)
        rebuildIndex();

    // 3. Append the new ones as one block.
    if (!added.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        // Room for the block and the new rows the rest of its report will likely bring;
        // otherwise growing geometrically (an exact reserve would copy every row again for
        // each later block).
        const qsizetype needed = sizeOnceWhole(m_entries.size(), added.size(), seen, rowsToCome);
        if (needed > m_entries.capacity())
            m_entries.reserve(std::max(needed, 2 * m_entries.capacity()));
        m_rowOf.reserve(needed);
        for (Entry &entry : added) {
            m_rowOf.insert(entry.key, int(m_entries.size()));
            m_counterCount += isCounter(entry);
            m_entries.append(std::move(entry));
        }
        endInsertRows();
    }
    Q_EMIT rowsChanged();
}

WindowStats CounterListModel::windowStats(const SeriesKey &key, const counters::CounterRow &row,
                                          double time) const
{
    if (!m_history || row.statistic != counters::Statistic::Rate || row.window <= 0)
        return WindowStats::of(row);
    const CounterHistory *history = m_history->history(key);
    if (!history)
        return WindowStats::of(row);
    // The readings of the window: after time - window, up to time.
    return WindowStats::ofReadings(
        row, SeriesStats::compute(*history, std::nextafter(time - row.window, time), time));
}

void CounterListModel::update(int row, Entry &&entry)
{
    Entry &old = m_entries[row];
    Change change;
    if (old.row().type != entry.row().type) {
        change.add(TypeColumn, {Qt::DisplayRole, TypeRole});
        change.add(ValueColumn, {Qt::DisplayRole});
        change.add(NameColumn, {Qt::ToolTipRole});
    }
    if (old.row().unit != entry.row().unit || old.row().statistic != entry.row().statistic) {
        change.add(NameColumn, {UnitRole, StatisticRole});
        for (const Column column :
             {ValueColumn, MinColumn, AvgColumn, MaxColumn, P50Column, P90Column, P99Column})
            change.add(column, {Qt::DisplayRole});
    }
    if (old.row().value != entry.row().value) {
        if (m_thresholds
            && !m_thresholds->thresholdOf(entry.key.counter, entry.row().family).isEmpty())
            change.add(ValueColumn,
                       {Qt::DisplayRole, ValueRole, ThresholdStateRole, Qt::BackgroundRole,
                        Qt::ToolTipRole});
        else
            change.add(ValueColumn, {Qt::DisplayRole, ValueRole});
    }
    if (old.stats.min != entry.stats.min)
        change.add(MinColumn, {Qt::DisplayRole, MinRole});
    if (old.stats.avg != entry.stats.avg)
        change.add(AvgColumn, {Qt::DisplayRole, AvgRole});
    if (old.stats.max != entry.stats.max)
        change.add(MaxColumn, {Qt::DisplayRole, MaxRole});
    if (old.stats.p50 != entry.stats.p50)
        change.add(P50Column, {Qt::DisplayRole, P50Role});
    if (old.stats.p90 != entry.stats.p90)
        change.add(P90Column, {Qt::DisplayRole, P90Role});
    if (old.stats.p99 != entry.stats.p99)
        change.add(P99Column, {Qt::DisplayRole, P99Role});
    if (old.stats.fromReadings != entry.stats.fromReadings) {
        for (const Column column : {MinColumn, AvgColumn, MaxColumn})
            change.add(column, {Qt::ToolTipRole, Qt::FontRole});
    }
    if (old.stats.hasBand() != entry.stats.hasBand())
        change.add(NameColumn, {HasBandRole});
    if (old.row().window != entry.row().window) {
        change.add(WindowColumn, {Qt::DisplayRole, WindowRole});
        for (const Column column : {MinColumn, AvgColumn, MaxColumn})
            change.add(column, {Qt::ToolTipRole});  // a rate's names its window
        change.add(CountColumn, {Qt::DisplayRole}); // blank without a window or events
        change.add(NameColumn, {Qt::ToolTipRole});
    }
    if (old.row().count != entry.row().count)
        change.add(CountColumn, {Qt::DisplayRole, CountRole});
    if (old.row().family != entry.row().family || old.row().labels != entry.row().labels)
        change.add(NameColumn, {FamilyRole, LabelsRole});
    m_counterCount += int(isCounter(entry)) - int(isCounter(old));
    if (old.row().type != entry.row().type || old.row().unit != entry.row().unit
        || old.row().statistic != entry.row().statistic || old.row().family != entry.row().family
        || old.row().value.has_value() != entry.row().value.has_value()
        || old.stats.hasBand() != entry.stats.hasBand())
        ++m_kindRevision;
    if (old.row().dropped != entry.row().dropped || old.row().overflowed != entry.row().overflowed)
        change.add(NameColumn, {Qt::ToolTipRole});
    if (old.sourceName != entry.sourceName)
        change.add(SourceColumn, {Qt::DisplayRole, SourceNameRole});
    if (old.stale() != entry.stale()) {
        change.add(NameColumn, {StaleRole, Qt::ForegroundRole});
        change.add(AgeColumn, {Qt::ForegroundRole});
    }
    if (old.time() != entry.time())
        change.add(AgeColumn, {Qt::DisplayRole, TimeRole, AgeRole});
    old = std::move(entry);
    if (!change.isEmpty())
        Q_EMIT dataChanged(index(row, change.first), index(row, change.last), change.roles);
}

void CounterListModel::setSourceName(const QString &sourceId, const QString &name)
{
    // One change of the list: a table sorted by source re-sorts once, not once per row.
    Q_EMIT rowsAboutToChange();
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &entry = m_entries[row];
        if (entry.key.sourceId != sourceId || entry.sourceName == name)
            continue;
        entry.sourceName = name;
        Q_EMIT dataChanged(index(row, SourceColumn), index(row, SourceColumn),
                           {Qt::DisplayRole, SourceNameRole});
    }
    Q_EMIT rowsChanged();
}

void CounterListModel::removeSource(const QString &sourceId)
{
    m_reports.remove(sourceId);
    Q_EMIT rowsAboutToChange();
    bool removed = false;
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries.at(row).key.sourceId != sourceId)
            continue;
        int first = row;
        while (first > 0 && m_entries.at(first - 1).key.sourceId == sourceId)
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_entries.remove(first, row - first + 1);
        endRemoveRows();
        removed = true;
        row = first;
    }
    if (removed)
        rebuildIndex();
    Q_EMIT rowsChanged();
}

void CounterListModel::clear()
{
    m_reports.clear();
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    m_rowOf.clear();
    m_counterCount = 0;
    ++m_kindRevision;
    endResetModel();
}

bool CounterListModel::isFamilyAggregate(const Entry &entry)
{
    return !entry.row().family.isEmpty() && isAggregate(entry.key.counter);
}

bool CounterListModel::isFamilyAggregate(int row) const
{
    return isFamilyAggregate(m_entries.at(row));
}

bool CounterListModel::isCounter(const Entry &entry)
{
    return !entry.key.isNode() && !isFamilyAggregate(entry);
}

QString CounterListModel::sourceText(int row) const
{
    const Entry &entry = m_entries.at(row);
    return entry.key.isNode() ? nodeLabel(entry) : entry.sourceName;
}

const SeriesKey &CounterListModel::keyAt(int row) const
{
    static const SeriesKey none;
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).key : none;
}

void CounterListModel::rebuildIndex()
{
    ++m_kindRevision; // rows were removed
    m_rowOf.clear();
    m_rowOf.reserve(m_entries.size());
    m_counterCount = 0;
    for (int row = 0; row < m_entries.size(); ++row) {
        m_rowOf.insert(m_entries.at(row).key, row);
        m_counterCount += isCounter(m_entries.at(row));
    }
}

int CounterListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CounterListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CounterListModel::nodeLabel(const Entry &entry)
{
    return entry.sourceName + QStringLiteral(" › ") + ValueFormat::nodeName(entry.key.node);
}

void CounterListModel::setThresholds(const ThresholdSet *thresholds)
{
    if (m_thresholds)
        disconnect(m_thresholds, nullptr, this, nullptr);
    m_thresholds = thresholds;
    if (m_thresholds) {
        connect(m_thresholds, &ThresholdSet::thresholdsChanged, this,
                &CounterListModel::onThresholdsChanged);
    }
    if (!m_entries.isEmpty()) {
        Q_EMIT dataChanged(index(0, ValueColumn), index(rowCount() - 1, ValueColumn),
                           {ThresholdStateRole, Qt::BackgroundRole, Qt::ToolTipRole});
    }
}

void CounterListModel::onThresholdsChanged(const QStringList &counters)
{
    const QSet<QString> names(counters.cbegin(), counters.cend());
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        // A family's levels cover its series too.
        const Entry &entry = m_entries.at(row);
        if (names.contains(entry.key.counter)
            || (!entry.row().family.isEmpty() && names.contains(entry.row().family))) {
            const QModelIndex value = index(int(row), ValueColumn);
            Q_EMIT dataChanged(value, value,
                               {ThresholdStateRole, Qt::BackgroundRole, Qt::ToolTipRole});
        }
    }
}

ThresholdState CounterListModel::thresholdState(int row) const
{
    if (!m_thresholds || row < 0 || row >= m_entries.size())
        return ThresholdState::Normal;
    const Entry &entry = m_entries.at(row);
    return entry.row().value
        ? m_thresholds->stateOf(entry.key.counter, entry.row().family, *entry.row().value)
        : ThresholdState::Normal;
}

QVariant CounterListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Entry &entry = m_entries.at(index.row());
    const counters::Unit unit = entry.row().unit;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.key.counter;
        case TypeColumn:
            return ValueFormat::typeName(entry.row().type);
        case ValueColumn:
            return ValueFormat::value(entry.row().value, unit);
        case MinColumn:
            return entry.stats.min ? ValueFormat::value(entry.stats.min, unit) : QString();
        case AvgColumn:
            return entry.stats.avg ? ValueFormat::value(entry.stats.avg, unit) : QString();
        case MaxColumn:
            return entry.stats.max ? ValueFormat::value(entry.stats.max, unit) : QString();
        case P50Column:
            return entry.stats.p50 ? ValueFormat::value(entry.stats.p50, unit) : QString();
        case P90Column:
            return entry.stats.p90 ? ValueFormat::value(entry.stats.p90, unit) : QString();
        case P99Column:
            return entry.stats.p99 ? ValueFormat::value(entry.stats.p99, unit) : QString();
        case WindowColumn:
            return ValueFormat::window(entry.row().window);
        case CountColumn:
            return entry.row().window > 0 || entry.row().count > 0
                ? QLocale().toString(qulonglong(entry.row().count))
                : QString();
        case SourceColumn:
            return sourceText(index.row());
        case AgeColumn:
            return entry.time() > 0 ? ValueFormat::age(m_now() - entry.time()) : QString();
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case ValueColumn:
        case MinColumn:
        case AvgColumn:
        case MaxColumn:
        case P50Column:
        case P90Column:
        case P99Column:
        case WindowColumn:
        case CountColumn:
        case AgeColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            QString tip =
                entry.key.counter + QLatin1Char('\n') + ValueFormat::typeName(entry.row().type);
            if (entry.row().window > 0)
                tip += QStringLiteral(", ")
                    + tr("window %1").arg(ValueFormat::window(entry.row().window));
            if (entry.key.isNode())
                tip += QLatin1Char('\n') + tr("Process %1").arg(entry.key.node);
            if (entry.row().dropped > 0) {
                tip += QLatin1Char('\n')
                    + tr("Events not recorded: %1 (NaN or infinite values, ends without a start)")
                          .arg(QLocale().toString(qulonglong(entry.row().dropped)));
            }
            if (entry.row().overflowed > 0) {
                tip += QLatin1Char('\n')
                    + tr("Label sets recorded here because the family reached its series "
                         "limit: %1")
                          .arg(QLocale().toString(qulonglong(entry.row().overflowed)));
            }
            return tip;
        }
        if (const Threshold threshold = m_thresholds && index.column() == ValueColumn
                ? m_thresholds->thresholdOf(entry.key.counter, entry.row().family)
                : Threshold();
            !threshold.isEmpty()) {
            QStringList levels;
            if (threshold.hasWarning())
                levels.append(tr("warning at %1").arg(ValueFormat::value(threshold.warning, unit)));
            if (threshold.hasCritical())
                levels.append(
                    tr("critical at %1").arg(ValueFormat::value(threshold.critical, unit)));
            const ThresholdState state = thresholdState(index.row());
            QString tip = levels.join(QStringLiteral(", "));
            if (state != ThresholdState::Normal)
                tip.prepend(ThresholdSet::stateText(state) + QStringLiteral(" — "));
            return tip;
        }
        if (entry.stats.fromReadings
            && (index.column() == MinColumn || index.column() == AvgColumn
                || index.column() == MaxColumn)) {
            return tr("Of the rates reported during the last %1 (the rate's window)")
                .arg(ValueFormat::window(entry.row().window));
        }
        if (index.column() == AgeColumn && entry.time() > 0) {
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(entry.time() * 1000)),
                                      QLocale::LongFormat);
        }
        return QVariant();
    case Qt::BackgroundRole:
        if (index.column() == ValueColumn) {
            const ThresholdState state = thresholdState(index.row());
            if (state == ThresholdState::Normal)
                return QVariant();
            QColor tint = ThresholdSet::color(state);
            tint.setAlphaF(0.35f);
            return tint;
        }
        return QVariant();
    case ThresholdStateRole:
        return int(thresholdState(index.row()));
    case Qt::FontRole:
        // A rate's min, avg and max are of its readings, not its window's: set apart.
        if (entry.stats.fromReadings
            && (index.column() == MinColumn || index.column() == AvgColumn
                || index.column() == MaxColumn)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return QVariant();
    case Qt::ForegroundRole:
        if (entry.stale() && (index.column() == NameColumn || index.column() == AgeColumn))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return QVariant();
    case SeriesKeyRole:
        return QVariant::fromValue(entry.key);
    case NameRole:
        return entry.key.counter;
    case FamilyRole:
        return entry.row().family;
    case LabelsRole:
        return QVariant::fromValue(entry.row().labels);
    case TypeRole:
        return int(entry.row().type);
    case UnitRole:
        return int(entry.row().unit);
    case StatisticRole:
        return int(entry.row().statistic);
    case ValueRole:
        return optional(entry.row().value);
    case MinRole:
        return optional(entry.stats.min);
    case AvgRole:
        return optional(entry.stats.avg);
    case MaxRole:
        return optional(entry.stats.max);
    case P50Role:
        return optional(entry.stats.p50);
    case P90Role:
        return optional(entry.stats.p90);
    case P99Role:
        return optional(entry.stats.p99);
    case HasBandRole:
        return entry.stats.hasBand();
    case WindowRole:
        return entry.row().window;
    case CountRole:
        return qulonglong(entry.row().count);
    case SourceIdRole:
        return entry.key.sourceId;
    case SourceNameRole:
        return entry.sourceName;
    case NodeRole:
        return entry.key.node;
    case StaleRole:
        return entry.stale();
    case TimeRole:
        return entry.time();
    case AgeRole:
        return entry.time() > 0 ? QVariant(m_now() - entry.time()) : QVariant();
    }
    return QVariant();
}

QVariant CounterListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole) {
        return section == NameColumn || section == TypeColumn || section == SourceColumn
            ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case MinColumn:
            return tr("Smallest value in the window");
        case AvgColumn:
            return tr("Average of the window");
        case MaxColumn:
            return tr("Largest value in the window");
        case P50Column:
            return tr("Median of the window (percentile counters)");
        case P90Column:
            return tr("90th percentile of the window (percentile counters)");
        case P99Column:
            return tr("99th percentile of the window (percentile counters)");
        case CountColumn:
            return tr("Events in the window");
        case AgeColumn:
            return tr("Time since the reading was collected");
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Counter");
    case TypeColumn:
        return tr("Type");
    case ValueColumn:
        return tr("Value");
    case MinColumn:
        return tr("Min");
    case AvgColumn:
        return tr("Avg");
    case MaxColumn:
        return tr("Max");
    case P50Column:
        return tr("p50");
    case P90Column:
        return tr("p90");
    case P99Column:
        return tr("p99");
    case WindowColumn:
        return tr("Window");
    case CountColumn:
        return tr("Events");
    case SourceColumn:
        return tr("Source");
    case AgeColumn:
        return tr("Age");
    }
    return QVariant();
}

int CounterListModel::sortRole(int column)
{
    switch (column) {
    case NameColumn:
        return NameRole;
    case TypeColumn:
        return Qt::DisplayRole;
    case ValueColumn:
        return ValueRole;
    case MinColumn:
        return MinRole;
    case AvgColumn:
        return AvgRole;
    case MaxColumn:
        return MaxRole;
    case P50Column:
        return P50Role;
    case P90Column:
        return P90Role;
    case P99Column:
        return P99Role;
    case WindowColumn:
        return WindowRole;
    case CountColumn:
        return CountRole;
    case SourceColumn:
        return Qt::DisplayRole;
    case AgeColumn:
        return AgeRole;
    }
    return Qt::DisplayRole;
}

} // namespace dashboard
