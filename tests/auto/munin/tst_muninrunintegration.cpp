// SPDX-License-Identifier: MIT
// The real munin-run (Debian's munin-node) runs counters-munin, linked into a plugins folder
// and configured through a plugin-conf.d file, on the report of a running demo server.

#include "files.h"
#include "integrationprocesses.h"
#include "muninplugin.h"

#include <counters/counters.h>

#include <QFile>
#include <QTest>

#include <unistd.h>

using namespace counters;
using namespace exposition;

namespace {

using testsupport::writeFile;

const QByteArray kGraphs = R"json([
  {"id": "demo_requests", "global": {"title": "Demo requests", "vlabel": "per second",
                                     "category": "counters"},
   "data": [{"counter": "requests_frequency", "label": "Requests", "min": 0},
            {"counter": "requests_time", "label": "Mean time (s)"}]},
  {"id": "demo_lengths", "global": {"title": "Request lengths"},
   "data": [{"counter": "requests_data_len_max", "label": "Max"},
            {"counter": "requests_data_len_min", "label": "Min"},
            {"counter": "requests_data_len_avg", "label": "Mean"},
            {"counter": "requests.data len", "label": "Not in the report"}]},
  {"id": "demo_kinds", "global": {"title": "Requests by kind"},
   "data": [{"counter": "request_count", "labels": {"kind": "text"}, "label": "With text"},
            {"counter": "request_count", "labels": {"kind": "empty"}, "label": "Blank"}]}
])json";

} // namespace

class MuninRunIntegrationTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_munin;

    // munin-run with our munin-node.conf, plugins folder and plugin-conf.d.
    QByteArray muninRun(const QString &plugin, const QStringList &command, int *exitCode)
    {
        QProcess process;
        process.start(
            m_munin,
            QStringList{
                QStringLiteral("--config"), m_dir.filePath(QStringLiteral("munin-node.conf")),
                QStringLiteral("--servicedir"), m_dir.filePath(QStringLiteral("plugins")),
                QStringLiteral("--sconfdir"), m_dir.filePath(QStringLiteral("plugin-conf.d")),
                QStringLiteral("--ignore-systemd-properties"), plugin}
                + command);
        if (!process.waitForFinished(20000)) {
            process.kill();
            process.waitForFinished();
            *exitCode = -1;
            return "<munin-run timed out>";
        }
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        const QByteArray errors = process.readAllStandardError();
        if (*exitCode != 0)
            qWarning("munin-run %s: %s", qPrintable(plugin), errors.constData());
        return process.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_munin = findTool(QStringLiteral("munin-run"));
        QVERIFY2(!m_munin.isEmpty(),
                 "munin-run is not installed: install Debian's munin-node "
                 "package (scripts/test.sh does it)");
        QVERIFY(m_dir.isValid());
    }

    void shouldServeTheDemoServersReportThroughMuninRun()
    {
        const QString report = m_dir.filePath(QStringLiteral("demo.json"));
        DemoServerProcess demo;
        QString error;
        QVERIFY2(demo.start(QStringLiteral(DEMO_SERVER_EXECUTABLE),
                            {QStringLiteral("--interval=0.2"), QStringLiteral("--json"), report},
                            &error),
                 qPrintable(error));
        for (const QByteArray &text : {QByteArray("ab"), QByteArray("abcdef"), QByteArray("abcd")})
            QCOMPARE(demo.ask(text), text.toUpper());
        QTRY_VERIFY_WITH_TIMEOUT(
            JsonFileReporter::safeRead(report).value_or(Snapshot()).value(u"requests_data_len")
                == std::optional<double>(12),
            10000);
        // The last report, written on SIGTERM, stays: what munin-run reads is known.
        stopProcess(demo.process);
        QVERIFY2(demo.process.exitStatus() == QProcess::NormalExit && demo.process.exitCode() == 0,
                 demo.process.readAllStandardError().constData());
        const std::optional<Snapshot> snapshot = JsonFileReporter::safeRead(report, &error);
        QVERIFY2(snapshot, qPrintable(error));

        // munin's layout: a plugins folder of symlinks and plugin-conf.d with their settings.
        const QString graphs = m_dir.filePath(QStringLiteral("graphs.json"));
        QVERIFY(writeFile(graphs, kGraphs));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("plugins")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("plugin-conf.d")));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("munin-node.conf")), "host_name test\n"));
        for (const char *name : {"counters_demo", "counters_stale"}) {
            QVERIFY(QFile::link(QStringLiteral(MUNIN_EXECUTABLE),
                                m_dir.filePath(QStringLiteral("plugins/") + QLatin1String(name))));
        }
        // As root, munin-run runs plugins as "nobody", who cannot read our private folder.
        const QByteArray user = ::geteuid() == 0 ? "user root\n" : "";
        const QByteArray files =
            user + "env.config " + graphs.toUtf8() + "\nenv.report " + report.toUtf8() + '\n';
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("plugin-conf.d/counters")),
                          "[counters_demo]\n" + files + "env.max_age 3600\n\n[counters_stale]\n"
                              + files + "env.max_age 0.001\n"));

        int exitCode = -1;
        QByteArray output =
            muninRun(QStringLiteral("counters_demo"), {QStringLiteral("config")}, &exitCode);
        QCOMPARE(exitCode, 0);
        MuninPlugin plugin(*MuninPlugin::parseGraphs(kGraphs, &error), report);
        QCOMPARE(output, plugin.config().join(u'\n').toUtf8() + '\n');
        QVERIFY(output.contains("\nrequests_data_len.label Not in the report\n"));

        output = muninRun(QStringLiteral("counters_demo"), {}, &exitCode);
        QCOMPARE(exitCode, 0);
        plugin.setMaxAge(Seconds(0));
        const auto expected = plugin.fetch(*snapshot, &error);
        QVERIFY2(expected, qPrintable(error));
        QCOMPARE(output, expected->join(u'\n').toUtf8() + '\n');
        QVERIFY2(output.startsWith("multigraph demo_requests\nrequests_frequency.value "),
                 output.constData());
        QVERIFY(output.contains("\nmultigraph demo_lengths\nrequests_data_len_max.value 6\n"
                                "requests_data_len_min.value 2\nrequests_data_len_avg.value 4\n"));
        QVERIFY(!output.contains("requests_data_len.value"));
        // One series of a labelled family; the other has had no request, no value.
        QVERIFY2(output.endsWith("\nmultigraph demo_kinds\nrequest_count_text.value 3\n"),
                 output.constData());

        output = muninRun(QStringLiteral("counters_demo"), {QStringLiteral("autoconf")}, &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(output, QByteArray("yes\n"));

        // Its own section makes the same binary consider the report stale: no output.
        QTest::qWait(10);
        output = muninRun(QStringLiteral("counters_stale"), {}, &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(output, QByteArray());
    }
};

QTEST_GUILESS_MAIN(MuninRunIntegrationTest)
#include "tst_muninrunintegration.moc"
