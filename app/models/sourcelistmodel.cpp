// SPDX-License-Identifier: MIT
#include "sourcelistmodel.h"

#include "decimation.h"
#include "valueformat.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>
#include <cmath>

namespace dashboard {

SourceListModel::SourceListModel(QObject *parent) : QAbstractListModel(parent) { }

SourceListModel::~SourceListModel() = default;

void SourceListModel::addSource(Source *source, bool discovered)
{
    Q_ASSERT(source);
    if (rowOf(source) >= 0)
        return;
    const int row = int(m_entries.size());
    beginInsertRows(QModelIndex(), row, row);
    m_entries.append(Entry{source, discovered});
    endInsertRows();
    connect(source, &Source::stateChanged, this, [this, source] {
        // Silence is measured from the newest report of this connection, not one before an
        // outage.
        if (const int at = rowOf(source); at >= 0) {
            m_entries[at].arrivals.clear();
            m_entries[at].silentMs = 0;
        }
        changed(
            source,
            {Qt::DisplayRole, Qt::ToolTipRole, StateRole, StateTextRole, MessageRole, StaleRole});
    });
    connect(source, &Source::messageChanged, this, [this, source] {
        changed(source, {Qt::ToolTipRole, MessageRole});
    });
    connect(source, &Source::displayNameChanged, this, [this, source] {
        changed(source, {Qt::DisplayRole, Qt::ToolTipRole, NameRole});
    });
}

void SourceListModel::removeSource(Source *source)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    source->disconnect(this);
    beginRemoveRows(QModelIndex(), row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

void SourceListModel::snapshotsApplied(Source *source, qint64 nowMs)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    if (source->snapshotCount() != entry.snapshotCount) {
        entry.snapshotCount = source->snapshotCount();
        entry.arrivals.append(nowMs < 0 ? QDateTime::currentMSecsSinceEpoch() : nowMs);
        if (entry.arrivals.size() > 16)
            entry.arrivals.removeFirst();
    }
    QList<int> roles{SnapshotCountRole, LastSnapshotTimeRole};
    if (std::exchange(entry.silentMs, 0) > 0)
        roles += {Qt::ToolTipRole, StateTextRole, MessageRole, StaleRole};
    changed(source, roles);
}

void SourceListModel::refreshStaleness(qint64 nowMs)
{
    if (nowMs < 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    for (Entry &entry : m_entries) {
        const qint64 before = entry.silentMs;
        entry.silentMs = 0;
        if (entry.source && entry.source->state() == Source::State::Live
            && entry.arrivals.size() >= 3) {
            // The usual interval: the median of the newest ones.
            QList<qint64> intervals;
            for (qsizetype i = 1; i < entry.arrivals.size(); ++i)
                intervals.append(entry.arrivals.at(i) - entry.arrivals.at(i - 1));
            const auto middle = intervals.begin() + (intervals.size() - 1) / 2;
            std::nth_element(intervals.begin(), middle, intervals.end());
            const qint64 silent = nowMs - entry.arrivals.constLast();
            if (*middle > 0 && double(silent) > DecimatedSeries::GapPeriods * double(*middle)) {
                entry.silentMs = silent;
                entry.periodMs = *middle;
            }
        }
        if (entry.silentMs != before)
            changed(entry.source, {Qt::ToolTipRole, StateTextRole, MessageRole, StaleRole});
    }
}

bool SourceListModel::isStale(const Source *source) const
{
    const int row = rowOf(source);
    return row >= 0 && m_entries.at(row).isStale();
}

void SourceListModel::changed(Source *source, const QList<int> &roles)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at, roles);
}

Source *SourceListModel::sourceAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).source.data() : nullptr;
}

int SourceListModel::rowOf(const Source *source) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).source == source)
            return row;
    }
    return -1;
}

bool SourceListModel::isDiscovered(const Source *source) const
{
    const int row = rowOf(source);
    return row >= 0 && m_entries.at(row).discovered;
}

QList<Source *> SourceListModel::sources() const
{
    QList<Source *> result;
    for (const Entry &entry : m_entries) {
        if (entry.source)
            result.append(entry.source);
    }
    return result;
}

QString SourceListModel::stateText(Source::State state)
{
    switch (state) {
    case Source::State::Connecting:
        return tr("Connecting");
    case Source::State::Live:
        return tr("Live");
    case Source::State::Offline:
        return tr("Offline");
    case Source::State::Error:
        return tr("Error");
    }
    return QString();
}

void SourceListModel::setThresholdState(Source *source, ThresholdState state,
                                        const QStringList &counters)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    if (entry.thresholdState == state && entry.thresholdCounters == counters)
        return;
    entry.thresholdState = state;
    entry.thresholdCounters = counters;
    changed(source, {Qt::ToolTipRole, ThresholdStateRole, ThresholdCountersRole});
}

int SourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant SourceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Entry &entry = m_entries.at(index.row());
    const Source *source = entry.source;
    if (!source)
        return QVariant();
    const QString address = source->url().isLocalFile()
        ? QDir::toNativeSeparators(source->url().toLocalFile())
        : source->url().toString();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return source->displayName();
    case Qt::ToolTipRole: {
        QString tip = source->displayName() + QLatin1Char('\n') + address + QLatin1Char('\n')
            + data(index, StateTextRole).toString();
        if (const QString message = data(index, MessageRole).toString(); !message.isEmpty())
            tip += QStringLiteral(": ") + message;
        if (entry.thresholdState != ThresholdState::Normal) {
            tip += QLatin1Char('\n') + ThresholdSet::stateText(entry.thresholdState)
                + QStringLiteral(": ") + entry.thresholdCounters.join(QStringLiteral(", "));
        }
        return tip;
    }
    case SourceRole:
        return QVariant::fromValue(static_cast<QObject *>(entry.source.data()));
    case IdRole:
        return source->id();
    case UrlRole:
        return address;
    case KindRole:
        return int(source->kind());
    case StateRole:
        return int(source->state());
    case StateTextRole:
        return entry.isStale() ? tr("Stale") : stateText(source->state());
    case MessageRole:
        if (entry.isStale()) {
            // Whole seconds: the silence grows by one at each look.
            return tr("No report for %1 (one came every %2 before)")
                .arg(ValueFormat::window(std::round(double(entry.silentMs) / 1000.0)),
                     ValueFormat::window(double(entry.periodMs) / 1000.0));
        }
        return source->message();
    case StaleRole:
        return entry.isStale();
    case SnapshotCountRole:
        return source->snapshotCount();
    case LastSnapshotTimeRole:
        return source->lastSnapshotTime();
    case WillRetryRole:
        return source->willRetry();
    case DiscoveredRole:
        return entry.discovered;
    case ThresholdStateRole:
        return int(entry.thresholdState);
    case ThresholdCountersRole:
        return entry.thresholdCounters;
    }
    return QVariant();
}

} // namespace dashboard
