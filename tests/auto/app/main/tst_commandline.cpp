// SPDX-License-Identifier: MIT
#include "main/commandline.h"

#include <QTest>

using dashboard::CommandLineOptions;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result{QStringLiteral("counters-dashboard")};
    for (const char *a : list)
        result.append(QString::fromUtf8(a));
    return result;
}

} // namespace

class CommandLineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldReadAFullCommandLine()
    {
        QString message;
        int exitCode = -1;
        const auto options = CommandLineOptions::parse(
            args({"--connect", "local:demo", "--connect", "tcp://127.0.0.1:60907?token=x", "--open",
                  "a.json", "b.jsonl", "--screenshot", "/tmp/x.png", "--screenshot-after", "2.5",
                  "--lang", "de", "--palette", "dark"}),
            &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->connect,
                 (QStringList{QStringLiteral("local:demo"),
                              QStringLiteral("tcp://127.0.0.1:60907?token=x")}));
        QCOMPARE(options->open, (QStringList{QStringLiteral("a.json"), QStringLiteral("b.jsonl")}));
        QCOMPARE(options->screenshot, QStringLiteral("/tmp/x.png"));
        QCOMPARE(options->screenshotAfter, 2.5);
        QCOMPARE(options->language, QStringLiteral("de"));
        QCOMPARE(options->palette, CommandLineOptions::Palette::Dark);
        QVERIFY(!options->discovery); // a screenshot shows what was asked for, nothing else
    }

    void shouldReadAnExportAndALayout()
    {
        QString message;
        int exitCode = -1;
        const auto options =
            CommandLineOptions::parse(args({"--open", "h.jsonl", "--export-csv", "/tmp/x.csv",
                                            "--layout", "l.json", "--screenshot-after", "4"}),
                                      &message, &exitCode);
        QVERIFY2(options, qPrintable(message));
        QCOMPARE(options->exportCsv, QStringLiteral("/tmp/x.csv"));
        QCOMPARE(options->layout, QStringLiteral("l.json"));
        QCOMPARE(options->screenshotAfter, 4.0);
        QVERIFY(options->screenshot.isEmpty());
        QVERIFY(options->isBatch());
        QVERIFY(!options->discovery);
    }

    void shouldDefaultToAnInteractiveSession()
    {
        QString message;
        int exitCode = -1;
        const auto options = CommandLineOptions::parse(args({}), &message, &exitCode);
        QVERIFY(options);
        QVERIFY(options->discovery);
        QVERIFY(options->screenshot.isEmpty());
        QVERIFY(!options->isBatch());
        QVERIFY(options->layout.isEmpty());
        QCOMPARE(options->palette, CommandLineOptions::Palette::System);
        const auto quiet = CommandLineOptions::parse(args({"--no-discovery"}), &message, &exitCode);
        QVERIFY(quiet && !quiet->discovery);
    }

    void shouldRejectABadCommandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << args({"--bogus"}) << QStringLiteral("bogus");
        QTest::newRow("missing value") << args({"--connect"}) << QStringLiteral("connect");
        QTest::newRow("bad address")
            << args({"--connect", "ftp://x"}) << QStringLiteral("--connect: “ftp://x”");
        QTest::newRow("port missing")
            << args({"--connect", "tcp://localhost"}) << QStringLiteral("needs a port");
        QTest::newRow("after without screenshot")
            << args({"--screenshot-after", "3"}) << QStringLiteral("needs --screenshot");
        QTest::newRow("bad seconds")
            << args({"--screenshot", "x.png", "--screenshot-after", "soon"})
            << QStringLiteral("“soon”");
        QTest::newRow("zero seconds") << args({"--screenshot", "x.png", "--screenshot-after", "0"})
                                      << QStringLiteral("positive number");
        QTest::newRow("unknown language") << args({"--lang", "xx"}) << QStringLiteral("“xx”");
        QTest::newRow("unknown palette") << args({"--palette", "pink"}) << QStringLiteral("“pink”");
        QTest::newRow("empty export")
            << args({"--export-csv", ""}) << QStringLiteral("--export-csv needs a file name");
        QTest::newRow("empty layout")
            << args({"--layout", ""}) << QStringLiteral("--layout needs a file name");
        QTest::newRow("empty screenshot")
            << args({"--screenshot", ""}) << QStringLiteral("--screenshot needs a file name");
    }
    void shouldRejectABadCommandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QString text;
        int exitCode = -1;
        QVERIFY(!CommandLineOptions::parse(arguments, &text, &exitCode));
        QCOMPARE(exitCode, 2);
        QVERIFY2(text.contains(message), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("--help")));
    }

    void shouldHelp()
    {
        QString text;
        int exitCode = -1;
        QVERIFY(!CommandLineOptions::parse(args({"--help"}), &text, &exitCode));
        QCOMPARE(exitCode, 0);
        for (const char *option : {"--connect", "--open", "--screenshot", "--screenshot-after",
                                   "--export-csv", "--layout", "--lang", "--palette"})
            QVERIFY2(text.contains(QLatin1String(option)), option);
        // Every kind of source SourceFactory takes.
        for (const char *scheme : {"local:", "tcp://", "http://", "prometheus://", "file://"})
            QVERIFY2(text.contains(QLatin1String(scheme)), scheme);
    }

    void shouldPeekTheLanguage()
    {
        QCOMPARE(CommandLineOptions::peekLanguage(args({"--open", "x", "--lang", "fr"})),
                 QStringLiteral("fr"));
        QCOMPARE(CommandLineOptions::peekLanguage(args({"--lang=de"})), QStringLiteral("de"));
        QCOMPARE(CommandLineOptions::peekLanguage(args({"--lang"})), QString());
    }
};

QTEST_GUILESS_MAIN(CommandLineTest)
#include "tst_commandline.moc"
