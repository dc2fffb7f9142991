// SPDX-License-Identifier: MIT
#include "valuescale.h"

#include "models/valueformat.h"

#include <cmath>

namespace dashboard {

ValueScale ValueScale::of(counters::Unit unit, double largest)
{
    const ValueFormat::Prefix prefix = ValueFormat::prefix(unit, largest);
    switch (unit) {
    case counters::Unit::PerSecond: {
        QString si = prefix.symbol;
        si.chop(2); // "/s": the title says it
        return {prefix.factor, tr("per second"), si.isEmpty() ? QString() : QLatin1Char(' ') + si};
    }
    case counters::Unit::None:
        return {prefix.factor, QString(),
                prefix.symbol.isEmpty() ? QString() : QLatin1Char(' ') + prefix.symbol};
    default:
        return {prefix.factor, prefix.symbol, QString()};
    }
}

double ValueScale::niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw * (1 - 1e-9))
            return factor * magnitude;
    }
    return 10 * magnitude;
}

} // namespace dashboard
