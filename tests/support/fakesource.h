// SPDX-License-Identifier: MIT
#pragma once

#include "sources/source.h"

#include <counters/base/snapshot.h>

/// A Source driven by the test: it changes state and delivers snapshots when told.
class FakeSource : public dashboard::Source
{
    Q_OBJECT
public:
    explicit FakeSource(const QString &name, QObject *parent = nullptr)
        : Source(QUrl(QStringLiteral("fake:") + name), name, parent)
    {
    }

    Kind kind() const override { return Kind::Http; }

    void setFakeState(State state, const QString &message = QString()) { setState(state, message); }
    void setFakeName(const QString &name) { setDisplayName(name); }
    void push(const counters::Snapshot &snapshot) { deliver(snapshot); }
    void pushHistory(const QList<counters::Snapshot> &snapshots, bool continued = false,
                     qsizetype rowsToCome = 0)
    {
        deliverHistory(snapshots, continued, rowsToCome);
    }
    /// Pretends to load: progress from 0 to 1, or -1 when done.
    void setFakeProgress(double progress)
    {
        m_progress = progress;
        Q_EMIT loadProgressChanged(progress);
    }
    double loadProgress() const override { return m_progress; }
    void cancelLoading() override
    {
        ++cancels;
        setFakeProgress(-1);
    }

    int starts = 0;
    int stops = 0;
    int cancels = 0;

protected:
    void doStart() override
    {
        ++starts;
        setState(State::Connecting);
    }
    void doStop() override { ++stops; }

private:
    double m_progress = -1;
};
