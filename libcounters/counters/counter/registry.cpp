// SPDX-License-Identifier: MIT
#include "registry.h"

#include <counters/base/platform_p.h>
#include <counters/event/listeners_p.h>

#include <QCoreApplication>
#include <QMap>
#include <QSysInfo>

#include <atomic>
#include <mutex>

namespace counters {

namespace {

// Taken when the library is loaded: close enough to the process start for a report header.
const double g_loadTime = Clock::system()->wallSeconds();

QString defaultServiceName()
{
    QString name = QCoreApplication::applicationName();
    if (name.isEmpty())
        name = detail::platform::executableName();
    return name;
}

// Each thread's last failure and the registry it happened in (by serial, so that a new
// registry at a freed address does not inherit it). The registry may be used from static
// destructors and from other thread-locals' destructors, after this one is gone: the flag, which
// needs no destructor, says so, and failures then go unexplained rather than touch freed memory.
thread_local bool t_lastErrorGone = false;
struct LastError
{
    quint64 registry = 0;
    QString message;
    ~LastError() { t_lastErrorGone = true; }
};
thread_local LastError t_lastError;
std::atomic<quint64> s_nextRegistry{1};

} // namespace

class Registry::Private
{
public:
    struct Entry
    {
        std::shared_ptr<Counter> counter;
        QList<detail::EventSlot *> slots;
    };

    explicit Private(const Clock *c) : clock(c) { }

    bool fail(const QString &message)
    {
        if (!t_lastErrorGone) {
            t_lastError.registry = serial;
            t_lastError.message = message;
        }
        return false;
    }

    void add(const std::shared_ptr<Counter> &counter, ThreadScope scope)
    {
        Entry entry{counter, {}};
        const quint64 thread = scope == ThreadScope::CurrentThread ? detail::currentThreadId() : 0;
        counter->startListening();
        for (const QString &event : counter->events()) {
            detail::EventSlot *slot = detail::internEvent(event);
            if (entry.slots.contains(slot))
                continue; // listed twice: still one delivery per event
            detail::addListener(slot, counter.get(), counter->eventKinds(), thread);
            entry.slots.append(slot);
        }
        entries.insert(counter->name(), std::move(entry));
        generation.fetch_add(1, std::memory_order_release);
    }

    void remove(QMap<QString, Entry>::iterator it)
    {
        for (detail::EventSlot *slot : std::as_const(it->slots))
            detail::removeListener(slot, it->counter.get());
        it->counter->m_registered.store(false);
        detail::retire(it->counter);
        entries.erase(it);
        generation.fetch_add(1, std::memory_order_release);
    }

    std::atomic<const Clock *> clock; // written under mutex
    mutable std::mutex mutex;
    QMap<QString, Entry> entries;
    const quint64 serial = s_nextRegistry.fetch_add(1, std::memory_order_relaxed);
    QString serviceName;
    std::atomic<quint64> generation{0};
};

Registry::Registry(const Clock *clock) : d(std::make_unique<Private>(clock)) { }

Registry::~Registry()
{
    unregisterAll();
}

Registry &Registry::global()
{
    // Never destroyed: counters may be raised from static destructors and threads at exit.
    static Registry *instance = new Registry;
    return *instance;
}

bool Registry::registerCounter(const std::shared_ptr<Counter> &counter, IfExists ifExists,
                               ThreadScope scope)
{
    std::lock_guard lock(d->mutex);
    if (!counter)
        return d->fail(QStringLiteral("Cannot register a null counter"));
    if (counter->name().isEmpty())
        return d->fail(QStringLiteral("Cannot register a counter without a name"));
    if (d->entries.contains(counter->name())) {
        if (ifExists == IfExists::Ignore)
            return true;
        return d->fail(
            QStringLiteral("A counter named %1 is already defined").arg(counter->name()));
    }
    if (counter->m_registered.exchange(true)) {
        return d->fail(QStringLiteral("Counter %1 is already registered in another registry")
                           .arg(counter->name()));
    }
    const Clock *clock = d->clock.load(std::memory_order_relaxed);
    if (clock != Clock::system() && counter->clock() == Clock::system())
        counter->useClock(clock); // claimed above, not yet listening: nobody records into it
    d->add(counter, scope);
    return true;
}

bool Registry::unregisterCounter(const std::shared_ptr<Counter> &counter)
{
    std::lock_guard lock(d->mutex);
    if (!counter)
        return d->fail(QStringLiteral("Cannot unregister a null counter"));
    auto it = d->entries.find(counter->name());
    if (it == d->entries.end() || it->counter != counter)
        return d->fail(QStringLiteral("Counter %1 is not registered").arg(counter->name()));
    d->remove(it);
    return true;
}

bool Registry::unregisterCounter(const QString &name)
{
    std::lock_guard lock(d->mutex);
    auto it = d->entries.find(name);
    if (it == d->entries.end())
        return d->fail(QStringLiteral("No counter named '%1' found").arg(name));
    d->remove(it);
    return true;
}

void Registry::unregisterAll()
{
    std::lock_guard lock(d->mutex);
    while (!d->entries.isEmpty())
        d->remove(d->entries.begin());
}

std::shared_ptr<Counter> Registry::counter(const QString &name) const
{
    std::lock_guard lock(d->mutex);
    auto it = d->entries.constFind(name);
    return it == d->entries.cend() ? nullptr : it->counter;
}

QList<std::shared_ptr<Counter>> Registry::counters() const
{
    std::lock_guard lock(d->mutex);
    QList<std::shared_ptr<Counter>> result;
    result.reserve(d->entries.size());
    for (const Private::Entry &e : d->entries)
        result.append(e.counter);
    return result;
}

std::shared_ptr<Counter> Registry::counterOrAdd(
    const QString &name, const std::function<std::shared_ptr<Counter>()> &create)
{
    std::lock_guard lock(d->mutex);
    auto it = d->entries.constFind(name);
    if (it != d->entries.cend())
        return it->counter;
    std::shared_ptr<Counter> counter = create();
    if (!counter) {
        d->fail(QStringLiteral("No counter was made for %1").arg(name));
        return nullptr;
    }
    Q_ASSERT(counter->name() == name);
    counter->m_registered.store(true);
    counter->useClock(d->clock.load(std::memory_order_relaxed)); // a new counter
    d->add(counter, ThreadScope::AllThreads);
    return counter;
}

Snapshot Registry::collect() const
{
    const QList<std::shared_ptr<Counter>> all = counters();
    QList<CounterRow> rows;
    rows.reserve(all.size());
    for (const auto &counter : all)
        rows.append(counter->row());
    SnapshotSource source;
    source.service = serviceName();
    source.host = QSysInfo::machineHostName();
    source.pid = QCoreApplication::applicationPid();
    source.processStart = g_loadTime;
    return Snapshot(clock()->wallSeconds(), std::move(source), std::move(rows));
}

quint64 Registry::generation() const noexcept
{
    return d->generation.load(std::memory_order_acquire);
}

const Clock *Registry::clock() const noexcept
{
    return d->clock.load(std::memory_order_acquire);
}

bool Registry::setClock(const Clock *clock)
{
    std::lock_guard lock(d->mutex);
    if (!clock)
        return d->fail(QStringLiteral("Cannot read time from a null clock"));
    if (!d->entries.isEmpty()) {
        return d->fail(QStringLiteral("Cannot change the clock of a registry with %1 counters; "
                                      "unregister them first")
                           .arg(d->entries.size()));
    }
    d->clock.store(clock, std::memory_order_release);
    return true;
}

void Registry::setServiceName(const QString &name)
{
    std::lock_guard lock(d->mutex);
    d->serviceName = name;
}

QString Registry::serviceName() const
{
    std::lock_guard lock(d->mutex);
    return d->serviceName.isEmpty() ? defaultServiceName() : d->serviceName;
}

QString Registry::errorString() const
{
    if (t_lastErrorGone || t_lastError.registry != d->serial)
        return QString();
    return t_lastError.message;
}

} // namespace counters
