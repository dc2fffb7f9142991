// SPDX-License-Identifier: MIT
#include "histogramring_p.h"

#include <QThread>
#include <QtAlgorithms>

#include <algorithm>

namespace counters::detail {

HistogramRing::HistogramRing()
{
    for (int w = 0; w < kBitmapWords; ++w) {
        const int pages = std::min(64, kPages - w * 64);
        m_free[std::size_t(w)].store(pages == 64 ? ~quint64(0) : (quint64(1) << pages) - 1,
                                     std::memory_order_relaxed);
    }
}

bool HistogramRing::claim(Slice &s, qint64 epoch, quint64 generation) noexcept
{
    // A wipe takes well under a microsecond; a writer that finds the slice still being wiped
    // after this many rounds (its wiper was descheduled) drops its value rather than wait.
    for (int round = 0; round < 4096; ++round) {
        qint64 current = s.epoch.load(std::memory_order_acquire);
        if (current == kResetting) {
            if (round > 64)
                QThread::yieldCurrentThread();
            continue;
        }
        const quint64 currentGeneration = s.generation.load(std::memory_order_relaxed);
        if (current == epoch && currentGeneration == generation)
            return true;
        if (current != kNoEpoch
            && (currentGeneration > generation
                || (currentGeneration == generation && current > epoch)))
            return false; // the slice belongs to a later bucket: this writer is a ring late
        if (s.epoch.compare_exchange_strong(current, kResetting, std::memory_order_acq_rel)) {
            // Readers must see kResetting before any wiped count (they re-check the epoch
            // after an acquire fence).
            std::atomic_thread_fence(std::memory_order_release);
            wipe(s);
            s.generation.store(generation, std::memory_order_relaxed);
            s.epoch.store(epoch, std::memory_order_release);
            return true;
        }
    }
    return false;
}

void HistogramRing::wipe(Slice &s) noexcept
{
    for (std::atomic<quint32> &coarse : s.coarse)
        coarse.store(0, std::memory_order_relaxed);
    for (Lane &lane : s.lanes) {
        lane.zeros.store(0, std::memory_order_relaxed);
        for (std::atomic<quint8> &entry : lane.table) {
            if (entry.load(std::memory_order_relaxed) == 0)
                continue;
            const int page = entry.exchange(0, std::memory_order_acq_rel);
            if (page == 0)
                continue;
            for (std::atomic<quint32> &count : m_pages[std::size_t(page - 1)])
                count.store(0, std::memory_order_relaxed);
            releasePage(page - 1);
        }
    }
}

int HistogramRing::allocate(Slice &s, int lane, int tableIndex) noexcept
{
    if (lane == 0 || freePages() > kReserve) {
        if (const int page = map(s.lanes[std::size_t(lane)], tableIndex))
            return page;
    }
    if (lane != 0) { // share the home lane's page, mapping one for it if it has none
        Lane &home = s.lanes[0];
        if (const int page = home.table[std::size_t(tableIndex)].load(std::memory_order_acquire))
            return page;
        if (const int page = map(home, tableIndex))
            return page;
    }
    // The pool is dry: share any lane's page of this octave rather than lose accuracy.
    for (const Lane &other : s.lanes) {
        if (const int page = other.table[std::size_t(tableIndex)].load(std::memory_order_acquire))
            return page;
    }
    return 0;
}

// Maps a page of the pool to `lane`'s octave (or finds the one another writer of the lane just
// mapped); 0 when the pool is empty.
int HistogramRing::map(Lane &lane, int tableIndex) noexcept
{
    std::atomic<quint8> &entry = lane.table[std::size_t(tableIndex)];
    const int page = takePage();
    if (page < 0)
        return 0;
    quint8 expected = 0;
    if (entry.compare_exchange_strong(expected, quint8(page + 1), std::memory_order_acq_rel))
        return page + 1;
    releasePage(page); // another writer of this lane mapped the octave first: use its page
    return expected;
}

int HistogramRing::freePages() const noexcept
{
    int free = 0;
    for (const std::atomic<quint64> &word : m_free)
        free += int(qPopulationCount(word.load(std::memory_order_relaxed)));
    return free;
}

int HistogramRing::takePage() noexcept
{
    for (int w = 0; w < kBitmapWords; ++w) {
        std::atomic<quint64> &word = m_free[std::size_t(w)];
        quint64 bits = word.load(std::memory_order_relaxed);
        while (bits != 0) {
            const int bit = int(qCountTrailingZeroBits(bits));
            if (word.compare_exchange_weak(bits, bits & ~(quint64(1) << bit),
                                           std::memory_order_acquire)) {
                return w * 64 + bit;
            }
        }
    }
    return -1;
}

void HistogramRing::releasePage(int page) noexcept
{
    m_free[std::size_t(page / 64)].fetch_or(quint64(1) << (page % 64), std::memory_order_release);
}

LogHistogram HistogramRing::read(qint64 oldestEpoch, quint64 generation) const
{
    QList<LogHistogram::Bucket> buckets;
    for (const Slice &s : m_slices) {
        const qint64 epoch = s.epoch.load(std::memory_order_acquire);
        if (epoch == kNoEpoch || epoch == kResetting || epoch < oldestEpoch
            || s.generation.load(std::memory_order_relaxed) != generation) {
            continue;
        }
        const qsizetype mark = buckets.size();
        for (int t = 0; t < kTableSize; ++t) {
            const bool negative = t < LogHistogram::Octaves;
            const int octave = t % LogHistogram::Octaves;
            if (const quint32 coarse = s.coarse[std::size_t(t)].load(std::memory_order_relaxed)) {
                buckets.append({LogHistogram::keyOf({octave, kCoarseSub}, negative), coarse});
            }
        }
        for (const Lane &lane : s.lanes) {
            if (const quint64 zeros = lane.zeros.load(std::memory_order_relaxed))
                buckets.append({0, zeros});
            for (int t = 0; t < kTableSize; ++t) {
                const int page = lane.table[std::size_t(t)].load(std::memory_order_acquire);
                if (page == 0)
                    continue;
                const bool negative = t < LogHistogram::Octaves;
                const int octave = t % LogHistogram::Octaves;
                const Page &counts = m_pages[std::size_t(page - 1)];
                for (int sub = 0; sub < LogHistogram::SubBuckets; ++sub) {
                    if (const quint32 n = counts[std::size_t(sub)].load(std::memory_order_relaxed))
                        buckets.append({LogHistogram::keyOf({octave, sub}, negative), n});
                }
            }
        }
        std::atomic_thread_fence(std::memory_order_acquire);
        // Recycled while read (for a later bucket, or the same one after a clear()): its
        // values had left the window, or were cleared.
        if (s.epoch.load(std::memory_order_relaxed) != epoch
            || s.generation.load(std::memory_order_relaxed) != generation)
            buckets.resize(mark);
    }
    return LogHistogram::fromUnsortedBuckets(std::move(buckets));
}

} // namespace counters::detail
