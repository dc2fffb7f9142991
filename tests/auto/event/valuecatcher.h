// SPDX-License-Identifier: MIT
#pragma once

// A test double: a listener of this thread's value events that keeps them as (name, value), in
// the order they came.

#include <counters/event/alleventslistener.h>

#include <QList>
#include <QString>

#include <utility>

class ValueCatcher final : public counters::AllEventsListener
{
public:
    using Values = QList<std::pair<QString, double>>;

    ValueCatcher() { startListening(Scope::ThisThread); }
    ~ValueCatcher() { stopListening(); }
    int eventKinds() const noexcept override { return counters::EventListener::ValueEvents; }
    void onEvent(counters::Event event, counters::EventListener::EventKind,
                 double value) noexcept override
    {
        values.append({event.name(), value});
    }

    Values values;
};
