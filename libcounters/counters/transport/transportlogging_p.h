// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace counters {

/// The logging category of the transport area: "counters.transport".
Q_DECLARE_LOGGING_CATEGORY(lcTransport)

} // namespace counters
