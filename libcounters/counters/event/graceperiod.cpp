// SPDX-License-Identifier: MIT
#include "graceperiod_p.h"

#include <counters/base/keepforever_p.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace counters::detail {

COUNTERS_FAST_TLS thread_local ReaderRecord *t_reader = nullptr;
// Set once the thread's own record is gone (its thread-local objects are being destroyed):
// trivially destructible, so still readable from the destructors that run after.
thread_local bool t_readerGone = false;

namespace {

struct Readers
{
    std::mutex mutex;
    std::vector<ReaderRecord *> records;
};

// Never destroyed: threads may exit (and deregister) after static destruction began.
Readers &readers()
{
    static Readers *instance = new Readers;
    return *instance;
}

struct ReaderOwner
{
    ReaderRecord record;

    ~ReaderOwner()
    {
        t_reader = nullptr;
        t_readerGone = true;
        Readers &r = readers();
        std::lock_guard lock(r.mutex);
        r.records.erase(std::remove(r.records.begin(), r.records.end(), &record), r.records.end());
    }
};

thread_local std::unique_ptr<ReaderOwner> t_readerOwner;

} // namespace

ReaderRecord *registerReader()
{
    ReaderRecord *record = nullptr;
    if (Q_UNLIKELY(t_readerGone)) {
        // An event raised by a destructor that runs after the thread's record was destroyed
        // (a thread-local object, a static one at exit): the owner cannot be made again, so
        // this record is never freed. It stays listed, outside any read section, which
        // synchronize() skips.
        record = keepForever(std::make_unique<ReaderRecord>());
    } else {
        t_readerOwner = std::make_unique<ReaderOwner>();
        record = &t_readerOwner->record;
    }
    {
        Readers &r = readers();
        std::lock_guard lock(r.mutex);
        r.records.push_back(record);
    }
    t_reader = record;
    return record;
}

namespace {
// Waits for the sections of other threads that are open now.
void waitForSections()
{
    const ReaderRecord *self = t_reader;
    Readers &r = readers();
    std::lock_guard lock(r.mutex);
    for (ReaderRecord *record : r.records) {
        if (record == self)
            continue;
        const quint64 seen = record->sequence.load(std::memory_order_acquire);
        if ((seen & 1) == 0)
            continue;
        while (record->sequence.load(std::memory_order_acquire) == seen)
            std::this_thread::yield();
    }
}
} // namespace

bool synchronize()
{
#ifdef COUNTERS_ASYMMETRIC_READ_SECTIONS
    if (!platform::processBarrier())
        return false;
        // Every thread has now fenced: a reader that had not marked its section yet will load the
        // new list; one that had is visible below. Wait for those to leave.
#else
    // Readers fence themselves (see ReadSection); this fence pairs with theirs: a reader
    // either sees the new list or is seen below in its section.
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
    waitForSections();
    return true;
}

void synchronizeOrPause()
{
    if (synchronize())
        return;
    // Readers only keep the compiler from reordering; their mark of a section may sit in a
    // store buffer for nanoseconds. A millisecond is many orders of magnitude longer.
    std::atomic_thread_fence(std::memory_order_seq_cst);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    waitForSections();
}

} // namespace counters::detail
