// SPDX-License-Identifier: MIT
// counters-munin's settings (switches and munin's plugin-conf.d environment) and the
// executable run as munin runs a plugin.

#include "files.h"
#include "muninoptions.h"

#include <counters/counters.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace counters;
using Command = MuninPlugin::Command;

namespace {

using Environment = QMap<QString, QString>;

QProcessEnvironment environmentOf(const Environment &variables)
{
    QProcessEnvironment environment;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

using testsupport::writeFile;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runMunin(const QStringList &arguments, const Environment &variables)
{
    QProcess process;
    QProcessEnvironment environment = environmentOf(variables);
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MUNIN_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(10000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class MuninOptionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTakeSwitchesAndTheEnvironment_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<Environment>("environment");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("report");
        QTest::addColumn<double>("maxAge");
        QTest::addColumn<Command>("command");
        const QString c = QStringLiteral("/etc/g.json");
        const QString r = QStringLiteral("/tmp/r.json");
        QTest::newRow("switches, fetch")
            << QStringList{QStringLiteral("--config"), c, QStringLiteral("--report"), r}
            << Environment{} << c << r << 900.0 << Command::Fetch;
        QTest::newRow("switches, config, max age")
            << QStringList{QStringLiteral("--config=") + c, QStringLiteral("--report=") + r,
                           QStringLiteral("--max-age=60.5"), QStringLiteral("config")}
            << Environment{} << c << r << 60.5 << Command::Config;
        QTest::newRow("plugin-conf.d environment (a symlink run by munin)")
            << QStringList{}
            << Environment{{QStringLiteral("config"), c},
                           {QStringLiteral("report"), r},
                           {QStringLiteral("max_age"), QStringLiteral("0")}}
            << c << r << 0.0 << Command::Fetch;
        QTest::newRow("environment, autoconf")
            << QStringList{QStringLiteral("autoconf")}
            << Environment{{QStringLiteral("config"), c}, {QStringLiteral("report"), r}} << c << r
            << 900.0 << Command::Autoconf;
        QTest::newRow("switches win over the environment")
            << QStringList{QStringLiteral("--report=/x.json"), QStringLiteral("--max-age=5"),
                           QStringLiteral("fetch")}
            << Environment{{QStringLiteral("config"), c},
                           {QStringLiteral("report"), r},
                           {QStringLiteral("max_age"), QStringLiteral("7")}}
            << c << QStringLiteral("/x.json") << 5.0 << Command::Fetch;
        QTest::newRow("empty variables count as unset")
            << QStringList{QStringLiteral("config")}
            << Environment{{QStringLiteral("config"), c},
                           {QStringLiteral("report"), QString()},
                           {QStringLiteral("max_age"), QString()}}
            << c << QString() << 900.0 << Command::Config;
    }

    void shouldTakeSwitchesAndTheEnvironment()
    {
        QFETCH(QStringList, arguments);
        QFETCH(Environment, environment);
        QFETCH(QString, config);
        QFETCH(QString, report);
        QFETCH(double, maxAge);
        QFETCH(Command, command);
        QString message;
        int exitCode = -1;
        const auto options =
            MuninOptions::parse(QStringList{QStringLiteral("counters-munin")} + arguments,
                                environmentOf(environment), &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->configPath, config);
        QCOMPARE(options->reportPath, report);
        QCOMPARE(options->maxAge.count(), maxAge);
        QCOMPARE(options->command, command);
    }

    void shouldRejectBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<Environment>("environment");
        QTest::addColumn<QString>("mentions");
        const Environment files{{QStringLiteral("config"), QStringLiteral("/g.json")},
                                {QStringLiteral("report"), QStringLiteral("/r.json")}};
        QTest::newRow("no config") << QStringList{QStringLiteral("--report=/r.json")}
                                   << Environment{} << QStringLiteral("env.config");
        QTest::newRow("no report") << QStringList{QStringLiteral("--config=/g.json")}
                                   << Environment{} << QStringLiteral("env.report");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("suggest")} << files << QStringLiteral("suggest");
        QTest::newRow("two commands")
            << QStringList{QStringLiteral("config"), QStringLiteral("fetch")} << files
            << QStringLiteral("Too many");
        QTest::newRow("negative max age")
            << QStringList{QStringLiteral("--max-age=-1")} << files << QStringLiteral("max age");
        QTest::newRow("max age text in the environment")
            << QStringList{}
            << Environment{{QStringLiteral("config"), QStringLiteral("/g.json")},
                           {QStringLiteral("report"), QStringLiteral("/r.json")},
                           {QStringLiteral("max_age"), QStringLiteral("soon")}}
            << QStringLiteral("soon");
        QTest::newRow("unknown switch")
            << QStringList{QStringLiteral("--nope")} << files << QStringLiteral("nope");
    }

    void shouldRejectBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(Environment, environment);
        QFETCH(QString, mentions);
        QString message;
        int exitCode = -1;
        QVERIFY(!MuninOptions::parse(QStringList{QStringLiteral("counters-munin")} + arguments,
                                     environmentOf(environment), &message, &exitCode));
        QCOMPARE(exitCode, 2);
        QVERIFY2(message.contains(mentions), qPrintable(message));

        const Run run = runMunin(arguments, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(mentions), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void shouldShowHelp()
    {
        const Run run = runMunin({QStringLiteral("--help")}, {});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--max-age"));
        QVERIFY(run.out.contains("plugin-conf.d"));
    }

    void shouldShowTheVersion()
    {
        const Run run = runMunin({QStringLiteral("--version")}, {});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("counters-munin " COUNTERS_VERSION_STRING "\n"));
    }

    // The executable, configured as munin configures a plugin: outputs exactly as PyCounters 0.6's.
    void shouldAnswerMuninsCommands()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString graphs = dir.filePath(QStringLiteral("graphs.json"));
        const QString report = dir.filePath(QStringLiteral("report.json"));
        QVERIFY(writeFile(graphs,
                          QByteArrayLiteral(R"([{"id": "test", "global": {"title": "T"}, )"
                                            R"("data": [{"counter": "test1", "label": "Test"}, )"
                                            R"({"counter": "gone", "label": "Gone"}]}])")));
        CounterRow row;
        row.name = QStringLiteral("test1");
        row.type = CounterType::Event;
        row.value = 2;
        QVERIFY(JsonFileReporter::safeWrite(
            Snapshot(Clock::system()->wallSeconds(), SnapshotSource{}, {row}), report));
        const Environment environment{{QStringLiteral("config"), graphs},
                                      {QStringLiteral("report"), report}};

        Run run = runMunin({QStringLiteral("config")}, environment);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out,
                 QByteArray("multigraph test\ngraph_title T\ntest1.label Test\n"
                            "gone.label Gone\n\n"));
        run = runMunin({}, environment);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("multigraph test\ntest1.value 2\n"));
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        run = runMunin({QStringLiteral("autoconf")}, environment);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("yes\n"));

        // Stale: nothing at all, and success, so munin records "unknown".
        QVERIFY(JsonFileReporter::safeWrite(
            Snapshot(Clock::system()->wallSeconds() - 3600, SnapshotSource{}, {row}), report));
        run = runMunin({}, environment);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray());
        run = runMunin({QStringLiteral("--max-age=0")}, environment);
        QCOMPARE(run.out, QByteArray("multigraph test\ntest1.value 2\n"));

        // A report without __collection_time__ while the age check is on: a clear error.
        QVERIFY(writeFile(report, QByteArrayLiteral(R"({"test1": 2})")));
        run = runMunin({}, environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("__collection_time__"), run.err.constData());
        QVERIFY(run.out.isEmpty());
        run = runMunin({QStringLiteral("autoconf")}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("no ("), run.out.constData());

        // A broken graph config: an error for munin's log, a "no" for autoconf.
        QVERIFY(writeFile(graphs, QByteArrayLiteral(R"([{"data": []}])")));
        run = runMunin({QStringLiteral("config")}, environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("missing graph id"), run.err.constData());
        run = runMunin({QStringLiteral("autoconf")}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("no (") && run.out.contains("graphs.json"),
                 run.out.constData());
    }
};

QTEST_GUILESS_MAIN(MuninOptionsTest)
#include "tst_muninoptions.moc"
