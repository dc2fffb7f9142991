// SPDX-License-Identifier: MIT
#include "loghistogram.h"

#include <algorithm>
#include <cmath>

namespace counters {

namespace {

int magnitudeIndex(qint32 key)
{
    return (key < 0 ? -key : key) - 1;
}

} // namespace

double LogHistogram::lowerMagnitude(qint32 key) noexcept
{
    if (key == 0)
        return 0;
    const int index = magnitudeIndex(key);
    const int octave = index / SubBuckets + MinOctave;
    return std::ldexp(1.0 + double(index % SubBuckets) / SubBuckets, octave);
}

double LogHistogram::upperMagnitude(qint32 key) noexcept
{
    if (key == 0)
        return 0;
    const int index = magnitudeIndex(key);
    const int octave = index / SubBuckets + MinOctave;
    return std::ldexp(1.0 + double(index % SubBuckets + 1) / SubBuckets, octave);
}

double LogHistogram::representative(qint32 key) noexcept
{
    if (key == 0)
        return 0;
    // The point whose largest relative distance to the bucket's ends is smallest:
    // (r − lo) / lo = (hi − r) / hi  ⇒  r = 2·lo·hi / (lo + hi), error (hi − lo) / (hi + lo).
    const double lo = lowerMagnitude(key);
    const double hi = upperMagnitude(key);
    const double r = 2 * lo * hi / (lo + hi);
    return key < 0 ? -r : r;
}

LogHistogram::LogHistogram() = default;

std::optional<LogHistogram> LogHistogram::fromBuckets(QList<Bucket> buckets, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<LogHistogram> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    LogHistogram h;
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        const Bucket &b = buckets.at(i);
        if (!isValidKey(b.key))
            return fail(QStringLiteral("histogram bucket key %1 is out of range").arg(b.key));
        if (b.count == 0)
            return fail(QStringLiteral("histogram bucket %1 has no values").arg(b.key));
        if (i > 0 && buckets.at(i - 1).key >= b.key)
            return fail(
                QStringLiteral("histogram bucket keys are not increasing at %1").arg(b.key));
        if (h.m_count + b.count < h.m_count)
            return fail(QStringLiteral("histogram count overflows"));
        h.m_count += b.count;
    }
    h.m_buckets = std::move(buckets);
    return h;
}

LogHistogram LogHistogram::fromUnsortedBuckets(QList<Bucket> buckets)
{
    std::sort(buckets.begin(), buckets.end(),
              [](const Bucket &a, const Bucket &b) { return a.key < b.key; });
    LogHistogram h;
    h.m_buckets.reserve(buckets.size());
    for (const Bucket &b : std::as_const(buckets)) {
        Q_ASSERT(isValidKey(b.key));
        if (b.count == 0)
            continue;
        if (!h.m_buckets.isEmpty() && h.m_buckets.last().key == b.key)
            h.m_buckets.last().count += b.count;
        else
            h.m_buckets.append(b);
        h.m_count += b.count;
    }
    return h;
}

void LogHistogram::add(double value, quint64 count)
{
    if (std::isnan(value) || count == 0)
        return;
    merge(fromUnsortedBuckets({Bucket{keyOf(value), count}}));
}

void LogHistogram::merge(const LogHistogram &other)
{
    if (other.isEmpty())
        return;
    if (isEmpty()) {
        *this = other;
        return;
    }
    QList<Bucket> merged;
    merged.reserve(m_buckets.size() + other.m_buckets.size());
    auto a = m_buckets.cbegin();
    auto b = other.m_buckets.cbegin();
    while (a != m_buckets.cend() || b != other.m_buckets.cend()) {
        if (b == other.m_buckets.cend() || (a != m_buckets.cend() && a->key < b->key)) {
            merged.append(*a++);
        } else if (a == m_buckets.cend() || b->key < a->key) {
            merged.append(*b++);
        } else {
            merged.append(Bucket{a->key, a->count + b->count});
            ++a;
            ++b;
        }
    }
    m_buckets = std::move(merged);
    m_count += other.m_count;
}

std::optional<double> LogHistogram::quantile(double q) const
{
    if (m_count == 0 || std::isnan(q))
        return std::nullopt;
    q = std::clamp(q, 0.0, 1.0);
    // The rank ⌈q·n⌉, at least 1. The double q lies a little above its decimal (0.9 is
    // 0.9 + 2.2e-17), so q·n, in long double, is taken down by a relative 1e-12 before rounding
    // up: q = 0.9 of n = 10 is rank 9, not 10, and of n = 1e10 rank 9e9, not 9e9 + 1.
    const auto exact = static_cast<long double>(q) * static_cast<long double>(m_count);
    quint64 rank = static_cast<quint64>(std::ceil(exact - exact * 1e-12L - 1e-12L));
    rank = std::clamp<quint64>(rank, 1, m_count);
    quint64 seen = 0;
    for (const Bucket &b : m_buckets) {
        seen += b.count;
        if (seen >= rank)
            return representative(b.key);
    }
    return representative(m_buckets.last().key);
}

bool operator==(const LogHistogram &a, const LogHistogram &b)
{
    return a.m_count == b.m_count && a.m_buckets == b.m_buckets;
}

QString LogHistogram::quantileKey(double q)
{
    // Percent with at most four decimals, trailing zeros dropped: 0.5 → "p50", 0.999 → "p99.9".
    QString percent = QString::number(std::round(q * 100 * 1e4) / 1e4, 'f', 4);
    while (percent.endsWith(u'0'))
        percent.chop(1);
    if (percent.endsWith(u'.'))
        percent.chop(1);
    return u'p' + percent;
}

std::optional<double> LogHistogram::quantileOfKey(QStringView key)
{
    if (key.size() < 2 || key.front() != u'p' || !key.at(1).isDigit())
        return std::nullopt;
    // Move the decimal point two places left in the text, so that "p99.9" gives the double
    // nearest to 0.999 rather than 99.9 / 100 (0.9990000000000001).
    const QStringView percent = key.mid(1);
    const qsizetype point = percent.indexOf(u'.');
    const qsizetype integerDigits = point < 0 ? percent.size() : point;
    QString digits = percent.toString();
    if (point >= 0)
        digits.remove(point, 1);
    const qsizetype shifted = integerDigits - 2;
    const QString text = shifted > 0
        ? QString(digits.left(shifted) + u'.' + digits.mid(shifted))
        : QString(QStringLiteral("0.") + QString(-shifted, u'0') + digits);
    bool ok = false;
    const double q = text.toDouble(&ok);
    if (!ok || q < 0 || q > 1 || quantileKey(q) != key)
        return std::nullopt;
    return q;
}

} // namespace counters
