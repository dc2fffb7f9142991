// SPDX-License-Identifier: MIT
#include "controllerlogging.h"

namespace dashboard {

Q_LOGGING_CATEGORY(lcController, "dashboard.controller", QtInfoMsg)

} // namespace dashboard
