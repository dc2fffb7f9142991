// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QList>
#include <QString>
#include <QStringView>

#include <cstring>
#include <optional>

namespace counters {

/**
 * A mergeable log-linear histogram of values: the state behind percentiles
 * (PercentileWindowCounter), carried in snapshots so that the percentiles of several
 * processes are computed from their combined histogram rather than averaged.
 *
 * Buckets: every power of two ("octave") [2^e, 2^(e+1)) is cut into 64 equal sub-buckets,
 * for e in [-64, 63], mirrored for negative values, plus one bucket for zero. A bucket is named
 * by a key that orders like its values: 0 for zero, 1 + (e + 64) · 64 + sub for a positive
 * value (1 … 8192), the negated key of |v| for a negative one. A value is represented by
 * 2·lo·hi / (lo + hi) of its bucket [lo, hi), which is within relativeError() = 1/129 (0.78 %)
 * of every value of the bucket. Magnitudes below 2^-64 (5.4e-20) count as 2^-64, above 2^64
 * (1.8e19) and infinities as the top bucket; NaN is not a value (keyOf() must not see it).
 *
 * Quantile q of n values is the ⌈q·n⌉-th smallest (the first for q = 0): quantile() returns the
 * representative of the bucket holding it, so the answer is within relativeError() of that
 * value, whatever the distribution and however many histograms were merged.
 *
 * Memory is proportional to the number of distinct buckets (at most 16,385), not to the number
 * of values. A value type, implicitly shared; reentrant.
 */
class COUNTERS_CORE_EXPORT LogHistogram
{
public:
    static constexpr int SubBucketBits = 6;
    static constexpr int SubBuckets = 1 << SubBucketBits;
    static constexpr int MinOctave = -64;
    static constexpr int MaxOctave = 63;
    static constexpr int Octaves = MaxOctave - MinOctave + 1;
    static constexpr qint32 MaxKey = Octaves * SubBuckets;

    /// The bound on the relative error of every quantile: 1 / (2 · SubBuckets + 1).
    static constexpr double relativeError() noexcept { return 1.0 / (2 * SubBuckets + 1); }

    struct Bucket
    {
        qint32 key = 0;
        quint64 count = 0;
        friend bool operator==(const Bucket &a, const Bucket &b)
        {
            return a.key == b.key && a.count == b.count;
        }
    };

    /// The octave index (0 … Octaves − 1) and sub-bucket of a magnitude |v| > 0, clamped.
    struct Position
    {
        int octave = 0;
        int sub = 0;
    };
    static Position positionOf(double magnitude) noexcept
    {
        quint64 bits;
        std::memcpy(&bits, &magnitude, sizeof bits);
        const int exponent = int((bits >> 52) & 0x7ff) - 1023; // subnormals: -1023
        if (exponent < MinOctave)
            return {0, 0};
        if (exponent > MaxOctave)
            return {Octaves - 1, SubBuckets - 1};
        return {exponent - MinOctave, int((bits >> (52 - SubBucketBits)) & (SubBuckets - 1))};
    }
    static constexpr qint32 keyOf(Position p, bool negative) noexcept
    {
        const qint32 key = 1 + p.octave * SubBuckets + p.sub;
        return negative ? -key : key;
    }
    /// The key of `value`'s bucket.
    static qint32 keyOf(double value) noexcept
    {
        if (value == 0)
            return 0;
        return keyOf(positionOf(value < 0 ? -value : value), value < 0);
    }
    /// The bounds [lo, hi) of a key's bucket, by magnitude (lo = hi = 0 for key 0).
    static double lowerMagnitude(qint32 key) noexcept;
    static double upperMagnitude(qint32 key) noexcept;
    /// The value a bucket stands for (see the class comment); 0 for key 0.
    static double representative(qint32 key) noexcept;
    static constexpr bool isValidKey(qint32 key) noexcept
    {
        return key >= -MaxKey && key <= MaxKey;
    }

    LogHistogram();

    /// Buckets sorted by key, every count positive. Invalid lists (unsorted, repeated or
    /// invalid keys, zero counts) give std::nullopt and a message.
    static std::optional<LogHistogram> fromBuckets(QList<Bucket> buckets, QString *error = nullptr);
    /// Builds from buckets in any order, adding up repeated keys and dropping zero counts.
    /// Keys must be valid (asserted).
    static LogHistogram fromUnsortedBuckets(QList<Bucket> buckets);

    bool isEmpty() const noexcept { return m_buckets.isEmpty(); }
    /// The number of values.
    quint64 count() const noexcept { return m_count; }
    const QList<Bucket> &buckets() const noexcept { return m_buckets; }

    /// Adds `count` values of `value`'s bucket; NaN is ignored.
    void add(double value, quint64 count = 1);
    /// Adds every value of `other` (merging processes).
    void merge(const LogHistogram &other);

    /// Quantile `q` (clamped to [0, 1]), see the class comment; empty when there are no values.
    std::optional<double> quantile(double q) const;

    friend COUNTERS_CORE_EXPORT bool operator==(const LogHistogram &a, const LogHistogram &b);
    friend bool operator!=(const LogHistogram &a, const LogHistogram &b) { return !(a == b); }

    /// The sub-value key of quantile q: "p50" for 0.5, "p99.9" for 0.999 (at most 4 decimals
    /// of a percent). quantileOfKey() inverts it; std::nullopt for a key of another form.
    static QString quantileKey(double q);
    static std::optional<double> quantileOfKey(QStringView key);

private:
    QList<Bucket> m_buckets;
    quint64 m_count = 0;
};

} // namespace counters
