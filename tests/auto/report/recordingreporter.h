// SPDX-License-Identifier: MIT
#pragma once

// Test doubles for the reporter tests: a reporter that records what it is given (and can be
// told to fail, to take time or to run a hook), and a capture of log messages.

#include "snapshotprinting.h"

#include <counters/report/reporter.h>

#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

class RecordingReporter : public counters::Reporter
{
public:
    explicit RecordingReporter(QObject *parent = nullptr) : counters::Reporter(parent) { }

    QList<counters::Snapshot> snapshots() const
    {
        QMutexLocker lock(&m_mutex);
        return m_snapshots;
    }
    int writes() const { return m_writes.load(); }
    counters::Snapshot last() const
    {
        QMutexLocker lock(&m_mutex);
        return m_snapshots.isEmpty() ? counters::Snapshot() : m_snapshots.last();
    }
    QList<std::chrono::steady_clock::time_point> writeTimes() const
    {
        QMutexLocker lock(&m_mutex);
        return m_times;
    }
    QList<std::thread::id> threads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_threads;
    }

    std::atomic<bool> fail{false};
    QString failMessage = QStringLiteral("disk on fire");
    std::atomic<int> delayMs{0};
    std::function<void()> hook; // runs inside write(), set before reporting starts
    std::atomic<bool> inWrite{false};
    std::atomic<bool> overlapped{false};

protected:
    bool write(const counters::Snapshot &snapshot, QString *error) override
    {
        if (inWrite.exchange(true))
            overlapped = true;
        {
            QMutexLocker lock(&m_mutex);
            m_times.append(std::chrono::steady_clock::now());
            m_threads.append(std::this_thread::get_id());
        }
        if (hook)
            hook();
        if (const int ms = delayMs.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        bool ok = !fail.load();
        if (ok) {
            QMutexLocker lock(&m_mutex);
            m_snapshots.append(snapshot);
        } else {
            *error = failMessage;
        }
        ++m_writes;
        inWrite = false;
        return ok;
    }

private:
    mutable QMutex m_mutex;
    QList<counters::Snapshot> m_snapshots;
    QList<std::chrono::steady_clock::time_point> m_times;
    QList<std::thread::id> m_threads;
    std::atomic<int> m_writes{0};
};

/// Records every Qt message while alive (then restores the previous handler).
class MessageCapture
{
public:
    struct Message
    {
        QtMsgType type;
        QString category;
        QString text;
    };

    MessageCapture()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&MessageCapture::handler);
    }
    ~MessageCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    MessageCapture(const MessageCapture &) = delete;
    MessageCapture &operator=(const MessageCapture &) = delete;

    QList<Message> messages() const
    {
        QMutexLocker lock(&m_mutex);
        return m_messages;
    }
    /// The texts of the messages of `category` (all categories when empty).
    QStringList texts(const QString &category = {}) const
    {
        QStringList result;
        for (const Message &m : messages()) {
            if (category.isEmpty() || m.category == category)
                result.append(m.text);
        }
        return result;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (MessageCapture *self = s_current) {
            QMutexLocker lock(&self->m_mutex);
            self->m_messages.append({type, QString::fromUtf8(context.category), text});
        }
    }

    static inline MessageCapture *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QList<Message> m_messages;
};
