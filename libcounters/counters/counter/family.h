// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/labels.h>
#include <counters/counter/counter.h>
#include <counters/counter/registry.h>
#include <counters/counters_core_export.h>
#include <counters/event/event.h>

#include <QStringList>
#include <QStringView>

#include <functional>
#include <initializer_list>
#include <memory>

namespace counters {

namespace detail {
/// Makes a counter named `name`.
using CounterFactory = std::shared_ptr<Counter> (*)(const QString &name);
/**
 * labelledEvent(); when `registry` has no family of that name and `make` is set, first adds
 * one whose series `make` makes, over the label names of `labels`, owned by the library (the
 * labelled shortcuts). `*newSeries`: whether a series was made for `labels` meanwhile.
 */
COUNTERS_CORE_EXPORT Event seriesByName(const QString &family, const Labels &labels,
                                        Registry &registry, CounterFactory make,
                                        bool *newSeries = nullptr);
} // namespace detail

/**
 * A counter family: counters of one type over a fixed list of label names, one counter (a
 * series) per set of label values, as Prometheus, OpenTelemetry and Micrometer count requests
 * per route and status.
 *
 *     static counters::Family<counters::AverageTimeCounter> requestTime{
 *         "http_request_time", {"method", "status"}};
 *     static const counters::Event getOk = requestTime.with({u"GET", u"200"});
 *     counters::ScopedEvent timed(getOk);
 *
 * with() gives the series' Event: a handle that records exactly as an unlabelled event does,
 * so a call site that keeps it pays nothing for the labels. The first with() of a label set
 * makes its counter (named seriesName(): `http_request_time{method="GET",status="200"}`),
 * tells it its family and labels (Counter::family(), Counter::labels(), which every report
 * carries) and registers it; later calls find it without a lock (about 30 ns for two labels).
 *
 * Cardinality is bounded: past maxSeries() series (1,000 by default), a new label set records
 * into one overflow series whose label values are all `__overflow__`, for good (raising the
 * limit later makes room for label sets not seen yet). Such label sets are counted
 * (overflowedLabelSets(), and in reports CounterRow::overflowed of the overflow series' row):
 * each once while the family remembers up to maxSeries() of them, every time it meets one
 * beyond that. The first is warned about in "counters.counter".
 * Memory: the series' counters, plus about 100 bytes and the label values per series.
 *
 * Label names must be valid (isValidLabelName(), and unique) and the name not empty and without
 * braces: otherwise
 * the family is not valid (errorString() says why, also in a warning) and with() returns a
 * handle that nobody listens to. Label values may be any text.
 *
 * A registry has at most one family of a name: a second one is not valid, also when the first
 * was made by a labelled shortcut (so make your families before shortcuts raise into them).
 * labelledEvent() finds a family by its name, for label sets known only at run time.
 *
 * Series stay registered while the family lives; destroying the family unregisters them.
 * All members are thread-safe.
 */
class COUNTERS_CORE_EXPORT FamilyBase
{
public:
    static constexpr int kDefaultMaxSeries = 1000;
    /// The value of every label of the overflow series.
    static QString overflowValue();

    virtual ~FamilyBase();
    FamilyBase(const FamilyBase &) = delete;
    FamilyBase &operator=(const FamilyBase &) = delete;

    const QString &name() const noexcept;
    const QStringList &labelNames() const noexcept;
    bool isValid() const noexcept;
    QString errorString() const;

    /// The series of these label values, given in labelNames() order (missing ones are empty,
    /// extra ones ignored).
    Event with(std::initializer_list<QStringView> values);
    Event with(const QStringList &values);
    /// The series of these labels, by name (a missing label is empty; an unknown name is
    /// ignored with a warning).
    Event with(const Labels &labels);

    /// Series beyond which new label sets go to the overflow series (at least 1; the overflow
    /// series is not counted). Lowering it keeps the series that exist.
    int maxSeries() const;
    void setMaxSeries(int max);
    /// Series made so far, the overflow series not included.
    int seriesCount() const;
    /// Label sets that went to the overflow series (see above for when one counts twice).
    quint64 overflowedLabelSets() const;

protected:
    using Factory = std::function<std::shared_ptr<Counter>(const QString &seriesName)>;
    FamilyBase(const QString &name, const QStringList &labelNames, Factory make,
               Registry &registry);

private:
    friend Event detail::seriesByName(const QString &, const Labels &, Registry &,
                                      detail::CounterFactory, bool *);
    Event find(const QStringView *values, qsizetype count);

    class Private;
    const std::unique_ptr<Private> d;
};

/**
 * By name, for label sets known only at run time: the series `labels` of the family named
 * `family` in `registry` (FamilyBase::with(const Labels &)). When the registry has no family of
 * that name, an Event named seriesName(family, labels), which only a counter of that name hears.
 * Takes a lock and hashes the labels (about 130 ns); where the labels are fixed, keep with()'s
 * Event instead.
 */
COUNTERS_CORE_EXPORT Event labelledEvent(EventName family, const Labels &labels,
                                         Registry &registry = Registry::global());
/// A value event into the series `labels` of the family `family` in the global registry
/// (labelledEvent()).
inline void reportValue(EventName family, const Labels &labels, double value)
{
    labelledEvent(family, labels).value(value);
}

/// A family of counters of type T (see FamilyBase). The counters are made with
/// `std::make_shared<T>(seriesName)` (the type's default window), or by `make`.
template <typename T>
class Family final : public FamilyBase
{
public:
    Family(const QString &name, const QStringList &labelNames,
           Registry &registry = Registry::global())
        : FamilyBase(name, labelNames, &makeDefault, registry)
    {
    }
    /// `make(seriesName)` makes a series' counter (another window, a unit, ...).
    Family(const QString &name, const QStringList &labelNames,
           std::function<std::shared_ptr<T>(const QString &seriesName)> make,
           Registry &registry = Registry::global())
        : FamilyBase(
            name, labelNames,
            [make = std::move(make)](const QString &series) -> std::shared_ptr<Counter> {
                return make(series);
            },
            registry)
    {
    }

private:
    static std::shared_ptr<Counter> makeDefault(const QString &series)
    {
        return std::make_shared<T>(series);
    }
};

} // namespace counters
