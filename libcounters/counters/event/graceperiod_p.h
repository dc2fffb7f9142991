// SPDX-License-Identifier: MIT
#pragma once

// Internal: when may a listener list (and the counters it names) be freed?
//
// A thread that delivers an event reads a listener list without any lock. Before freeing a
// list that was replaced, the registering side waits for a grace period: until every thread
// that might still hold the old list has left its read section. Readers mark their section
// with two plain stores to a per-thread sequence (odd = inside) and a compiler barrier; the
// waiting side pays for the ordering instead, with one membarrier() system call that makes
// every thread of the process execute a full fence (the asymmetric-fence technique). Where
// the kernel lacks membarrier, synchronize() says so and nothing is ever freed. Where the
// platform has none at all (platform_p.h), each read section pays a full fence instead, and
// synchronize() always works.

#include <counters/base/platform_p.h>

#include <QtGlobal>

#include <atomic>

#ifdef COUNTERS_PLATFORM_LINUX
#define COUNTERS_ASYMMETRIC_READ_SECTIONS 1
#endif

namespace counters::detail {

struct alignas(64) ReaderRecord // own cache line: written on every event
{
    std::atomic<quint64> sequence{0}; ///< odd while the thread is in a read section
};

extern COUNTERS_FAST_TLS thread_local ReaderRecord *t_reader;

/// Registers the calling thread as a reader (once per thread; allocates).
ReaderRecord *registerReader();

/// Marks a read section of listener lists for its lifetime. Nests (inner sections are free).
class ReadSection
{
public:
    ReadSection() noexcept
    {
        ReaderRecord *record = t_reader;
        if (Q_UNLIKELY(!record))
            record = registerReader();
        m_record = record;
        m_sequence = record->sequence.load(std::memory_order_relaxed);
        m_outer = (m_sequence & 1) == 0;
        if (m_outer) {
            record->sequence.store(m_sequence + 1, std::memory_order_relaxed);
#ifdef COUNTERS_ASYMMETRIC_READ_SECTIONS
            std::atomic_signal_fence(std::memory_order_seq_cst);
#else
            std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
        }
    }

    ~ReadSection()
    {
        if (m_outer) {
            std::atomic_signal_fence(std::memory_order_seq_cst);
            m_record->sequence.store(m_sequence + 2, std::memory_order_release);
        }
    }

    ReadSection(const ReadSection &) = delete;
    ReadSection &operator=(const ReadSection &) = delete;

private:
    ReaderRecord *m_record;
    quint64 m_sequence;
    bool m_outer;
};

/// True while the calling thread is inside a read section (delivering an event).
inline bool inReadSection() noexcept
{
    const ReaderRecord *record = t_reader;
    return record && (record->sequence.load(std::memory_order_relaxed) & 1) != 0;
}

/**
 * Waits until every read section of other threads that began before this call has ended. Call
 * it after publishing a new list and before freeing the old one. Returns false when the system
 * offers no way to wait (a Linux kernel without membarrier): then nothing may be freed. The
 * calling thread's own section is not waited for: what it reads now must not be freed (see
 * inReadSection()).
 */
bool synchronize();

/**
 * Like synchronize(), for objects that must be released now (a listener its owner destroys):
 * where synchronize() cannot wait, a full fence and a pause of a millisecond let every reader's
 * mark of its section land before the same wait for sections. Sound in practice, not by proof.
 */
void synchronizeOrPause();

} // namespace counters::detail
