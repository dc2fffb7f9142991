// SPDX-License-Identifier: MIT
#include "workspace.h"

#include "controllerlogging.h"
#include "models/familyaggregates.h"
#include "sources/localservicediscovery.h"
#include "sources/localservicesource.h"
#include "sources/reportparts.h"
#include "sources/source.h"
#include "sources/sourcefactory.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace dashboard {

Workspace::Workspace(QObject *parent) : QObject(parent)
{
    m_frameTimer.setSingleShot(true);
    m_frameTimer.setInterval(m_frameInterval);
    connect(&m_frameTimer, &QTimer::timeout, this, &Workspace::flush);
    m_staleTimer.setInterval(1000);
    connect(&m_staleTimer, &QTimer::timeout, this, [this] { m_sourceList.refreshStaleness(); });
    m_staleTimer.start();
    m_counterList.setThresholds(&m_thresholds);
    m_counterList.setHistory(&m_history);
    connect(&m_thresholds, &ThresholdSet::thresholdsChanged, this,
            &Workspace::updateThresholdStates);
}

Workspace::~Workspace()
{
    // Stop the sources before the models go, so that no late signal reaches them.
    for (Source *source : m_sourceList.sources()) {
        source->disconnect(this);
        source->stop();
    }
}

Source *Workspace::addSource(Source *source, StartMode mode, Origin origin)
{
    Q_ASSERT(source);
    if (Source *existing = findSource(source->id())) {
        if (existing != source)
            delete source;
        return existing;
    }
    source->setParent(this);
    connect(source, &Source::snapshotReceived, this,
            [this, source](const counters::Snapshot &snapshot) {
                enqueue(source, {snapshot}, Delivery::Live);
            });
    connect(source, &Source::historyReceived, this,
            [this, source](const QList<counters::Snapshot> &snapshots, qsizetype rowsToCome) {
                enqueue(source, snapshots, Delivery::History, rowsToCome);
            });
    connect(source, &Source::displayNameChanged, this, [this, source](const QString &name) {
        m_counterList.setSourceName(source->id(), name);
    });
    m_sourceList.addSource(source, origin == Origin::Discovered);
    Q_EMIT sourceAdded(source);
    if (mode == StartMode::Start)
        source->start();
    return source;
}

Source *Workspace::connectTo(const QString &address, QString *error)
{
    Source *source = SourceFactory::create(address, nullptr, error);
    return source ? addSource(source) : nullptr;
}

Source *Workspace::followDiscovered(const QString &address, QString *error)
{
    Source *source = SourceFactory::create(address, nullptr, error);
    if (source && source->kind() != Source::Kind::LocalService) {
        if (error)
            *error = tr("“%1” is not a local service").arg(address);
        delete source;
        return nullptr;
    }
    if (!source)
        return nullptr;
    return addSource(source, StartMode::Start, Origin::Discovered);
}

Source *Workspace::openFile(const QString &path)
{
    return addSource(SourceFactory::openFile(path));
}

void Workspace::captureInto(Layout &layout) const
{
    QSet<QString> charted;
    for (const ChartLayout &chart : std::as_const(layout.charts)) {
        for (const SeriesKey &key : chart.series)
            charted.insert(key.sourceId);
    }
    for (const Source *source : sources()) {
        if (!m_sourceList.isDiscovered(source)) {
            layout.sources.append(source->id());
            continue;
        }
        const auto *local = qobject_cast<const LocalServiceSource *>(source);
        if (charted.contains(source->id()) && local && local->requestedPid() == 0)
            layout.discovered.append(source->id());
    }
    layout.thresholds = m_thresholds.thresholds();
    layout.historyMemoryMiB = int(m_history.memoryBudget() >> 20);
}

QList<ChartLayout> Workspace::restore(const Layout &layout, bool openSources)
{
    m_thresholds.setThresholds(layout.thresholds);
    if (layout.historyMemoryMiB > 0)
        m_history.setMemoryBudget(qint64(layout.historyMemoryMiB) << 20);
    if (openSources || sources().isEmpty()) {
        const auto open = [this](const QString &text, Origin origin) {
            const std::optional<SourceId> id = SourceId::fromString(text);
            QString error = tr("not a source");
            if (!id || !reopen(*id, origin, &error))
                qCWarning(lcController) << "layout source" << text << "not opened:" << error;
        };
        for (const QString &id : layout.sources)
            open(id, Origin::Chosen);
        for (const QString &id : layout.discovered)
            open(id, Origin::Discovered);
    }
    QList<ChartLayout> charts;
    for (const ChartLayout &chart : layout.charts) {
        if (std::any_of(chart.series.cbegin(), chart.series.cend(),
                        [this](const SeriesKey &key) { return findSource(key.sourceId); }))
            charts.append(chart);
    }
    return charts;
}

Source *Workspace::reopen(const SourceId &id, Origin origin, QString *error)
{
    if (Source *existing = findSource(id.toString()))
        return existing;
    if (id.kind == Source::Kind::SavedFile)
        return openFile(id.url.toLocalFile());
    const QString address = id.url.toString();
    return origin == Origin::Discovered ? followDiscovered(address, error)
                                        : connectTo(address, error);
}

void Workspace::removeSource(Source *source)
{
    if (!source || m_sourceList.rowOf(source) < 0)
        return;
    source->disconnect(this);
    source->stop();
    m_pending.remove(source);
    m_pendingOrder.removeAll(source);
    m_forList.removeIf([source](const ListUpdate &update) { return update.source == source; });
    const QString id = source->id();
    m_latestApplied.remove(id);
    m_counterList.removeSource(id);
    m_history.removeSource(id);
    m_sourceList.removeSource(source);
    updateThresholdStates(); // its alerts go with it
    Q_EMIT sourceRemoved(source);
    source->deleteLater();
}

Source *Workspace::findSource(const QString &id) const
{
    for (Source *source : m_sourceList.sources()) {
        if (source->id() == id)
            return source;
    }
    return nullptr;
}

void Workspace::enqueue(Source *source, const QList<counters::Snapshot> &snapshots,
                        Delivery delivery, qsizetype rowsToCome)
{
    if (snapshots.isEmpty())
        return;
    auto it = m_pending.find(source);
    if (it == m_pending.end()) {
        it = m_pending.insert(source, {});
        m_pendingOrder.append(source);
    }
    it->snapshots += snapshots;
    it->rowsToCome = rowsToCome;
    for (const counters::Snapshot &snapshot : snapshots)
        it->rows += rowCountOf(snapshot);
    if (!m_frameTimer.isActive())
        m_frameTimer.start();
    // A file loading faster than frames go by goes into the models at once: what waits for
    // a frame stays small, and the loader (which waits for its batches to be handled) slows
    // down to what the models take. The charts still hear of it once a frame. (A live source
    // of many counters, a leader of many processes, waits for the frame as any other.)
    if (delivery != Delivery::Live && it->rows >= MaxPendingRows) {
        m_history.setChangesHeld(true);
        apply();
        m_loadedSinceFrame = true;
    }
}

void Workspace::flush()
{
    m_frameTimer.stop();
    apply();
    applyToLists();
    m_history.setChangesHeld(false);
    m_frameTimer.setInterval(std::exchange(m_loadedSinceFrame, false) ? m_loadingFrameInterval
                                                                      : m_frameInterval);
    if (std::exchange(m_appliedSinceFrame, false)) {
        updateThresholdStates();
        Q_EMIT frameApplied();
    }
}

void Workspace::apply()
{
    if (m_pendingOrder.isEmpty())
        return;
    m_appliedSinceFrame = true;
    const QList<Source *> order = std::exchange(m_pendingOrder, {});
    QHash<Source *, Pending> pending = std::exchange(m_pending, {});
    for (Source *source : order) {
        const Pending taken = pending.take(source);
        QList<counters::Snapshot> snapshots = taken.snapshots;
        if (snapshots.isEmpty())
            continue;
        // Labelled families also as totals and split by each label, for the table's family
        // rows and for charts of a family as a whole.
        for (counters::Snapshot &snapshot : snapshots)
            snapshot = withFamilyAggregates(snapshot);
        const QString id = source->id();
        m_history.appendSnapshots(id, snapshots, taken.rowsToCome);
        // The list shows the newest reading (every part of it); a backfill older than it
        // changes nothing.
        double newest = snapshots.constFirst().time();
        for (const counters::Snapshot &snapshot : std::as_const(snapshots))
            newest = std::max(newest, snapshot.time());
        auto update = std::find_if(m_forList.begin(), m_forList.end(),
                                   [source](const ListUpdate &u) { return u.source == source; });
        if (update == m_forList.end()) {
            m_forList.append(ListUpdate{source, {}});
            update = m_forList.end() - 1;
        }
        const auto latest = m_latestApplied.constFind(id);
        if (latest != m_latestApplied.cend() && newest < *latest)
            continue;
        if (latest == m_latestApplied.cend() || newest > *latest) {
            update->parts.clear();
            m_latestApplied.insert(id, newest);
        }
        for (const counters::Snapshot &snapshot : std::as_const(snapshots)) {
            if (snapshot.time() == newest)
                update->parts.append(snapshot);
        }
        update->rowsToCome = snapshots.constLast().time() == newest ? taken.rowsToCome : 0;
    }
    // The parts of a big report go into the table as they come, a few at a time.
    qsizetype rowsForList = 0;
    for (const ListUpdate &update : std::as_const(m_forList)) {
        for (const counters::Snapshot &part : update.parts)
            rowsForList += rowCountOf(part);
    }
    if (rowsForList >= MaxPendingRows)
        applyToLists();
}

void Workspace::applyToLists()
{
    // Once a frame, however many batches a loading file delivered (each change repaints the
    // table and the source list), unless a big report's parts wait.
    const QList<ListUpdate> updates = std::exchange(m_forList, {});
    for (const ListUpdate &update : updates) {
        // Only the newest report's last part ends it: the rows it lacks go then.
        qsizetype rowsToCome = update.rowsToCome;
        for (const counters::Snapshot &part : update.parts)
            rowsToCome += rowCountOf(part);
        for (qsizetype i = 0; i < update.parts.size(); ++i) {
            rowsToCome -= rowCountOf(update.parts.at(i));
            // (A part before another, even an empty one, is never the last.)
            const bool last = i + 1 == update.parts.size();
            m_counterList.applySnapshot(update.source->id(), update.source->displayName(),
                                        update.parts.at(i),
                                        last ? rowsToCome : std::max<qsizetype>(rowsToCome, 1));
        }
        m_sourceList.snapshotsApplied(update.source);
    }
}

void Workspace::updateThresholdStates()
{
    struct Worst
    {
        ThresholdState state = ThresholdState::Normal;
        QStringList counters;
    };
    QHash<QString, Worst> bySource;
    QHash<SeriesKey, Alert> before;
    for (const Alert &alert : std::as_const(m_alerts))
        before.insert(alert.key, alert);
    QList<Alert> alerts;
    if (!m_thresholds.thresholds().isEmpty()) {
        for (int row = 0; row < m_counterList.rowCount(); ++row) {
            const SeriesKey key = m_counterList.keyAt(row);
            if (key.isNode())
                continue; // the merged value decides
            const ThresholdState state = m_counterList.thresholdState(row);
            if (state == ThresholdState::Normal)
                continue;
            // Since its first reading in this state (a change of state starts anew).
            const auto was = before.constFind(key);
            const double time = m_counterList.timeAt(row);
            alerts.append({key, state,
                           was != before.cend() && was->state == state
                               ? was->since
                               : (time > 0 ? time : double(QDateTime::currentSecsSinceEpoch()))});
            Worst &worst = bySource[key.sourceId];
            if (state > worst.state) {
                worst.state = state;
                worst.counters.clear();
            }
            if (state == worst.state)
                worst.counters.append(key.counter);
        }
    }
    for (Source *source : m_sourceList.sources()) {
        const Worst worst = bySource.value(source->id());
        m_sourceList.setThresholdState(source, worst.state, worst.counters);
    }
    std::sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) {
        if (a.state != b.state)
            return a.state > b.state;
        if (a.since != b.since)
            return a.since < b.since;
        return a.key < b.key;
    });
    if (alerts != m_alerts) {
        m_alerts = std::move(alerts);
        Q_EMIT alertsChanged();
    }
}

void Workspace::setDiscoveryEnabled(bool enabled)
{
    if (enabled == isDiscoveryEnabled())
        return;
    if (!enabled) {
        m_discovery->stop();
        return;
    }
    if (!m_discovery) {
        m_discovery = new LocalServiceDiscovery(this);
        connect(m_discovery, &LocalServiceDiscovery::serviceAppeared, this,
                &Workspace::onServiceAppeared);
        connect(m_discovery, &LocalServiceDiscovery::serviceVanished, this,
                &Workspace::onServiceVanished);
    }
    m_discovery->start();
}

bool Workspace::isDiscoveryEnabled() const
{
    return m_discovery && m_discovery->isRunning();
}

Source *Workspace::localService(const QString &name, qint64 pid) const
{
    for (Source *source : m_sourceList.sources()) {
        const auto *local = qobject_cast<const LocalServiceSource *>(source);
        if (local && local->serviceName() == name && local->requestedPid() == pid)
            return source;
    }
    return nullptr;
}

void Workspace::onServiceAppeared(const counters::DiscoveredService &service)
{
    if (localService(service.name, service.pid))
        return; // followed on purpose, that very instance
    Source *any = localService(service.name, 0);
    if (!any) {
        addSource(new LocalServiceSource(service.name), StartMode::Start, Origin::Discovered);
        return;
    }
    const auto *local = static_cast<const LocalServiceSource *>(any);
    if (any->state() != Source::State::Live) {
        // The service (re)started: reconnect now rather than when the backoff says.
        qCDebug(lcController) << "reconnecting to" << service.name << "pid" << service.pid;
        any->restart();
    } else if (local->serviceInfo().pid != service.pid) {
        // A second instance of a service already followed: one source per instance.
        addSource(new LocalServiceSource(service.name, service.pid), StartMode::Start,
                  Origin::Discovered);
    }
}

void Workspace::onServiceVanished(const counters::DiscoveredService &service)
{
    // Only an instance's own source can be forgotten; the one for any instance waits for the
    // service to come back.
    Source *source = localService(service.name, service.pid);
    if (source && m_sourceList.isDiscovered(source) && !source->hasData())
        removeSource(source);
}

} // namespace dashboard
