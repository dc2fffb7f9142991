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
#include <type_traits>

namespace counters::detail {

inline bool sameName(const EventSlot *slot, QAnyStringView name) noexcept
{
    return name.visit([slot](auto view) {
        using View = decltype(view);
        if constexpr (std::is_same_v<View, QUtf8StringView>) {
            return std::size_t(slot->utf8.size()) == std::size_t(view.size())
                && std::memcmp(slot->utf8.constData(), view.data(), std::size_t(view.size())) == 0;
        } else if constexpr (std::is_same_v<View, QStringView>) {
            return slot->name.size() == view.size()
                && std::memcmp(slot->name.constData(), view.data(),
                               std::size_t(view.size()) * sizeof(QChar))
                == 0;
        } else {
            return QStringView(slot->name) == view;
        }
    });
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

    /// The entry for `name`, filled with its slot; `fresh` tells whether it was a miss.
    Entry &lookup(QAnyStringView name, bool *fresh)
    {
        if (Q_UNLIKELY(!m_entries))
            m_entries = std::make_unique<Entry[]>(kSize);
        const auto bits = reinterpret_cast<quintptr>(name.data());
        Entry &e = m_entries[((bits >> 3) ^ (bits >> 11) ^ std::size_t(name.size_bytes())) & (kSize - 1)];
        if (Q_LIKELY(e.data == name.data() && e.size == name.size_bytes() && sameName(e.slot, name))) {
            *fresh = false;
            return e;
        }
        e = Entry{name.data(), name.size_bytes(), internEvent(name), Stamp{}};
        *fresh = true;
        return e;
    }

private:
    static constexpr std::size_t kSize = 64;
    std::unique_ptr<Entry[]> m_entries;
};

} // namespace counters::detail
