// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace dashboard {

/// Logging category of the dashboard's sources: "dashboard.sources".
Q_DECLARE_LOGGING_CATEGORY(lcSources)

} // namespace dashboard
