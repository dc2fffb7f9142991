// SPDX-License-Identifier: MIT
#pragma once

// A test double: a counter that writes every event it receives into a shared, thread-safe log
// as "<counter>:start", "<counter>:end" or "<counter>:value=<x>", so a test can check which
// events arrived and in which order.

#include <counters/counter/counter.h>

#include <QStringList>

#include <mutex>

class EventLog
{
public:
    void append(const QString &entry)
    {
        std::lock_guard lock(m_mutex);
        m_entries.append(entry);
    }

    QStringList entries() const
    {
        std::lock_guard lock(m_mutex);
        return m_entries;
    }

    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_entries.clear();
    }

private:
    mutable std::mutex m_mutex;
    QStringList m_entries;
};

class RecordingCounter final : public counters::Counter
{
public:
    RecordingCounter(const QString &name, EventLog *log, const QStringList &events = {})
        : Counter(counters::CounterType::Unknown, name, events), m_log(log)
    {
    }

    int eventKinds() const noexcept override { return ValueEvents | StartEvents | EndEvents; }

protected:
    void onValue(double value) noexcept override
    {
        m_log->append(name() + QLatin1String(":value=") + QString::number(value));
    }
    void onStart() noexcept override { m_log->append(name() + QLatin1String(":start")); }
    void onEnd() noexcept override { m_log->append(name() + QLatin1String(":end")); }

    counters::CounterRow read(qint64) const override
    {
        counters::CounterRow row;
        row.name = name();
        row.type = type();
        return row;
    }

private:
    EventLog *m_log;
};
