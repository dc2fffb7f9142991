// SPDX-License-Identifier: MIT
#include "graceperiod_p.h"

#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace counters::detail {

__attribute__((tls_model("initial-exec"))) thread_local ReaderRecord *t_reader = nullptr;

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
        Readers &r = readers();
        std::lock_guard lock(r.mutex);
        r.records.erase(std::remove(r.records.begin(), r.records.end(), &record), r.records.end());
    }
};

thread_local std::unique_ptr<ReaderOwner> t_readerOwner;

long membarrier(int command)
{
    return ::syscall(__NR_membarrier, command, 0, 0);
}

// Registering for the expedited command is needed once per process, before its first use.
bool membarrierAvailable()
{
    static const bool available = [] {
        const long commands = membarrier(MEMBARRIER_CMD_QUERY);
        return commands > 0 && (commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED)
            && membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
    }();
    return available;
}

} // namespace

ReaderRecord *registerReader()
{
    t_readerOwner = std::make_unique<ReaderOwner>();
    ReaderRecord *record = &t_readerOwner->record;
    {
        Readers &r = readers();
        std::lock_guard lock(r.mutex);
        r.records.push_back(record);
    }
    t_reader = record;
    return record;
}

bool synchronize()
{
    if (!membarrierAvailable() || membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0)
        return false;
    // Every thread has now fenced: a reader that had not marked its section yet will load the
    // new list; one that had is visible below. Wait for those to leave.
    Readers &r = readers();
    std::lock_guard lock(r.mutex);
    for (ReaderRecord *record : r.records) {
        const quint64 seen = record->sequence.load(std::memory_order_acquire);
        if ((seen & 1) == 0)
            continue;
        while (record->sequence.load(std::memory_order_acquire) == seen)
            std::this_thread::yield();
    }
    return true;
}

} // namespace counters::detail
