// SPDX-License-Identifier: MIT
#include "event.h"

#include "alleventslistener.h"
#include "eventlistener.h"
#include "graceperiod_p.h"
#include "listeners_p.h"
#include "namecache_p.h"

#include <counters/base/keepforever_p.h>

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <mutex>

namespace counters {

namespace {
Q_LOGGING_CATEGORY(lcEvent, "counters.event", QtInfoMsg)
}

QString EventName::toString() const
{
    switch (encoding()) {
    case Encoding::Utf8:
        return QString::fromUtf8(static_cast<const char *>(m_data), size());
    case Encoding::Utf16:
        return QString(static_cast<const QChar *>(m_data), size());
    case Encoding::Latin1:
        return QString::fromLatin1(static_cast<const char *>(m_data), size());
    }
    return {};
}

namespace detail {

namespace {

// The catch-all listeners (AllEventsListener), split by kind like a slot's Listeners. One list
// for the whole process, immutable once published, like the slots' lists.
using CatchAllEntry = ListenerEntryOf<AllEventsListener>;
using CatchAll = ListenersOf<AllEventsListener>;
std::atomic<const CatchAll *> g_catchAll{nullptr};

// Names and listener lists change under one lock; nobody who raises events takes it.
struct EventTable
{
    std::mutex mutex;
    QHash<QString, EventSlot *> slots;
    /// The kinds some catch-all listener wants: set in every slot's `kinds`, so that the
    /// inline check of Event stays one load, with or without catch-all listeners.
    int catchAllKinds = 0;
    // Replaced lists and unregistered counters wait here for a grace period, freed in batches
    // so that registering many counters costs few membarrier calls (see graceperiod_p.h).
    std::vector<std::unique_ptr<const Listeners>> retiredLists;
    std::vector<std::shared_ptr<const void>> retiredObjects;
    bool reclaimable = true; ///< false once synchronize() said it cannot wait
};

constexpr std::size_t kRetiredBatch = 64;

static_assert(int(ValueListeners) == int(EventListener::ValueEvents)
              && int(StartListeners) == int(EventListener::StartEvents)
              && int(EndListeners) == int(EventListener::EndEvents));

// What a reclaim frees: destroyed after the table's lock is released (counters' destructors
// take other locks).
struct Reclaimed
{
    std::vector<std::unique_ptr<const Listeners>> lists;
    std::vector<std::shared_ptr<const void>> objects;
};

// Called with the table locked.
Reclaimed reclaim(EventTable &t)
{
    Reclaimed reclaimed;
    // Inside a delivery (a catch-all listener that registers a counter), this thread may be
    // iterating one of the retired lists: wait for a later call.
    if (inReadSection())
        return reclaimed;
    if (!t.reclaimable || !synchronize()) {
        t.reclaimable = false; // keep everything: a reader might still use it
        return reclaimed;
    }
    reclaimed.lists.swap(t.retiredLists);
    reclaimed.objects.swap(t.retiredObjects);
    return reclaimed;
}

Reclaimed reclaimIfMany(EventTable &t)
{
    if (t.retiredLists.size() + t.retiredObjects.size() < kRetiredBatch)
        return {};
    return reclaim(t);
}

// Never destroyed: handles in static storage and threads still running at exit may use it.
EventTable &table()
{
    static EventTable *instance = new EventTable;
    return *instance;
}

std::atomic<quint64> g_lastThreadId{0};
COUNTERS_FAST_TLS thread_local quint64 t_threadId = 0;

// A plain pointer for the hot path (no dynamic-initialisation guard), and its owner, which
// forgets the pointer when the thread exits.
COUNTERS_FAST_TLS thread_local NameCache<char> *t_cache = nullptr;
// Made again after the owner is gone (an event from a destructor that runs later: a
// thread-local object made before, a static one at exit), it is never freed: late events
// still work, for one leaked object per such thread.
thread_local bool t_cacheGone = false;
struct CacheOwner
{
    NameCache<char> cache;
    ~CacheOwner()
    {
        t_cache = nullptr;
        t_cacheGone = true;
    }
};
thread_local std::unique_ptr<CacheOwner> t_cacheOwner;

} // namespace

EventSlot *internEvent(EventName name)
{
    EventTable &t = table();
    QString key = name.toString();
    std::lock_guard lock(t.mutex);
    EventSlot *&slot = t.slots[key];
    if (!slot) {
        slot = new EventSlot;
        slot->utf8 = key.toUtf8();
        slot->ascii = std::all_of(slot->utf8.cbegin(), slot->utf8.cend(),
                                  [](char c) { return uchar(c) < 0x80; });
        slot->name = std::move(key);
        slot->kinds.store(t.catchAllKinds, std::memory_order_release);
    }
    return slot;
}

namespace {
Q_NEVER_INLINE EventSlot *cacheMiss(EventName name)
{
    if (!t_cache) {
        if (Q_UNLIKELY(t_cacheGone)) {
            t_cache = keepForever(std::make_unique<NameCache<char>>());
        } else {
            t_cacheOwner = std::make_unique<CacheOwner>();
            t_cache = &t_cacheOwner->cache;
        }
    }
    return t_cache->insert(name).slot;
}
} // namespace

EventSlot *cachedEvent(EventName name)
{
    if (NameCache<char> *cache = t_cache) {
        if (const auto *entry = cache->find(name))
            return entry->slot;
    }
    return cacheMiss(name);
}

quint64 currentThreadId() noexcept
{
    if (Q_UNLIKELY(t_threadId == 0))
        t_threadId = g_lastThreadId.fetch_add(1, std::memory_order_relaxed) + 1;
    return t_threadId;
}

namespace {
template <typename Entry, typename Call>
inline void deliverTo(const std::vector<Entry> &entries, Call call) noexcept
{
    for (const Entry &e : entries) {
        if (Q_UNLIKELY(e.thread != 0) && e.thread != currentThreadId())
            continue;
        call(e.listener);
    }
}

// Catch-all listeners first, as in PyCounters 0.6, then the counters of the slot.
template <typename Call>
inline void deliver(const EventSlot &slot, EventListener::EventKind kind, double value,
                    std::vector<CatchAllEntry> CatchAll::*catchAllKind,
                    std::vector<ListenerEntry> Listeners::*slotKind, Call call) noexcept
{
    const ReadSection section;
    if (const CatchAll *all = g_catchAll.load(std::memory_order_acquire)) {
        // Event handles are mutable only for the library; the slot itself never changes here.
        const Event event(const_cast<EventSlot *>(&slot));
        deliverTo(all->*catchAllKind,
                  [&](AllEventsListener *l) { l->onEvent(event, kind, value); });
    }
    if (const Listeners *listeners = slot.listeners.load(std::memory_order_acquire))
        deliverTo(listeners->*slotKind, call);
}
} // namespace

void dispatchValue(const EventSlot &slot, double value) noexcept
{
    deliver(slot, EventListener::ValueEvents, value, &CatchAll::value, &Listeners::value,
            [value](EventListener *l) { l->onValue(value); });
}

void dispatchStart(const EventSlot &slot) noexcept
{
    deliver(slot, EventListener::StartEvents, 0, &CatchAll::start, &Listeners::start,
            [](EventListener *l) { l->onStart(); });
}

void dispatchEnd(const EventSlot &slot) noexcept
{
    deliver(slot, EventListener::EndEvents, 0, &CatchAll::end, &Listeners::end,
            [](EventListener *l) { l->onEnd(); });
}

namespace {

template <typename Lists>
int kindsOf(const Lists &lists)
{
    return (lists.value.empty() ? 0 : ValueListeners) | (lists.start.empty() ? 0 : StartListeners)
        | (lists.end.empty() ? 0 : EndListeners);
}

// Publishes `next` (nullptr when nobody listens any more) and retires the old list: a thread
// may be iterating it right now.
void publish(EventTable &t, EventSlot *slot, std::unique_ptr<Listeners> next)
{
    const Listeners *old = slot->listeners.load(std::memory_order_relaxed);
    const int kinds = kindsOf(*next);
    const Listeners *published = kinds == 0 ? nullptr : next.release();
    slot->listeners.store(published, std::memory_order_release);
    slot->kinds.store(kinds | t.catchAllKinds, std::memory_order_release);
    if (old)
        t.retiredLists.emplace_back(old);
}

// Publishes a new list of catch-all listeners, and their kinds in every slot when those
// changed (a listener made per request while another of its kinds listens walks nothing).
void publishCatchAll(EventTable &t, std::unique_ptr<CatchAll> next)
{
    const CatchAll *old = g_catchAll.load(std::memory_order_relaxed);
    const int kinds = kindsOf(*next);
    g_catchAll.store(kinds == 0 ? nullptr : next.release(), std::memory_order_release);
    if (kinds != t.catchAllKinds) {
        t.catchAllKinds = kinds;
        for (EventSlot *slot : std::as_const(t.slots)) {
            const Listeners *own = slot->listeners.load(std::memory_order_relaxed);
            slot->kinds.store((own ? kindsOf(*own) : 0) | kinds, std::memory_order_release);
        }
    }
    if (old)
        t.retiredObjects.emplace_back(std::shared_ptr<const CatchAll>(old));
}

// A copy of `current` (empty when null), with `entry` added to the kinds it wants.
template <typename Lists, typename Entry>
std::unique_ptr<Lists> withAdded(const Lists *current, const Entry &entry, int kinds)
{
    auto next = current ? std::make_unique<Lists>(*current) : std::make_unique<Lists>();
    if (kinds & EventListener::ValueEvents)
        next->value.push_back(entry);
    if (kinds & EventListener::StartEvents)
        next->start.push_back(entry);
    if (kinds & EventListener::EndEvents)
        next->end.push_back(entry);
    return next;
}

// A copy of `current` (empty when null) without any entry of `listener`.
template <typename Lists, typename Listener>
std::unique_ptr<Lists> withRemoved(const Lists *current, const Listener *listener)
{
    auto next = current ? std::make_unique<Lists>(*current) : std::make_unique<Lists>();
    for (auto *list : {&next->value, &next->start, &next->end}) {
        list->erase(std::remove_if(list->begin(), list->end(),
                                   [listener](const auto &e) { return e.listener == listener; }),
                    list->end());
    }
    return next;
}

} // namespace

void addListener(EventSlot *slot, EventListener *listener, int kinds, quint64 thread)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    publish(t, slot,
            withAdded(slot->listeners.load(std::memory_order_relaxed),
                      ListenerEntry{listener, thread}, kinds));
    reclaimed = reclaimIfMany(t);
}

void removeListener(EventSlot *slot, EventListener *listener)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    publish(t, slot, withRemoved(slot->listeners.load(std::memory_order_relaxed), listener));
    reclaimed = reclaimIfMany(t);
}

void retire(std::shared_ptr<const void> object)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    t.retiredObjects.push_back(std::move(object));
    reclaimed = reclaimIfMany(t);
}

void addCatchAllListener(AllEventsListener *listener, int kinds, quint64 thread)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    publishCatchAll(t,
                    withAdded(g_catchAll.load(std::memory_order_relaxed),
                              CatchAllEntry{listener, thread}, kinds));
    reclaimed = reclaimIfMany(t);
}

void removeCatchAllListener(AllEventsListener *listener)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    publishCatchAll(t, withRemoved(g_catchAll.load(std::memory_order_relaxed), listener));
    reclaimed = reclaimIfMany(t);
}

void reclaimRetired()
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    reclaimed = reclaim(t);
}

} // namespace detail

AllEventsListener::~AllEventsListener()
{
    if (m_listening) {
        qCWarning(lcEvent,
                  "An AllEventsListener was destroyed while listening: its subclass "
                  "must call stopListening() in its own destructor");
        stopListening();
    }
}

bool AllEventsListener::startListening(Scope scope)
{
    Q_ASSERT_X(!detail::inReadSection(), "AllEventsListener::startListening",
               "not from inside an event delivery");
    if (m_listening)
        return false;
    m_scope = scope;
    m_thread = scope == Scope::ThisThread ? detail::currentThreadId() : 0;
    detail::addCatchAllListener(this, eventKinds(), m_thread);
    m_listening = true;
    return true;
}

void AllEventsListener::stopListening()
{
    if (!m_listening)
        return;
    Q_ASSERT_X(!detail::inReadSection(), "AllEventsListener::stopListening",
               "not from inside an event delivery");
    detail::removeCatchAllListener(this);
    m_listening = false;
    // Only its own thread delivers to a ThisThread listener: stopped there, nobody is inside.
    if (m_thread == 0 || m_thread != detail::currentThreadId())
        detail::synchronizeOrPause();
}

} // namespace counters
