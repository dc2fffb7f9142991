// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>

#include <QObject>
#include <QString>

#include <memory>

namespace counters {

/**
 * The base of every output of snapshots (log, JSON file, history, sockets, ...): spdlog's
 * base_sink shape. report() is the public, non-virtual entry point; it takes this reporter's
 * lock, calls the subclass's write(), times it and keeps the books. A subclass implements only
 * write().
 *
 * Failures are contained: a write() that returns false (or throws) makes report() return
 * false, increments failureCount(), keeps the reason in errorString(), emits errorOccurred()
 * and logs a warning in the category "counters.report" at most once per second per reporter
 * (the next warning tells how many were suppressed). report() itself never throws, so one
 * failing reporter never stops the others, and nothing here touches the recording path.
 *
 * Thread safety: report() may be called from any thread (the auto-reporting thread, an
 * outputReport() caller); calls on one reporter are serialised, so write() never runs twice at
 * once on the same object. The accessors are thread-safe and never wait for a write in
 * progress. errorOccurred() is emitted in the thread that called report(); connect with the
 * default (auto) connection type to receive it in the receiver's thread.
 */
class COUNTERS_CORE_EXPORT Reporter : public QObject
{
    Q_OBJECT
public:
    ~Reporter() override;

    /// Writes `snapshot`; false when write() failed (see errorString()).
    bool report(const Snapshot &snapshot);

    /// Reports that succeeded.
    quint64 reportCount() const;
    /// Reports that failed.
    quint64 failureCount() const;
    /// How long the last write() took, successful or not; zero before the first report.
    Seconds lastDuration() const;
    /// The reason of the last failure; empty while no report has failed.
    QString errorString() const;

    /**
     * The clock that times writes and limits warnings to one per second: Clock::system() by
     * default; a ManualClock in tests. It must outlive the reporter. Call it before reporting.
     */
    void setClock(const Clock *clock);
    const Clock *clock() const;

Q_SIGNALS:
    /// A report failed with `message` (also in errorString()). Emitted for every failure.
    void errorOccurred(const QString &message);

protected:
    explicit Reporter(QObject *parent = nullptr);

    /**
     * Writes `snapshot` to the output. Returns true on success; on failure returns false and
     * sets `*error` (never null) to a message that names the output and the reason.
     * Called under this reporter's lock, from the thread that called report().
     */
    virtual bool write(const Snapshot &snapshot, QString *error) = 0;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
