// SPDX-License-Identifier: MIT
#include "sourcelistmodel.h"

#include <QDir>

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
        changed(source, {Qt::DisplayRole, Qt::ToolTipRole, StateRole, StateTextRole, MessageRole});
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

void SourceListModel::snapshotsApplied(Source *source)
{
    changed(source, {SnapshotCountRole, LastSnapshotTimeRole});
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
            + stateText(source->state());
        if (!source->message().isEmpty())
            tip += QStringLiteral(": ") + source->message();
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
        return stateText(source->state());
    case MessageRole:
        return source->message();
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
