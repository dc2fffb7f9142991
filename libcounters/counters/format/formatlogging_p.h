// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace counters {

Q_DECLARE_LOGGING_CATEGORY(lcFormat)

} // namespace counters
