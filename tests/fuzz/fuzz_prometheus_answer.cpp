// SPDX-License-Identifier: MIT
// Fuzzes dashboard::PrometheusAnswer, the dashboard's reader of what a Prometheus server
// answers to /api/v1/metadata, /api/v1/query_range and /api/v1/query. One input is one HTTP
// body; it is read as all three answers, and its data object also as the metadata for the
// series (a document may hold both the families and a result, as the starting corpus does).
//
// Asserts beyond "no crash, no leak": a range answer gives snapshots strictly oldest first,
// with positive times and only finite values, no more rows than series; an instant answer
// gives a row per series and a time of one of its samples.

#include "fuzzsupport.h"
#include "sources/prometheusanswer.h"

#include <QJsonArray>

#include <cmath>

using namespace counters;
using dashboard::PrometheusAnswer;

namespace {

bool finiteOrMissing(const std::optional<double> &value)
{
    return !value || std::isfinite(*value);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString reason;
    const std::optional<QJsonObject> answer =
        PrometheusAnswer::data(fuzz::bytes(data, size), 200, &reason);
    if (!answer)
        return 0;
    FUZZ_CHECK(!PrometheusAnswer::data(fuzz::bytes(data, size), 503));

    const PrometheusAnswer::Metadata metadata = PrometheusAnswer::readMetadata(*answer);
    for (const PrometheusAnswer::Family &family : metadata)
        FUZZ_CHECK(family.window >= 0 && std::isfinite(family.window));
    const qsizetype series = answer->value(QLatin1String("result")).toArray().size();

    QString error;
    QList<Snapshot> history;
    if (PrometheusAnswer::readMatrix(*answer, metadata, SnapshotSource{}, &history, &error)) {
        for (qsizetype i = 0; i < history.size(); ++i) {
            const Snapshot &snapshot = history.at(i);
            FUZZ_CHECK(snapshot.time() > 0);
            FUZZ_CHECK(i == 0 || history.at(i - 1).time() < snapshot.time());
            FUZZ_CHECK(!snapshot.rows().isEmpty() && snapshot.rows().size() <= series);
            for (const CounterRow &row : snapshot.rows())
                FUZZ_CHECK(finiteOrMissing(row.value));
        }
    } else {
        FUZZ_CHECK(!error.isEmpty());
    }

    error.clear();
    PrometheusAnswer::Vector vector;
    if (PrometheusAnswer::readVector(*answer, metadata, &vector, &error)) {
        FUZZ_CHECK(vector.rows.size() == series);
        FUZZ_CHECK(series == 0 ? vector.time == 0 : vector.time > 0);
        for (const CounterRow &row : vector.rows)
            FUZZ_CHECK(finiteOrMissing(row.value));
    } else {
        FUZZ_CHECK(!error.isEmpty());
    }
    return 0;
}
