// SPDX-License-Identifier: MIT
#include "reporter.h"

#include "reportlogging_p.h"

#include <atomic>
#include <exception>
#include <mutex>

namespace counters {

namespace {
constexpr qint64 kWarningIntervalNs = 1'000'000'000;
}

class Reporter::Private
{
public:
    // Serialises write(); held for as long as a write takes, so the accessors never take it.
    std::mutex writeMutex;

    std::atomic<const Clock *> clock{Clock::system()};
    std::atomic<quint64> reports{0};
    std::atomic<quint64> failures{0};
    std::atomic<qint64> lastDurationNs{0};

    mutable std::mutex stateMutex; // guards the members below
    QString errorString;
    bool warnedOnce = false;
    qint64 lastWarningNs = 0;
    quint64 suppressedWarnings = 0;
};

Reporter::Reporter(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) { }

Reporter::~Reporter() = default;

bool Reporter::report(const Snapshot &snapshot)
{
    QString error;
    bool ok = false;
    qint64 startNs = 0;
    qint64 endNs = 0;
    {
        const std::lock_guard<std::mutex> lock(d->writeMutex);
        const Clock *clock = d->clock.load(std::memory_order_acquire);
        startNs = clock->preciseNanoseconds();
        try {
            ok = write(snapshot, &error);
        } catch (const std::exception &e) {
            // Subclasses should not throw, but a reporter must never take the caller down.
            ok = false;
            error = QStringLiteral("unexpected exception: ") + QString::fromLocal8Bit(e.what());
        } catch (...) {
            ok = false;
            error = QStringLiteral("unexpected exception");
        }
        endNs = clock->preciseNanoseconds();
    }
    d->lastDurationNs.store(std::max<qint64>(0, endNs - startNs), std::memory_order_relaxed);

    if (ok) {
        d->reports.fetch_add(1, std::memory_order_relaxed);
        return true;
    }

    d->failures.fetch_add(1, std::memory_order_relaxed);
    if (error.isEmpty())
        error = QStringLiteral("the write failed without giving a reason");

    bool warn = false;
    quint64 suppressed = 0;
    {
        const std::lock_guard<std::mutex> lock(d->stateMutex);
        d->errorString = error;
        if (!d->warnedOnce || endNs - d->lastWarningNs >= kWarningIntervalNs) {
            warn = true;
            suppressed = d->suppressedWarnings;
            d->warnedOnce = true;
            d->lastWarningNs = endNs;
            d->suppressedWarnings = 0;
        } else {
            ++d->suppressedWarnings;
        }
    }
    if (warn) {
        const QString who =
            objectName().isEmpty() ? QString::fromLatin1(metaObject()->className()) : objectName();
        if (suppressed > 0) {
            qCWarning(lcReport, "%ls: report failed: %ls (%llu similar warnings suppressed)",
                      qUtf16Printable(who), qUtf16Printable(error),
                      static_cast<unsigned long long>(suppressed));
        } else {
            qCWarning(lcReport, "%ls: report failed: %ls", qUtf16Printable(who),
                      qUtf16Printable(error));
        }
    }
    Q_EMIT errorOccurred(error);
    return false;
}

quint64 Reporter::reportCount() const
{
    return d->reports.load(std::memory_order_relaxed);
}

quint64 Reporter::failureCount() const
{
    return d->failures.load(std::memory_order_relaxed);
}

Seconds Reporter::lastDuration() const
{
    return Seconds(double(d->lastDurationNs.load(std::memory_order_relaxed)) / 1e9);
}

QString Reporter::errorString() const
{
    const std::lock_guard<std::mutex> lock(d->stateMutex);
    return d->errorString;
}

void Reporter::setClock(const Clock *clock)
{
    Q_ASSERT(clock);
    d->clock.store(clock ? clock : Clock::system(), std::memory_order_release);
}

const Clock *Reporter::clock() const
{
    return d->clock.load(std::memory_order_acquire);
}

} // namespace counters
