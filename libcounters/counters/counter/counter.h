// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/base/countertype.h>
#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>
#include <counters/event/eventlistener.h>

#include <QStringList>

#include <atomic>
#include <cmath>
#include <memory>
#include <optional>

namespace counters {

namespace detail {
class ShardPool;
}

/// PyCounters 0.6's default window: five minutes.
inline constexpr Seconds kDefaultWindow{300.0};

/**
 * The base of every counter: an EventListener with a name that turns the events it receives
 * into a value.
 *
 * A counter listens to the events named by events(): its own name unless an explicit list was
 * given (the list then replaces it). It starts receiving events when registered with a
 * Registry, or when fed directly with reportValue()/reportStart()/reportEnd().
 *
 * Thread safety: recording (from any number of threads) and reading (value(), row(), count(),
 * from any thread) never block each other; each thread records into its own shard and readers
 * merge the shards. A reading taken while another thread records may include that thread's
 * in-flight event in some statistics and not yet in others. clear() may be called from any
 * thread; events racing with it may land on either side. setClock() must be called before the
 * first event, and is refused once the counter is registered.
 *
 * Counters are shared (std::shared_ptr) between the registry and their users, and are neither
 * copyable nor movable.
 */
class COUNTERS_CORE_EXPORT Counter : public EventListener
{
public:
    virtual ~Counter();
    Counter(const Counter &) = delete;
    Counter &operator=(const Counter &) = delete;

    const QString &name() const noexcept { return m_name; }
    /// The event names this counter listens to.
    const QStringList &events() const noexcept { return m_events; }
    CounterType type() const noexcept { return m_type; }
    /// The window length; zero for counters without a window (Event, Total).
    virtual Seconds window() const noexcept { return Seconds(0); }

    /// What the values are measured in; defaultUnit(type()) unless set.
    Unit unit() const noexcept { return m_unit; }
    /// Says what the values are measured in (a PercentileWindowCounter of durations: Second; a
    /// WindowCounter of payload sizes: Byte), for every report to carry. Call it before the
    /// counter is registered; it is not synchronised with readers.
    void setUnit(Unit unit);

    /// For a series of a counter family (see Family): the family's name and the series' labels,
    /// which every row carries; empty otherwise.
    const QString &family() const noexcept { return m_family; }
    const Labels &labels() const noexcept { return m_labels; }
    /// Makes this counter the series `labels` of family `family`; its name must be
    /// seriesName(family, labels). Family does it before registering the counter; it is not
    /// synchronised with readers.
    void setSeries(const QString &family, const Labels &labels);
    /// For a family's overflow series: where the family counts the label sets recorded into
    /// it, which rows carry as CounterRow::overflowed. Family sets it before registering.
    void setOverflowCount(std::shared_ptr<const std::atomic<quint64>> count);

    /// The current value; empty where PyCounters 0.6 reports None (see each counter).
    std::optional<double> value() const;
    /// Events in the window (since the last clear() for counters without a window).
    quint64 count() const;
    /// Name, type, value with its unit and statistic, window, count and sub-values, read at
    /// once.
    CounterRow row() const;

    /// Forgets everything recorded so far.
    void clear();

    const Clock *clock() const noexcept { return m_clock; }
    /**
     * Makes the counter read time from `clock` (a ManualClock in tests), which must outlive it.
     * What was recorded under the previous clock is forgotten, as by clear(): its times mean
     * nothing on the new one. Refused (false, and a warning in "counters.counter") while the
     * counter is registered, where threads may be recording; a Registry whose clock is not the
     * system clock gives it to the counters registered in it that still use the system clock.
     * Call it before the first event: a block that starts under one clock and ends under the
     * other measures nothing meaningful.
     */
    bool setClock(const Clock *clock);

    /// Feeds this counter directly, as if it received the event (PyCounters 0.6's report_event).
    void reportValue(double value) noexcept { onValue(value); }
    void reportStart() noexcept { onStart(); }
    void reportEnd() noexcept { onEnd(); }

    /**
     * Events that could not be recorded since the counter was created (clear() keeps the
     * count): a value that is not a finite number (NaN, infinities: every counter type drops
     * them rather than let one poison its sums, means and extremes), an end without a matching
     * start, starts nested deeper than 16 (and for a PercentileWindowCounter, values its
     * histograms missed). Rows carry it (CounterRow::dropped), and so JSON reports.
     */
    quint64 droppedEvents() const noexcept { return m_dropped.load(std::memory_order_relaxed); }

protected:
    Counter(CounterType type, const QString &name, const QStringList &events);

    /// Reads the counter at coarse time `now` (ns); called under no lock.
    virtual CounterRow read(qint64 now) const = 0;
    /// Called by setClock() so that windowed counters can move their resolution requests.
    virtual void clockChanged(const Clock *previous) { Q_UNUSED(previous); }

    /// Current clear() generation; shards recorded under another generation are stale.
    quint64 generation() const noexcept { return m_generation.load(std::memory_order_acquire); }
    /// True once clear() was called (counters without a window then read 0, not null).
    bool wasCleared() const noexcept { return m_cleared.load(std::memory_order_relaxed); }
    void addDropped() noexcept { m_dropped.fetch_add(1, std::memory_order_relaxed); }
    /// True for a finite value; otherwise counts it as dropped. Every onValue() asks first.
    bool acceptValue(double value) noexcept
    {
        if (Q_LIKELY(std::isfinite(value)))
            return true;
        addDropped();
        return false;
    }
    /// Coarse time (ns) since which the counter listens: construction, registration, clear().
    qint64 listeningSince() const noexcept
    {
        return m_listeningSince.load(std::memory_order_relaxed);
    }

    /// True while the counter uses Clock::system() (timing counters then read it directly).
    bool usesSystemClock() const noexcept { return m_systemClock; }

    /// The clock's coarse time, one load (the cell is cached: no pointer chase per event).
    qint64 coarseNow() const noexcept { return m_coarse->load(std::memory_order_relaxed); }

    /// Installs the per-thread shards; localShard() then finds this thread's.
    void setShards(std::shared_ptr<detail::ShardPool> shards);
    /// This thread's shard (defined in the internal shardpool_p.h).
    template <typename T>
    T &localShard() noexcept;

    std::shared_ptr<detail::ShardPool> m_shards;

private:
    friend class Registry;
    void startListening() noexcept;
    /// Starts a new generation: what was recorded is no longer read.
    void forget() noexcept;
    /// setClock() without its checks, for the Registry that has just claimed the counter.
    void useClock(const Clock *clock) noexcept;

    const QString m_name;
    const QStringList m_events;
    const CounterType m_type;
    Unit m_unit;
    QString m_family;
    Labels m_labels;
    std::shared_ptr<const std::atomic<quint64>> m_overflowed;
    const Clock *m_clock;
    const std::atomic<qint64> *m_coarse;
    bool m_systemClock = true;
    quint32 m_shardIndex = 0;  // copies of m_shards' index and serial: read without chasing
    quint64 m_shardSerial = 0; // the pointer on every event
    std::atomic<quint64> m_generation{0};
    std::atomic<bool> m_cleared{false};
    std::atomic<quint64> m_dropped{0};
    std::atomic<qint64> m_listeningSince{0};
    std::atomic<bool> m_registered{false}; ///< in a Registry (one at a time)
};

} // namespace counters
