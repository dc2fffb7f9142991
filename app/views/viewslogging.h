// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace dashboard {

/// Logging category of the dashboard's views: "dashboard.views".
Q_DECLARE_LOGGING_CATEGORY(lcViews)

} // namespace dashboard
