// SPDX-License-Identifier: MIT
#pragma once

// Internal: the bucketed window of WindowedCounter.
//
// A window of length W is a ring of 32 buckets of width w = ceil(W / 30): 31 cover the window
// and the bucket being filled, one is spare. Each bucket holds count, sum, min and max of the
// values whose (coarse) time falls into it, and the absolute index ("epoch", time / w) it holds
// them for. Only the owner thread writes a bucket (plain stores on x86). The epoch doubles as a
// sequence number for reuse: the owner sets it to kNoEpoch, resets the fields, then publishes
// the new epoch, and a reader that sees the epoch change while it reads retries, so it never
// mixes two epochs. Single events are not fenced (that would put a store-to-load chain on every
// event): a reading racing with an event may count it in some fields and not yet in others.
// A reader includes every bucket whose epoch is at least floor((now - W) / w): a value stays at
// least W and at most W + w. Memory is fixed, whatever the event rate.

#include "shardpool_p.h"

#include <array>
#include <atomic>
#include <limits>

namespace counters::detail {

inline constexpr int kRingSize = 32;
inline constexpr qint64 kNoEpoch = std::numeric_limits<qint64>::min();

/// floor(a / b) for b > 0, also for negative a.
constexpr qint64 floorDiv(qint64 a, qint64 b) noexcept
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

struct Bucket
{
    std::atomic<qint64> epoch{kNoEpoch};
    std::atomic<quint64> count{0};
    std::atomic<double> sum{0};
    std::atomic<double> min{std::numeric_limits<double>::infinity()};
    std::atomic<double> max{-std::numeric_limits<double>::infinity()};
};

struct BucketReading
{
    qint64 epoch = kNoEpoch;
    quint64 count = 0;
    double sum = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
};

struct alignas(64) WindowShard : Shard
{
    std::array<Bucket, kRingSize> ring;
    std::atomic<quint64> generation{0};

    // Owner thread only.
    Bucket *current = nullptr;
    qint64 currentEpoch = kNoEpoch;
    qint64 currentEnd = std::numeric_limits<qint64>::min();
    static constexpr int kMaxDepth = 16;
    std::array<qint64, kMaxDepth> starts{};
    int depth = 0;

    void threadExited() noexcept override { depth = 0; }

    /// Pops this thread's latest unmatched start into `*start`; false when there is none.
    bool popStart(qint64 *start) noexcept
    {
        if (depth == 0)
            return false;
        *start = starts[std::size_t(--depth)];
        return true;
    }

    void add(double value, qint64 now, qint64 width) noexcept
    {
        if (Q_UNLIKELY(now >= currentEnd))
            advance(now, width);
        Bucket &b = *current;
        b.count.store(b.count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        b.sum.store(b.sum.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
        if (value < b.min.load(std::memory_order_relaxed))
            b.min.store(value, std::memory_order_relaxed);
        if (value > b.max.load(std::memory_order_relaxed))
            b.max.store(value, std::memory_order_relaxed);
    }

    void advance(qint64 now, qint64 width) noexcept;
    void reset(quint64 newGeneration) noexcept;
    static BucketReading read(const Bucket &b) noexcept;
};

} // namespace counters::detail
