// SPDX-License-Identifier: MIT
#include "snapshot.h"

#include <QtNumeric>

#include <algorithm>

namespace counters {

bool operator==(const CounterRow &a, const CounterRow &b)
{
    return a.name == b.name && a.type == b.type && a.value == b.value && a.unit == b.unit
        && a.statistic == b.statistic && a.window == b.window && a.count == b.count
        && a.subValues == b.subValues && a.histogram == b.histogram && a.dropped == b.dropped
        && a.overflowed == b.overflowed && a.family == b.family && a.labels == b.labels
        && a.merge == b.merge;
}

bool operator==(const SnapshotSource &a, const SnapshotSource &b)
{
    return a.service == b.service && a.host == b.host && a.pid == b.pid
        && a.processStart == b.processStart && a.node == b.node && a.stale == b.stale;
}

class Snapshot::Data : public QSharedData
{
public:
    double time = 0;
    SnapshotSource source;
    QList<CounterRow> rows;
    QList<Snapshot> nodes;
    bool null = true;
};

Snapshot::Snapshot() : d(new Data) { }

Snapshot::Snapshot(double time, SnapshotSource source, QList<CounterRow> rows,
                   QList<Snapshot> nodes)
    : d(new Data)
{
    std::stable_sort(rows.begin(), rows.end(),
                     [](const CounterRow &a, const CounterRow &b) { return a.name < b.name; });
    rows.erase(
        std::unique(rows.begin(), rows.end(),
                    [](const CounterRow &a, const CounterRow &b) { return a.name == b.name; }),
        rows.end());
    d->time = time;
    d->source = std::move(source);
    d->rows = std::move(rows);
    d->nodes = std::move(nodes);
    d->null = false;
}

Snapshot::Snapshot(const Snapshot &other) = default;
Snapshot::Snapshot(Snapshot &&other) noexcept = default;
Snapshot &Snapshot::operator=(const Snapshot &other) = default;
Snapshot &Snapshot::operator=(Snapshot &&other) noexcept = default;
Snapshot::~Snapshot() = default;

bool Snapshot::isNull() const
{
    return d->null;
}
double Snapshot::time() const
{
    return d->time;
}
const SnapshotSource &Snapshot::source() const
{
    return d->source;
}
const QList<CounterRow> &Snapshot::rows() const
{
    return d->rows;
}
const QList<Snapshot> &Snapshot::nodes() const
{
    return d->nodes;
}

const CounterRow *Snapshot::row(QStringView name) const
{
    const auto &rows = d->rows;
    auto it = std::lower_bound(rows.cbegin(), rows.cend(), name,
                               [](const CounterRow &r, QStringView n) { return r.name < n; });
    return it != rows.cend() && it->name == name ? &*it : nullptr;
}

std::optional<double> Snapshot::value(QStringView name) const
{
    const CounterRow *r = row(name);
    return r ? r->value : std::nullopt;
}

bool operator==(const Snapshot &a, const Snapshot &b)
{
    return a.d->null == b.d->null && a.d->time == b.d->time && a.d->source == b.d->source
        && a.d->rows == b.d->rows && a.d->nodes == b.d->nodes;
}

namespace {

std::optional<double> mergeValues(MergeRule rule, const QList<CounterRow> &rows)
{
    std::optional<double> result;
    switch (rule) {
    case MergeRule::Sum:
        for (const CounterRow &r : rows) {
            if (r.value)
                result = result.value_or(0.0) + *r.value;
        }
        break;
    case MergeRule::WeightedMean: {
        double weighted = 0;
        double weights = 0;
        for (const CounterRow &r : rows) {
            if (r.value && r.count > 0) {
                weighted += *r.value * double(r.count);
                weights += double(r.count);
            }
        }
        if (weights > 0)
            result = weighted / weights;
        break;
    }
    case MergeRule::Max:
    case MergeRule::Min:
        for (const CounterRow &r : rows) {
            if (!r.value)
                continue;
            if (!result)
                result = r.value;
            else
                result = rule == MergeRule::Max ? std::max(*result, *r.value)
                                                : std::min(*result, *r.value);
        }
        break;
    case MergeRule::Histogram: // recomputeQuantiles() decides
        break;
    case MergeRule::First:
        for (const CounterRow &r : rows) {
            if (r.value)
                return r.value;
        }
        break;
    case MergeRule::Last:
        for (auto r = rows.crbegin(); r != rows.crend(); ++r) {
            if (r->value)
                return r->value;
        }
        break;
    }
    return result;
}

} // namespace

CounterRow mergeRows(const QList<CounterRow> &rows)
{
    CounterRow merged;
    if (rows.isEmpty())
        return merged;
    merged.name = rows.first().name;
    merged.family = rows.first().family; // one name, one series: the same labels
    merged.labels = rows.first().labels;
    merged.type = rows.first().type;
    merged.unit = rows.first().unit;
    merged.statistic = rows.first().statistic;
    merged.window = rows.first().window;
    merged.merge = rows.first().merge;
    for (const CounterRow &r : rows) {
        if (r.merge != merged.merge)
            merged.merge.reset();
        if (r.type != merged.type)
            merged.type = CounterType::Unknown;
        if (r.unit != merged.unit)
            merged.unit = Unit::None;
        if (r.statistic != merged.statistic)
            merged.statistic = Statistic::Unknown;
        merged.window = std::max(merged.window, r.window);
        merged.count += r.count;
        merged.dropped += r.dropped;
        merged.overflowed += r.overflowed;
        merged.histogram.merge(r.histogram);
        for (auto it = r.subValues.cbegin(); it != r.subValues.cend(); ++it) {
            auto mine = merged.subValues.find(it.key());
            if (mine == merged.subValues.end())
                merged.subValues.insert(it.key(), it.value());
            else if (it.key() == QLatin1String("min"))
                *mine = std::min(*mine, it.value());
            else if (it.key() == QLatin1String("max"))
                *mine = std::max(*mine, it.value());
            else
                *mine += it.value();
        }
    }
    const MergeRule rule = merged.merge.value_or(mergeRule(merged.type));
    merged.value = mergeValues(rule, rows);
    if (rule == MergeRule::Histogram) {
        // A single row without a histogram (a report from elsewhere) keeps its readings.
        if (rows.size() == 1 && merged.histogram.isEmpty())
            return rows.first();
        recomputeQuantiles(merged);
    }
    return merged;
}

void recomputeQuantiles(CounterRow &row)
{
    const double min = row.subValues.value(QStringLiteral("min"), -qInf());
    const double max = row.subValues.value(QStringLiteral("max"), qInf());
    // Clamping to the exact extremes only moves an estimate towards the true quantile, which
    // lies between them.
    auto clamped = [min, max](double v) { return std::min(std::max(v, min), max); };
    for (auto it = row.subValues.begin(); it != row.subValues.end();) {
        const std::optional<double> q = LogHistogram::quantileOfKey(it.key());
        const std::optional<double> v = q ? row.histogram.quantile(*q) : std::nullopt;
        if (v)
            *it++ = clamped(*v);
        else if (q)
            it = row.subValues.erase(it);
        else
            ++it;
    }
    const std::optional<double> median = row.histogram.quantile(0.5);
    row.value = median ? std::optional<double>(clamped(*median)) : std::nullopt;
}

Snapshot merge(const QList<Snapshot> &snapshots, double time, const SnapshotSource &source)
{
    // Oldest first, so that MergeRule::Last takes the newest report's value.
    QList<const Snapshot *> byTime;
    for (const Snapshot &s : snapshots)
        byTime.append(&s);
    std::stable_sort(byTime.begin(), byTime.end(),
                     [](const Snapshot *a, const Snapshot *b) { return a->time() < b->time(); });
    QMap<QString, QList<CounterRow>> byName;
    for (const Snapshot *s : std::as_const(byTime)) {
        for (const CounterRow &r : s->rows())
            byName[r.name].append(r);
    }
    QList<CounterRow> rows;
    rows.reserve(byName.size());
    for (const QList<CounterRow> &group : std::as_const(byName))
        rows.append(mergeRows(group));
    return Snapshot(time, source, std::move(rows), snapshots);
}

} // namespace counters
