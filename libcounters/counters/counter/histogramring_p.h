// SPDX-License-Identifier: MIT
#pragma once

// Internal: the time-sliced histograms of PercentileWindowCounter.
//
// A ring of 8 slices, one per time bucket of the counter's window (width ceil(W / 6): 6 cover
// the window, one is being filled, one is spare, as in window_p.h). Threads record with relaxed
// atomic increments; the memory is per counter, not per thread, and fixed whatever the rate
// or the number of threads.
//
// Each slice has 4 lanes, and each recording thread one lane (its shard's: threads take lanes
// in turn). A lane maps each octave of LogHistogram (256: 128 negative, 128 positive) to a page
// of 64 sub-bucket counts taken from a pool of 192 pages shared by every lane of every slice, so
// threads that record at once into different lanes never write the same cache line (two
// threads sharing one page cost 5 times one thread's time per value). A lane holds only the
// pages of octaves it has seen.
//
// Lane 0 is every slice's home: the other lanes take pages of their own only while more than
// half the pool (kReserve) is free, and otherwise count into the home lane's page of the octave,
// shared (taking it for the home lane if it has none). So the other lanes never hold more than
// half the pool, and the home lanes of all 8 slices always have the other half: 12 octaves per
// slice, whatever the number of threads. When the pool runs dry, a lane counts into any other
// lane's page of the octave (exact, only shared), and when no lane has one, the value is counted
// per octave (its slice's `coarse` count; read back as the octave's geometric middle, so within
// 41 % rather than 0.78 %) and coarseValues() says how often that happened. With one thread, 192
// pages hold 24 octaves per slice (a factor of 16 million).
//
// The first writer that finds a slice holding an older epoch (or an older clear() generation)
// claims it by swapping its epoch to kResetting, returns its pages to the pool (zeroed) and
// publishes the new epoch; writers arriving meanwhile wait for that (a few hundred
// nanoseconds, bounded). A writer more than a ring behind (its slice already holds a newer
// epoch) drops its value: add() returns false, the counter counts it in droppedEvents(). A
// reader takes a slice (all its lanes) only when its epoch and generation are the same before
// and after reading it. A value racing with the recycling of its slice's page (a writer
// descheduled for more than a window between reading the page index and incrementing, or one
// recording while another thread calls clear()) may land in the page's next use: the only
// inexactness.
//
// Counts are 32-bit: one sub-bucket of one slice holds up to 4.29e9 values (14 million a second
// into a single sub-bucket for a 5-minute window) before it wraps.

#include <counters/base/loghistogram.h>

#include <QtGlobal>

#include <array>
#include <atomic>
#include <limits>

namespace counters::detail {

class HistogramRing
{
public:
    static constexpr int kSlices = 8;
    static constexpr int kLanes = 4;
    static constexpr int kPages = 192;
    /// The pages kept for the home lanes: the other lanes take none while fewer are free.
    static constexpr int kReserve = kPages / 2;
    static constexpr int kTableSize = 2 * LogHistogram::Octaves;

    HistogramRing();
    HistogramRing(const HistogramRing &) = delete;
    HistogramRing &operator=(const HistogramRing &) = delete;

    /// Counts `value` (finite) into lane `lane` (0 to kLanes − 1) of the slice of `epoch` under
    /// clear() generation `generation`; false when the value was dropped (see above).
    bool add(double value, qint64 epoch, quint64 generation, int lane) noexcept
    {
        Slice &s = m_slices[std::size_t(epoch) & (kSlices - 1)];
        if (Q_UNLIKELY(s.epoch.load(std::memory_order_acquire) != epoch
                       || s.generation.load(std::memory_order_relaxed) != generation)) {
            if (!claim(s, epoch, generation))
                return false;
        }
        Lane &l = s.lanes[std::size_t(lane)];
        if (value == 0) {
            l.zeros.fetch_add(1, std::memory_order_relaxed);
            return true;
        }
        const bool negative = value < 0;
        const LogHistogram::Position p = LogHistogram::positionOf(negative ? -value : value);
        const int t = (negative ? 0 : LogHistogram::Octaves) + p.octave;
        int page = l.table[std::size_t(t)].load(std::memory_order_acquire);
        if (Q_UNLIKELY(page == 0)) {
            page = allocate(s, lane, t);
            if (page == 0) {
                s.coarse[std::size_t(t)].fetch_add(1, std::memory_order_relaxed);
                m_coarseValues.fetch_add(1, std::memory_order_relaxed);
                return true;
            }
        }
        m_pages[std::size_t(page - 1)][std::size_t(p.sub)].fetch_add(1, std::memory_order_relaxed);
        return true;
    }

    /// The values of the slices of epochs ≥ `oldestEpoch` under `generation`.
    LogHistogram read(qint64 oldestEpoch, quint64 generation) const;

    /// Values counted at octave resolution because the page pool was exhausted.
    quint64 coarseValues() const noexcept { return m_coarseValues.load(std::memory_order_relaxed); }

private:
    static constexpr qint64 kNoEpoch = std::numeric_limits<qint64>::min();
    static constexpr qint64 kResetting = std::numeric_limits<qint64>::max();
    static constexpr int kBitmapWords = (kPages + 63) / 64;
    /// The sub-bucket that stands for a whole octave counted coarsely: its geometric middle.
    static constexpr int kCoarseSub = 26; // 1 + 26/64 ≈ √2

    using Page = std::array<std::atomic<quint32>, LogHistogram::SubBuckets>;

    /// One lane of a slice: written by its threads only, on cache lines of its own.
    struct alignas(64) Lane
    {
        std::array<std::atomic<quint8>, kTableSize> table{}; ///< page index + 1; 0: none
        std::atomic<quint64> zeros{0};
    };

    struct Slice
    {
        std::atomic<qint64> epoch{kNoEpoch};
        std::atomic<quint64> generation{0};
        std::array<Lane, kLanes> lanes{};
        std::array<std::atomic<quint32>, kTableSize> coarse{};
    };
    static_assert(kPages < 255, "page indices (+1) are stored in a byte");

    bool claim(Slice &s, qint64 epoch, quint64 generation) noexcept;
    void wipe(Slice &s) noexcept;
    int allocate(Slice &s, int lane, int tableIndex) noexcept;
    int map(Lane &lane, int tableIndex) noexcept;
    int freePages() const noexcept; ///< from the bitmap, on the allocation path only
    int takePage() noexcept;
    void releasePage(int page) noexcept;

    std::array<Slice, kSlices> m_slices;
    alignas(64) std::array<Page, kPages> m_pages{}; ///< 256 bytes each: no page shares a line
    std::array<std::atomic<quint64>, kBitmapWords> m_free{};
    std::atomic<quint64> m_coarseValues{0};
};

} // namespace counters::detail
