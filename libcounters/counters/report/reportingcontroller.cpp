// SPDX-License-Identifier: MIT
#include "reportingcontroller.h"

#include "reporter.h"
#include "reportlogging_p.h"

#include <counters/base/platform_p.h>
#include <counters/counter/registry.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace counters {

namespace {
using SteadyClock = std::chrono::steady_clock;

qint64 saturatingAdd(qint64 a, qint64 b)
{
    return b > 0 && a > std::numeric_limits<qint64>::max() - b ? std::numeric_limits<qint64>::max()
                                                               : a + b;
}

// The controller whose report the current thread is running, if any. A reporter that calls
// back into its controller must not wait for the report it is part of.
thread_local const void *t_inReportOf = nullptr;

struct InReportScope
{
    explicit InReportScope(const void *controller) : previous(t_inReportOf)
    {
        t_inReportOf = controller;
    }
    ~InReportScope() { t_inReportOf = previous; }
    InReportScope(const InReportScope &) = delete;
    InReportScope &operator=(const InReportScope &) = delete;
    const void *previous;
};
} // namespace

class ReportingController::Private
{
public:
    explicit Private(const Registry &r) : registry(r) { }

    bool runReport(QString *error);
    void workerLoop(quint64 epoch);
    void setError(const QString &error);
    bool inReport() const { return t_inReportOf == this; }
    void joinRetired(std::unique_lock<std::mutex> &stateLock);

    const Registry &registry;

    // Serialises whole reports (collect + every reporter). Never taken with `mutex` held.
    std::mutex reportMutex;
    // Serialises start/stop calls that wait for worker threads; workers never take it.
    std::mutex controlMutex;

    mutable std::mutex mutex; // guards everything below
    std::condition_variable wakeUp;
    QList<std::shared_ptr<Reporter>> reporters;
    Collector collector;
    QString errorString;

    // Auto reporting. A worker serves one epoch; starting from stopped or stopping begins a
    // new epoch, which retires the worker of the previous one.
    quint64 epoch = 0;
    bool running = false;
    qint64 periodNs = 0;
    std::optional<qint64> lastSlot;   // schedule slot of the last auto report, clock ns
    const Clock *slotClock = nullptr; // the clock lastSlot was read from
    std::thread worker;
    std::vector<std::thread> retired;
    std::optional<qint64> lastCollectorWarningNs;
};

void ReportingController::Private::setError(const QString &error)
{
    const std::lock_guard<std::mutex> lock(mutex);
    errorString = error;
}

bool ReportingController::Private::runReport(QString *error)
{
    const InReportScope scope(this);
    Collector collect;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        collect = collector;
    }

    std::optional<Snapshot> snapshot;
    try {
        snapshot = collect ? collect() : std::optional<Snapshot>(registry.collect());
    } catch (const std::exception &e) {
        *error = QStringLiteral("the collector failed: ") + QString::fromLocal8Bit(e.what());
        return false;
    } catch (...) {
        *error = QStringLiteral("the collector failed with an unknown exception");
        return false;
    }
    if (!snapshot)
        return true; // not this process's turn

    QList<std::shared_ptr<Reporter>> targets;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        targets = reporters;
    }
    QStringList failures;
    for (const std::shared_ptr<Reporter> &reporter : std::as_const(targets)) {
        if (!reporter->report(*snapshot)) {
            const QString who = reporter->objectName().isEmpty()
                ? QString::fromLatin1(reporter->metaObject()->className())
                : reporter->objectName();
            failures.append(who + QStringLiteral(": ") + reporter->errorString());
        }
    }
    if (failures.isEmpty())
        return true;
    *error = QStringLiteral("%1 of %2 reporters failed: %3")
                 .arg(failures.size())
                 .arg(targets.size())
                 .arg(failures.join(QStringLiteral("; ")));
    return false;
}

void ReportingController::Private::workerLoop(quint64 myEpoch)
{
    detail::platform::nameThisThread("counters-report");
    std::unique_lock<std::mutex> lock(mutex);
    while (running && epoch == myEpoch) {
        // The registry's clock times the schedule, so that a test's ManualClock drives it.
        const Clock *clock = registry.clock();
        const qint64 now = clock->preciseNanoseconds();
        // Another clock (a test's, given to the registry or taken back) or one set back: its
        // times say nothing about the last slot, so a new schedule starts with a report now.
        if (lastSlot && (clock != slotClock || now < *lastSlot))
            lastSlot.reset();
        slotClock = clock;
        // Fixed rate: due times lie on the grid lastSlot + k·period, so the time reports take
        // never accumulates into drift.
        const qint64 due = lastSlot ? saturatingAdd(*lastSlot, periodNs) : now;
        if (now < due) {
            // The system clock is steady time: sleep until due, but look at least once a second
            // whether the registry's clock is still the same. Another clock moves only when told
            // to, with nothing to wait on: look again every millisecond.
            const qint64 sleepNs =
                clock == Clock::system() ? std::min<qint64>(due - now, 1'000'000'000) : 1'000'000;
            wakeUp.wait_for(lock, std::chrono::nanoseconds(sleepNs));
            continue; // re-read the state: stopped, re-timed or simply due
        }
        // Skip the slots a long report (or a late wake-up) missed instead of bursting.
        const qint64 missed = lastSlot ? (now - due) / periodNs : 0;
        lastSlot = due + missed * periodNs;
        lock.unlock();

        bool ok = true;
        QString error;
        {
            const std::lock_guard<std::mutex> reportLock(reportMutex);
            // stop() may have returned while this thread waited for an outputReport().
            bool current;
            {
                const std::lock_guard<std::mutex> relock(mutex);
                current = running && epoch == myEpoch;
            }
            if (!current) {
                lock.lock();
                break;
            }
            ok = runReport(&error);
        }

        lock.lock();
        if (!ok) {
            errorString = error;
            // Reporters warn about their own failures; only a failing collector is logged here,
            // at most once per second.
            const qint64 nowNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     SteadyClock::now().time_since_epoch())
                                     .count();
            if (error.startsWith(QLatin1String("the collector"))
                && (!lastCollectorWarningNs || nowNs - *lastCollectorWarningNs >= 1'000'000'000)) {
                lastCollectorWarningNs = nowNs;
                qCWarning(lcReport, "auto reporting: %ls", qUtf16Printable(error));
            }
        }
    }
}

void ReportingController::Private::joinRetired(std::unique_lock<std::mutex> &stateLock)
{
    std::vector<std::thread> toJoin;
    toJoin.swap(retired);
    stateLock.unlock();
    for (std::thread &t : toJoin) {
        if (t.joinable())
            t.join();
    }
    stateLock.lock();
}

ReportingController::ReportingController(const Registry &registry)
    : d(std::make_unique<Private>(registry))
{
}

ReportingController::~ReportingController()
{
    stopAutoReporting();
    // A report running stopAutoReporting() itself cannot wait; the destructor must.
    std::unique_lock<std::mutex> lock(d->mutex);
    if (d->worker.joinable())
        d->retired.push_back(std::move(d->worker));
    d->joinRetired(lock);
}

ReportingController &ReportingController::global()
{
    // The registry is constructed first, so it is destroyed after the controller's worker
    // has been stopped.
    const Registry &registry = Registry::global();
    static ReportingController controller(registry);
    return controller;
}

bool ReportingController::registerReporter(std::shared_ptr<Reporter> reporter)
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    if (!reporter) {
        d->errorString = QStringLiteral("registerReporter: the reporter is null");
        return false;
    }
    if (d->reporters.contains(reporter)) {
        d->errorString = QStringLiteral("registerReporter: this reporter is already registered");
        return false;
    }
    d->reporters.append(std::move(reporter));
    return true;
}

bool ReportingController::unregisterReporter(const std::shared_ptr<Reporter> &reporter)
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    if (!reporter) {
        d->errorString = QStringLiteral("unregisterReporter: the reporter is null");
        return false;
    }
    if (!d->reporters.removeOne(reporter)) {
        d->errorString = QStringLiteral("unregisterReporter: this reporter is not registered");
        return false;
    }
    return true;
}

QList<std::shared_ptr<Reporter>> ReportingController::reporters() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->reporters;
}

bool ReportingController::outputReport()
{
    if (d->inReport()) {
        d->setError(QStringLiteral("outputReport: called from within a report of this controller"));
        return false;
    }
    QString error;
    bool ok;
    {
        const std::lock_guard<std::mutex> reportLock(d->reportMutex);
        ok = d->runReport(&error);
    }
    if (!ok)
        d->setError(error);
    return ok;
}

bool ReportingController::startAutoReporting(Seconds period)
{
    if (!(period.count() > 0) || !std::isfinite(period.count())) {
        d->setError(QStringLiteral("startAutoReporting: the period must be a positive number of "
                                   "seconds, not %1")
                        .arg(period.count()));
        return false;
    }
    const qint64 periodNs = std::max<qint64>(toNanoseconds(period), 1);

    const bool inReport = d->inReport();
    std::unique_lock<std::mutex> control(d->controlMutex, std::defer_lock);
    if (!inReport)
        control.lock();

    std::unique_lock<std::mutex> lock(d->mutex);
    d->periodNs = periodNs;
    if (d->running) {
        d->wakeUp.notify_all(); // re-time the worker's wait
        return true;
    }
    ++d->epoch;
    d->running = true;
    d->lastSlot.reset(); // the first report at once
    if (d->worker.joinable())
        d->retired.push_back(std::move(d->worker));
    const quint64 epoch = d->epoch;
    d->worker = std::thread([this, epoch] { d->workerLoop(epoch); });
    if (!inReport)
        d->joinRetired(lock);
    return true;
}

void ReportingController::stopAutoReporting()
{
    const bool inReport = d->inReport();
    std::unique_lock<std::mutex> control(d->controlMutex, std::defer_lock);
    if (!inReport)
        control.lock();

    std::unique_lock<std::mutex> lock(d->mutex);
    if (d->running) {
        d->running = false;
        ++d->epoch;
        d->periodNs = 0;
        d->wakeUp.notify_all();
    }
    if (inReport)
        return; // the worker may be this thread or wait for it; joined by a later call
    if (d->worker.joinable())
        d->retired.push_back(std::move(d->worker));
    d->joinRetired(lock);
}

bool ReportingController::isAutoReporting() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->running;
}

Seconds ReportingController::autoReportingPeriod() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return Seconds(d->periodNs / 1e9);
}

void ReportingController::setCollector(Collector collector)
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    d->collector = std::move(collector);
}

QString ReportingController::errorString() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->errorString;
}

} // namespace counters
