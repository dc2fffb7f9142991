// SPDX-License-Identifier: MIT
#pragma once

#include "layout.h"
#include "models/counterlistmodel.h"
#include "models/historystore.h"
#include "models/sourcelistmodel.h"
#include "models/thresholdset.h"
#include "sources/historystreamer.h"

#include <counters/transport/localdiscovery.h>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace dashboard {

class LocalServiceDiscovery;
class Source;

/**
 * One dashboard session: its sources and the models fed by them. Owns the sources; the
 * models only ever see snapshots and states.
 *
 * Snapshots are not applied as they arrive but per frame (at most every frameInterval(),
 * default 100 ms): all snapshots a source delivered during a frame go to the HistoryStore in
 * one call, the newest of them (all parts of the newest report, when it came in parts) to the
 * CounterListModel, and frameApplied() is emitted once.
 * A burst of events thus costs one model update, not one per snapshot. A file that loads
 * goes into the models as it arrives, and frames then come every loadingFrameInterval().
 *
 * Local discovery (off by default, setDiscoveryEnabled()) adds a LocalServiceSource for every
 * service name that appears in the discovery folder (`local:NAME`, any instance), and
 * reconnects it at once when the service restarts (a new pid). A second instance of a name
 * already followed gets a source of its own (`local:NAME?pid=N`). A vanished service that
 * never delivered data is forgotten; one with data stays, Offline, so its charts remain.
 *
 * Not thread-safe (GUI thread).
 */
class Workspace : public QObject
{
    Q_OBJECT
public:
    enum class StartMode { Start, DontStart };
    Q_ENUM(StartMode)
    /// Why a source is in the workspace: the user (or a layout) chose it, or local discovery
    /// found it (listed as discovered, and forgotten when its service vanishes without data).
    enum class Origin { Chosen, Discovered };
    Q_ENUM(Origin)

    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    SourceListModel *sourceList() { return &m_sourceList; }
    CounterListModel *counterList() { return &m_counterList; }
    HistoryStore *history() { return &m_history; }
    /// The warning and critical levels of the counters (table, sources panel, charts).
    ThresholdSet *thresholds() { return &m_thresholds; }

    /// A counter whose value is in warning or critical state, and since when.
    struct Alert
    {
        SeriesKey key;
        ThresholdState state = ThresholdState::Normal;
        double since = 0; ///< The time of its first reading in this state, epoch seconds.

        friend bool operator==(const Alert &a, const Alert &b)
        {
            return a.key == b.key && a.state == b.state && a.since == b.since;
        }
    };
    /// The counters (of every source, merged values) in warning or critical state: critical
    /// first, then the longest in their state. Kept with the table's marks (each frame, and
    /// when thresholds change); alertsChanged() when it changes.
    const QList<Alert> &alerts() const { return m_alerts; }

    /**
     * Takes `source` (becomes its parent) and starts it unless told not to. When a source with
     * the same id() is already there, `source` is deleted and the existing one returned.
     */
    Source *addSource(Source *source, StartMode mode = StartMode::Start,
                      Origin origin = Origin::Chosen);
    /// SourceFactory::create() + addSource(); nullptr and `*error` for a bad address.
    Source *connectTo(const QString &address, QString *error = nullptr);
    /// connectTo() for a local service (`local:NAME`) that discovery found and a saved layout
    /// remembers: listed as discovered, and forgotten like one when its service vanishes
    /// without data. A source already followed is returned as it is; nullptr and `*error`
    /// for an address that is not a local service.
    Source *followDiscovered(const QString &address, QString *error = nullptr);
    /// A saved report or history, opened offline.
    Source *openFile(const QString &path);
    /// The source `id` names (a saved layout's), followed again: a saved file opened, any
    /// other connected (as followDiscovered() for Origin::Discovered). The source already
    /// there when it is; nullptr and `*error` when it cannot be made.
    Source *reopen(const SourceId &id, Origin origin, QString *error = nullptr);

    /// Fills in what a saved layout keeps of the workspace, given its charts: the sources
    /// chosen, the discovered local services that charts show (by name; one instance of
    /// several, a pid, does not outlive its process), the thresholds and the history's memory
    /// budget.
    void captureInto(Layout &layout) const;
    /// Takes back what captureInto() kept: thresholds, history memory and, with
    /// `openSources` (or when the workspace has no source yet), the sources, opened again.
    /// Returns the layout's charts that show a source of the workspace.
    QList<ChartLayout> restore(const Layout &layout, bool openSources);
    /// Stops and deletes `source`, and forgets its counters and history.
    void removeSource(Source *source);
    Source *findSource(const QString &id) const;
    QList<Source *> sources() const { return m_sourceList.sources(); }

    /// Rows (of snapshots, nodes' included) of one source that wait for a frame at most: more
    /// are applied at once. The counter list takes the newest rows at once too when more than
    /// these wait for it, as the parts of a big report do (reportParts()).
    static constexpr int MaxPendingRows = HistoryStreamer::PartRows;

    /// Milliseconds between frames (default 100).
    void setFrameInterval(int ms)
    {
        m_frameInterval = std::max(0, ms);
        m_frameTimer.setInterval(m_frameInterval);
    }
    int frameInterval() const { return m_frameInterval; }
    /// Milliseconds between frames while a source delivers more than MaxPendingRows a
    /// frame, as a file does while it loads (default 400): every frame redraws the charts, and
    /// fewer of them let the load finish sooner while it still shows its progress.
    void setLoadingFrameInterval(int ms) { m_loadingFrameInterval = std::max(0, ms); }
    int loadingFrameInterval() const { return m_loadingFrameInterval; }
    /// Applies what arrived since the last frame now.
    void flush();
    /// Recomputes every source's threshold state (flush() and threshold changes do).
    void updateThresholdStates();

    void setDiscoveryEnabled(bool enabled);
    bool isDiscoveryEnabled() const;
    LocalServiceDiscovery *discovery() const { return m_discovery; }

Q_SIGNALS:
    void sourceAdded(dashboard::Source *source);
    /// `source` is about to be deleted; its counters and history are already gone.
    void sourceRemoved(dashboard::Source *source);
    /// Once per frame in which snapshots were applied.
    void frameApplied();
    /// alerts() changed.
    void alertsChanged();

private:
    enum class Delivery { Live, History };
    /// `rowsToCome`: the rows of the parts of the last snapshot's report still to come.
    void enqueue(Source *source, const QList<counters::Snapshot> &snapshots, Delivery delivery,
                 qsizetype rowsToCome = 0);
    /// Applies the pending snapshots to the history (flush() ends the frame).
    void apply();
    /// Shows what apply() brought in the counter list and the source list.
    void applyToLists();
    void onServiceAppeared(const counters::DiscoveredService &service);
    void onServiceVanished(const counters::DiscoveredService &service);
    /// The local source of `name` for `pid` (0: the one for any instance), or nullptr.
    Source *localService(const QString &name, qint64 pid) const;

    SourceListModel m_sourceList;
    CounterListModel m_counterList;
    HistoryStore m_history;
    ThresholdSet m_thresholds;
    QList<Alert> m_alerts;
    QTimer m_frameTimer;
    QTimer m_staleTimer; ///< Once a second: which live sources went silent.
    struct Pending
    {
        QList<counters::Snapshot> snapshots;
        qsizetype rows = 0;
        qsizetype rowsToCome = 0; // rows of the last snapshot's report in parts to come
    };
    /// What a source brought for the counter list since it was last updated: the parts of its
    /// newest report (none when nothing newer than the list shows came; the source's counts
    /// change all the same).
    struct ListUpdate
    {
        Source *source = nullptr;
        QList<counters::Snapshot> parts;
        qsizetype rowsToCome = 0; // rows of the report in parts to come (0: it is whole)
    };
    QHash<Source *, Pending> m_pending;
    QList<Source *> m_pendingOrder;
    QHash<QString, double> m_latestApplied;
    QList<ListUpdate> m_forList; // in the order the sources were applied
    bool m_appliedSinceFrame = false;
    bool m_loadedSinceFrame = false;
    int m_frameInterval = 100;
    int m_loadingFrameInterval = 400;
    LocalServiceDiscovery *m_discovery = nullptr;
};

} // namespace dashboard
