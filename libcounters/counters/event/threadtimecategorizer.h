// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/counters_core_export.h>
#include <counters/event/alleventslistener.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace counters {

/**
 * Splits one thread's time into exclusive categories: how much of a request went to the
 * database, the cache, rendering (PyCounters 0.6's ThreadTimeCategorizer).
 *
 * A category is the name of an event that times a block (start/end, as ScopedEvent or
 * reportStartEnd() raise them). While a category's block runs, the time is the category's;
 * when another category's block starts inside it, the time is the inner one's until that
 * ends, then the outer one's again. Blocks of events that are not categories change nothing.
 *
 *     void handle(const Request &request)
 *     {
 *         counters::ThreadTimeCategorizer times(QStringLiteral("request"),
 *             {QStringLiteral("db"), QStringLiteral("cache"), QStringLiteral("render")});
 *         ...                      // blocks of "db", "cache" and "render" on this thread
 *         times.raiseValueEvents(); // values of "request.db", "request.cache", "request.render"
 *     }
 *
 * Register counters for `<name>.<category>` (an AverageWindowCounter each, say) to see the
 * split over many requests. It listens to the events of the thread that constructed it, from
 * construction to destruction, and is used on that thread only.
 *
 * An end that does not match the innermost block ends the innermost block of its category and
 * the blocks inside it (the times up to then are kept); an end of a category with no block
 * open is ignored.
 */
class COUNTERS_CORE_EXPORT ThreadTimeCategorizer final : public AllEventsListener
{
public:
    /// Categorizes this thread's time into `categories` (event names), timed on `clock`, which
    /// must outlive it. Starts listening at once.
    ThreadTimeCategorizer(const QString &name, const QStringList &categories,
                          const Clock *clock = Clock::system());
    ~ThreadTimeCategorizer();

    const QString &name() const noexcept { return m_name; }
    QStringList categories() const;

    /// The time of each category so far, in seconds, as (`<name>.<category>`, seconds), in
    /// the order of the categories. The block in progress counts up to now.
    QList<std::pair<QString, double>> times() const;
    /// One category's time so far, in seconds (0 for a name that is no category).
    double time(QStringView category) const;

    /**
     * Raises each category's time (seconds) as a value event `<name>.<category>`, then clears
     * the times when `clear` is true.
     */
    void raiseValueEvents(bool clear = false);
    /// Sets every time to zero. The categories stay, and so do the blocks in progress, which
    /// count from now on.
    void clear();

    /**
     * Stops the clock: until resume(), time goes to no category (a thread that waits for
     * something it does not want counted). Blocks that start and end meanwhile still nest.
     */
    void pause();
    void resume();
    bool isPaused() const noexcept { return m_paused; }

    int eventKinds() const noexcept override;
    void onEvent(Event event, EventListener::EventKind kind, double value) noexcept override;

private:
    struct Category
    {
        Event event;
        Event total; ///< `<name>.<category>`, raised by raiseValueEvents()
        qint64 nanoseconds = 0;
    };

    int indexOf(Event event) const noexcept;
    double secondsOf(std::size_t index) const;
    /// Gives the time since m_since to the innermost block, and restarts m_since at now.
    void accrue() noexcept;

    QString m_name;
    const Clock *m_clock;
    std::vector<Category> m_categories;
    std::vector<int> m_open; ///< indices of the categories of the open blocks, innermost last
    qint64 m_since = 0;
    bool m_paused = false;
};

} // namespace counters
