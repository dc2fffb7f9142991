// SPDX-License-Identifier: MIT
#include "event.h"

#include "eventlistener.h"
#include "graceperiod_p.h"
#include "listeners_p.h"
#include "namecache_p.h"

#include <counters/base/keepforever_p.h>

#include <QHash>

#include <algorithm>
#include <mutex>

namespace counters {

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

// Names and listener lists change under one lock; nobody who raises events takes it.
struct EventTable
{
    std::mutex mutex;
    QHash<QString, EventSlot *> slots;
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
template <typename Call>
inline void deliver(const EventSlot &slot, std::vector<ListenerEntry> Listeners::*kind,
                    Call call) noexcept
{
    const ReadSection section;
    const Listeners *listeners = slot.listeners.load(std::memory_order_acquire);
    if (!listeners)
        return;
    for (const ListenerEntry &e : listeners->*kind) {
        if (Q_UNLIKELY(e.thread != 0) && e.thread != currentThreadId())
            continue;
        call(e.listener);
    }
}
} // namespace

void dispatchValue(const EventSlot &slot, double value) noexcept
{
    deliver(slot, &Listeners::value, [value](EventListener *l) { l->onValue(value); });
}

void dispatchStart(const EventSlot &slot) noexcept
{
    deliver(slot, &Listeners::start, [](EventListener *l) { l->onStart(); });
}

void dispatchEnd(const EventSlot &slot) noexcept
{
    deliver(slot, &Listeners::end, [](EventListener *l) { l->onEnd(); });
}

namespace {

// Publishes `next` (nullptr when nobody listens any more) and retires the old list: a thread
// may be iterating it right now.
void publish(EventTable &t, EventSlot *slot, std::unique_ptr<Listeners> next)
{
    const Listeners *old = slot->listeners.load(std::memory_order_relaxed);
    const int kinds = (next->value.empty() ? 0 : ValueListeners)
        | (next->start.empty() ? 0 : StartListeners) | (next->end.empty() ? 0 : EndListeners);
    const Listeners *published = kinds == 0 ? nullptr : next.release();
    slot->listeners.store(published, std::memory_order_release);
    slot->kinds.store(kinds, std::memory_order_release);
    if (old)
        t.retiredLists.emplace_back(old);
}

std::unique_ptr<Listeners> copyOf(const EventSlot *slot)
{
    const Listeners *current = slot->listeners.load(std::memory_order_relaxed);
    return current ? std::make_unique<Listeners>(*current) : std::make_unique<Listeners>();
}

} // namespace

void addListener(EventSlot *slot, EventListener *listener, int kinds, quint64 thread)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    auto next = copyOf(slot);
    const ListenerEntry entry{listener, thread};
    if (kinds & EventListener::ValueEvents)
        next->value.push_back(entry);
    if (kinds & EventListener::StartEvents)
        next->start.push_back(entry);
    if (kinds & EventListener::EndEvents)
        next->end.push_back(entry);
    publish(t, slot, std::move(next));
    reclaimed = reclaimIfMany(t);
}

void removeListener(EventSlot *slot, EventListener *listener)
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    auto next = copyOf(slot);
    for (auto *list : {&next->value, &next->start, &next->end}) {
        list->erase(
            std::remove_if(list->begin(), list->end(),
                           [listener](const ListenerEntry &e) { return e.listener == listener; }),
            list->end());
    }
    publish(t, slot, std::move(next));
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

void reclaimRetired()
{
    EventTable &t = table();
    Reclaimed reclaimed;
    std::lock_guard lock(t.mutex);
    reclaimed = reclaim(t);
}

} // namespace detail
} // namespace counters
