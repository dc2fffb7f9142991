// SPDX-License-Identifier: MIT
#pragma once

// Internal: the logging category of counters/counter/ ("counters.counter"): misuse that the
// API cannot refuse at the call, such as a window out of range.

#include <QLoggingCategory>

namespace counters {
Q_DECLARE_LOGGING_CATEGORY(lcCounter)
} // namespace counters
