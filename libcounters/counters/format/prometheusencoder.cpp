// SPDX-License-Identifier: MIT
#include "prometheusencoder.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace counters {

namespace {

const QLatin1String kTotalSuffix("_total");
const QLatin1String kSecondsSuffix("_seconds");
const QLatin1String kInfoSuffix("_info");
const QLatin1String kInfoFamily("counters_metric");

bool isNameCharacter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Every code point outside [a-zA-Z0-9_] becomes one '_'. No leading-digit rule: used for the
// parts that are appended after an '_'.
QString replaceInvalid(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i; // one '_' per code point
        result += isNameCharacter(c.unicode()) ? c : QLatin1Char('_');
    }
    return result;
}

// The name of a family from its stem: promtool warns about gauges whose names end like the
// samples of counters, histograms and summaries, so such a gauge gets "_value" appended.
QString familyName(const QString &stem, const QString &suffix, PrometheusEncoder::MetricType type)
{
    if (type == PrometheusEncoder::MetricType::Gauge && suffix.isEmpty()) {
        for (const char *reserved : {"_total", "_count", "_sum", "_bucket"}) {
            if (stem.endsWith(QLatin1String(reserved), Qt::CaseInsensitive))
                return stem + QLatin1String("_value");
        }
    }
    return stem + suffix;
}

bool isWindowed(CounterType type)
{
    switch (type) {
    case CounterType::AverageWindow:
    case CounterType::AverageTime:
    case CounterType::Frequency:
    case CounterType::Window:
    case CounterType::MaxWindow:
    case CounterType::MinWindow:
    case CounterType::PercentileWindow:
        return true;
    case CounterType::Event:
    case CounterType::Total:
    case CounterType::Gauge:
    case CounterType::Unknown:
        break;
    }
    return false;
}

QString windowText(double window)
{
    return QString::fromLatin1(PrometheusEncoder::formatValue(window)) + QLatin1String(" s window");
}

/// The name a row's Prometheus family is made from: a labelled series' family, or the
/// counter's own name.
const QString &ownerName(const CounterRow &row)
{
    return row.family.isEmpty() ? row.name : row.family;
}

QString helpPrefix(const CounterRow &row)
{
    return counterTypeName(row.type) + QLatin1Char(' ') + ownerName(row) + QLatin1String(": ");
}

QString primaryHelp(const CounterRow &row)
{
    const QString who = helpPrefix(row);
    const QString window = windowText(row.window);
    switch (row.type) {
    case CounterType::Event:
        return who + QLatin1String("events counted since the start or the last clear");
    case CounterType::Total:
        return who + QLatin1String("running total of the values (can go down)");
    case CounterType::AverageWindow:
        return who + QLatin1String("mean of the values in the last ") + window;
    case CounterType::AverageTime:
        return who + QLatin1String("mean duration of the blocks that ended in the last ") + window;
    case CounterType::Frequency:
        return who + QLatin1String("events per second over the last ") + window;
    case CounterType::Window:
        return who + QLatin1String("sum of the values in the last ") + window;
    case CounterType::MaxWindow:
        return who + QLatin1String("largest value in the last ") + window;
    case CounterType::MinWindow:
        return who + QLatin1String("smallest value in the last ") + window;
    case CounterType::PercentileWindow:
        return who + QLatin1String("quantiles of the values in the last ") + window
            + QLatin1String("; count and sum of all values since the start or the last clear");
    case CounterType::Gauge:
        return who + QLatin1String("level at the time of the report (merged by ")
            + mergeRuleName(row.merge.value_or(mergeRule(row.type))) + QLatin1Char(')');
    case CounterType::Unknown:
        break;
    }
    return ownerName(row) + QLatin1String(": a counter of unknown type");
}

QString subValueHelp(const CounterRow &row, const QString &key)
{
    const QString who = helpPrefix(row);
    if (key == QLatin1String("min"))
        return who + QLatin1String("smallest value in the last ") + windowText(row.window);
    if (key == QLatin1String("max"))
        return who + QLatin1String("largest value in the last ") + windowText(row.window);
    return who + QLatin1String("sub-value ") + key;
}

// A family before its name is final: `stem` may get "_2", "_3", ... before `suffix`.
struct Candidate
{
    int rank = 0;    // 0 exporter's own, 1 exact primary, 2 other primary, 3 derived
    QString counter; // ownerKey(): the series of a family share their names
    int order = 0;   // position among the candidates of one row
    QString stem;    // derived: empty until the row's primary has its final stem
    QString part;    // derived: appended to the final stem of the row's primary
    QString shareId; // what it is of its row (a sub-value's own key): the series of a family
                     // share a name per shareId
    QString suffix;
    PrometheusEncoder::Family family;
};

/// The sample names a family of `type` named `name` may write (OpenMetrics' included).
QStringList claimedNames(const QString &name, PrometheusEncoder::MetricType type)
{
    switch (type) {
    case PrometheusEncoder::MetricType::Counter:
        return {name, name + kTotalSuffix, name + QLatin1String("_created")};
    case PrometheusEncoder::MetricType::Summary:
        return {name, name + QLatin1String("_sum"), name + QLatin1String("_count"),
                name + QLatin1String("_created")};
    case PrometheusEncoder::MetricType::Info:
        return {name, name + kInfoSuffix};
    case PrometheusEncoder::MetricType::Gauge:
        break;
    }
    return {name};
}

/// Sample names already claimed, each with the counter whose family claimed it (empty for the
/// exporter's own).
using TakenNames = QHash<QString, QString>;

/// The first of the names a family of `type` named `name` would claim that is taken already.
std::optional<QString> firstTaken(const TakenNames &taken, const QString &name,
                                  PrometheusEncoder::MetricType type)
{
    for (const QString &n : claimedNames(name, type)) {
        if (taken.contains(n))
            return n;
    }
    return std::nullopt;
}

void claim(TakenNames &taken, const QString &name, PrometheusEncoder::MetricType type,
           const QString &counter)
{
    for (const QString &n : claimedNames(name, type))
        taken.insert(n, counter);
}

/// A summary from a PercentileWindowCounter's row (see the header).
void fillSummary(const CounterRow &row, PrometheusEncoder::Family &family)
{
    family.type = PrometheusEncoder::MetricType::Summary;
    for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it) {
        if (const std::optional<double> q = LogHistogram::quantileOfKey(it.key()))
            family.quantiles.append({*q, it.value()});
    }
    std::sort(family.quantiles.begin(), family.quantiles.end(),
              [](const auto &a, const auto &b) { return a.quantile < b.quantile; });
    const auto lifetimeCount = row.subValues.constFind(QStringLiteral("lifetime_count"));
    const auto lifetimeSum = row.subValues.constFind(QStringLiteral("lifetime_sum"));
    const bool lifetime =
        lifetimeCount != row.subValues.cend() && lifetimeSum != row.subValues.cend();
    family.value = lifetime ? *lifetimeCount : double(row.count);
    family.sum = lifetime ? *lifetimeSum : row.subValues.value(QStringLiteral("sum"));
}

/// Whether a sub-value of `row` is written as a part of its summary, or not at all: the
/// window's sum, as `rate(P_sum[w]) / rate(P_count[w])` gives the mean of any window.
bool isSummarySample(const CounterRow &row, const QString &key)
{
    return row.type == CounterType::PercentileWindow
        && (LogHistogram::quantileOfKey(key) || key == QLatin1String("lifetime_count")
            || key == QLatin1String("lifetime_sum") || key == QLatin1String("sum"));
}

/// What the candidates of a row are grouped by: the series of one family share its names when
/// they agree on type and unit (a family of another type under the same name is a clash).
QString ownerKey(const CounterRow &row)
{
    if (row.family.isEmpty())
        return row.name;
    return row.family + QLatin1Char('\x1f') + QString::number(int(row.type)) + QLatin1Char('\x1f')
        + QString::number(int(row.unit));
}

void appendCandidates(const CounterRow &row, const QString &prefix, QList<Candidate> &out)
{
    using MetricType = PrometheusEncoder::MetricType;
    const QString full = prefix + ownerName(row);
    const QString sanitized = PrometheusEncoder::sanitizeName(full);
    const QString owner = ownerKey(row);

    Candidate primary;
    primary.counter = owner;
    primary.family.counter = ownerName(row);
    primary.family.labels = row.labels;
    primary.family.counterType = row.type;
    primary.family.statistic = row.statistic;
    primary.family.window = row.window;
    primary.family.help = primaryHelp(row);
    primary.family.value = row.value;
    QString stem = sanitized;
    // An event count has no unit, whatever the row says; other families end in their unit.
    const Unit unit = row.type == CounterType::Event ? Unit::None : row.unit;
    const QString baseUnit = PrometheusEncoder::openMetricsUnit(unit);
    const QString unitSuffix = baseUnit.isEmpty() ? QString() : QLatin1Char('_') + baseUnit;
    if (row.type == CounterType::Event) {
        if (stem.endsWith(kTotalSuffix) && stem.size() > kTotalSuffix.size())
            stem.chop(kTotalSuffix.size());
        primary.family.type = MetricType::Counter;
        primary.stem = stem;
        primary.rank = stem + kTotalSuffix == full ? 1 : 2;
    } else {
        if (!unitSuffix.isEmpty() && stem.endsWith(unitSuffix) && stem.size() > unitSuffix.size())
            stem.chop(unitSuffix.size());
        if (row.type == CounterType::PercentileWindow)
            fillSummary(row, primary.family);
        primary.stem = stem;
        primary.suffix = unitSuffix;
        primary.family.unit = unit;
        primary.rank = familyName(stem, unitSuffix, primary.family.type) == full ? 1 : 2;
    }
    out.append(primary);

    // Sub-values: an averaging counter always reserves min and max, so that their names do
    // not depend on whether the window has events right now.
    QStringList keys = row.subValues.keys();
    if (row.type == CounterType::AverageWindow || row.type == CounterType::AverageTime) {
        for (const QString &key : {QStringLiteral("max"), QStringLiteral("min")}) {
            if (!keys.contains(key))
                keys.append(key);
        }
        std::sort(keys.begin(), keys.end());
    }
    int order = 1;
    for (const QString &key : std::as_const(keys)) {
        if (isSummarySample(row, key))
            continue;
        Candidate derived;
        derived.rank = 3;
        derived.counter = owner;
        derived.order = order++;
        derived.part = QLatin1Char('_') + replaceInvalid(key);
        derived.shareId = QLatin1String("sub:") + key; // "a.b" and "a_b" clean alike

        derived.suffix = primary.suffix;
        derived.family.unit = primary.family.unit;
        derived.family.counter = primary.family.counter;
        derived.family.labels = row.labels;
        derived.family.counterType = row.type;
        derived.family.statistic = key == QLatin1String("min") ? Statistic::Min
            : key == QLatin1String("max")                      ? Statistic::Max
                                                               : Statistic::Unknown;
        derived.family.window = row.window;
        derived.family.help = subValueHelp(row, key);
        const auto it = row.subValues.constFind(key);
        if (it != row.subValues.cend())
            derived.family.value = it.value();
        out.append(derived);
    }
    if (isWindowed(row.type)) {
        Candidate count;
        count.rank = 3;
        count.counter = owner;
        count.order = order++;
        count.part = QStringLiteral("_window_events");
        count.shareId = QStringLiteral("window_events");
        count.family.counter = primary.family.counter;
        count.family.labels = row.labels;
        count.family.counterType = row.type;
        count.family.statistic = Statistic::Count;
        count.family.window = row.window;
        count.family.help =
            helpPrefix(row) + QLatin1String("events in the last ") + windowText(row.window);
        count.family.value = double(row.count);
        out.append(count);
    }
}

QByteArray escaped(const QString &text, bool quotes)
{
    QByteArray result;
    const QByteArray utf8 = text.toUtf8();
    result.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            result += "\\\\";
        else if (c == '\n')
            result += "\\n";
        else if (c == '"' && quotes)
            result += "\\\"";
        else
            result += c;
    }
    return result;
}

// `{metric="<sample name>",counter="…",counter_type="…",statistic="…",unit="…",window_seconds="…"`
// (open: the constant labels and the brace follow); labels without a value are left out.
QByteArray infoLabels(const PrometheusEncoder::Family &family)
{
    QByteArray out = "{metric=\"" + family.sampleName().toUtf8() + "\",counter=\""
        + escaped(family.counter, true) + "\",counter_type=\""
        + counterTypeName(family.counterType).toUtf8() + '"';
    if (family.statistic != Statistic::Unknown)
        out += ",statistic=\"" + statisticName(family.statistic).toUtf8() + '"';
    if (family.unit != Unit::None)
        out += ",unit=\"" + unitName(family.unit).toUtf8() + '"';
    if (family.window > 0)
        out += ",window_seconds=\"" + PrometheusEncoder::formatValue(family.window) + '"';
    return out;
}

/**
 * `{quantile="q",a="x",b="y",c="z"}` from a series' labels and the constant labels; empty when
 * there are none. A series label that a constant label also names, and a series label
 * `quantile` or `le` (which parsers read as a summary's or histogram's, in any family), is
 * written as `exported_<name>`, as Prometheus renames a scraped label that clashes with a
 * target's.
 * Label names are sanitised in case a row was built by hand (reports and families only carry
 * valid ones).
 */
QByteArray labelSet(const Labels &series, const QMap<QString, QString> &constant,
                    const QByteArray &quantile)
{
    if (series.isEmpty() && constant.isEmpty() && quantile.isEmpty())
        return QByteArray();
    QByteArray out = "{";
    const auto add = [&out](const QString &name, const QString &value) {
        if (out.size() > 1)
            out += ',';
        out += PrometheusEncoder::sanitizeName(name).toUtf8() + "=\"" + escaped(value, true) + '"';
    };
    if (!quantile.isEmpty())
        out += "quantile=\"" + quantile + '"';
    const auto reserved = [&constant](const QString &name) {
        return constant.contains(name) || name == QLatin1String("quantile")
            || name == QLatin1String("le");
    };
    QSet<QString> written;
    for (auto it = series.cbegin(); it != series.cend(); ++it) {
        QString name = it.key();
        if (reserved(name)) {
            // exported_<name>, and again while that names another label too.
            do
                name.prepend(QLatin1String("exported_"));
            while (reserved(name) || series.contains(name) || written.contains(name));
        }
        written.insert(name);
        add(name, it.value());
    }
    for (auto it = constant.cbegin(); it != constant.cend(); ++it)
        add(it.key(), it.value());
    out += '}';
    return out;
}

/// The end of the run of series named as `all[first]` (families() sorts them together);
/// `*anyValue`: whether one of them has a value (only then is the family written).
qsizetype familyEnd(const QList<PrometheusEncoder::Family> &all, qsizetype first, bool *anyValue)
{
    qsizetype end = first;
    *anyValue = false;
    while (end < all.size() && all.at(end).name == all.at(first).name) {
        *anyValue = *anyValue || all.at(end).value;
        ++end;
    }
    return end;
}

} // namespace

QString PrometheusEncoder::openMetricsUnit(Unit unit)
{
    return unit == Unit::Second || unit == Unit::Byte ? unitName(unit) : QString();
}

QString PrometheusEncoder::Family::sampleName() const
{
    switch (type) {
    case MetricType::Counter:
        return name + kTotalSuffix;
    case MetricType::Info:
        return name + kInfoSuffix;
    case MetricType::Gauge:
    case MetricType::Summary:
        break;
    }
    return name;
}

bool operator==(const PrometheusEncoder::Family &a, const PrometheusEncoder::Family &b)
{
    return a.name == b.name && a.labels == b.labels && a.type == b.type && a.unit == b.unit
        && a.help == b.help && a.value == b.value && a.counter == b.counter
        && a.counterType == b.counterType && a.statistic == b.statistic && a.window == b.window
        && a.quantiles == b.quantiles && a.sum == b.sum && a.wantedName == b.wantedName
        && a.wantedNameHolder == b.wantedNameHolder;
}

PrometheusEncoder::PrometheusEncoder() = default;

void PrometheusEncoder::setNamePrefix(const QString &prefix)
{
    m_prefix = prefix;
}

QString PrometheusEncoder::namePrefix() const
{
    return m_prefix;
}

bool PrometheusEncoder::setConstantLabels(const QMap<QString, QString> &labels, QString *error)
{
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (!isValidLabelName(it.key(), error))
            return false;
    }
    m_labels = labels;
    return true;
}

QMap<QString, QString> PrometheusEncoder::constantLabels() const
{
    return m_labels;
}

QList<PrometheusEncoder::Family> PrometheusEncoder::families(const Snapshot &snapshot) const
{
    QList<Candidate> candidates;
    if (!snapshot.isNull()) {
        Candidate timestamp;
        timestamp.rank = 0;
        timestamp.stem = QStringLiteral("counters_report_timestamp");
        timestamp.suffix = kSecondsSuffix;
        timestamp.family.unit = Unit::Second;
        timestamp.family.help =
            QStringLiteral("Collection time of the report served, in seconds since the epoch");
        timestamp.family.value = snapshot.time();
        candidates.append(timestamp);
        Candidate info;
        info.rank = 0;
        info.order = 1;
        info.stem = kInfoFamily;
        info.family.type = MetricType::Info;
        info.family.help = QStringLiteral(
            "What each metric of this exporter is: the counter it reads, the counter's type, "
            "the statistic, the unit and the window in seconds");
        info.family.value = 1;
        candidates.append(info);
    }
    candidates.reserve(candidates.size() + snapshot.rows().size() * 4);
    for (const CounterRow &row : snapshot.rows())
        appendCandidates(row, m_prefix, candidates);
    std::stable_sort(
        candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
            return std::tie(a.rank, a.counter, a.order) < std::tie(b.rank, b.counter, b.order);
        });

    TakenNames taken;
    taken.reserve(candidates.size() * 2);
    // A row's sub-values and window count follow its primary series: when `t_seconds` had
    // to become `t_2_seconds`, its minimum is `t_2_min_seconds`.
    QHash<QString, QString> primaryStems;
    // The series of a labelled family after the first take the names it was given.
    struct Named
    {
        QString name;
        QString wantedName;
        QString wantedNameHolder;
    };
    QHash<QString, Named> named;
    QList<Family> result;
    result.reserve(candidates.size());
    for (Candidate &candidate : candidates) {
        QString shareKey;
        if (!candidate.family.labels.isEmpty()) {
            shareKey = candidate.counter + QLatin1Char('\x1e') + candidate.shareId;
            const auto it = named.constFind(shareKey);
            if (it != named.cend()) {
                candidate.family.name = it->name;
                candidate.family.wantedName = it->wantedName;
                candidate.family.wantedNameHolder = it->wantedNameHolder;
                result.append(std::move(candidate.family));
                continue;
            }
        }
        if (candidate.rank == 3)
            candidate.stem = primaryStems.value(candidate.counter) + candidate.part;
        const MetricType type = candidate.family.type;
        QString stem = candidate.stem;
        QString name = familyName(stem, candidate.suffix, type);
        if (const std::optional<QString> clash = firstTaken(taken, name, type)) {
            candidate.family.wantedName = name;
            candidate.family.wantedNameHolder = taken.value(*clash);
            for (int n = 2; firstTaken(taken, name, type); ++n) {
                stem = candidate.stem + QLatin1Char('_') + QString::number(n);
                name = familyName(stem, candidate.suffix, type);
            }
        }
        claim(taken, name, candidate.family.type, candidate.family.counter);
        if (candidate.rank == 1 || candidate.rank == 2)
            primaryStems.insert(candidate.counter, stem);
        candidate.family.name = name;
        if (!shareKey.isEmpty()) {
            named.insert(shareKey,
                         {name, candidate.family.wantedName, candidate.family.wantedNameHolder});
        }
        result.append(std::move(candidate.family));
    }
    std::sort(result.begin(), result.end(), [](const Family &a, const Family &b) {
        if (a.name != b.name)
            return a.name < b.name;
        return std::lexicographical_compare(a.labels.keyValueBegin(), a.labels.keyValueEnd(),
                                            b.labels.keyValueBegin(), b.labels.keyValueEnd());
    });
    return result;
}

QByteArray PrometheusEncoder::encode(const Snapshot &snapshot, Format format) const
{
    return encode(families(snapshot), format);
}

QByteArray PrometheusEncoder::encode(const QList<Family> &all, Format format) const
{
    const bool openMetrics = format == Format::OpenMetrics;
    QByteArray out;
    out.reserve(all.size() * 320);
    // families() sorts the series of a family together; HELP, TYPE and UNIT come once.
    for (qsizetype first = 0; first < all.size();) {
        bool anyValue = false;
        const qsizetype end = familyEnd(all, first, &anyValue);
        if (anyValue)
            writeFamily(out, all, first, end, format);
        first = end;
    }
    if (openMetrics)
        out += "# EOF\n";
    return out;
}

void PrometheusEncoder::writeFamily(QByteArray &out, const QList<Family> &all, qsizetype first,
                                    qsizetype end, Format format) const
{
    const bool openMetrics = format == Format::OpenMetrics;
    const Family &head = all.at(first);
    const QByteArray sample = head.sampleName().toUtf8();
    // The text format names a family after its sample; OpenMetrics after its stem.
    const QByteArray name = openMetrics ? head.name.toUtf8() : sample;
    out += "# HELP " + name + ' ' + escaped(head.help, openMetrics) + '\n';
    out += "# TYPE " + name;
    switch (head.type) {
    case MetricType::Counter:
        out += " counter\n";
        break;
    case MetricType::Gauge:
        out += " gauge\n";
        break;
    case MetricType::Summary:
        out += " summary\n";
        break;
    case MetricType::Info:
        out += openMetrics ? " info\n" : " gauge\n";
        break;
    }
    const QString baseUnit = openMetricsUnit(head.unit);
    if (openMetrics && !baseUnit.isEmpty())
        out += "# UNIT " + name + ' ' + baseUnit.toUtf8() + '\n';

    if (head.type == MetricType::Info) {
        // One sample per family written, of its first series (the labels of a family's series
        // say which series it is, not what the family means).
        const QByteArray constant = labelSet(Labels(), m_labels, QByteArray());
        const QByteArray closing = constant.isEmpty() ? QByteArray("}") : ',' + constant.mid(1);
        for (qsizetype i = 0; i < all.size();) {
            bool anyValue = false;
            const qsizetype next = familyEnd(all, i, &anyValue);
            const Family &described = all.at(i);
            i = next;
            if (described.counter.isEmpty() || !anyValue)
                continue;
            out += sample + infoLabels(described) + closing + " 1\n";
        }
        return;
    }
    for (qsizetype i = first; i < end; ++i) {
        const Family &family = all.at(i);
        if (!family.value)
            continue;
        switch (family.type) {
        case MetricType::Counter:
        case MetricType::Gauge:
            out += sample + labelSet(family.labels, m_labels, QByteArray()) + ' '
                + formatValue(*family.value) + '\n';
            break;
        case MetricType::Summary: {
            for (const Quantile &q : family.quantiles) {
                out += sample + labelSet(family.labels, m_labels, formatValue(q.quantile)) + ' '
                    + formatValue(q.value) + '\n';
            }
            const QByteArray labels = labelSet(family.labels, m_labels, QByteArray());
            out += sample + "_sum" + labels + ' ' + formatValue(family.sum) + '\n';
            out += sample + "_count" + labels + ' ' + formatValue(*family.value) + '\n';
            break;
        }
        case MetricType::Info:
            break;
        }
    }
}

QByteArray PrometheusEncoder::contentType(Format format)
{
    return format == Format::OpenMetrics
        ? QByteArrayLiteral("application/openmetrics-text; version=1.0.0; charset=utf-8")
        : QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

PrometheusEncoder::Format PrometheusEncoder::negotiate(QByteArrayView accept)
{
    // Accept: type/subtype;param=value;q=0.5, ... (RFC 9110 §12.5.1).
    double openMetrics = -1;
    double text = -1;
    for (const QByteArray &range : QByteArray(accept.data(), accept.size()).split(',')) {
        const QList<QByteArray> parts = range.split(';');
        const QByteArray mediaType = parts.first().trimmed().toLower();
        double quality = 1;
        QByteArray version;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            const qsizetype equals = parameter.indexOf('=');
            if (equals < 0)
                continue;
            const QByteArray key = parameter.left(equals).trimmed().toLower();
            const QByteArray value = parameter.mid(equals + 1).trimmed();
            if (key == "q") {
                bool ok = false;
                quality = value.toDouble(&ok);
                if (!ok)
                    quality = 0;
            } else if (key == "version") {
                version = value;
            }
        }
        if (mediaType == "application/openmetrics-text") {
            if (version.isEmpty() || version == "1.0.0")
                openMetrics = std::max(openMetrics, quality);
        } else if (mediaType == "text/plain" || mediaType == "text/*" || mediaType == "*/*") {
            text = std::max(text, quality);
        }
    }
    return openMetrics > 0 && openMetrics >= text ? Format::OpenMetrics : Format::Text;
}

QString PrometheusEncoder::sanitizeName(QStringView text)
{
    QString name = replaceInvalid(text);
    if (name.isEmpty() || name.front().isDigit())
        name.prepend(QLatin1Char('_'));
    return name;
}

bool PrometheusEncoder::isValidLabelName(QStringView name, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    // Prometheus' rules, as for any label; then the names this format reserves.
    if (!counters::isValidLabelName(name, error))
        return false;
    if (name == QLatin1String("le") || name == QLatin1String("quantile"))
        return fail(QStringLiteral("the label name \"%1\" is reserved for histograms and "
                                   "summaries")
                        .arg(name.toString()));
    for (const char *info :
         {"metric", "counter", "counter_type", "statistic", "unit", "window_seconds"}) {
        if (name == QLatin1String(info))
            return fail(QStringLiteral("the label name \"%1\" is reserved for the info metric "
                                       "counters_metric_info")
                            .arg(name.toString()));
    }
    return true;
}

QByteArray PrometheusEncoder::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, result.ptr - buffer);
}

} // namespace counters
