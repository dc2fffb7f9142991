// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/base/snapshot.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace counters {

/**
 * A port of PyCounters 0.6's munin plugin (its `utils/munin.py`): turns the JSON
 * report a JsonFileReporter writes (or one PyCounters wrote) into munin's plugin protocol, as
 * multigraphs described by a list of graphs. `counters-munin` is the executable around it.
 *
 * The graphs, as a JSON file (parseGraphs()), are PyCounters 0.6's config list:
 *
 *     [{"id": "requests",
 *       "global": {"title": "Requests", "vlabel": "seconds", "category": "shop"},
 *       "data": [{"counter": "requests_time", "label": "Time", "min": 0},
 *                {"counter": "requests_frequency", "label": "Per second"}]}]
 *
 * config() writes, per graph: `multigraph <id>`; `graph_<option> <value>` per global option;
 * `<field>.<option> <value>` per data item and option other than `counter`; an empty line.
 * fetch() writes, per graph: `multigraph <id>` and `<field>.value <value>` for each counter
 * present in the report and not null (others are left out, as munin expects for unknown
 * values). Values are printed like LogReporter::formatNumber() (12 significant digits, the
 * Python 2 `str()` of PyCounters 0.6 without its `.0` for whole floats: munin reads both
 * the same).
 *
 * A data item may select one series of a labelled counter family with `"labels"`:
 * `{"counter": "http_request_time", "labels": {"method": "GET", "status": "200"}}` reads the
 * row `http_request_time{method="GET",status="200"}` (seriesName(); writing that flat key as the
 * counter works too), and `"counter": "http_request_time.max"` with labels its sub-value. Its
 * field name is made of the counter and the label values in label-name order
 * (`http_request_time_GET_200`), cleaned as below.
 *
 * Field names are the counters' names cleaned to munin's rules as munin's own
 * `clean_fieldname` does: a first character outside `[A-Za-z_]` and every later one outside
 * `[A-Za-z0-9_]` becomes `_` (PyCounters 0.6 replaced only spaces and dots: for such names the
 * result is the same). Two counters of one graph that clean to the same name get `_2`, `_3`,
 * ... in data order; config and fetch always agree.
 *
 * Differences from PyCounters 0.6, on purpose: option values may be JSON strings, numbers or
 * booleans (`yes`/`no`); options are written in alphabetical order (PyCounters 0.6 used Python 2's
 * arbitrary dict order; munin does not care); invalid configs (no id, a data item without a
 * counter, no data list, values with line breaks) are errors with a message instead of
 * Python exceptions. Reports are read without a lock (JsonFileReporter replaces them
 * atomically).
 *
 * Stale reports: with a maximum age (default 900 s; zero or less turns the check off), a
 * report older than that (strictly) gives no output at all, so munin records unknown values
 * instead of repeating old ones; a report without `__collection_time__` is then an error
 * (a report whose time reads as 0 counts as without). Age is measured with clock()'s wall
 * time.
 *
 * A value type; const members are thread-safe.
 */
class MuninPlugin
{
public:
    /// Options in the order written (alphabetical when read from JSON).
    using Options = QList<std::pair<QString, QString>>;

    struct Field
    {
        /// Name of the counter in the report, or `<counter>.<sub-value>` for one of its
        /// sub-values (`latency.p99`, `requests_time.max`); a counter of that exact name wins.
        QString counter;
        Options options; ///< e.g. {label, Time}, {min, 0}: written as `<field>.<option>`.
        /// The series of a labelled family that `counter` names (empty: an unlabelled row).
        Labels labels{};

        friend bool operator==(const Field &a, const Field &b);
        friend bool operator!=(const Field &a, const Field &b) { return !(a == b); }
    };

    struct Graph
    {
        QString id;      ///< The multigraph name.
        Options options; ///< PyCounters 0.6's "global": written as `graph_<option>`.
        QList<Field> fields;

        friend bool operator==(const Graph &a, const Graph &b);
        friend bool operator!=(const Graph &a, const Graph &b) { return !(a == b); }
    };

    enum class Command {
        Fetch,    ///< munin's plain run: the values
        Config,   ///< the graph descriptions
        Autoconf, ///< "yes", or "no (reason)"
    };

    static constexpr Seconds DefaultMaxAge{900};

    MuninPlugin();
    explicit MuninPlugin(QList<Graph> graphs, QString reportPath = QString());

    /// Reads a JSON list of graphs (see above); std::nullopt and `*error` when invalid.
    static std::optional<QList<Graph>> parseGraphs(const QByteArray &json,
                                                   QString *error = nullptr);
    /// parseGraphs() of a file; the message names the file.
    static std::optional<QList<Graph>> readGraphs(const QString &path, QString *error = nullptr);

    void setGraphs(const QList<Graph> &graphs);
    QList<Graph> graphs() const;
    /// The JSON report fetch() reads.
    void setReportPath(const QString &path);
    QString reportPath() const;
    /// Reports older than this give no output; zero (or less) disables the check.
    void setMaxAge(Seconds maxAge);
    Seconds maxAge() const;
    /// The clock for the age check: Clock::system() by default; must outlive the plugin.
    void setClock(const Clock *clock);
    const Clock *clock() const;

    /// `counter` cleaned to a munin field name (see above), without de-duplication.
    static QString fieldName(QStringView counter);

    /// The config output, one entry per line (the empty lines included).
    QStringList config() const;
    /**
     * The fetch output for `report`: empty when the report is too old; std::nullopt and
     * `*error` when the age check is on and the report has no collection time.
     */
    std::optional<QStringList> fetch(const Snapshot &report, QString *error = nullptr) const;
    /// fetch() of the report in reportPath(); std::nullopt and `*error` when it cannot be read.
    std::optional<QStringList> fetch(QString *error = nullptr) const;
    /// munin's autoconf answer: "yes" when the report can be read and fetched, else "no (why)".
    QString autoconf() const;
    /// Runs `command` as munin asks it; the lines to print, or std::nullopt and `*error`.
    std::optional<QStringList> run(Command command, QString *error = nullptr) const;

private:
    QList<Graph> m_graphs;
    QString m_reportPath;
    Seconds m_maxAge = DefaultMaxAge;
    const Clock *m_clock;
};

} // namespace counters
