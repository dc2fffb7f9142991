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
    };
    Q_ENUM(Role)

    explicit SourceListModel(QObject *parent = nullptr);
    ~SourceListModel() override;

    /// Appends `source` (not owned). `discovered`: found by local discovery.
    void addSource(Source *source, bool discovered = false);
    void removeSource(Source *source);
    /// The counters of `source` changed: refresh its snapshot count and time.
    void snapshotsApplied(Source *source);

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
    };

    void changed(Source *source, const QList<int> &roles);

    QList<Entry> m_entries;
};

} // namespace dashboard
