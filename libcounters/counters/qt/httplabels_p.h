// SPDX-License-Identifier: MIT
#pragma once

// Internal: label values the HTTP integrations share.

#include <QString>
#include <QStringView>

namespace counters::detail {

/// "100" … "599" (made once, so that labelling a status costs no allocation); "other" outside.
QStringView statusText(int status);

} // namespace counters::detail
