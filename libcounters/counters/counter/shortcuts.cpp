// SPDX-License-Identifier: MIT
#include "shortcuts.h"

#include "registry.h"

#include <counters/base/platform_p.h>
#include <counters/event/namecache_p.h>

namespace counters::detail {

namespace {
// Each entry's stamp is the registry generation (+1, so that 0 means "never checked") at which
// this thread last made sure the name has a counter; until a counter is registered or
// unregistered somewhere, there is nothing to check again.
COUNTERS_FAST_TLS thread_local NameCache<quint64> *t_cache = nullptr;
struct CacheOwner
{
    NameCache<quint64> cache;
    ~CacheOwner() { t_cache = nullptr; }
};
thread_local std::unique_ptr<CacheOwner> t_cacheOwner;
} // namespace

EventSlot *ensureCounter(EventName name, CounterFactory make)
{
    if (Q_UNLIKELY(!t_cache)) {
        t_cacheOwner = std::make_unique<CacheOwner>();
        t_cache = &t_cacheOwner->cache;
    }
    auto *entry = t_cache->find(name);
    if (!entry)
        entry = &t_cache->insert(name);
    Registry &registry = Registry::global();
    const quint64 generation = registry.generation() + 1;
    if (Q_UNLIKELY(entry->stamp != generation)) {
        const QString key = entry->slot->name;
        registry.counterOrAdd(key, [&] { return make(key); });
        entry->stamp = generation;
    }
    return entry->slot;
}

} // namespace counters::detail
