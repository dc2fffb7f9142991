// SPDX-License-Identifier: MIT
#include "sourceslogging.h"

namespace dashboard {

Q_LOGGING_CATEGORY(lcSources, "dashboard.sources", QtInfoMsg)

} // namespace dashboard
