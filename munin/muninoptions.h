// SPDX-License-Identifier: MIT
#pragma once

#include "muninplugin.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * The settings of counters-munin, from its command line or, as munin plugins take them, from
 * the environment that munin's plugin-conf.d sets (`env.config`, `env.report`,
 * `env.max_age`). A switch wins over the environment; an empty variable counts as unset.
 */
struct MuninOptions
{
    QString configPath; ///< --config / $config: the JSON list of graphs
    QString reportPath; ///< --report / $report: the JSON report to read
    /// --max-age / $max_age: seconds; 0 turns the age check off.
    counters::Seconds maxAge = counters::MuninPlugin::DefaultMaxAge;
    /// The last argument, as munin passes it: none or "fetch", "config", "autoconf".
    counters::MuninPlugin::Command command = counters::MuninPlugin::Command::Fetch;

    /**
     * Parses `arguments` (argv, program name first) and `environment`. Returns std::nullopt
     * and sets `*message` for --help (`*exitCode` 0, the help text) or bad input (`*exitCode`
     * 2, a clear error). Does not check that the files exist.
     */
    static std::optional<MuninOptions> parse(const QStringList &arguments,
                                             const QProcessEnvironment &environment,
                                             QString *message, int *exitCode);
};
