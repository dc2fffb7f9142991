// SPDX-License-Identifier: MIT
// counters-munin: counters::MuninPlugin as a munin plugin. Thin: see muninoptions.h and
// muninplugin.h.

#include "muninoptions.h"

#include <QCoreApplication>
#include <QTextStream>

#include <langinfo.h>

#include <clocale>
#include <cstring>

namespace {

// munin-node-configure reads these markers from a plugin's file, script or binary.
[[maybe_unused]] __attribute__((used)) const char kMuninMarkers[] =
    "\n#%# family=manual\n#%# capabilities=autoconf\n";

// munin-node runs plugins with a bare environment, often without LANG. Qt 6.8 then switches to
// C.UTF-8 itself, with a warning on stderr that munin would log at every run; the plugin
// writes ASCII either way, so it asks for UTF-8 quietly, before Qt looks.
void preferUtf8Locale()
{
    std::setlocale(LC_ALL, "");
    if (std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        qputenv("LC_CTYPE", "C.UTF-8");
}

} // namespace

int main(int argc, char *argv[])
{
    preferUtf8Locale();
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("counters-munin"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QString message;
    int exitCode = 0;
    const std::optional<MuninOptions> options = MuninOptions::parse(
        app.arguments(), QProcessEnvironment::systemEnvironment(), &message, &exitCode);
    if (!options) {
        (exitCode == 0 ? out : err) << message << Qt::endl;
        return exitCode;
    }

    QString error;
    const auto graphs = counters::MuninPlugin::readGraphs(options->configPath, &error);
    if (!graphs) {
        if (options->command == counters::MuninPlugin::Command::Autoconf) {
            out << "no (" << error.simplified() << ')' << Qt::endl;
            return 0; // autoconf answers; it does not fail
        }
        err << "counters-munin: " << error << Qt::endl;
        return 1;
    }
    counters::MuninPlugin plugin(*graphs, options->reportPath);
    plugin.setMaxAge(options->maxAge);
    const std::optional<QStringList> lines = plugin.run(options->command, &error);
    if (!lines) {
        err << "counters-munin: " << error << Qt::endl;
        return 1;
    }
    for (const QString &line : *lines)
        out << line << '\n';
    out.flush();
    return 0;
}
