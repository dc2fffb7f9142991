// SPDX-License-Identifier: MIT
#include "transportlogging_p.h"

namespace counters {

Q_LOGGING_CATEGORY(lcTransport, "counters.transport", QtInfoMsg)

} // namespace counters
