// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>
#include <counters/event/alleventslistener.h>

#include <QLoggingCategory>
#include <QRegularExpression>

namespace counters {

/**
 * Logs every event that passes its filters, as "Event: name=request kind=value value=0.25"
 * (PyCounters 0.6's EventLogger): to see which events a service raises, and when.
 *
 *     counters::EventLogger logger(QRegularExpression(u"db\\."_s));
 *     // QT_LOGGING_RULES="counters.events.debug=true" ./service
 *
 * Filters are regular expressions that must match at the start of the event's name and of
 * its kind ("value", "start" or "end"), as Python's re.match does; an empty (default) pattern
 * lets everything through. Messages go to a logging category at a level, by default
 * "counters.events" at debug, which Qt disables unless a logging rule enables it.
 *
 * It listens from construction to destruction, to the whole process by default. Logging is
 * slow (microseconds per event and a lock in Qt's message handler): a tool for finding out,
 * not for production traffic.
 */
class COUNTERS_CORE_EXPORT EventLogger final : public AllEventsListener
{
public:
    /// "counters.events", with debug messages disabled unless a logging rule enables them.
    static const QLoggingCategory &defaultCategory();

    /**
     * Logs the events whose name matches `nameFilter` and whose kind matches `kindFilter`, to
     * `category` (which must outlive the logger) at `level`.
     */
    explicit EventLogger(const QRegularExpression &nameFilter = {},
                         const QRegularExpression &kindFilter = {},
                         const QLoggingCategory &category = defaultCategory(),
                         QtMsgType level = QtDebugMsg, Scope scope = Scope::Process);
    ~EventLogger();

    /// False when a filter is not a valid expression (errorString() says why); it then logs
    /// nothing.
    bool isValid() const noexcept { return m_valid; }
    QString errorString() const { return m_errorString; }

    int eventKinds() const noexcept override;
    void onEvent(Event event, EventListener::EventKind kind, double value) noexcept override;

    /// "value", "start" or "end".
    static QLatin1StringView kindName(EventListener::EventKind kind);

private:
    QRegularExpression m_nameFilter;
    const QLoggingCategory &m_category;
    QtMsgType m_level;
    int m_kinds = 0;
    bool m_valid = true;
    QString m_errorString;
};

} // namespace counters
