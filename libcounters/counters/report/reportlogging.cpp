// SPDX-License-Identifier: MIT
#include "reportlogging_p.h"

namespace counters {

Q_LOGGING_CATEGORY(lcReport, "counters.report", QtInfoMsg)

} // namespace counters
