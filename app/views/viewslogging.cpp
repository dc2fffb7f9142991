// SPDX-License-Identifier: MIT
#include "viewslogging.h"

namespace dashboard {

Q_LOGGING_CATEGORY(lcViews, "dashboard.views", QtInfoMsg)

} // namespace dashboard
