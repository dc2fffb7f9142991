// SPDX-License-Identifier: MIT
#pragma once

// Internal: JsonCodec::fromJson()'s two readers, one at a time, for the tests that check that
// they agree.

#include <counters/base/snapshot.h>
#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace counters::detail {

enum class JsonReader {
    /// JsonTree: plain JSON only (see jsontree_p.h); refuses the rest, valid or not.
    Quick,
    /// QJsonDocument: any JSON, with PyCounters' NaN and Infinity tokens; its errors are the
    /// ones fromJson() gives.
    Qt,
};

/// Reads `json` with `reader` alone. fromJson() is Quick, then Qt where Quick refuses.
COUNTERS_CORE_EXPORT std::optional<Snapshot> readReport(const QByteArray &json, JsonReader reader,
                                                        QString *error = nullptr);

} // namespace counters::detail
