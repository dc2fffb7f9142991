// SPDX-License-Identifier: MIT
#include "formatlogging_p.h"

namespace counters {

Q_LOGGING_CATEGORY(lcFormat, "counters.format", QtInfoMsg)

} // namespace counters
