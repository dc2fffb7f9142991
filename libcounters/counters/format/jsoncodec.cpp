// SPDX-License-Identifier: MIT
#include "jsoncodec.h"

#include "jsoncodec_p.h"
#include "jsontree_p.h"
#include "pycountersmeaning_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace counters {

namespace {

// Field names of the metadata.
constexpr QLatin1String kVersion{"version"};
constexpr QLatin1String kSource{"source"};
constexpr QLatin1String kCounters{"counters"};
constexpr QLatin1String kNodes{"nodes"};
constexpr QLatin1String kType{"type"};
constexpr QLatin1String kWindow{"window"};
constexpr QLatin1String kUnit{"unit"};
constexpr QLatin1String kStatistic{"statistic"};
constexpr QLatin1String kCount{"count"};
constexpr QLatin1String kDropped{"dropped"};
constexpr QLatin1String kOverflowed{"overflowed"};
constexpr QLatin1String kMerge{"merge"};
constexpr QLatin1String kSub{"sub"};
constexpr QLatin1String kValue{"value"};
constexpr QLatin1String kIndex{"index"};
constexpr QLatin1String kTime{"time"};
constexpr QLatin1String kService{"service"};
constexpr QLatin1String kHost{"host"};
constexpr QLatin1String kPid{"pid"};
constexpr QLatin1String kProcessStart{"process_start"};
constexpr QLatin1String kNode{"node"};
constexpr QLatin1String kStale{"stale"};
constexpr QLatin1String kHistogram{"histogram"};
constexpr QLatin1String kFamily{"family"};
constexpr QLatin1String kLabels{"labels"};
constexpr QLatin1String kScheme{"scheme"};
constexpr QLatin1String kBuckets{"buckets"};
/// LogHistogram's bucket layout, named so that a later layout is not misread.
constexpr QLatin1String kLogLinearScheme{"log2x64"};

/// The three keys a row cannot use as a flat pair.
bool isReservedKey(QStringView key)
{
    return key == JsonCodec::CollectionTimeKey || key == JsonCodec::NodeReportsKey
        || key == JsonCodec::MetadataKey;
}

/// Keys PyCounters 0.6's consumers treat as metadata rather than counters.
bool isDunder(QStringView key)
{
    return key.startsWith(u"__") && key.endsWith(u"__");
}

/// Whether the rows (sorted by name, as in a Snapshot) include one named `name`.
bool hasRow(const QList<CounterRow> &rows, const QString &name)
{
    auto it = std::lower_bound(rows.cbegin(), rows.cend(), name,
                               [](const CounterRow &r, const QString &n) { return r.name < n; });
    return it != rows.cend() && it->name == name;
}

/// Calls f(key, value) for the flat pairs `name.p99` a PercentileWindowCounter's row writes
/// beside its median, for consumers that only read flat pairs (munin, scripts). A pair whose
/// key is another row's name is left out: that row keeps the key.
template <typename F>
void forEachQuantilePair(const CounterRow &row, const QList<CounterRow> &rows, F f)
{
    if (row.type != CounterType::PercentileWindow)
        return;
    for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it) {
        if (!LogHistogram::quantileOfKey(it.key()))
            continue;
        const QString key = row.name + QLatin1Char('.') + it.key();
        if (!hasRow(rows, key))
            f(key, it.value());
    }
}

/// The keys of nodes(): their node id, unless empty or already used.
QStringList nodeIds(const QList<Snapshot> &nodes)
{
    // Few nodes: a linear search is cheaper than a hash.
    QStringList ids;
    ids.reserve(nodes.size());
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QString id = nodes.at(i).source().node;
        if (id.isEmpty() || ids.contains(id))
            id = QStringLiteral("node%1").arg(i);
        while (ids.contains(id))
            id += QLatin1Char('_');
        ids.append(id);
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Encoding to bytes. Written by hand: building a QJsonObject of 10,000 rows and serialising it
// costs several times more than appending to one buffer.
// ---------------------------------------------------------------------------------------------

class Writer
{
public:
    explicit Writer(qsizetype capacity)
    {
        m_out.resize(std::max<qsizetype>(capacity, 256));
        m_begin = m_out.data();
        m_pos = m_begin;
        m_end = m_begin + m_out.size();
    }

    QByteArray take()
    {
        m_out.resize(m_pos - m_begin);
        return std::move(m_out);
    }

    template <qsizetype N>
    void literal(const char (&text)[N])
    {
        reserve(N - 1);
        std::memcpy(m_pos, text, N - 1);
        m_pos += N - 1;
    }
    void character(char c)
    {
        reserve(1);
        *m_pos++ = c;
    }

    /// The ASCII characters a JSON string holds as they are: printable, not '"' or '\\'.
    static constexpr std::array<bool, 128> kPlainAscii = [] {
        std::array<bool, 128> plain{};
        for (int c = 0x20; c < 0x80; ++c)
            plain[std::size_t(c)] = c != '"' && c != '\\';
        return plain;
    }();

    /// A JSON string, UTF-16 to escaped UTF-8 in one pass (no temporary QByteArray).
    void string(QStringView text)
    {
        // Worst case per UTF-16 unit: six bytes (\u00XX); plus the quotes.
        reserve(text.size() * 6 + 2);
        char *p = m_pos;
        *p++ = '"';
        const char16_t *s = text.utf16();
        const char16_t *end = s + text.size();
        while (s != end) {
#if defined(__SSE2__)
            // Eight plain ASCII units at a time (names and label values are mostly that):
            // narrowed to bytes with one store, when none needs escaping or encoding.
            while (end - s >= 8) {
                const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
                const __m128i ascii = _mm_cmpeq_epi16(
                    _mm_and_si128(units, _mm_set1_epi16(qint16(0xff80))), _mm_setzero_si128());
                const __m128i special =
                    _mm_or_si128(_mm_cmplt_epi16(units, _mm_set1_epi16(0x20)),
                                 _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')),
                                              _mm_cmpeq_epi16(units, _mm_set1_epi16('\\'))));
                if (_mm_movemask_epi8(_mm_andnot_si128(special, ascii)) != 0xffff)
                    break;
                _mm_storel_epi64(reinterpret_cast<__m128i *>(p), _mm_packus_epi16(units, units));
                p += 8;
                s += 8;
            }
#endif
            // Runs of plain ASCII (names, label values) copy with one table look-up a unit.
            while (s != end && *s < 0x80 && kPlainAscii[*s])
                *p++ = char(*s++);
            if (s == end)
                break;
            const char16_t c = *s++;
            if (c < 0x80) {
                *p++ = '\\';
                switch (c) {
                case '"':
                    *p++ = '"';
                    break;
                case '\\':
                    *p++ = '\\';
                    break;
                case '\n':
                    *p++ = 'n';
                    break;
                case '\r':
                    *p++ = 'r';
                    break;
                case '\t':
                    *p++ = 't';
                    break;
                case '\b':
                    *p++ = 'b';
                    break;
                case '\f':
                    *p++ = 'f';
                    break;
                default: {
                    static const char hex[] = "0123456789abcdef";
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[c >> 4];
                    *p++ = hex[c & 0xf];
                }
                }
            } else if (c < 0x800) {
                *p++ = char(0xc0 | (c >> 6));
                *p++ = char(0x80 | (c & 0x3f));
            } else if (QChar::isHighSurrogate(c) && s != end && QChar::isLowSurrogate(*s)) {
                const char32_t u = QChar::surrogateToUcs4(c, *s++);
                *p++ = char(0xf0 | (u >> 18));
                *p++ = char(0x80 | ((u >> 12) & 0x3f));
                *p++ = char(0x80 | ((u >> 6) & 0x3f));
                *p++ = char(0x80 | (u & 0x3f));
            } else if (QChar::isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; its \u escape keeps it, so that a name read
                // from a report ("\ud800" is valid JSON) is written back unchanged.
                static const char hex[] = "0123456789abcdef";
                *p++ = '\\';
                *p++ = 'u';
                *p++ = hex[c >> 12];
                *p++ = hex[(c >> 8) & 0xf];
                *p++ = hex[(c >> 4) & 0xf];
                *p++ = hex[c & 0xf];
            } else {
                *p++ = char(0xe0 | (c >> 12));
                *p++ = char(0x80 | ((c >> 6) & 0x3f));
                *p++ = char(0x80 | (c & 0x3f));
            }
        }
        *p++ = '"';
        m_pos = p;
    }

    void number(double value)
    {
        if (!std::isfinite(value)) {
            literal("null");
            return;
        }
        reserve(32);
        // Small whole numbers (windows, counts) as integers: below 10^5 that is the text the
        // shortest form of the double has too (from 10^5 on, 1e+05 can be shorter), without
        // its search. -0 keeps its sign through the double's form.
        if (std::abs(value) < 1e5 && value == std::trunc(value) && !std::signbit(value)) {
            m_pos = std::to_chars(m_pos, m_pos + 32, qint64(value)).ptr;
            return;
        }
        m_pos = std::to_chars(m_pos, m_pos + 32, value).ptr;
    }
    void number(std::optional<double> value)
    {
        if (value)
            number(*value);
        else
            literal("null");
    }
    template <typename Integer>
    void integer(Integer value)
    {
        reserve(24);
        m_pos = std::to_chars(m_pos, m_pos + 24, value).ptr;
    }

    /// Where a row's escaped name was written (offset, size), to copy it rather than escape it
    /// again; size -1 when it was not.
    using Names = std::vector<std::pair<qsizetype, qsizetype>>;

    /// `"name":value,...` of the rows whose name is not reserved; `first` tracks the commas.
    Names flatPairs(const QList<CounterRow> &rows, bool &first)
    {
        Names names(std::size_t(rows.size()), {0, -1});
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const CounterRow &row = rows.at(i);
            if (isReservedKey(row.name))
                continue;
            if (!first)
                character(',');
            first = false;
            const qsizetype start = m_pos - m_begin;
            string(row.name);
            names[std::size_t(i)] = {start, m_pos - m_begin - start};
            character(':');
            number(row.value);
            forEachQuantilePair(row, rows, [this](const QString &key, double value) {
                character(',');
                string(key);
                character(':');
                number(value);
            });
        }
        return names;
    }

    void source(const SnapshotSource &source)
    {
        literal("{\"service\":");
        string(source.service);
        literal(",\"host\":");
        string(source.host);
        literal(",\"pid\":");
        integer(qint64(source.pid));
        literal(",\"process_start\":");
        number(source.processStart);
        literal(",\"node\":");
        string(source.node);
        if (source.stale)
            literal(",\"stale\":true");
        character('}');
    }

    /// The metadata of `rows`, whose names flatPairs() wrote at `names`.
    void counterMetadata(const QList<CounterRow> &rows, const Names &names)
    {
        character('{');
        bool first = true;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const CounterRow &row = rows.at(i);
            if (!first)
                character(',');
            first = false;
            const auto [offset, size] = names.at(std::size_t(i));
            if (size >= 0) {
                reserve(size);
                std::memcpy(m_pos, m_begin + offset, std::size_t(size));
                m_pos += size;
            } else {
                string(row.name);
            }
            literal(":{\"type\":");
            bytes(quoted(row.type));
            literal(",\"unit\":");
            bytes(quoted(row.unit));
            literal(",\"statistic\":");
            bytes(quoted(row.statistic));
            literal(",\"window\":");
            number(row.window);
            literal(",\"count\":");
            integer(quint64(row.count));
            if (!row.family.isEmpty()) {
                literal(",\"family\":");
                string(row.family);
                literal(",\"labels\":{");
                for (auto it = row.labels.cbegin(); it != row.labels.cend(); ++it) {
                    if (it != row.labels.cbegin())
                        character(',');
                    string(it.key());
                    character(':');
                    string(it.value());
                }
                character('}');
            }
            if (row.dropped > 0) {
                literal(",\"dropped\":");
                integer(quint64(row.dropped));
            }
            if (row.overflowed > 0) {
                literal(",\"overflowed\":");
                integer(quint64(row.overflowed));
            }
            if (row.merge) {
                literal(",\"merge\":");
                string(mergeRuleName(*row.merge));
            }
            if (!row.subValues.isEmpty()) {
                literal(",\"sub\":{");
                for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it) {
                    if (it != row.subValues.cbegin())
                        character(',');
                    string(it.key());
                    character(':');
                    number(it.value());
                }
                character('}');
            }
            if (!row.histogram.isEmpty()) {
                literal(",\"histogram\":{\"scheme\":\"log2x64\",\"buckets\":[");
                bool firstBucket = true;
                for (const LogHistogram::Bucket &b : row.histogram.buckets()) {
                    if (!firstBucket)
                        character(',');
                    firstBucket = false;
                    integer(b.key);
                    character(',');
                    integer(b.count);
                }
                literal("]}");
            }
            if (isReservedKey(row.name)) {
                literal(",\"value\":");
                number(row.value);
            }
            character('}');
        }
        character('}');
    }

private:
    void bytes(const QByteArray &text)
    {
        reserve(text.size());
        std::memcpy(m_pos, text.constData(), std::size_t(text.size()));
        m_pos += text.size();
    }

    void reserve(qsizetype bytes)
    {
        if (Q_LIKELY(m_end - m_pos >= bytes))
            return;
        grow(bytes);
    }
    // Out of line: the common case above stays a compare inlined into every write.
    Q_NEVER_INLINE void grow(qsizetype bytes)
    {
        const qsizetype used = m_pos - m_begin;
        m_out.resize(std::max(m_out.size() * 2, used + bytes));
        m_begin = m_out.data();
        m_pos = m_begin + used;
        m_end = m_begin + m_out.size();
    }

    /// The quoted type names, ready to copy.
    /// The names of the values of an enum 0..last, quoted, ready to copy (plain ASCII).
    template <typename Enum, typename NameOf>
    static std::vector<QByteArray> quotedNames(Enum last, NameOf nameOf)
    {
        std::vector<QByteArray> names;
        for (int v = 0; v <= int(last); ++v)
            names.push_back('"' + nameOf(Enum(v)).toUtf8() + '"');
        return names;
    }
    static const QByteArray &pick(const std::vector<QByteArray> &names, int value, int fallback)
    {
        return names[std::size_t(value >= 0 && std::size_t(value) < names.size() ? value
                                                                                 : fallback)];
    }
    static const QByteArray &quoted(CounterType type)
    {
        static const auto names = quotedNames(CounterType::Unknown, counterTypeName);
        return pick(names, int(type), int(CounterType::Unknown));
    }
    static const QByteArray &quoted(Unit unit)
    {
        static const auto names = quotedNames(Unit::Byte, unitName);
        return pick(names, int(unit), int(Unit::None));
    }
    static const QByteArray &quoted(Statistic statistic)
    {
        static const auto names = quotedNames(Statistic::Current, statisticName);
        return pick(names, int(statistic), int(Statistic::Unknown));
    }

    QByteArray m_out;
    char *m_begin;
    char *m_pos;
    char *m_end;
};

// ---------------------------------------------------------------------------------------------
// Decoding.
// ---------------------------------------------------------------------------------------------

/// Reads a report from a JSON tree: QJsonDocument's (QtJson) or JsonTree's, which have the same
/// interface.
template <typename Json>
class Reader
{
public:
    using Value = typename Json::Value;
    using Object = typename Json::Object;
    using Array = typename Json::Array;

    QString error;

    bool fail(const QString &message)
    {
        if (error.isEmpty())
            error = message;
        return false;
    }

    static QString quoted(const QString &key) { return QLatin1Char('"') + key + QLatin1Char('"'); }

    /// A number, or null (no value); anything else is an error at `where`.
    bool optionalNumber(const Value &value, const QString &where, std::optional<double> *out)
    {
        if (value.isNull() || value.isUndefined()) {
            out->reset();
            return true;
        }
        if (!value.isDouble())
            return fail(where + QStringLiteral(" is not a number"));
        *out = value.toDouble();
        return true;
    }

    /// Interprets one flat pair `name: value` as PyCounters 0.6 wrote it. Returns false when the
    /// value is not a counter's (a string, an array, a boolean).
    static bool rowFromFlat(const QString &name, const Value &value, CounterRow *row)
    {
        row->name = name;
        switch (value.type()) {
        case QJsonValue::Double:
            row->value = value.toDouble();
            return true;
        case QJsonValue::Null:
            return true;
        case QJsonValue::Object: {
            // A ValueAccumulator: a dict of accumulated values.
            const Object object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (it.value().isDouble())
                    row->subValues.insert(it.key(), it.value().toDouble());
            }
            return true;
        }
        default:
            return false;
        }
    }

    /// Reads the non-negative integer `key` of `entry` into `out` when it is there.
    bool tally(const Object &entry, QLatin1String key, const QString &where, quint64 *out)
    {
        const Value count = entry.value(key);
        if (count.isUndefined())
            return true;
        if (!count.isDouble() || count.toDouble() < 0)
            return fail(where + u'.' + key + QStringLiteral(" is not a non-negative number"));
        const double c = count.toDouble();
        // Integers beyond 2^53 arrive as doubles; keep them exact when they are integers.
        const qint64 exact = count.toInteger(-1);
        *out = exact >= 0                 ? quint64(exact)
            : c >= 18446744073709551615.0 ? std::numeric_limits<quint64>::max()
                                          : quint64(c);
        return true;
    }

    bool applyMetadata(const Object &entry, const QString &where, CounterRow *row)
    {
        const Value type = entry.value(kType);
        if (!type.isUndefined()) {
            if (!type.isString())
                return fail(where + QStringLiteral(".type is not a string"));
            // A type of a later version reads as Unknown rather than failing.
            row->type = counterTypeFromName(type.toString()).value_or(CounterType::Unknown);
        }
        // Reports written before rows carried their unit and statistic: those of the type.
        row->unit = defaultUnit(row->type);
        row->statistic = statisticOf(row->type);
        const Value unit = entry.value(kUnit);
        if (!unit.isUndefined()) {
            if (!unit.isString())
                return fail(where + QStringLiteral(".unit is not a string"));
            // A unit of a later version reads as no unit rather than failing.
            row->unit = unitFromName(unit.toString()).value_or(Unit::None);
        }
        const Value statistic = entry.value(kStatistic);
        if (!statistic.isUndefined()) {
            if (!statistic.isString())
                return fail(where + QStringLiteral(".statistic is not a string"));
            row->statistic = statisticFromName(statistic.toString()).value_or(Statistic::Unknown);
        }
        const Value merge = entry.value(kMerge);
        if (!merge.isUndefined()) {
            if (!merge.isString())
                return fail(where + QStringLiteral(".merge is not a string"));
            // A rule of a later version merges by the type rather than failing.
            row->merge = mergeRuleFromName(merge.toString());
        }
        const Value window = entry.value(kWindow);
        if (!window.isUndefined() && !window.isNull()) {
            if (!window.isDouble())
                return fail(where + QStringLiteral(".window is not a number"));
            row->window = window.toDouble();
        }
        if (!tally(entry, kCount, where, &row->count)
            || !tally(entry, kDropped, where, &row->dropped)
            || !tally(entry, kOverflowed, where, &row->overflowed))
            return false;
        const Value sub = entry.value(kSub);
        if (!sub.isUndefined()) {
            if (!sub.isObject())
                return fail(where + QStringLiteral(".sub is not an object"));
            const Object subObject = sub.toObject();
            row->subValues.clear();
            for (auto it = subObject.constBegin(); it != subObject.constEnd(); ++it) {
                if (it.value().isNull())
                    continue; // a non-finite sub-value
                if (!it.value().isDouble())
                    return fail(where + QStringLiteral(".sub.") + quoted(it.key())
                                + QStringLiteral(" is not a number"));
                row->subValues.insert(it.key(), it.value().toDouble());
            }
        }
        if (entry.contains(kValue)) {
            if (!optionalNumber(entry.value(kValue), where + QStringLiteral(".value"), &row->value))
                return false;
        }
        const Value histogram = entry.value(kHistogram);
        if (!histogram.isUndefined()
            && !readHistogram(histogram, where + QLatin1Char('.') + kHistogram, &row->histogram))
            return false;
        return readLabels(entry, where, row);
    }

    /// A labelled series' `family` (a non-empty string) and `labels` (an object of strings
    /// under valid label names), both or neither.
    bool readLabels(const Object &entry, const QString &where, CounterRow *row)
    {
        const Value family = entry.value(kFamily);
        const Value labels = entry.value(kLabels);
        if (family.isUndefined() && labels.isUndefined())
            return true;
        if (!family.isString() || family.toString().isEmpty())
            return fail(where + QStringLiteral(".family is not a name"));
        if (!labels.isObject())
            return fail(where + QStringLiteral(".labels is not an object"));
        const Object object = labels.toObject();
        Labels result;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString invalid;
            if (!isValidLabelName(it.key(), &invalid))
                return fail(where + QStringLiteral(".labels: ") + invalid);
            if (!it.value().isString())
                return fail(where + QStringLiteral(".labels.") + quoted(it.key())
                            + QStringLiteral(" is not a string"));
            result.insert(it.key(), it.value().toString());
        }
        // One series, one key: a key that is not its family and labels would let two entries
        // claim the same series.
        const QString expected = seriesName(family.toString(), result);
        if (row->name != expected)
            return fail(where
                        + QStringLiteral(": a labelled series' key must be its family and "
                                         "labels, ")
                        + quoted(expected));
        row->family = family.toString();
        row->labels = std::move(result);
        return true;
    }

    /// `{"scheme": "log2x64", "buckets": [key, count, key, count, ...]}`; a histogram of
    /// another scheme (a later version's) is left out, one without a scheme is refused.
    bool readHistogram(const Value &value, const QString &where, LogHistogram *out)
    {
        if (!value.isObject())
            return fail(where + QStringLiteral(" is not an object"));
        const Object object = value.toObject();
        const Value scheme = object.value(kScheme);
        if (!scheme.isString() || scheme.toString().isEmpty())
            return fail(where + QStringLiteral(".scheme is not a name"));
        if (scheme.toString() != kLogLinearScheme)
            return true;
        const Value buckets = object.value(kBuckets);
        if (!buckets.isArray())
            return fail(where + QStringLiteral(".buckets is not an array"));
        const Array array = buckets.toArray();
        if (array.size() % 2 != 0)
            return fail(where + QStringLiteral(".buckets does not hold key, count pairs"));
        QList<LogHistogram::Bucket> list;
        list.reserve(array.size() / 2);
        for (qsizetype i = 0; i < array.size(); i += 2) {
            // Integers only: toInteger() gives the default for fractions and out-of-range values.
            const qint64 key = array.at(i).toInteger(std::numeric_limits<qint64>::min());
            const qint64 count = array.at(i + 1).toInteger(-1);
            if (key < -LogHistogram::MaxKey || key > LogHistogram::MaxKey || count <= 0) {
                return fail(
                    where + QStringLiteral(".buckets[%1] is not a valid key and count").arg(i / 2));
            }
            list.append({qint32(key), quint64(count)});
        }
        QString invalid;
        std::optional<LogHistogram> histogram =
            LogHistogram::fromBuckets(std::move(list), &invalid);
        if (!histogram)
            return fail(where + QStringLiteral(": ") + invalid);
        *out = std::move(*histogram);
        return true;
    }

    /// Rows from flat pairs (`flat`, may contain reserved keys, which are skipped) and the
    /// metadata `counters` object (may be empty).
    bool rows(const Object &flat, const Object &metadata, const QString &where,
              QList<CounterRow> *out)
    {
        QMap<QString, CounterRow> byName;
        for (auto it = flat.constBegin(); it != flat.constEnd(); ++it) {
            const QString key = it.key();
            if (isReservedKey(key) || (isDunder(key) && !metadata.contains(key)))
                continue;
            CounterRow row;
            if (rowFromFlat(key, it.value(), &row))
                byName.insert(key, std::move(row));
        }
        for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it) {
            const QString entryWhere = where + QLatin1Char('.') + quoted(it.key());
            if (!it.value().isObject())
                return fail(entryWhere + QStringLiteral(" is not an object"));
            auto row = byName.find(it.key());
            if (row == byName.end()) {
                row = byName.insert(it.key(), CounterRow());
                row->name = it.key();
            }
            if (!applyMetadata(it.value().toObject(), entryWhere, &*row))
                return false;
        }
        // The flat `name.p99` pairs of percentile rows are their sub-values, not counters.
        QStringList quantilePairs;
        for (const CounterRow &row : std::as_const(byName)) {
            if (row.type != CounterType::PercentileWindow)
                continue;
            for (auto sub = row.subValues.cbegin(); sub != row.subValues.cend(); ++sub) {
                const QString key = row.name + QLatin1Char('.') + sub.key();
                if (LogHistogram::quantileOfKey(sub.key()) && !metadata.contains(key))
                    quantilePairs.append(key);
            }
        }
        for (const QString &key : std::as_const(quantilePairs))
            byName.remove(key);
        // Rows without metadata come from PyCounters (or a writer like it): their names are
        // all that tells what they mean.
        QList<QString> undescribed;
        for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
            if (!metadata.contains(it.key()))
                undescribed.append(it.key());
        }
        if (!undescribed.isEmpty())
            detail::inferPyCountersMeaning(byName, undescribed);
        out->reserve(byName.size());
        for (auto it = byName.begin(); it != byName.end(); ++it)
            out->append(std::move(*it));
        return true;
    }

    bool source(const Value &value, const QString &where, SnapshotSource *out)
    {
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return fail(where + QStringLiteral(" is not an object"));
        const Object object = value.toObject();
        const auto text = [&](QLatin1String key, QString *field) {
            const Value v = object.value(key);
            if (v.isUndefined() || v.isNull())
                return true;
            if (!v.isString())
                return fail(where + QLatin1Char('.') + key + QStringLiteral(" is not a string"));
            *field = v.toString();
            return true;
        };
        if (!text(kService, &out->service) || !text(kHost, &out->host) || !text(kNode, &out->node))
            return false;
        const Value pid = object.value(kPid);
        if (!pid.isUndefined() && !pid.isNull()) {
            if (!pid.isDouble())
                return fail(where + QStringLiteral(".pid is not a number"));
            out->pid = pid.toInteger();
        }
        std::optional<double> start;
        if (!optionalNumber(object.value(kProcessStart), where + QStringLiteral(".process_start"),
                            &start))
            return false;
        out->processStart = start.value_or(0);
        const Value stale = object.value(kStale);
        if (!stale.isUndefined() && !stale.isNull()) {
            if (!stale.isBool())
                return fail(where + QStringLiteral(".stale is not a boolean"));
            out->stale = stale.toBool();
        }
        return true;
    }

    std::optional<Snapshot> snapshot(const Object &object)
    {
        double time = 0;
        const Value timeValue = object.value(JsonCodec::CollectionTimeKey);
        if (!timeValue.isUndefined() && !timeValue.isNull()) {
            if (!timeValue.isDouble()) {
                fail(QStringLiteral("__collection_time__ is not a number"));
                return std::nullopt;
            }
            time = timeValue.toDouble();
        }

        Object metadata;
        const Value metadataValue = object.value(JsonCodec::MetadataKey);
        if (!metadataValue.isUndefined()) {
            if (!metadataValue.isObject()) {
                fail(QStringLiteral("__counters__ is not an object"));
                return std::nullopt;
            }
            metadata = metadataValue.toObject();
            const Value version = metadata.value(kVersion);
            if (!version.isUndefined() && !version.isDouble()) {
                fail(QStringLiteral("__counters__.version is not a number"));
                return std::nullopt;
            }
        }

        SnapshotSource src;
        if (!source(metadata.value(kSource), QStringLiteral("__counters__.source"), &src))
            return std::nullopt;

        Object countersMeta;
        if (!objectField(metadata, kCounters, QStringLiteral("__counters__.counters"),
                         &countersMeta))
            return std::nullopt;
        QList<CounterRow> rowList;
        if (!rows(object, countersMeta, QStringLiteral("__counters__.counters"), &rowList))
            return std::nullopt;

        QList<Snapshot> nodeList;
        if (!nodes(object, metadata, time, &nodeList))
            return std::nullopt;

        return Snapshot(time, std::move(src), std::move(rowList), std::move(nodeList));
    }

    bool objectField(const Object &object, QLatin1String key, const QString &where, Object *out)
    {
        const Value value = object.value(key);
        if (value.isUndefined())
            return true;
        if (!value.isObject())
            return fail(where + QStringLiteral(" is not an object"));
        *out = value.toObject();
        return true;
    }

    bool nodes(const Object &object, const Object &metadata, double time, QList<Snapshot> *out)
    {
        Object reports;
        if (!objectField(object, JsonCodec::NodeReportsKey, QStringLiteral("__node_reports__"),
                         &reports))
            return false;
        Object nodesMeta;
        if (!objectField(metadata, kNodes, QStringLiteral("__counters__.nodes"), &nodesMeta))
            return false;

        QStringList ids = reports.keys();
        for (const QString &id : nodesMeta.keys()) {
            if (!reports.contains(id))
                ids.append(id);
        }

        struct Node
        {
            double index;
            QString id;
            Snapshot snapshot;
        };
        std::vector<Node> result;
        for (const QString &id : std::as_const(ids)) {
            const QString reportWhere = QStringLiteral("__node_reports__.") + quoted(id);
            const QString metaWhere = QStringLiteral("__counters__.nodes.") + quoted(id);
            const Value report = reports.value(id);
            if (!report.isUndefined() && !report.isObject())
                return fail(reportWhere + QStringLiteral(" is not an object"));
            const Value meta = nodesMeta.value(id);
            if (!meta.isUndefined() && !meta.isObject())
                return fail(metaWhere + QStringLiteral(" is not an object"));
            const Object metaObject = meta.toObject();

            double nodeTime = time;
            const Value t = metaObject.value(kTime);
            if (!t.isUndefined() && !t.isNull()) {
                if (!t.isDouble())
                    return fail(metaWhere + QStringLiteral(".time is not a number"));
                nodeTime = t.toDouble();
            }
            double index = std::numeric_limits<double>::infinity();
            const Value i = metaObject.value(kIndex);
            if (!i.isUndefined()) {
                if (!i.isDouble())
                    return fail(metaWhere + QStringLiteral(".index is not a number"));
                index = i.toDouble();
            }
            SnapshotSource src;
            src.node = id;
            if (!source(metaObject.value(kSource), metaWhere + QStringLiteral(".source"), &src))
                return false;
            Object countersMeta;
            if (!objectField(metaObject, kCounters, metaWhere + QStringLiteral(".counters"),
                             &countersMeta))
                return false;
            QList<CounterRow> rowList;
            if (!rows(report.toObject(), countersMeta, metaWhere + QStringLiteral(".counters"),
                      &rowList))
                return false;
            result.push_back({index, id, Snapshot(nodeTime, std::move(src), std::move(rowList))});
        }
        // Keys come sorted; the index restores the writer's order.
        std::stable_sort(result.begin(), result.end(),
                         [](const Node &a, const Node &b) { return a.index < b.index; });
        out->reserve(qsizetype(result.size()));
        for (Node &node : result)
            out->append(std::move(node.snapshot));
        return true;
    }
};

/**
 * Replaces Python's NaN, Infinity and -Infinity tokens outside strings by null. `shifts`
 * receives (end offset in the output, accumulated length change) per replacement, so that a
 * parse error offset can be mapped back to the input.
 */
QByteArray replacePythonTokens(const QByteArray &in,
                               std::vector<std::pair<qsizetype, qsizetype>> *shifts)
{
    QByteArray out;
    out.reserve(in.size() + 16);
    bool inString = false;
    qsizetype delta = 0;
    const qsizetype n = in.size();
    const auto matches = [&](qsizetype at, QByteArrayView token) {
        if (at + token.size() > n || QByteArrayView(in).sliced(at, token.size()) != token)
            return false;
        const qsizetype after = at + token.size();
        if (after >= n)
            return true;
        const char c = in.at(after);
        return !std::isalnum(static_cast<unsigned char>(c)) && c != '_';
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = in.at(i);
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < n)
                out.append(in.at(++i));
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            out.append(c);
            continue;
        }
        qsizetype length = 0;
        if (c == 'N' && matches(i, "NaN"))
            length = 3;
        else if (c == 'I' && matches(i, "Infinity"))
            length = 8;
        else if (c == '-' && matches(i + 1, "Infinity"))
            length = 9;
        if (length == 0) {
            out.append(c);
            continue;
        }
        out.append("null", 4);
        delta += 4 - length;
        shifts->emplace_back(out.size(), delta);
        i += length - 1;
    }
    return out;
}

qsizetype originalOffset(qsizetype offset,
                         const std::vector<std::pair<qsizetype, qsizetype>> &shifts)
{
    qsizetype delta = 0;
    for (const auto &[end, accumulated] : shifts) {
        if (end > offset)
            break;
        delta = accumulated;
    }
    return offset - delta;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

struct QtJson
{
    using Value = QJsonValue;
    using Object = QJsonObject;
    using Array = QJsonArray;
};

template <typename Json>
std::optional<Snapshot> read(const typename Json::Object &object, QString *error)
{
    Reader<Json> reader;
    std::optional<Snapshot> snapshot = reader.snapshot(object);
    if (!snapshot)
        setError(error, QStringLiteral("invalid report: ") + reader.error);
    return snapshot;
}

} // namespace

QByteArray JsonCodec::toJson(const Snapshot &snapshot)
{
    const QList<CounterRow> &rows = snapshot.rows();
    const QList<Snapshot> &nodes = snapshot.nodes();

    // Every name twice (flat pair and metadata), a family's labels once more, about 128 bytes
    // of metadata: growing the buffer while writing costs a copy of all of it each time.
    const auto estimateOf = [](const QList<CounterRow> &of) {
        qsizetype bytes = 512;
        for (const CounterRow &row : of) {
            bytes += 128 + 2 * row.name.size() + row.subValues.size() * 32;
            if (!row.family.isEmpty())
                bytes += 24 + row.name.size();
        }
        return bytes;
    };
    qsizetype estimate = estimateOf(rows);
    for (const Snapshot &node : nodes)
        estimate += estimateOf(node.rows());
    Writer w(estimate);

    w.character('{');
    bool first = true;
    const Writer::Names names = w.flatPairs(rows, first);
    if (!first)
        w.character(',');
    w.literal("\"__collection_time__\":");
    w.number(snapshot.time());

    QStringList ids;
    std::vector<Writer::Names> nodeNames;
    if (!nodes.isEmpty()) {
        ids = nodeIds(nodes);
        w.literal(",\"__node_reports__\":{");
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            if (i > 0)
                w.character(',');
            w.string(ids.at(i));
            w.literal(":{");
            bool firstPair = true;
            nodeNames.push_back(w.flatPairs(nodes.at(i).rows(), firstPair));
            w.character('}');
        }
        w.character('}');
    }

    w.literal(",\"__counters__\":{\"version\":");
    w.integer(Version);
    w.literal(",\"source\":");
    w.source(snapshot.source());
    w.literal(",\"counters\":");
    w.counterMetadata(rows, names);
    if (!nodes.isEmpty()) {
        w.literal(",\"nodes\":{");
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const Snapshot &node = nodes.at(i);
            if (i > 0)
                w.character(',');
            w.string(ids.at(i));
            w.literal(":{\"index\":");
            w.integer(qint64(i));
            w.literal(",\"time\":");
            w.number(node.time());
            w.literal(",\"source\":");
            w.source(node.source());
            w.literal(",\"counters\":");
            w.counterMetadata(node.rows(), nodeNames.at(std::size_t(i)));
            w.character('}');
        }
        w.character('}');
    }
    w.literal("}}");
    return w.take();
}

std::optional<Snapshot> JsonCodec::fromJsonObject(const QJsonObject &object, QString *error)
{
    return read<QtJson>(object, error);
}

std::optional<Snapshot> JsonCodec::fromJson(const QByteArray &json, QString *error)
{
    // Most reports are plain JSON that the quick tree reads. Anything else, and every report
    // that does not read, goes through QJsonDocument, which decides and says what is wrong.
    if (std::optional<Snapshot> snapshot = detail::readReport(json, detail::JsonReader::Quick))
        return snapshot;
    return detail::readReport(json, detail::JsonReader::Qt, error);
}

std::optional<Snapshot> detail::readReport(const QByteArray &json, JsonReader reader,
                                           QString *error)
{
    if (reader == JsonReader::Quick) {
        JsonTree tree;
        if (!tree.parse(json)) {
            setError(error, QStringLiteral("not plain JSON"));
            return std::nullopt;
        }
        return read<JsonTree>(tree.root(), error);
    }

    if (json.trimmed().isEmpty()) {
        setError(error, QStringLiteral("invalid report: the input is empty"));
        return std::nullopt;
    }
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // PyCounters writes NaN/Infinity, which QJsonDocument rejects; only then do we pay for
        // a second pass.
        std::vector<std::pair<qsizetype, qsizetype>> shifts;
        const QByteArray replaced = replacePythonTokens(json, &shifts);
        if (!shifts.empty()) {
            document = QJsonDocument::fromJson(replaced, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                parseError.offset = int(originalOffset(parseError.offset, shifts));
        }
    }
    if (parseError.error != QJsonParseError::NoError) {
        setError(error,
                 QStringLiteral("invalid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        setError(error, QStringLiteral("invalid report: the JSON document is not an object"));
        return std::nullopt;
    }
    return read<QtJson>(document.object(), error);
}

} // namespace counters
