// SPDX-License-Identifier: MIT
#pragma once

// Internal: a per-thread cache from event names to slots, for the by-name functions.
//
// Direct-mapped on the address and length of the name (a string literal has one address), so
// a hit costs a few loads and one short memcmp: every hit is checked against the slot's name,
// so that a reused buffer never maps to a stale event. A miss interns the name (locked).

#include <counters/event/eventslot.h>

#include <cstring>
#include <memory>

namespace counters::detail {

/// Byte equality of two short buffers, inlined (memcmp would be a call through the PLT).
inline bool equalBytes(const void *a, const void *b, std::size_t n) noexcept
{
    auto *x = static_cast<const unsigned char *>(a);
    auto *y = static_cast<const unsigned char *>(b);
    for (; n >= 8; n -= 8, x += 8, y += 8) {
        quint64 u, v;
        std::memcpy(&u, x, 8);
        std::memcpy(&v, y, 8);
        if (u != v)
            return false;
    }
    for (; n > 0; --n, ++x, ++y) {
        if (*x != *y)
            return false;
    }
    return true;
}

inline bool sameName(const EventSlot *slot, EventName name) noexcept
{
    switch (name.encoding()) {
    case EventName::Encoding::Utf8:
        return slot->utf8.size() == name.size()
            && equalBytes(slot->utf8.constData(), name.data(), std::size_t(name.size()));
    case EventName::Encoding::Utf16:
        return slot->name.size() == name.size()
            && equalBytes(slot->name.constData(), name.data(),
                          std::size_t(name.size()) * sizeof(QChar));
    case EventName::Encoding::Latin1:
        if (slot->ascii) {
            return slot->utf8.size() == name.size()
                && equalBytes(slot->utf8.constData(), name.data(), std::size_t(name.size()));
        }
        return QStringView(slot->name)
            == QLatin1StringView(static_cast<const char *>(name.data()), name.size());
    }
    return false;
}

/// `Stamp` is extra per-entry data for the user of the cache (the shortcuts keep the registry
/// generation at which they last made sure a counter exists).
template <typename Stamp>
class NameCache
{
public:
    struct Entry
    {
        const void *data = nullptr;
        qsizetype size = -1;
        EventSlot *slot = nullptr;
        Stamp stamp{};
    };

    /// The entry for `name` if it is cached, else nullptr.
    Entry *find(EventName name) noexcept
    {
        if (Q_UNLIKELY(!m_entries))
            return nullptr;
        Entry &e = m_entries[indexOf(name)];
        if (Q_LIKELY(e.data == name.data() && e.size == name.size() && sameName(e.slot, name)))
            return &e;
        return nullptr;
    }

    /// Interns `name` and caches it, replacing whatever shared its cache line.
    Q_NEVER_INLINE Entry &insert(EventName name)
    {
        if (!m_entries)
            m_entries = std::make_unique<Entry[]>(kSize);
        Entry &e = m_entries[indexOf(name)];
        e = Entry{name.data(), name.size(), internEvent(name), Stamp{}};
        return e;
    }

private:
    static constexpr std::size_t kSize = 64;
    static std::size_t indexOf(EventName name) noexcept
    {
        const auto bits = reinterpret_cast<quintptr>(name.data());
        return ((bits >> 3) ^ (bits >> 11) ^ std::size_t(name.size())) & (kSize - 1);
    }

    std::unique_ptr<Entry[]> m_entries;
};

} // namespace counters::detail
