// SPDX-License-Identifier: MIT
#include "modelslogging.h"

namespace dashboard {

Q_LOGGING_CATEGORY(lcModels, "dashboard.models", QtInfoMsg)

} // namespace dashboard
