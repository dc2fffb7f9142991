// SPDX-License-Identifier: MIT
#include "family.h"

#include "counterlogging_p.h"

#include <QRandomGenerator>

#include <atomic>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace counters {

namespace {

// One label set the family has seen: its series' handle (or the overflow series').
struct Entry
{
    size_t hash = 0;
    QStringList values;
    Event event{static_cast<detail::EventSlot *>(nullptr)}; // set before the entry is published
};

// An open-addressing table of entries, at most half full. Readers probe it without a lock;
// a writer publishes an entry with one release store into an empty slot, and replaces a full
// table by a larger copy. Entries and old tables live as long as the family, so a reader never
// sees freed memory; they are bounded by twice the series limit (see add()).
struct Table
{
    explicit Table(size_t capacity)
        : slots(std::make_unique<std::atomic<const Entry *>[]>(capacity)), mask(capacity - 1)
    {
    }
    std::unique_ptr<std::atomic<const Entry *>[]> slots;
    const size_t mask;
};

size_t combine(size_t seed, size_t hash)
{
    return seed ^ (hash + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

bool sameValues(const QStringList &stored, const QStringView *values, qsizetype count)
{
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const QStringView value = i < count ? values[i] : QStringView();
        if (stored.at(i) != value)
            return false;
    }
    return true;
}

QString checkNames(const QString &name, const QStringList &labelNames)
{
    if (name.isEmpty())
        return QStringLiteral("a counter family needs a name");
    // Its series are named `name{label="value"}`: braces in the name would make that ambiguous.
    if (name.contains(QLatin1Char('{')) || name.contains(QLatin1Char('}')))
        return QStringLiteral("a counter family's name cannot hold { or }");
    for (qsizetype i = 0; i < labelNames.size(); ++i) {
        QString error;
        if (!isValidLabelName(labelNames.at(i), &error))
            return error;
        if (labelNames.indexOf(labelNames.at(i)) != i)
            return QStringLiteral("the label name \"%1\" is listed twice").arg(labelNames.at(i));
    }
    return QString();
}

// The families of each registry by name, for labelledEvent(). Its lock is held while a family
// found by name is used, so that it cannot be destroyed meanwhile; a family's own lock and the
// registry's are taken inside it, never the other way round.
struct Directory
{
    struct Owned
    {
        std::unique_ptr<FamilyBase> family; // null: refused (its error was logged once)
        quint64 generation = 0; // of the registry when its series were last known registered
    };
    std::recursive_mutex mutex; // seriesByName() makes and destroys families while holding it
    using Key = std::pair<const Registry *, QString>;
    std::map<Key, FamilyBase *> families;
    std::map<Key, Owned> owned; // made by the labelled shortcuts

    FamilyBase *family(const Registry &registry, const QString &name) const
    {
        const auto it = families.find({&registry, name});
        return it == families.end() ? nullptr : it->second;
    }
};

Directory &directory()
{
    // Never destroyed, as the global registry: shortcuts may be raised at exit.
    static Directory *instance = new Directory;
    return *instance;
}

} // namespace

class FamilyBase::Private
{
public:
    Private(const QString &n, const QStringList &labels, Factory m, Registry &r)
        : name(n),
          labelNames(labels),
          make(std::move(m)),
          registry(r),
          error(checkNames(n, labels)),
          seed(size_t(QRandomGenerator::system()->generate64()))
    {
        tables.push_back(std::make_unique<Table>(16));
        table.store(tables.back().get(), std::memory_order_release);
    }

    size_t hashOf(const QStringView *values, qsizetype count) const
    {
        size_t h = seed;
        for (qsizetype i = 0; i < labelNames.size(); ++i)
            h = combine(h, qHash(i < count ? values[i] : QStringView(), seed));
        return h;
    }

    static const Entry *lookUp(const Table &t, size_t hash, const QStringView *values,
                               qsizetype count)
    {
        for (size_t i = hash & t.mask;; i = (i + 1) & t.mask) {
            const Entry *e = t.slots[i].load(std::memory_order_acquire);
            if (!e)
                return nullptr;
            if (e->hash == hash && sameValues(e->values, values, count))
                return e;
        }
    }

    Event add(size_t hash, const QStringView *values, qsizetype count);
    /// Whether every series made so far is still registered (not unregistered behind the
    /// family's back).
    bool seriesRegistered()
    {
        std::lock_guard lock(mutex);
        for (const std::shared_ptr<Counter> &counter : counters) {
            if (registry.counter(counter->name()) != counter)
                return false;
        }
        return true;
    }
    Event makeSeries(const Labels &labels, bool isOverflow = false);
    void insert(std::unique_ptr<Entry> entry);

    const QString name;
    const QStringList labelNames;
    const Factory make;
    Registry &registry;
    QString error; // set while constructing only
    const size_t seed;
    std::atomic<bool> warnedUnknownLabel{false};

    std::atomic<const Table *> table{nullptr};
    std::atomic<int> maxSeries{kDefaultMaxSeries};
    std::atomic<int> seriesCount{0};
    // Shared with the overflow series' counter, which may outlive the family in a collect.
    const std::shared_ptr<std::atomic<quint64>> overflowed =
        std::make_shared<std::atomic<quint64>>(0);

    std::mutex mutex; // guards everything below, and every write to the table
    std::vector<std::unique_ptr<Table>> tables;
    std::vector<std::unique_ptr<Entry>> entries;
    std::vector<std::shared_ptr<Counter>> counters;
    std::optional<Event> overflow;
    int overflowEntries = 0;
    // Warnings found under the lock, logged after it (a message handler may record events).
    QStringList pendingWarnings;

    void logPendingWarnings(std::unique_lock<std::mutex> &lock)
    {
        const QStringList warnings = std::exchange(pendingWarnings, {});
        lock.unlock();
        for (const QString &warning : warnings) {
            qCWarning(lcCounter, "counter family %ls: %ls", qUtf16Printable(name),
                      qUtf16Printable(warning));
        }
    }
};

Event FamilyBase::Private::makeSeries(const Labels &labels, bool isOverflow)
{
    const QString series = seriesName(name, labels);
    std::shared_ptr<Counter> counter = make(series);
    if (!counter || counter->name() != series) {
        pendingWarnings.append(QStringLiteral("no counter was made for ") + series);
        return Event(detail::internEvent(series));
    }
    counter->setSeries(name, labels);
    if (isOverflow)
        counter->setOverflowCount(overflowed);
    if (!registry.registerCounter(counter, Registry::IfExists::Fail)) {
        pendingWarnings.append(registry.errorString());
    } else {
        counters.push_back(counter);
    }
    return Event(detail::internEvent(series));
}

void FamilyBase::Private::insert(std::unique_ptr<Entry> entry)
{
    const Table *current = table.load(std::memory_order_relaxed);
    if (entries.size() + 1 > (current->mask + 1) / 2) {
        auto larger = std::make_unique<Table>((current->mask + 1) * 2);
        for (const auto &e : entries) {
            size_t i = e->hash & larger->mask;
            while (larger->slots[i].load(std::memory_order_relaxed))
                i = (i + 1) & larger->mask;
            larger->slots[i].store(e.get(), std::memory_order_relaxed);
        }
        current = larger.get();
        tables.push_back(std::move(larger));
        table.store(current, std::memory_order_release);
    }
    size_t i = entry->hash & current->mask;
    while (current->slots[i].load(std::memory_order_relaxed))
        i = (i + 1) & current->mask;
    current->slots[i].store(entry.get(), std::memory_order_release);
    entries.push_back(std::move(entry));
}

Event FamilyBase::Private::add(size_t hash, const QStringView *values, qsizetype count)
{
    std::unique_lock lock(mutex);
    if (const Entry *e = lookUp(*table.load(std::memory_order_relaxed), hash, values, count))
        return e->event; // added by another thread meanwhile

    auto entry = std::make_unique<Entry>();
    entry->hash = hash;
    for (qsizetype i = 0; i < labelNames.size(); ++i)
        entry->values.append(i < count ? values[i].toString() : QString());

    if (seriesCount.load(std::memory_order_relaxed) < maxSeries.load(std::memory_order_relaxed)) {
        Labels labels;
        for (qsizetype i = 0; i < labelNames.size(); ++i)
            labels.insert(labelNames.at(i), entry->values.at(i));
        entry->event = makeSeries(labels);
        seriesCount.fetch_add(1, std::memory_order_relaxed);
        const Event event = entry->event;
        insert(std::move(entry));
        logPendingWarnings(lock);
        return event;
    }

    // Past the limit: the overflow series.
    const bool first = overflowed->fetch_add(1, std::memory_order_relaxed) == 0;
    const QString example = first ? entry->values.join(QStringLiteral(", ")) : QString();
    if (!overflow) {
        Labels labels;
        for (const QString &label : labelNames)
            labels.insert(label, overflowValue());
        overflow = makeSeries(labels, true);
    }
    entry->event = *overflow;
    // Remembered (so that it is counted once and found without a lock) up to as many label sets
    // as series; hostile label values beyond that cost a lock each and count each time.
    if (overflowEntries < maxSeries.load(std::memory_order_relaxed)) {
        ++overflowEntries;
        insert(std::move(entry));
    }
    const Event event = *overflow;
    logPendingWarnings(lock);
    // Logged without the lock: a message handler may record events itself.
    if (first) {
        qCWarning(lcCounter,
                  "counter family %ls has %d series, its limit: new label sets, such as "
                  "{%ls}, record into the series whose labels are all %ls",
                  qUtf16Printable(name), maxSeries.load(std::memory_order_relaxed),
                  qUtf16Printable(example), qUtf16Printable(overflowValue()));
    }
    return event;
}

QString FamilyBase::overflowValue()
{
    return QStringLiteral("__overflow__");
}

FamilyBase::FamilyBase(const QString &name, const QStringList &labelNames, Factory make,
                       Registry &registry)
    : d(std::make_unique<Private>(name, labelNames, std::move(make), registry))
{
    if (d->error.isEmpty()) {
        Directory &dir = directory();
        std::lock_guard lock(dir.mutex);
        if (!dir.families.try_emplace({&registry, name}, this).second)
            d->error = QStringLiteral("the registry has a counter family of that name already");
    }
    if (!d->error.isEmpty())
        qCWarning(lcCounter, "counter family %ls: %ls", qUtf16Printable(name),
                  qUtf16Printable(d->error));
}

FamilyBase::~FamilyBase()
{
    if (d->error.isEmpty()) {
        Directory &dir = directory();
        std::lock_guard lock(dir.mutex);
        dir.families.erase({&d->registry, d->name});
    }
    for (const std::shared_ptr<Counter> &counter : d->counters)
        (void)d->registry.unregisterCounter(counter);
}

const QString &FamilyBase::name() const noexcept
{
    return d->name;
}

const QStringList &FamilyBase::labelNames() const noexcept
{
    return d->labelNames;
}

bool FamilyBase::isValid() const noexcept
{
    return d->error.isEmpty();
}

QString FamilyBase::errorString() const
{
    return d->error;
}

Event FamilyBase::find(const QStringView *values, qsizetype count)
{
    if (Q_UNLIKELY(!isValid()))
        return Event(detail::internEvent(QStringLiteral("\u0001counters.invalid-family")));
    const size_t hash = d->hashOf(values, count);
    if (const Entry *e =
            Private::lookUp(*d->table.load(std::memory_order_acquire), hash, values, count)) {
        return e->event;
    }
    return d->add(hash, values, count);
}

Event FamilyBase::with(std::initializer_list<QStringView> values)
{
    return find(values.begin(), qsizetype(values.size()));
}

Event FamilyBase::with(const QStringList &values)
{
    std::vector<QStringView> views(values.cbegin(), values.cend());
    return find(views.data(), qsizetype(views.size()));
}

Event FamilyBase::with(const Labels &labels)
{
    std::vector<QStringView> views;
    views.reserve(std::size_t(d->labelNames.size()));
    for (const QString &label : d->labelNames) {
        const auto it = labels.constFind(label);
        views.push_back(it == labels.cend() ? QStringView() : QStringView(*it));
    }
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (!d->labelNames.contains(it.key())
            && !d->warnedUnknownLabel.exchange(true, std::memory_order_relaxed)) {
            qCWarning(lcCounter, "counter family %ls has no label \"%ls\"; ignored",
                      qUtf16Printable(d->name), qUtf16Printable(it.key()));
        }
    }
    return find(views.data(), qsizetype(views.size()));
}

int FamilyBase::maxSeries() const
{
    return d->maxSeries.load(std::memory_order_relaxed);
}

void FamilyBase::setMaxSeries(int max)
{
    d->maxSeries.store(std::max(1, max), std::memory_order_relaxed);
}

int FamilyBase::seriesCount() const
{
    return d->seriesCount.load(std::memory_order_relaxed);
}

quint64 FamilyBase::overflowedLabelSets() const
{
    return d->overflowed->load(std::memory_order_relaxed);
}

Event labelledEvent(EventName family, const Labels &labels, Registry &registry)
{
    return detail::seriesByName(family.toString(), labels, registry, nullptr);
}

namespace detail {

namespace {
/// A family made by the labelled shortcuts.
class OwnedFamily final : public FamilyBase
{
public:
    OwnedFamily(const QString &name, const QStringList &labelNames, CounterFactory make,
                Registry &registry)
        : FamilyBase(name, labelNames, make, registry)
    {
    }
};
} // namespace

Event seriesByName(const QString &family, const Labels &labels, Registry &registry,
                   CounterFactory make, bool *newSeries)
{
    Directory &dir = directory();
    std::lock_guard lock(dir.mutex);
    FamilyBase *found = dir.family(registry, family);
    if (make) {
        const auto owned = dir.owned.find({&registry, family});
        if (!found && owned != dir.owned.end() && !owned->second.family) {
            if (newSeries)
                *newSeries = false;
            return Event(internEvent(seriesName(family, labels))); // refused before
        }
        // A family of the shortcuts whose series were unregistered behind its back
        // (unregisterAll() between tests, say) starts afresh.
        // The generation is read before the scan: an unregistration during it is seen next time.
        const quint64 generation = registry.generation();
        if (found && owned != dir.owned.end() && owned->second.family.get() == found
            && owned->second.generation != generation) {
            if (!found->d->seriesRegistered()) {
                dir.owned.erase(owned); // destroys it, which takes it out of `families`
                found = nullptr;
            } else {
                owned->second.generation = generation;
            }
        }
        if (!found) {
            auto made = std::make_unique<OwnedFamily>(family, labels.keys(), make, registry);
            Directory::Owned &slot = dir.owned[{&registry, family}];
            if (made->isValid()) {
                found = made.get();
                slot.family = std::move(made);
            }
        }
    }
    if (!found)
        return Event(internEvent(seriesName(family, labels)));
    const int before = found->seriesCount();
    const quint64 generation = registry.generation();
    const Event event = found->with(labels);
    if (newSeries)
        *newSeries = found->seriesCount() != before;
    if (make && found->seriesCount() != before) {
        // Its own new series is no reason to check again (the generation it moved on from was
        // read before, so a change by anyone else meanwhile still counts).
        const auto owned = dir.owned.find({&registry, family});
        if (owned != dir.owned.end() && owned->second.family.get() == found
            && owned->second.generation == generation)
            owned->second.generation = registry.generation();
    }
    return event;
}

} // namespace detail

} // namespace counters
