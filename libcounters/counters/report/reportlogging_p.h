// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace counters {

/// The logging category of the reporting area: "counters.report".
Q_DECLARE_LOGGING_CATEGORY(lcReport)

} // namespace counters
