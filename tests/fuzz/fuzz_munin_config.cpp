// SPDX-License-Identifier: MIT
// Fuzzes counters::MuninPlugin::parseGraphs(), the reader of the munin plugin's JSON graph
// config (PyCounters 0.6's config list), and what config() and fetch() then write for munin.
//
// Asserts beyond "no crash, no leak": munin's line protocol cannot be broken by a config:
// no line written by config() or fetch() holds a line break, every field name is
// [A-Za-z_][A-Za-z0-9_]* and unique within its graph, and config and fetch agree on them.

#include "fuzzsupport.h"
#include "muninplugin.h"

#include <QSet>

#include <algorithm>

using namespace counters;

namespace {

bool isFieldName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool hasLineBreak(const QStringList &lines)
{
    for (const QString &line : lines) {
        if (line.contains(QLatin1Char('\n')) || line.contains(QLatin1Char('\r')))
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const std::optional<QList<MuninPlugin::Graph>> graphs =
        MuninPlugin::parseGraphs(fuzz::bytes(data, size), &error);
    if (!graphs) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }

    // A report holding every configured counter, so that fetch() writes every field.
    QList<CounterRow> rows;
    QSet<QString> counters;
    for (const MuninPlugin::Graph &graph : *graphs) {
        for (const MuninPlugin::Field &field : graph.fields) {
            if (counters.contains(field.counter))
                continue;
            counters.insert(field.counter);
            CounterRow row;
            row.name = field.counter;
            row.value = double(rows.size()) + 0.5;
            rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const CounterRow &a, const CounterRow &b) { return a.name < b.name; });

    MuninPlugin plugin(*graphs);
    plugin.setMaxAge(Seconds(0));
    const QStringList config = plugin.config();
    const std::optional<QStringList> fetched = plugin.fetch(Snapshot(1, {}, rows), &error);
    FUZZ_CHECK(fetched);
    FUZZ_CHECK(!hasLineBreak(config) && !hasLineBreak(*fetched));

    // fetch: "multigraph <id>", then "<field>.value <n>" per field; config names the same.
    qsizetype line = 0;
    for (const MuninPlugin::Graph &graph : *graphs) {
        FUZZ_CHECK(fetched->at(line++) == QLatin1String("multigraph ") + graph.id);
        QSet<QString> names;
        for (qsizetype i = 0; i < graph.fields.size(); ++i) {
            const QString text = fetched->at(line++);
            const QString name = text.section(QLatin1Char('.'), 0, 0);
            FUZZ_CHECK(isFieldName(name));
            FUZZ_CHECK(!names.contains(name));
            names.insert(name);
            if (!graph.fields.at(i).options.isEmpty()) {
                const auto &[option, value] = graph.fields.at(i).options.first();
                FUZZ_CHECK(
                    config.contains(name + QLatin1Char('.') + option + QLatin1Char(' ') + value));
            }
        }
    }
    FUZZ_CHECK(line == fetched->size());
    return 0;
}
