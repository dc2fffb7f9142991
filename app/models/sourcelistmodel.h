// SPDX-License-Identifier: MIT
#pragma once

#include "sources/source.h"
#include "thresholdset.h"

#include <QAbstractListModel>
#include <QPointer>

namespace dashboard {

/**
 * The sources of a workspace, one row each, with their live state: name, address, kind,
 * state and its message, snapshots received and the time of the newest. Does not own the
 * sources (Workspace does) and never touches their connections.
 *
 * State, message and name changes arrive from the sources' signals and become one
 * dataChanged with exactly the roles that changed; the snapshot counters are refreshed per
 * frame by snapshotsApplied().
 *
 * A live source is stale when no report came for more than DecimatedSeries::GapPeriods of its
 * usual interval (the median of its newest arrivals): the service hangs, or its reporter
 * stopped, while the connection stays up. refreshStaleness() looks, once a second.
 *
 * Not thread-safe (GUI thread).
 */
class SourceListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        SourceRole = Qt::UserRole + 1, ///< The Source*, as QObject*.
        IdRole,                        ///< Source::id()
        UrlRole,                       ///< The address as text.
        NameRole,                      ///< The display name.
        KindRole,                      ///< Source::Kind as int.
        StateRole,                     ///< Source::State as int.
        StateTextRole,                 ///< "Live", "Connecting"… for people.
        MessageRole,                   ///< The state's detail message.
        SnapshotCountRole,             ///< Snapshots received.
        LastSnapshotTimeRole,          ///< Epoch seconds of the newest; 0: none.
        WillRetryRole,                 ///< bool: reconnects by itself after an error.
        DiscoveredRole,                ///< bool: found by local discovery, not added by hand.
        ThresholdStateRole,            ///< ThresholdState: the worst of its counters, as int.
        ThresholdCountersRole,         ///< QStringList: the counters in that state.
        StaleRole,                     ///< bool: live, but no report for a while.
    };
    Q_ENUM(Role)

    explicit SourceListModel(QObject *parent = nullptr);
    ~SourceListModel() override;

    /// Appends `source` (not owned). `discovered`: found by local discovery.
    void addSource(Source *source, bool discovered = false);
    void removeSource(Source *source);
    /// The counters of `source` changed: refresh its snapshot count and time. `nowMs` (epoch
    /// milliseconds; -1: the clock's) is when its new reports arrived.
    void snapshotsApplied(Source *source, qint64 nowMs = -1);
    /// Marks the live sources that have been silent for too long at `nowMs` (-1: the clock's)
    /// as stale, and those that report again as no longer.
    void refreshStaleness(qint64 nowMs = -1);
    /// Whether `source` is live but silent (see refreshStaleness()).
    bool isStale(const Source *source) const;

    /// The worst threshold state of the counters of `source` and the counters in it (set by
    /// the Workspace once per frame).
    void setThresholdState(Source *source, ThresholdState state, const QStringList &counters);

    Source *sourceAt(int row) const;
    int rowOf(const Source *source) const;
    bool isDiscovered(const Source *source) const;
    QList<Source *> sources() const;

    /// "Live", "Connecting", "Offline", "Error", translated.
    static QString stateText(Source::State state);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        QPointer<Source> source;
        bool discovered = false;
        ThresholdState thresholdState = ThresholdState::Normal;
        QStringList thresholdCounters{};
        qint64 snapshotCount = 0;
        QList<qint64> arrivals{}; ///< Epoch ms of the newest (up to 16) arrivals.
        qint64 silentMs = 0;      ///< While stale: how long no report came; 0: not stale.
        qint64 periodMs = 0;      ///< While stale: the usual interval before.
        bool isStale() const
        {
            return silentMs > 0 && source && source->state() == Source::State::Live;
        }
    };

    void changed(Source *source, const QList<int> &roles);

    QList<Entry> m_entries;
};

} // namespace dashboard
