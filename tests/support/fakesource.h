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
    void pushHistory(const QList<counters::Snapshot> &snapshots) { deliverHistory(snapshots); }

    int starts = 0;
    int stops = 0;

protected:
    void doStart() override
    {
        ++starts;
        setState(State::Connecting);
    }
    void doStop() override { ++stops; }
};
