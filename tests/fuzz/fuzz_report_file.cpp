// SPDX-License-Identifier: MIT
// Fuzzes dashboard::ReportFileReader::parse(), what the dashboard makes of a file a user opens:
// a JSON report (ours or PyCounters') or a JSON Lines history, told apart by content (the
// history lines go through counters::JsonHistoryReporter::parseHistory()). read() is parse()
// behind the file system, which would only slow the fuzzing down a hundredfold.
//
// Asserts beyond "no crash, no leak": a parse that fails says why and gives no snapshots; the
// snapshots of a history come oldest first and every snapshot has a time (the modification
// time stands in for a missing one); corrupt lines are counted only in a history.

#include "fuzzsupport.h"
#include "sources/reportfilereader.h"

using namespace counters;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr double modified = 1.7e9;
    const dashboard::ReportFileReader::Result result = dashboard::ReportFileReader::parse(
        fuzz::bytes(data, size), QStringLiteral("report.json"), modified);
    if (!result.ok()) {
        FUZZ_CHECK(!result.error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(result.isHistory || (result.snapshots.size() == 1 && result.corruptLines == 0));
    FUZZ_CHECK((result.corruptLines > 0) == !result.error.isEmpty());
    for (qsizetype i = 0; i < result.snapshots.size(); ++i) {
        FUZZ_CHECK(result.snapshots.at(i).time() > 0);
        if (i > 0)
            FUZZ_CHECK(result.snapshots.at(i - 1).time() <= result.snapshots.at(i).time());
    }
    return 0;
}
