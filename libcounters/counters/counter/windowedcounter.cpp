// SPDX-License-Identifier: MIT
#include "windowedcounter.h"

#include "counterlogging_p.h"
#include "window_p.h"

#include <counters/base/ticker_p.h>

#include <algorithm>
#include <cmath>

namespace counters {

using detail::Bucket;
using detail::BucketReading;
using detail::WindowShard;

namespace detail {

void WindowShard::advance(qint64 now, qint64 width) noexcept
{
    const qint64 epoch = floorDiv(now, width);
    Bucket &b = ring[std::size_t(epoch) & (kRingSize - 1)];
    if (b.epoch.load(std::memory_order_relaxed) != epoch) {
        b.epoch.store(kNoEpoch, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        b.count.store(0, std::memory_order_relaxed);
        b.sum.store(0, std::memory_order_relaxed);
        b.min.store(std::numeric_limits<double>::infinity(), std::memory_order_relaxed);
        b.max.store(-std::numeric_limits<double>::infinity(), std::memory_order_relaxed);
        b.epoch.store(epoch, std::memory_order_release);
    }
    current = &b;
    currentEpoch = epoch;
    currentEnd = (epoch + 1) * width;
}

void WindowShard::reset(quint64 newGeneration) noexcept
{
    for (Bucket &b : ring)
        b.epoch.store(kNoEpoch, std::memory_order_release);
    // The start stack survives a clear(): a block that began before it still ends after it.
    current = nullptr;
    currentEpoch = kNoEpoch;
    currentEnd = std::numeric_limits<qint64>::min();
    generation.store(newGeneration, std::memory_order_release);
}

BucketReading WindowShard::read(const Bucket &b) noexcept
{
    BucketReading r;
    // A bucket changes epoch once per bucket width, so a retry is rare and one more read
    // always settles it; after many tries the bucket is in the middle of a reset: empty.
    for (int attempt = 0; attempt < 64; ++attempt) {
        r.epoch = b.epoch.load(std::memory_order_acquire);
        if (r.epoch == kNoEpoch)
            return BucketReading{};
        r.count = b.count.load(std::memory_order_relaxed);
        r.sum = b.sum.load(std::memory_order_relaxed);
        r.min = b.min.load(std::memory_order_relaxed);
        r.max = b.max.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (b.epoch.load(std::memory_order_relaxed) == r.epoch)
            return r;
    }
    return BucketReading{};
}

} // namespace detail

namespace {
qint64 checkedWindow(const QString &name, Seconds window)
{
    Seconds used = window;
    if (!(window.count() > 0))
        used = kDefaultWindow;
    else if (window < WindowedCounter::kMinWindow)
        used = WindowedCounter::kMinWindow;
    else if (window > WindowedCounter::kMaxWindow)
        used = WindowedCounter::kMaxWindow;
    if (used != window) {
        qCWarning(lcCounter,
                  "counter %ls: a window of %g s is not usable (from %g s to %g s); it counts "
                  "over %g s",
                  qUtf16Printable(name), window.count(), WindowedCounter::kMinWindow.count(),
                  WindowedCounter::kMaxWindow.count(), used.count());
    }
    return toNanoseconds(used);
}
} // namespace

WindowedCounter::WindowedCounter(CounterType type, const QString &name, Seconds window,
                                 const QStringList &events, int bucketsPerWindow)
    : Counter(type, name, events),
      m_windowNs(checkedWindow(name, window)),
      m_widthNs(std::max<qint64>(1, (m_windowNs + bucketsPerWindow - 1) / bucketsPerWindow))
{
    setShards(detail::ShardPool::create([] { return std::make_unique<WindowShard>(); }));
    if (clock() == Clock::system())
        detail::requestSystemClockResolution(m_widthNs);
}

WindowedCounter::~WindowedCounter()
{
    if (clock() == Clock::system())
        detail::releaseSystemClockResolution(m_widthNs);
}

void WindowedCounter::clockChanged(const Clock *previous)
{
    if (previous == Clock::system())
        detail::releaseSystemClockResolution(m_widthNs);
    if (clock() == Clock::system())
        detail::requestSystemClockResolution(m_widthNs);
}

void WindowedCounter::onValue(double value) noexcept
{
    if (acceptValue(value))
        record(value);
}

void WindowedCounter::record(double value) noexcept
{
    record(value, coarseNow());
}

void WindowedCounter::record(double value, qint64 now) noexcept
{
    WindowShard &shard = localShard<WindowShard>();
    const quint64 gen = generation();
    if (Q_UNLIKELY(shard.generation.load(std::memory_order_relaxed) != gen))
        shard.reset(gen);
    shard.add(value, now, m_widthNs);
}

bool WindowedCounter::pushStart(qint64 now) noexcept
{
    WindowShard &shard = localShard<WindowShard>();
    if (shard.depth == WindowShard::kMaxDepth)
        return false;
    shard.starts[std::size_t(shard.depth++)] = now;
    return true;
}

bool WindowedCounter::recordSinceStart(qint64 now, double secondsPerTick) noexcept
{
    WindowShard &shard = localShard<WindowShard>(); // one lookup on the timed-block path
    qint64 start;
    if (!shard.popStart(&start))
        return false;
    const quint64 gen = generation();
    if (Q_UNLIKELY(shard.generation.load(std::memory_order_relaxed) != gen))
        shard.reset(gen);
    shard.add(double(now - start) * secondsPerTick, coarseNow(), m_widthNs);
    return true;
}

void WindowedCounter::addSubValues(const Stats &, CounterRow &) const { }

std::optional<double> WindowedCounter::meanOf(const Stats &stats)
{
    if (stats.count == 0)
        return std::nullopt;
    return stats.sum / double(stats.count);
}

void WindowedCounter::addMinMax(const Stats &stats, CounterRow &row)
{
    if (stats.count == 0)
        return; // no min or max of nothing
    row.subValues.insert(QStringLiteral("min"), stats.min);
    row.subValues.insert(QStringLiteral("max"), stats.max);
}

CounterRow WindowedCounter::read(qint64 now) const
{
    const qint64 oldest = detail::floorDiv(now - m_windowNs, m_widthNs);
    const quint64 gen = generation();
    Stats stats;
    stats.min = std::numeric_limits<double>::infinity();
    stats.max = -std::numeric_limits<double>::infinity();
    m_shards->forEach<WindowShard>([&](const WindowShard &shard) {
        if (shard.generation.load(std::memory_order_acquire) != gen)
            return;
        for (const Bucket &b : shard.ring) {
            const BucketReading r = WindowShard::read(b);
            if (r.epoch == detail::kNoEpoch || r.epoch < oldest || r.count == 0)
                continue;
            stats.count += r.count;
            stats.sum += r.sum;
            stats.min = std::min(stats.min, r.min);
            stats.max = std::max(stats.max, r.max);
        }
    });
    stats.oldestEpoch = oldest;
    stats.generation = gen;
    const qint64 from = std::max(listeningSince(), oldest * m_widthNs);
    stats.span = std::max<qint64>(0, now - from) / 1e9;

    CounterRow row;
    row.name = name();
    row.type = type();
    row.window = window().count();
    row.count = stats.count;
    row.value = valueOf(stats);
    addSubValues(stats, row);
    return row;
}

std::size_t WindowedCounter::memoryUsage() const
{
    return sizeof(*this) + sizeof(detail::ShardPool) + m_shards->shardCount() * sizeof(WindowShard);
}

} // namespace counters
