// SPDX-License-Identifier: MIT
#include "counterlogging_p.h"

namespace counters {
Q_LOGGING_CATEGORY(lcCounter, "counters.counter", QtInfoMsg)
} // namespace counters
