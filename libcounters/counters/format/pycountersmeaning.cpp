// SPDX-License-Identifier: MIT
#include "pycountersmeaning_p.h"

#include <QLatin1String>
#include <QRegularExpression>

namespace counters::detail {

namespace {

constexpr QLatin1String kMeanSuffixes[] = {
    QLatin1String("_avg"), QLatin1String("_average"), QLatin1String("_mean"),
    QLatin1String(".avg"), QLatin1String(".average"), QLatin1String(".mean"),
};
constexpr QLatin1String kMinSuffixes[] = {QLatin1String("_min"), QLatin1String(".min")};
constexpr QLatin1String kMaxSuffixes[] = {QLatin1String("_max"), QLatin1String(".max")};

template <std::size_t N>
QLatin1String suffixOf(const QString &name, const QLatin1String (&suffixes)[N])
{
    for (const QLatin1String &suffix : suffixes) {
        if (name.size() > suffix.size() && name.endsWith(suffix))
            return suffix;
    }
    return QLatin1String();
}

bool hasWord(const QString &name, std::initializer_list<QLatin1String> words)
{
    static const QRegularExpression separators(QStringLiteral("[_.\\- ]+"));
    const QStringList parts = name.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        for (const QLatin1String &word : words) {
            if (part.compare(word, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

Statistic guessStatistic(const QString &name)
{
    if (!suffixOf(name, kMeanSuffixes).isEmpty())
        return Statistic::Mean;
    if (!suffixOf(name, kMinSuffixes).isEmpty())
        return Statistic::Min;
    if (!suffixOf(name, kMaxSuffixes).isEmpty())
        return Statistic::Max;
    if (hasWord(name, {QLatin1String("frequency")}))
        return Statistic::Rate;
    return Statistic::Unknown;
}

Unit guessUnit(const QString &name, Statistic statistic)
{
    if (statistic == Statistic::Rate)
        return Unit::PerSecond;
    if (hasWord(name,
                {QLatin1String("time"), QLatin1String("latency"), QLatin1String("duration"),
                 QLatin1String("elapsed")}))
        return Unit::Second;
    return Unit::None;
}

// The name of the event the tutorial's `base_avg` / `base_min` / `base_max` are about.
QString baseName(const QString &name)
{
    for (const QLatin1String suffix : {suffixOf(name, kMeanSuffixes), suffixOf(name, kMinSuffixes),
                                       suffixOf(name, kMaxSuffixes)}) {
        if (!suffix.isEmpty())
            return name.left(name.size() - suffix.size());
    }
    return name;
}

template <std::size_t N>
std::optional<double> siblingValue(const QMap<QString, CounterRow> &rows, const QString &self,
                                   const QString &base, const QLatin1String (&suffixes)[N])
{
    for (const QLatin1String &suffix : suffixes) {
        const QString name = base + suffix;
        const auto it = rows.constFind(name);
        if (it != rows.cend() && name != self && it->value)
            return it->value;
    }
    return std::nullopt;
}

} // namespace

void inferPyCountersMeaning(QMap<QString, CounterRow> &rows, const QList<QString> &undescribed)
{
    for (const QString &name : undescribed) {
        const auto it = rows.find(name);
        if (it == rows.end())
            continue;
        CounterRow &row = *it;
        row.statistic = guessStatistic(name);
        row.unit = guessUnit(name, row.statistic);
    }
    // A second pass: siblings are read after every row got its meaning, values never change.
    for (const QString &name : undescribed) {
        const auto it = rows.find(name);
        if (it == rows.end() || it->statistic == Statistic::Min || it->statistic == Statistic::Max)
            continue;
        const QString base = baseName(name);
        if (!it->subValues.contains(QStringLiteral("min"))) {
            if (const auto min = siblingValue(rows, name, base, kMinSuffixes))
                it->subValues.insert(QStringLiteral("min"), *min);
        }
        if (!it->subValues.contains(QStringLiteral("max"))) {
            if (const auto max = siblingValue(rows, name, base, kMaxSuffixes))
                it->subValues.insert(QStringLiteral("max"), *max);
        }
    }
}

} // namespace counters::detail
