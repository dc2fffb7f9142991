// SPDX-License-Identifier: MIT
// Fuzzes counters::JsonCodec::fromJson(), the reader of every JSON report that comes from
// outside: report files (ours and PyCounters', with NaN/Infinity tokens, __node_reports__ and
// ValueAccumulator objects), history lines, Snapshot frames and /report.json.
//
// Asserts beyond "no crash, no leak": a report that reads is a fixed point of the codec: written
// with toJson() it reads back equal, and so it does through the tests' independent object encoder
// (tests/support/crosscheckencoder.h) and fromJsonObject(); a report that does not read comes
// with an error message. fromJson() reads plain JSON with its own quick reader and the rest with
// QJsonDocument: where the quick reader reads an input, QJsonDocument's reading gives the same.

#include "crosscheckencoder.h"
#include "fuzzsupport.h"

#include <counters/format/jsoncodec.h>
#include <counters/format/jsoncodec_p.h>

using namespace counters;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const QByteArray input = fuzz::bytes(data, size);
    if (const std::optional<Snapshot> quick =
            detail::readReport(input, detail::JsonReader::Quick)) {
        const std::optional<Snapshot> qt = detail::readReport(input, detail::JsonReader::Qt);
        FUZZ_CHECK(qt);
        FUZZ_CHECK(*qt == *quick);
        FUZZ_CHECK(JsonCodec::toJson(*qt) == JsonCodec::toJson(*quick)); // -0 and 0 too
    }

    const std::optional<Snapshot> report = JsonCodec::fromJson(input, &error);
    if (!report) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }

    const QByteArray written = JsonCodec::toJson(*report);
    const std::optional<Snapshot> again = JsonCodec::fromJson(written, &error);
    FUZZ_CHECK(again);
    FUZZ_CHECK(*again == *report);
    FUZZ_CHECK(JsonCodec::toJson(*again) == written);

    // The independent object encoder of the tests agrees.
    const std::optional<Snapshot> viaObject =
        JsonCodec::fromJsonObject(testsupport::reportObject(*report), &error);
    FUZZ_CHECK(viaObject);
    FUZZ_CHECK(*viaObject == *report);
    return 0;
}
