// SPDX-License-Identifier: MIT
#pragma once

// Internal: per-thread shards of a counter. Each thread that records into a counter gets a
// shard of its own, so recording writes no cache line that another thread writes. Shards are
// owned by the pool; a thread that exits hands its shards back (data intact, still read) and
// the next new thread reuses them, so memory follows the number of live threads.

#include <counters/base/platform_p.h>
#include <counters/counter/counter.h>

#include <QtGlobal>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace counters::detail {

struct Shard;
class ShardPool;

struct ShardEntry
{
    quint64 serial = 0;
    Shard *shard = nullptr;
    std::weak_ptr<ShardPool> pool;
};

// The calling thread's shards, indexed by pool index. A pool's index is reused after the pool
// dies, so each entry also carries the pool's serial (never reused) to tell owners apart.
struct ThreadShards
{
    std::vector<ShardEntry> entries;
    ~ThreadShards();
};

// A plain pointer for the hot path (no dynamic-initialisation guard on access).
extern COUNTERS_FAST_TLS thread_local ThreadShards *t_shards;

struct Shard
{
    virtual ~Shard() = default;
    /// Called in the owner thread when it exits, before the shard goes back to the pool.
    virtual void threadExited() noexcept { }
};

class ShardPool : public std::enable_shared_from_this<ShardPool>
{
public:
    using Factory = std::function<std::unique_ptr<Shard>()>;

    static std::shared_ptr<ShardPool> create(Factory factory);
    ~ShardPool();

    quint32 index() const noexcept { return m_index; }
    quint64 serial() const noexcept { return m_serial; }

    /// The calling thread's shard of the pool with `index` and `serial` (which `pool` has).
    static Shard *localShard(quint32 index, quint64 serial, ShardPool *pool) noexcept
    {
        ThreadShards *shards = t_shards;
        if (Q_LIKELY(shards && index < shards->entries.size())) {
            const ShardEntry &e = shards->entries[index];
            if (Q_LIKELY(e.serial == serial))
                return e.shard;
        }
        return pool->attach();
    }

    /// Calls `f(shard)` for every shard, under the pool's lock.
    template <typename T, typename F>
    void forEach(F &&f) const
    {
        std::lock_guard lock(m_mutex);
        for (const auto &shard : m_all)
            f(static_cast<const T &>(*shard));
    }

    /// How many shards the pool holds (for memory accounting).
    std::size_t shardCount() const;

    void release(Shard *shard);

private:
    explicit ShardPool(Factory factory);

    Q_NEVER_INLINE Shard *attach();

    const quint32 m_index;
    const quint64 m_serial;
    const Factory m_factory;
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<Shard>> m_all;
    std::vector<Shard *> m_free;
};

} // namespace counters::detail

namespace counters {

template <typename T>
T &Counter::localShard() noexcept
{
    return *static_cast<T *>(
        detail::ShardPool::localShard(m_shardIndex, m_shardSerial, m_shards.get()));
}

} // namespace counters
