// SPDX-License-Identifier: MIT
#include "event.h"

#include "listeners_p.h"
#include "namecache_p.h"

#include <counters/counter/counter.h>

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
    std::vector<std::unique_ptr<const Listeners>> retiredLists;
    std::vector<std::shared_ptr<const void>> retiredObjects;
};

// Never destroyed: handles in static storage and threads still running at exit may use it.
EventTable &table()
{
    static EventTable *instance = new EventTable;
    return *instance;
}

std::atomic<quint64> g_lastThreadId{0};
__attribute__((tls_model("initial-exec"))) thread_local quint64 t_threadId = 0;

// A plain pointer for the hot path (no dynamic-initialisation guard), and its owner, which
// forgets the pointer when the thread exits.
__attribute__((tls_model("initial-exec"))) thread_local NameCache<char> *t_cache = nullptr;
struct CacheOwner
{
    NameCache<char> cache;
    ~CacheOwner() { t_cache = nullptr; }
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
        t_cacheOwner = std::make_unique<CacheOwner>();
        t_cache = &t_cacheOwner->cache;
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
inline void deliver(const std::vector<ListenerEntry> &entries, Call call) noexcept
{
    for (const ListenerEntry &e : entries) {
        if (Q_UNLIKELY(e.thread != 0) && e.thread != currentThreadId())
            continue;
        call(e.counter);
    }
}
} // namespace

void dispatchValue(const Listeners &listeners, double value) noexcept
{
    deliver(listeners.value, [value](Counter *c) { c->reportValue(value); });
}

void dispatchStart(const Listeners &listeners) noexcept
{
    deliver(listeners.start, [](Counter *c) { c->reportStart(); });
}

void dispatchEnd(const Listeners &listeners) noexcept
{
    deliver(listeners.end, [](Counter *c) { c->reportEnd(); });
}

namespace {

// Publishes `next` (nullptr when nobody listens any more) and keeps the old list: a thread may
// be iterating it right now.
void publish(EventTable &t, EventSlot *slot, std::unique_ptr<Listeners> next)
{
    const Listeners *old = slot->listeners.load(std::memory_order_relaxed);
    const bool empty = next->value.empty() && next->start.empty() && next->end.empty();
    const Listeners *published = empty ? nullptr : next.release();
    slot->listeners.store(published, std::memory_order_release);
    if (old)
        t.retiredLists.emplace_back(old);
}

std::unique_ptr<Listeners> copyOf(const EventSlot *slot)
{
    const Listeners *current = slot->listeners.load(std::memory_order_relaxed);
    return current ? std::make_unique<Listeners>(*current) : std::make_unique<Listeners>();
}

} // namespace

void addListener(EventSlot *slot, Counter *counter, int kinds, quint64 thread)
{
    EventTable &t = table();
    std::lock_guard lock(t.mutex);
    auto next = copyOf(slot);
    const ListenerEntry entry{counter, thread};
    if (kinds & Counter::ValueEvents)
        next->value.push_back(entry);
    if (kinds & Counter::StartEvents)
        next->start.push_back(entry);
    if (kinds & Counter::EndEvents)
        next->end.push_back(entry);
    publish(t, slot, std::move(next));
}

void removeListener(EventSlot *slot, Counter *counter)
{
    EventTable &t = table();
    std::lock_guard lock(t.mutex);
    auto next = copyOf(slot);
    for (auto *list : {&next->value, &next->start, &next->end}) {
        list->erase(
            std::remove_if(list->begin(), list->end(),
                           [counter](const ListenerEntry &e) { return e.counter == counter; }),
            list->end());
    }
    publish(t, slot, std::move(next));
}

void retire(std::shared_ptr<const void> object)
{
    EventTable &t = table();
    std::lock_guard lock(t.mutex);
    t.retiredObjects.push_back(std::move(object));
}

} // namespace detail
} // namespace counters
