// SPDX-License-Identifier: MIT
#include "clock.h"

#include "platform_p.h"
#include "ticker_p.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace counters {

namespace {

qint64 steadyNanoseconds() noexcept
{
    return detail::systemSteadyNanoseconds();
}

// Refreshes the system clock's coarse cell. Reading steady_clock costs ~25 ns here, reading
// the cell one load; the ticker wakes only as often as the finest window in use needs
// (an eighth of its bucket width, between 1 ms and 100 ms) and sleeps when nobody asks.
class Ticker
{
public:
    std::atomic<qint64> cell{steadyNanoseconds()};

    void request(qint64 resolutionNs)
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_resolutions[resolutionNs];
            if (!m_thread.joinable())
                m_thread = std::thread([this] { run(); });
        }
        refresh();
        m_wake.notify_one();
    }

    void release(qint64 resolutionNs)
    {
        std::lock_guard lock(m_mutex);
        auto it = m_resolutions.find(resolutionNs);
        if (it != m_resolutions.end() && --it->second == 0)
            m_resolutions.erase(it);
    }

    void refresh() noexcept
    {
        const qint64 now = steadyNanoseconds();
        qint64 seen = cell.load(std::memory_order_relaxed);
        while (seen < now && !cell.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
        }
    }

private:
    void run()
    {
        detail::platform::nameThisThread("counters-ticker");
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_resolutions.empty()) {
                m_wake.wait(lock);
                continue;
            }
            const qint64 period =
                std::clamp<qint64>(m_resolutions.begin()->first / 8, 1'000'000, 100'000'000);
            m_wake.wait_for(lock, std::chrono::nanoseconds(period));
            refresh();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<qint64, int> m_resolutions;
    std::thread m_thread;
};

// Never destroyed: counters in static storage may release their resolution during exit, and
// the ticker thread must not outlive the object it reads.
Ticker &ticker()
{
    static Ticker *instance = new Ticker;
    return *instance;
}

class SystemClock final : public Clock
{
public:
    SystemClock() noexcept : Clock(&ticker().cell) { }

    qint64 preciseNanoseconds() const noexcept override { return steadyNanoseconds(); }

    double wallSeconds() const noexcept override
    {
        return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    void refresh() const noexcept override { ticker().refresh(); }
};

} // namespace

namespace detail {

void requestSystemClockResolution(qint64 resolutionNs)
{
    ticker().request(resolutionNs);
}

void releaseSystemClockResolution(qint64 resolutionNs)
{
    ticker().release(resolutionNs);
}

const Stopwatch &systemStopwatch()
{
    static const Stopwatch stopwatch = [] {
        Stopwatch s;
#ifdef COUNTERS_HAVE_RDTSC
        if (platform::cycleCounterUsable()) {
            const qint64 n0 = systemSteadyNanoseconds();
            const quint64 t0 = __rdtsc();
            qint64 n1 = n0;
            while (n1 - n0 < 5'000'000)
                n1 = systemSteadyNanoseconds();
            const quint64 t1 = __rdtsc();
            if (t1 > t0) {
                s.tsc = true;
                s.secondsPerTick = double(n1 - n0) / 1e9 / double(t1 - t0);
            }
        }
#endif
        return s;
    }();
    return stopwatch;
}

} // namespace detail

Clock::Clock(std::atomic<qint64> *cell) noexcept : m_cell(cell) { }

QString Clock::stopwatchName()
{
    return detail::systemStopwatch().tsc ? QStringLiteral("tsc")
                                         : detail::platform::steadyClockName();
}

Clock::~Clock() = default;

const Clock *Clock::system()
{
    static const SystemClock *instance = new SystemClock;
    return instance;
}

void Clock::refresh() const noexcept { }

ManualClock::ManualClock(Seconds start, double wallOffset)
    : Clock(&m_now), m_now(toNanoseconds(start)), m_wallOffset(wallOffset)
{
}

ManualClock::~ManualClock() = default;

void ManualClock::setTime(Seconds time) noexcept
{
    m_now.store(toNanoseconds(time), std::memory_order_relaxed);
}

void ManualClock::advance(Seconds delta) noexcept
{
    m_now.fetch_add(toNanoseconds(delta), std::memory_order_relaxed);
}

Seconds ManualClock::time() const noexcept
{
    return Seconds(m_now.load(std::memory_order_relaxed) / 1e9);
}

qint64 ManualClock::preciseNanoseconds() const noexcept
{
    return m_now.load(std::memory_order_relaxed);
}

double ManualClock::wallSeconds() const noexcept
{
    return m_wallOffset + m_now.load(std::memory_order_relaxed) / 1e9;
}

} // namespace counters
