// SPDX-License-Identifier: MIT
#include "reporting.h"

#include "reporter.h"

namespace counters {

bool registerReporter(std::shared_ptr<Reporter> reporter)
{
    return ReportingController::global().registerReporter(std::move(reporter));
}

bool unregisterReporter(const std::shared_ptr<Reporter> &reporter)
{
    return ReportingController::global().unregisterReporter(reporter);
}

bool outputReport()
{
    return ReportingController::global().outputReport();
}

bool startAutoReporting(Seconds period)
{
    return ReportingController::global().startAutoReporting(period);
}

void stopAutoReporting()
{
    ReportingController::global().stopAutoReporting();
}

} // namespace counters
