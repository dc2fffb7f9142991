// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/snapshot.h>
#include <counters/counter/counter.h>
#include <counters/counters_core_export.h>

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace counters {

/**
 * A set of counters with unique names that can be read together into a Snapshot.
 *
 * Registering a counter subscribes it to its events; unregistering stops them. Events are
 * process-wide: a counter of any registry receives the events named in its events() list, so
 * independent registries (say, one per module) can count the same events differently. The
 * shortcuts and the reporters use global(), the process-wide default.
 *
 * Registration is the slow path (locks, allocates); recording never touches the registry.
 * All members are thread-safe. Failures return false and set errorString(), which is per thread:
 * a call that failed is explained to the thread that made it, whatever other threads do in
 * between. Nothing throws.
 *
 * The registry keeps an unregistered counter alive a little longer, until no thread can still
 * be delivering an event to it (a grace period; unregistering never waits for it).
 */
class COUNTERS_CORE_EXPORT Registry
{
public:
    /// What registerCounter() does when a counter of that name is already registered
    /// (PyCounters 0.6's throw_if_exists).
    enum class IfExists {
        Fail,   ///< Return false with an error (PyCounters 0.6's default, throw_if_exists=True).
        Ignore, ///< Keep the existing counter and return true.
    };
    /// Which threads' events a counter receives.
    enum class ThreadScope {
        AllThreads,
        CurrentThread, ///< Only the events raised by the thread that registers it.
    };

    /// `clock` gives the snapshot time and is handed to counters registered here (see setClock()).
    explicit Registry(const Clock *clock = Clock::system());
    ~Registry();
    Registry(const Registry &) = delete;
    Registry &operator=(const Registry &) = delete;

    /// The process-wide registry used by the shortcuts and by auto reporting.
    static Registry &global();

    /**
     * Subscribes `counter` to its events. Fails for a null counter, an empty name, a name
     * already registered here (unless IfExists::Ignore: then the existing counter stays and
     * the call succeeds), and a counter already registered in any registry (a counter belongs
     * to one registry at a time). In a registry whose clock is not the system clock, a counter
     * that uses the system clock is given the registry's, and forgets what it recorded before.
     */
    [[nodiscard]] bool registerCounter(const std::shared_ptr<Counter> &counter,
                                       IfExists ifExists = IfExists::Fail,
                                       ThreadScope scope = ThreadScope::AllThreads);
    /// Fails when `counter` (this very object) is not registered here.
    bool unregisterCounter(const std::shared_ptr<Counter> &counter);
    /// Fails when no counter of that name is registered here.
    bool unregisterCounter(const QString &name);
    void unregisterAll();

    /// The counter of that name, or nullptr.
    std::shared_ptr<Counter> counter(const QString &name) const;
    /// Every registered counter, sorted by name.
    QList<std::shared_ptr<Counter>> counters() const;

    /**
     * The counter named `name`; when there is none, the one `create()` makes, registered
     * (the shortcuts' "add if absent"). An existing counter of any type is reused.
     * Returns nullptr (and sets errorString()) when `create()` returns nullptr.
     */
    std::shared_ptr<Counter> counterOrAdd(const QString &name,
                                          const std::function<std::shared_ptr<Counter>()> &create);

    /// Reads every counter now into an immutable snapshot (time from clock()).
    Snapshot collect() const;

    /// Changes whenever a counter is registered or unregistered.
    quint64 generation() const noexcept;

    const Clock *clock() const noexcept;
    /**
     * Makes the registry read time from `clock` (a ManualClock in tests: the way to drive
     * global(), and so the shortcuts and the global ReportingController, in a test). Only
     * while no counter is registered (else false, errorString()); `clock` must outlive the
     * registry's use of it. Counters registered later that still use the system clock are given
     * `clock`, and so are those the shortcuts add. Registry::global() outlives every clock a
     * test makes, so give it Clock::system() back before the test's clock goes away.
     */
    [[nodiscard]] bool setClock(const Clock *clock);
    /// The service name carried by snapshots; defaults to the application name.
    void setServiceName(const QString &name);
    QString serviceName() const;

    /// Why the calling thread's last failed call failed, when that call was on this registry;
    /// empty otherwise (also when the thread's last failure was on another registry).
    QString errorString() const;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace counters
