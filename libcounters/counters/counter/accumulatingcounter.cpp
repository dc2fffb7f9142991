// SPDX-License-Identifier: MIT
#include "accumulatingcounter.h"

#include "shardpool_p.h"

#include <atomic>

namespace counters {

namespace {

// One thread's part of the total. Single writer (the owner), so plain loads and stores of
// relaxed atomics suffice; readers sum the shards of the current generation.
struct alignas(64) TotalShard final : detail::Shard
{
    std::atomic<quint64> generation{0};
    std::atomic<quint64> count{0};
    std::atomic<double> sum{0};
};

} // namespace

AccumulatingCounter::AccumulatingCounter(CounterType type, const QString &name,
                                         const QStringList &events)
    : Counter(type, name, events)
{
    setShards(detail::ShardPool::create([] { return std::make_unique<TotalShard>(); }));
}

AccumulatingCounter::~AccumulatingCounter() = default;

void AccumulatingCounter::accumulate(double amount) noexcept
{
    TotalShard &shard = localShard<TotalShard>();
    const quint64 gen = generation();
    if (Q_UNLIKELY(shard.generation.load(std::memory_order_relaxed) != gen)) {
        shard.count.store(0, std::memory_order_relaxed);
        shard.sum.store(0, std::memory_order_relaxed);
        shard.generation.store(gen, std::memory_order_release);
    }
    shard.sum.store(shard.sum.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
    shard.count.store(shard.count.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

CounterRow AccumulatingCounter::read(qint64) const
{
    const quint64 gen = generation();
    quint64 count = 0;
    double sum = 0;
    m_shards->forEach<TotalShard>([&](const TotalShard &shard) {
        if (shard.generation.load(std::memory_order_acquire) != gen)
            return;
        count += shard.count.load(std::memory_order_acquire);
        sum += shard.sum.load(std::memory_order_relaxed);
    });
    CounterRow row;
    row.name = name();
    row.type = type();
    row.count = count;
    if (count > 0)
        row.value = sum;
    else if (wasCleared())
        row.value = 0.0;
    return row;
}

} // namespace counters
