// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the counter tests: optional values in data tables, scripted event
// sequences played on a ManualClock, the window-edge table, and a worker thread that runs
// steps on demand (so a test can interleave the events of several live threads exactly).

#include <counters/base/clock.h>
#include <counters/counter/counter.h>
#include <counters/counter/windowedcounter.h>

#include <QMetaType>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace counterstest {

/// A counter value as the counters give it: empty where PyCounters 0.6 reports None.
using Value = std::optional<double>;

inline QString describe(const Value &v)
{
    return v ? QString::number(*v, 'g', 17) : QStringLiteral("null");
}

/// Same emptiness, and equal numbers up to a relative 1e-12 (room for summation order only).
inline bool sameValue(const Value &actual, const Value &expected)
{
    if (actual.has_value() != expected.has_value())
        return false;
    if (!actual)
        return true;
    const double a = *actual;
    const double e = *expected;
    return a == e || std::abs(a - e) <= 1e-12 * std::max(std::abs(a), std::abs(e));
}

/// One step of a scripted sequence: an event fed to the counter, a clock move or a clear().
struct Step
{
    enum Kind { ValueEvent, StartEvent, EndEvent, AdvanceClock, ClearCounter };
    Kind kind;
    double amount;
};
using Steps = std::vector<Step>;

inline Step valueEvent(double x)
{
    return {Step::ValueEvent, x};
}
inline Step startEvent()
{
    return {Step::StartEvent, 0};
}
inline Step endEvent()
{
    return {Step::EndEvent, 0};
}
/// Moves the manual clock forward by `seconds`.
inline Step after(double seconds)
{
    return {Step::AdvanceClock, seconds};
}
inline Step clearing()
{
    return {Step::ClearCounter, 0};
}

/// `block` repeated `times` times.
inline Steps repeat(int times, const Steps &block)
{
    Steps out;
    for (int i = 0; i < times; ++i)
        out.insert(out.end(), block.begin(), block.end());
    return out;
}

/// Feeds `steps` to `counter` directly (reportValue/reportStart/reportEnd) on `clock`.
inline void play(counters::Counter &counter, counters::ManualClock &clock, const Steps &steps)
{
    for (const Step &s : steps) {
        switch (s.kind) {
        case Step::ValueEvent:
            counter.reportValue(s.amount);
            break;
        case Step::StartEvent:
            counter.reportStart();
            break;
        case Step::EndEvent:
            counter.reportEnd();
            break;
        case Step::AdvanceClock:
            clock.advance(counters::Seconds(s.amount));
            break;
        case Step::ClearCounter:
            counter.clear();
            break;
        }
    }
}

inline counters::Seconds nanoseconds(qint64 ns)
{
    return counters::Seconds(double(ns) / 1e9);
}

/**
 * One case of the window-edge table: an event at `recordAtNs`, read at `readAtNs`.
 *
 * Windows of 0.05 s, 0.5 s, 1 s, 7 s, 300 s and 900 s with their bucket widths computed by hand
 * as ceil(window / 30) in nanoseconds. A value is recorded at three points of a bucket and read
 * at several ages: a value at most `window` old is kept, one older than window + bucketWidth()
 * is gone (WindowedCounter's contract).
 */
struct WindowEdge
{
    QByteArray name;
    qint64 windowNs;
    qint64 bucketNs;
    qint64 recordAtNs;
    qint64 readAtNs;
    bool kept;
};

inline QList<WindowEdge> windowEdges()
{
    struct WindowCase
    {
        const char *name;
        qint64 windowNs;
        qint64 bucketNs; // ceil(windowNs / 30), by hand
    };
    const WindowCase windows[] = {
        {"0.05 s", 50'000'000, 1'666'667},          {"0.5 s", 500'000'000, 16'666'667},
        {"1 s", 1'000'000'000, 33'333'334},         {"7 s", 7'000'000'000, 233'333'334},
        {"300 s", 300'000'000'000, 10'000'000'000}, {"900 s", 900'000'000'000, 30'000'000'000},
    };
    QList<WindowEdge> edges;
    for (const WindowCase &wc : windows) {
        const qint64 w = wc.bucketNs;
        const qint64 W = wc.windowNs;
        const qint64 base = 1000 * w;
        struct Phase
        {
            const char *name;
            qint64 offset;
        };
        const Phase phases[] = {{"phase 0", 0}, {"phase 1/2", w / 2}, {"phase -1 ns", w - 1}};
        struct Age
        {
            const char *name;
            qint64 age;
            bool kept;
        };
        const Age ages[] = {
            {"new", 0, true},
            {"half a window old", W / 2, true},
            {"exactly a window old", W, true},
            {"window + bucket + 1 ns old", W + w + 1, false},
            {"two windows old", 2 * W, false},
            {"ten windows old", 10 * W, false},
        };
        for (const Phase &p : phases) {
            for (const Age &a : ages) {
                edges.append({QByteArray(wc.name) + " window, " + p.name + ", " + a.name, W, w,
                              base + p.offset, base + p.offset + a.age, a.kept});
            }
        }
    }
    return edges;
}

inline void addWindowEdgeColumns()
{
    QTest::addColumn<qint64>("windowNs");
    QTest::addColumn<qint64>("bucketNs");
    QTest::addColumn<qint64>("recordAtNs");
    QTest::addColumn<qint64>("readAtNs");
    QTest::addColumn<bool>("kept");
}

/// The window-edge table (windowEdges()) as test data: columns windowNs, bucketNs, recordAtNs,
/// readAtNs, kept.
inline void addWindowEdgeData()
{
    addWindowEdgeColumns();
    for (const WindowEdge &e : windowEdges()) {
        QTest::newRow(e.name.constData())
            << e.windowNs << e.bucketNs << e.recordAtNs << e.readAtNs << e.kept;
    }
}

/**
 * A thread that runs the functions given to run(), one at a time, and stays alive between
 * them, so that a test can interleave the events of several threads in a fixed order.
 */
class Worker
{
public:
    Worker() : m_thread([this] { loop(); }) { }
    ~Worker() { stop(); }
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    /// Runs `task` in the worker thread and returns when it is done.
    void run(std::function<void()> task)
    {
        std::unique_lock lock(m_mutex);
        m_task = std::move(task);
        m_wake.notify_all();
        m_wake.wait(lock, [this] { return !m_task; });
    }

    /// Lets the thread exit (its thread_local data is destroyed) and joins it.
    void stop()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return bool(m_task) || m_stop; });
            if (m_task) {
                std::function<void()> task = m_task;
                lock.unlock();
                task();
                lock.lock();
                m_task = nullptr;
                m_wake.notify_all();
            } else {
                return;
            }
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::function<void()> m_task;
    bool m_stop = false;
    std::thread m_thread; // last: starts after the members it uses
};

} // namespace counterstest

Q_DECLARE_METATYPE(counterstest::Value)
Q_DECLARE_METATYPE(counterstest::Steps)

/// Compares two counter values (std::optional<double>), printing both on failure.
#define COMPARE_VALUE(actual, expected)                                                            \
    do {                                                                                           \
        const counterstest::Value actualValue_ = (actual);                                         \
        const counterstest::Value expectedValue_ = (expected);                                     \
        QVERIFY2(counterstest::sameValue(actualValue_, expectedValue_),                            \
                 qPrintable(QLatin1String(#actual) + QLatin1String(" is ")                         \
                            + counterstest::describe(actualValue_) + QLatin1String(", expected ")  \
                            + counterstest::describe(expectedValue_)));                            \
    } while (false)
