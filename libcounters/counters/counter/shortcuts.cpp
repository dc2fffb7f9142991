// SPDX-License-Identifier: MIT
#include "shortcuts.h"

#include "counterlogging_p.h"
#include "registry.h"

#include <counters/base/keepforever_p.h>
#include <counters/base/platform_p.h>
#include <counters/event/namecache_p.h>

#include <QHash>

#include <mutex>

namespace counters::detail {

namespace {
// Each entry's stamp is the registry generation (+1, so that 0 means "never checked") at which
// this thread last made sure the name has a counter; until a counter is registered or
// unregistered somewhere, there is nothing to check again.
COUNTERS_FAST_TLS thread_local NameCache<quint64> *t_cache = nullptr;
// Made again after the owner is gone (an event from a destructor that runs later: a
// thread-local object made before, a static one at exit), it is never freed: late events
// still work, for one leaked object per such thread.
thread_local bool t_cacheGone = false;
struct CacheOwner
{
    NameCache<quint64> cache;
    ~CacheOwner()
    {
        t_cache = nullptr;
        t_cacheGone = true;
    }
};
thread_local std::unique_ptr<CacheOwner> t_cacheOwner;

// The kinds each labelled family was checked for, in this thread. Like the cache: gone (null)
// once the thread's destructors have run it, so that shortcuts raised later (from static and
// thread-local destructors) check every time instead of touching a destroyed hash.
struct CheckedOwner
{
    QHash<QString, int> checked;
    ~CheckedOwner();
};
thread_local QHash<QString, int> *t_checked = nullptr;
thread_local bool t_checkedGone = false;
thread_local std::unique_ptr<CheckedOwner> t_checkedOwner;
CheckedOwner::~CheckedOwner()
{
    t_checked = nullptr;
    t_checkedGone = true;
}

QHash<QString, int> *checkedFamilies()
{
    if (Q_UNLIKELY(!t_checked && !t_checkedGone)) {
        t_checkedOwner = std::make_unique<CheckedOwner>();
        t_checked = &t_checkedOwner->checked;
    }
    return t_checked;
}

struct Mismatches
{
    std::mutex mutex;
    QStringList names;
};

Mismatches &mismatches()
{
    // Never destroyed: shortcuts may be raised from static destructors.
    static Mismatches *instance = new Mismatches;
    return *instance;
}

/// True when `counter` records nothing of what a shortcut raises as event `name`: it does not
/// listen to that event (an explicit list without its own name), it hears none of the kinds,
/// or it times blocks and hears only their ends (each one then an end without a start).
bool ignores(const Counter &counter, const QString &name, int raised)
{
    if (!counter.events().contains(name))
        return true;
    const int heard = counter.eventKinds() & raised;
    return heard == 0
        || (heard == EventListener::EndEvents
            && (counter.eventKinds() & EventListener::StartEvents));
}

const char *describe(int raised)
{
    if (raised == EventListener::ValueEvents)
        return "value events";
    if (raised == EventListener::EndEvents)
        return "end events";
    return "start and end events";
}

void checkKinds(const Counter &counter, const QString &name, int raised)
{
    if (Q_LIKELY(!ignores(counter, name, raised)))
        return;
    Mismatches &m = mismatches();
    {
        std::lock_guard lock(m.mutex);
        if (m.names.contains(counter.name()))
            return;
        m.names.append(counter.name());
    }
    qCWarning(lcCounter,
              "a shortcut raises %s for \"%ls\", but its counter is a %ls, which records none of "
              "them: use the shortcut that fits the counter, or register the counter under "
              "another name",
              describe(raised), qUtf16Printable(counter.name()),
              qUtf16Printable(counterTypeName(counter.type())));
}
} // namespace

EventSlot *ensureCounter(EventName name, CounterFactory make, int raised)
{
    if (Q_UNLIKELY(!t_cache)) {
        if (t_cacheGone) {
            t_cache = keepForever(std::make_unique<NameCache<quint64>>());
        } else {
            t_cacheOwner = std::make_unique<CacheOwner>();
            t_cache = &t_cacheOwner->cache;
        }
    }
    auto *entry = t_cache->find(name);
    if (!entry)
        entry = &t_cache->insert(name);
    Registry &registry = Registry::global();
    const quint64 generation = registry.generation() + 1;
    if (Q_UNLIKELY(entry->stamp != generation)) {
        const QString key = entry->slot->name;
        const std::shared_ptr<Counter> counter =
            registry.counterOrAdd(key, [&] { return make(key); });
        if (counter)
            checkKinds(*counter, key, raised);
        entry->stamp = generation;
    }
    return entry->slot;
}

Event ensureSeries(EventName familyName, const Labels &labels, CounterFactory make, int raised)
{
    Registry &registry = Registry::global();
    const QString family = familyName.toString();
    bool made = false;
    const Event event = seriesByName(family, labels, registry, make, &made);
    // A family made elsewhere may be of a type that ignores what the shortcut raises: checked
    // when a series is new, and the first time a thread raises these kinds into a family.
    int checkedBefore = 0;
    if (QHash<QString, int> *checked = checkedFamilies()) {
        int &bits = (*checked)[family];
        checkedBefore = bits;
        bits |= raised;
    }
    if (Q_UNLIKELY(made || (checkedBefore & raised) != raised)) {
        if (const std::shared_ptr<Counter> counter = registry.counter(event.slot()->name))
            checkKinds(*counter, counter->name(), raised);
    }
    return event;
}

} // namespace counters::detail

namespace counters {

QStringList mismatchedShortcuts()
{
    detail::Mismatches &m = detail::mismatches();
    std::lock_guard lock(m.mutex);
    return m.names;
}

} // namespace counters
