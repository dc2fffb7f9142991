// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace counters {

class Registry;
class Reporter;

/**
 * Collects snapshots and hands them to a set of reporters, on demand (outputReport()) or
 * periodically on a worker thread (startAutoReporting()): PyCounters 0.6's reporting controller.
 * global() is the process-wide instance behind the functions of <counters/report/reporting.h>;
 * tests make their own with their own Registry.
 *
 * A report calls the collector (by default `registry.collect()`) once and passes the same
 * snapshot to every registered reporter in registration order. A collector that returns
 * std::nullopt means "not this process's turn" (a multi-process non-leader): nothing is
 * reported. A failing reporter does not stop the others (see Reporter). Reports never overlap:
 * an outputReport() while an automatic report runs waits for it.
 *
 * Auto reporting runs at a fixed rate without drift: with start time t0, the k-th report is
 * due at t0 + k·period whatever the reports take; a report that overruns its slot makes the
 * missed slots be skipped, never burst. Periods below one second work. The schedule runs on the
 * registry's clock (Registry::clock()): with a ManualClock, a report falls due when the test
 * advances the clock past its slot (the worker looks every millisecond; the system clock's
 * worker sleeps until the slot, looking once a second). When the registry gets another clock, or
 * its clock goes back, a report is made at once and the schedule starts again from it. Stop auto
 * reporting before a clock it runs on goes away.
 *
 * Thread safety: every member may be called from any thread, including from a reporter's
 * write() (stopAutoReporting() there does not wait for the report that calls it). The
 * collector runs in the reporting thread without any of the controller's locks held, except
 * that reports are serialised. The destructor stops auto reporting.
 */
class COUNTERS_CORE_EXPORT ReportingController
{
public:
    /// Returns the snapshot to report, or std::nullopt to report nothing this time.
    using Collector = std::function<std::optional<Snapshot>()>;

    /// Reports what `registry` collects; `registry` must outlive the controller.
    explicit ReportingController(const Registry &registry);
    ~ReportingController();
    ReportingController(const ReportingController &) = delete;
    ReportingController &operator=(const ReportingController &) = delete;

    /// The process-wide controller, reporting Registry::global(). Stopped at process exit.
    static ReportingController &global();

    /// Adds `reporter`; fails (false, errorString()) for a null or already registered reporter.
    bool registerReporter(std::shared_ptr<Reporter> reporter);
    /// Removes `reporter`; fails for a null or unknown reporter. A report in progress may still
    /// use it; the next one will not.
    bool unregisterReporter(const std::shared_ptr<Reporter> &reporter);
    /// The registered reporters, in registration order.
    QList<std::shared_ptr<Reporter>> reporters() const;

    /**
     * Collects now and reports in the calling thread. Returns false when a reporter failed
     * or the collector threw (errorString() tells which); true when every reporter succeeded
     * or the collector returned std::nullopt.
     */
    bool outputReport();

    /**
     * Starts auto reporting every `period`: the first report at once, then fixed-rate. When it
     * runs already, changes the period: the next report is due one new period after the last
     * one started (at once if that time has passed). Fails for a period that is not a positive
     * finite number.
     */
    bool startAutoReporting(Seconds period = Seconds(300));
    /**
     * Stops auto reporting. When it returns no automatic report will start any more, and a
     * report in progress has finished (unless called from that report itself).
     */
    void stopAutoReporting();
    bool isAutoReporting() const;
    /// The auto-reporting period; zero while stopped.
    Seconds autoReportingPeriod() const;

    /// Replaces the collector; an empty function restores the default, `registry.collect()`.
    void setCollector(Collector collector);

    /// The reason of the last failure of any member, from any thread.
    QString errorString() const;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
