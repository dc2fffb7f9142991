// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace dashboard {

Q_DECLARE_LOGGING_CATEGORY(lcController)

} // namespace dashboard
