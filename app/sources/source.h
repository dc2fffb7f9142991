// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace dashboard {

/**
 * Where the dashboard's snapshots come from: the one interface the models see, with one
 * implementation per transport (local service, multi-process leader, HTTP endpoint, watched
 * report file, saved report or history). Models never see sockets or files, only the
 * snapshots and the state of a source.
 *
 * Life cycle: a source is created stopped (state Offline, no message). start() begins
 * connecting or reading and may be called again after stop(); stop() closes everything, stops
 * retrying and leaves the source Offline. Sources that talk to a peer reconnect by themselves
 * (with backoff) after an error; willRetry() says whether this one does.
 *
 * States: Connecting (first attempt in progress), Live (data flows), Offline (not connected
 * and no fault: stopped, the peer said goodbye, a saved file loaded), Error (a fault; message()
 * says which, and the source retries when willRetry()). A reconnection attempt after an error
 * does not leave the Error state until it succeeds, so the message stays readable.
 *
 * Snapshots arrive one by one (snapshotReceived) or, for a backlog such as a history file,
 * as one batch, oldest first (historyReceived). Consumers should apply them per frame, not
 * per signal.
 *
 * Not thread-safe: a source lives in the GUI thread and emits from it.
 */
class Source : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, Live, Offline, Error };
    Q_ENUM(State)

    enum class Kind { LocalService, Leader, Http, WatchedFile, SavedFile, Prometheus };
    Q_ENUM(Kind)

    ~Source() override;

    virtual Kind kind() const = 0;
    /// Whether the source tries again by itself after an error.
    virtual bool willRetry() const { return true; }

    /// What the source reads, as given on the command line (`local:demo`, `tcp://h:1`,
    /// `http://h:1`, `file:///path`); also its identity in a workspace.
    QUrl url() const { return m_url; }
    /// Identity of the source in a workspace, as text: SourceId::toString() of its kind and
    /// URL (a file may be both watched and opened offline).
    QString id() const;
    /// A short name for people: the service's name once known, else the file or address.
    QString displayName() const { return m_displayName; }

    State state() const { return m_state; }
    /// The detail line for the state: the reason of an error, what a loaded file held, why a
    /// source went offline. May be empty.
    QString message() const { return m_message; }
    /// The reason of the error while state() is Error; empty otherwise.
    QString errorString() const { return m_state == State::Error ? m_message : QString(); }

    bool isStarted() const { return m_started; }
    /// Snapshots delivered since construction (a history batch counts each of its snapshots,
    /// a report in parts once).
    qint64 snapshotCount() const { return m_snapshotCount; }
    bool hasData() const { return m_snapshotCount > 0; }
    /// Collection time of the newest snapshot delivered, epoch seconds; 0 before the first.
    double lastSnapshotTime() const { return m_lastSnapshotTime; }

    /// How much of a long load is done, from 0 to 1; -1 when the source is not loading.
    virtual double loadProgress() const { return -1; }
    /// Stops a long load, keeping what was delivered so far. Does nothing when not loading.
    virtual void cancelLoading() { }

    /// Begins connecting or reading. Does nothing when already started.
    void start();
    /// Closes connections and files, stops retrying; the source is then Offline.
    void stop();
    /// stop() then start(): a reconnection now, with the backoff reset.
    void restart();

Q_SIGNALS:
    void stateChanged(dashboard::Source::State state);
    /// The message changed without a change of state.
    void messageChanged(const QString &message);
    void displayNameChanged(const QString &name);
    /// loadProgress() changed (a load began, went on or ended).
    void loadProgressChanged(double progress);
    void snapshotReceived(const counters::Snapshot &snapshot);
    /// A backlog of snapshots, oldest first (a history file, a saved report). A big report
    /// may come in parts (reportParts()): snapshots of the same time with some of its rows each,
    /// in batches of their own; `rowsToCome`: the last of `snapshots` is such a part, and parts
    /// of this many rows follow (0: it is whole or the last part).
    void historyReceived(const QList<counters::Snapshot> &snapshots, qsizetype rowsToCome);

protected:
    Source(const QUrl &url, const QString &displayName, QObject *parent);

    /// Called by start(); begin the work. isStarted() is already true.
    virtual void doStart() = 0;
    /// Called by stop(); release every connection and timer. isStarted() is already false.
    virtual void doStop() = 0;

    /// Changes state and message; emits stateChanged and/or messageChanged when they change.
    void setState(State state, const QString &message = QString());
    void setDisplayName(const QString &name);
    void deliver(const counters::Snapshot &snapshot);
    /// `continued`: the first of `snapshots` is a further part of the report delivered last
    /// (reportParts()), which it does not count again. `rowsToCome`: the rows of the
    /// parts that follow the last one (0: it is whole or the last part).
    void deliverHistory(const QList<counters::Snapshot> &snapshots, bool continued = false,
                        qsizetype rowsToCome = 0);

private:
    QUrl m_url;
    QString m_displayName;
    QString m_message;
    State m_state = State::Offline;
    bool m_started = false;
    qint64 m_snapshotCount = 0;
    double m_lastSnapshotTime = 0;
};

/**
 * Who a source is: its kind and what it reads. Its text form, `<Kind> <url>` (e.g.
 * `LocalService local:demo`, `SavedFile file:///tmp/report.json`), is Source::id(): the key of
 * a source in models and in saved layouts. A plain value.
 */
struct SourceId
{
    Source::Kind kind = Source::Kind::LocalService;
    QUrl url;

    QString toString() const;
    /// Reads toString()'s form; std::nullopt for an unknown kind or an empty URL.
    static std::optional<SourceId> fromString(const QString &text);

    friend bool operator==(const SourceId &a, const SourceId &b)
    {
        return a.kind == b.kind && a.url == b.url;
    }
    friend bool operator!=(const SourceId &a, const SourceId &b) { return !(a == b); }
};

} // namespace dashboard
