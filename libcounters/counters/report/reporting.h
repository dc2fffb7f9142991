// SPDX-License-Identifier: MIT
#pragma once

// PyCounters 0.6's top-level reporting functions, operating on ReportingController::global()
// (which reports Registry::global()):
//
//     counters::registerReporter(std::make_shared<counters::LogReporter>());
//     counters::registerReporter(std::make_shared<counters::JsonFileReporter>(path));
//     counters::startAutoReporting(60s);      // first report at once, then every minute
//     ...
//     counters::stopAutoReporting();
//
// All are thread-safe; see ReportingController for the details.

#include <counters/counters_core_export.h>
#include <counters/report/reportingcontroller.h>

namespace counters {

/// Adds `reporter` to the global controller; false for null or already registered.
COUNTERS_CORE_EXPORT bool registerReporter(std::shared_ptr<Reporter> reporter);
/// Removes `reporter` from the global controller; false for null or unknown.
COUNTERS_CORE_EXPORT bool unregisterReporter(const std::shared_ptr<Reporter> &reporter);
/// Collects Registry::global() now and reports in the calling thread; false if any reporter
/// failed.
COUNTERS_CORE_EXPORT bool outputReport();
/// Starts (or re-times) auto reporting: the first report at once, then every `period`.
COUNTERS_CORE_EXPORT bool startAutoReporting(Seconds period = Seconds(300));
/// Stops auto reporting; no report starts after it returns.
COUNTERS_CORE_EXPORT void stopAutoReporting();

} // namespace counters
