// SPDX-License-Identifier: MIT
#pragma once
// Internal: objects kept for the rest of the process.

#include <memory>
#include <mutex>
#include <vector>

namespace counters::detail {

/**
 * Keeps `object` until the process ends and returns it: for a thread's object made again after
 * its thread-local owner was destroyed (an event raised by a destructor that runs later, a
 * thread-local object made before the owner or a static one at exit). Such objects can never be
 * freed safely; they are listed here, so that leak checkers see them as reachable, rather than
 * lost. One per such thread. Thread-safe.
 */
template <typename T>
T *keepForever(std::unique_ptr<T> object)
{
    struct Kept
    {
        std::mutex mutex;
        std::vector<std::shared_ptr<void>> objects;
    };
    static Kept *kept = new Kept; // never destroyed: used from destructors at exit
    T *raw = object.get();
    std::lock_guard lock(kept->mutex);
    kept->objects.push_back(std::shared_ptr<T>(std::move(object)));
    return raw;
}

} // namespace counters::detail
