// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace dashboard {

/// Logging category of the dashboard's models: "dashboard.models".
Q_DECLARE_LOGGING_CATEGORY(lcModels)

} // namespace dashboard
