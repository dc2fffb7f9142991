// SPDX-License-Identifier: MIT
#include "valuescale.h"

#include <cmath>

namespace dashboard {

ValueScale ValueScale::of(counters::Unit unit, double largest)
{
    switch (unit) {
    case counters::Unit::None:
        break;
    case counters::Unit::PerSecond:
        return {1, tr("per second")};
    case counters::Unit::Byte:
        if (largest >= 1024.0 * 1024 * 1024)
            return {1.0 / (1024.0 * 1024 * 1024), tr("GiB")};
        if (largest >= 1024.0 * 1024)
            return {1.0 / (1024.0 * 1024), tr("MiB")};
        if (largest >= 1024.0)
            return {1.0 / 1024, tr("KiB")};
        return {1, tr("B")};
    case counters::Unit::Second:
        if (largest >= 1 || largest == 0)
            return {1, tr("s")};
        if (largest >= 1e-3)
            return {1e3, tr("ms")};
        if (largest >= 1e-6)
            return {1e6, tr("µs")};
        return {1e9, tr("ns")};
    }
    return plain();
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
