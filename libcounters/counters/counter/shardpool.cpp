// SPDX-License-Identifier: MIT
#include "shardpool_p.h"

#include <counters/base/keepforever_p.h>

#include <atomic>

namespace counters::detail {

COUNTERS_FAST_TLS thread_local ThreadShards *t_shards = nullptr;
// Set when the thread's own ThreadShards is gone. Made again after that (an event from a
// destructor that runs later: a thread-local object made before, a static one at exit), it
// is never freed, and its shards never go back to their pools: their values still count.
thread_local bool t_shardsGone = false;

ThreadShards::~ThreadShards()
{
    t_shards = nullptr;
    t_shardsGone = true;
    for (ShardEntry &e : entries) {
        if (auto pool = e.pool.lock()) {
            e.shard->threadExited();
            pool->release(e.shard);
        }
    }
}

namespace {

// The owner of t_shards: its destructor returns the shards when the thread exits.
thread_local std::unique_ptr<ThreadShards> t_shardsOwner;

std::atomic<quint64> g_nextSerial{1};

struct IndexAllocator
{
    std::mutex mutex;
    quint32 next = 0;
    std::vector<quint32> free;

    quint32 take()
    {
        std::lock_guard lock(mutex);
        if (!free.empty()) {
            const quint32 index = free.back();
            free.pop_back();
            return index;
        }
        return next++;
    }

    void give(quint32 index)
    {
        std::lock_guard lock(mutex);
        free.push_back(index);
    }
};

IndexAllocator &indices()
{
    static IndexAllocator *instance = new IndexAllocator; // outlives static counters
    return *instance;
}

} // namespace

std::shared_ptr<ShardPool> ShardPool::create(Factory factory)
{
    return std::shared_ptr<ShardPool>(new ShardPool(std::move(factory)));
}

ShardPool::ShardPool(Factory factory)
    : m_index(indices().take()),
      m_serial(g_nextSerial.fetch_add(1, std::memory_order_relaxed)),
      m_factory(std::move(factory))
{
}

ShardPool::~ShardPool()
{
    indices().give(m_index);
}

Shard *ShardPool::attach()
{
    if (!t_shards) {
        if (Q_UNLIKELY(t_shardsGone)) {
            t_shards = keepForever(std::make_unique<ThreadShards>());
        } else {
            t_shardsOwner = std::make_unique<ThreadShards>();
            t_shards = t_shardsOwner.get();
        }
    }
    std::vector<ShardEntry> &entries = t_shards->entries;
    if (m_index >= entries.size())
        entries.resize(std::max<std::size_t>(m_index + 1, entries.size() * 2));
    ShardEntry &e = entries[m_index];
    // The slot may still name a dead pool's shard; that shard died with its pool.
    Shard *shard = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            shard = m_free.back();
            m_free.pop_back();
        } else {
            m_all.push_back(m_factory());
            shard = m_all.back().get();
        }
    }
    e.serial = m_serial;
    e.shard = shard;
    e.pool = weak_from_this();
    return shard;
}

void ShardPool::release(Shard *shard)
{
    std::lock_guard lock(m_mutex);
    m_free.push_back(shard);
}

std::size_t ShardPool::shardCount() const
{
    std::lock_guard lock(m_mutex);
    return m_all.size();
}

} // namespace counters::detail
