// SPDX-License-Identifier: MIT
#pragma once

// Internal: the data an Event handle points to. Public only because Event's inline fast path
// reads it; do not use these names directly.

#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>
#include <QUtf8StringView>

#include <atomic>
#include <string>
#include <vector>

namespace counters {

/**
 * The name of an event, as any string type: a `const char *` (UTF-8; string literals cost no
 * scan at run time), QString, QStringView, QLatin1StringView, QUtf8StringView. A view: it does
 * not own the characters, so it lives only as long as the argument it was made from.
 * (Not QAnyStringView: Qt 6.4's scans every character of a char string at run time.)
 */
class COUNTERS_CORE_EXPORT EventName
{
public:
    enum class Encoding : quint8 { Utf8, Utf16, Latin1 };

    EventName(const char *utf8) noexcept
        : EventName(utf8, qsizetype(std::char_traits<char>::length(utf8)), Encoding::Utf8)
    {
    }
    EventName(const char16_t *utf16) noexcept
        : EventName(utf16, qsizetype(std::char_traits<char16_t>::length(utf16)), Encoding::Utf16)
    {
    }
    EventName(QUtf8StringView name) noexcept : EventName(name.data(), name.size(), Encoding::Utf8)
    {
    }
    EventName(const QString &name) noexcept
        : EventName(name.constData(), name.size(), Encoding::Utf16)
    {
    }
    EventName(QStringView name) noexcept : EventName(name.data(), name.size(), Encoding::Utf16) { }
    EventName(QLatin1StringView name) noexcept
        : EventName(name.data(), name.size(), Encoding::Latin1)
    {
    }

    const void *data() const noexcept { return m_data; }
    /// Length in code units (bytes for UTF-8 and Latin-1, UTF-16 units for UTF-16).
    qsizetype size() const noexcept { return qsizetype(m_sizeAndEncoding & kSizeMask); }
    Encoding encoding() const noexcept { return Encoding(m_sizeAndEncoding >> kEncodingShift); }
    QString toString() const;

private:
    // Two words, so that it travels in registers.
    static constexpr int kEncodingShift = 62;
    static constexpr quint64 kSizeMask = (quint64(1) << kEncodingShift) - 1;

    EventName(const void *data, qsizetype size, Encoding encoding) noexcept
        : m_data(data), m_sizeAndEncoding(quint64(size) | quint64(encoding) << kEncodingShift)
    {
    }

    const void *m_data;
    quint64 m_sizeAndEncoding;
};

class EventListener;

namespace detail {

/// One listener of an event (a counter; a catch-all AllEventsListener), optionally only of the
/// events of one thread.
template <typename Listener>
struct ListenerEntryOf
{
    Listener *listener = nullptr;
    quint64 thread = 0; ///< 0: every thread; else the currentThreadId() of the only thread.
};

/// An immutable set of listeners, split by the kind of event they want. Published with one
/// atomic store; never changed afterwards.
template <typename Listener>
struct ListenersOf
{
    std::vector<ListenerEntryOf<Listener>> value;
    std::vector<ListenerEntryOf<Listener>> start;
    std::vector<ListenerEntryOf<Listener>> end;
};

/// The counters of one event.
using ListenerEntry = ListenerEntryOf<EventListener>;
using Listeners = ListenersOf<EventListener>;

/// The bits of EventSlot::kinds (equal to EventListener::EventKind).
enum ListenerKind { ValueListeners = 1, StartListeners = 2, EndListeners = 4 };

/// An interned event name. Slots live for the whole process, so handles never dangle.
struct EventSlot
{
    QString name;
    QByteArray utf8;
    bool ascii = false; ///< utf8 is also the Latin-1 spelling (fast checks of ASCII literals)
    /// Which kinds of events have listeners (EventListener::EventKind bits): the inline check reads
    /// only this, never the list, which may be replaced and freed at any time.
    std::atomic<int> kinds{0};
    /// Read only inside a read section (dispatch*).
    std::atomic<const Listeners *> listeners{nullptr};
};

/// Finds or creates the slot of `name` (takes a lock; call once per call site).
COUNTERS_CORE_EXPORT EventSlot *internEvent(EventName name);

/// Like internEvent(), through a per-thread cache keyed by the name's address (content checked).
COUNTERS_CORE_EXPORT EventSlot *cachedEvent(EventName name);

/// Deliver an event to the listeners of `slot` (called when the inline check saw listeners;
/// the list is loaded again inside a read section, see graceperiod_p.h).
COUNTERS_CORE_EXPORT void dispatchValue(const EventSlot &slot, double value) noexcept;
COUNTERS_CORE_EXPORT void dispatchStart(const EventSlot &slot) noexcept;
COUNTERS_CORE_EXPORT void dispatchEnd(const EventSlot &slot) noexcept;

/// The identity of the calling thread, as stored in ListenerEntry::thread: never 0, and never
/// reused for another thread (unlike addresses of thread-locals or native thread ids).
COUNTERS_CORE_EXPORT quint64 currentThreadId() noexcept;

} // namespace detail
} // namespace counters
