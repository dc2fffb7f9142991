// SPDX-License-Identifier: MIT
#include "unit.h"

namespace counters {

QString unitName(Unit unit)
{
    switch (unit) {
    case Unit::None:
        break;
    case Unit::Second:
        return QStringLiteral("seconds");
    case Unit::PerSecond:
        return QStringLiteral("per_second");
    case Unit::Byte:
        return QStringLiteral("bytes");
    }
    return QString();
}

std::optional<Unit> unitFromName(QStringView name)
{
    for (const Unit unit : {Unit::None, Unit::Second, Unit::PerSecond, Unit::Byte}) {
        if (name == unitName(unit))
            return unit;
    }
    return std::nullopt;
}

} // namespace counters
