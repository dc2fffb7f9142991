// SPDX-License-Identifier: MIT
#pragma once

// Hand-overs between our threads through Qt, described to ThreadSanitizer.
//
// Debian's Qt is not built with TSan, and its QMutex, QSemaphore and QThread::wait() sit on
// futexes, which TSan does not see. So the order that a queued or blocking
// QMetaObject::invokeMethod() establishes (the caller's writes happen before the call runs in
// the receiver's thread; with Qt::BlockingQueuedConnection the call's writes happen before
// the caller goes on) is invisible to it, and every such hand-over would be reported as a
// race. invokeInThread() posts like QMetaObject::invokeMethod() and describes that order with
// TSan's acquire/release annotations on the context object; in other builds it is exactly
// QMetaObject::invokeMethod(). What Qt itself allocates and frees for the call (the slot object,
// the event) is covered by scripts/tsan.supp.

#include <QMetaObject>
#include <QObject>

#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace counters::detail {

/// Says that what this thread wrote so far happens before a later tsanAcquire() of `sync` (any
/// address both sides know) in another thread.
inline void tsanRelease([[maybe_unused]] const void *sync) noexcept
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void *>(sync));
#endif
}

inline void tsanAcquire([[maybe_unused]] const void *sync) noexcept
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void *>(sync));
#endif
}

/// Runs `function` in `context`'s thread: QMetaObject::invokeMethod(context, function, type).
template <typename Function>
void invokeInThread(QObject *context, Function &&function, Qt::ConnectionType type)
{
#if defined(__SANITIZE_THREAD__)
    tsanRelease(context);
    QMetaObject::invokeMethod(
        context,
        [context, function = std::forward<Function>(function)]() mutable {
            tsanAcquire(context);
            function();
            tsanRelease(context);
        },
        type);
    if (type == Qt::BlockingQueuedConnection)
        tsanAcquire(context);
#else
    QMetaObject::invokeMethod(context, std::forward<Function>(function), type);
#endif
}

} // namespace counters::detail
