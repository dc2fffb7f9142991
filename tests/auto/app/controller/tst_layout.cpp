// SPDX-License-Identifier: MIT
#include "controller/layout.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using dashboard::ChartLayout;
using dashboard::Layout;
using dashboard::SeriesKey;
using dashboard::Threshold;

namespace {

Layout sample()
{
    Layout layout;
    layout.sources = {QStringLiteral("SavedFile file:///tmp/report.json"),
                      QStringLiteral("LocalService local:demo")};
    layout.discovered = {QStringLiteral("LocalService local:shop")};
    ChartLayout first;
    first.series = {SeriesKey{QStringLiteral("LocalService local:demo"), {}, QStringLiteral("a")},
                    SeriesKey{QStringLiteral("LocalService local:demo"), {}, QStringLiteral("b")}};
    first.hidden = {first.series.at(1)};
    first.withoutBands = {first.series.at(0)};
    first.colors.insert(first.series.at(0), QColor(QStringLiteral("#d62728")));
    first.labels.insert(first.series.at(1), QStringLiteral("checkout « latency »"));
    first.range = QStringLiteral("5m");
    first.logScale = true;
    first.fromZero = false;
    ChartLayout second;
    second.series = {SeriesKey{QStringLiteral("SavedFile file:///tmp/report.json"),
                               {},
                               QStringLiteral("c, with \"quotes\"")}};
    layout.charts = {first, second};
    layout.thresholds.insert(QStringLiteral("a"), Threshold{0.05, 0.2});
    layout.thresholds.insert(QStringLiteral("b"), Threshold{10, std::nan("")});
    layout.historyMemoryMiB = 512;
    layout.perProcess = true;
    return layout;
}

} // namespace

class LayoutTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldRoundTripThroughAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("layout.json"));
        Layout saved = sample();
        QVERIFY2(saved.save(path), qPrintable(saved.errorString()));
        Layout loaded;
        QVERIFY2(loaded.load(path), qPrintable(loaded.errorString()));
        QVERIFY(loaded == saved);
        QVERIFY(loaded.toJson().contains("\"version\": 1"));
        QVERIFY(loaded.toJson().contains("\"color\": \"#d62728\""));
        QCOMPARE(loaded.charts.at(0).labels.value(loaded.charts.at(0).series.at(1)),
                 QStringLiteral("checkout « latency »"));
    }

    void shouldIgnoreUnknownKeys()
    {
        Layout layout;
        QVERIFY2(layout.fromJson(R"({"version": 1, "future": [1, 2], "charts": [
                     {"range": "1h", "colour": "red",
                      "series": [{"source": "s", "counter": "x", "axis": "right"}]}]})"),
                 qPrintable(layout.errorString()));
        QCOMPARE(layout.charts.size(), 1);
        QCOMPARE(layout.charts.at(0).range, QStringLiteral("1h"));
        // A layout of an earlier version: linear, the unit's baseline, every band.
        QVERIFY(!layout.charts.at(0).logScale);
        QVERIFY(!layout.charts.at(0).fromZero);
        QVERIFY(layout.charts.at(0).withoutBands.isEmpty());
        QCOMPARE(layout.charts.at(0).series,
                 (QList<SeriesKey>{SeriesKey{QStringLiteral("s"), {}, QStringLiteral("x")}}));
        QVERIFY(layout.sources.isEmpty());
        QCOMPARE(layout.historyMemoryMiB, 0);
    }

    void shouldRefuseBadFilesWithAClearError_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");

        QTest::newRow("empty") << QByteArray() << QStringLiteral("invalid JSON");
        QTest::newRow("garbage") << QByteArray("charts: 1") << QStringLiteral("invalid JSON");
        QTest::newRow("truncated")
            << QByteArray(R"({"version": 1, "charts": [)") << QStringLiteral("invalid JSON");
        QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not an object");
        QTest::newRow("no version")
            << QByteArray(R"({"charts": []})") << QStringLiteral("no \"version\"");
        QTest::newRow("future version")
            << QByteArray(R"({"version": 2})") << QStringLiteral("version 2 is not supported");
        QTest::newRow("charts not a list") << QByteArray(R"({"version": 1, "charts": {}})")
                                           << QStringLiteral("\"charts\" must be");
        QTest::newRow("series without counter")
            << QByteArray(R"({"version": 1, "charts": [{"series": [{"source": "s"}]}]})")
            << QStringLiteral("\"series\" must be");
        QTest::newRow("range a number") << QByteArray(R"({"version": 1, "charts": [{"range": 5}]})")
                                        << QStringLiteral("\"range\" must be");
        QTest::newRow("scale unknown")
            << QByteArray(R"({"version": 1, "charts": [{"scale": "cubic"}]})")
            << QStringLiteral("\"scale\" must be");
        QTest::newRow("from zero text")
            << QByteArray(R"({"version": 1, "charts": [{"fromZero": "yes"}]})")
            << QStringLiteral("\"fromZero\" must be");
        QTest::newRow("sources not text") << QByteArray(R"({"version": 1, "sources": [1]})")
                                          << QStringLiteral("\"sources\" must be");
        QTest::newRow("discovered not a list")
            << QByteArray(R"({"version": 1, "discovered": "local:shop"})")
            << QStringLiteral("\"discovered\" must be");
        QTest::newRow("discovered empty text")
            << QByteArray(R"({"version": 1, "discovered": [""]})")
            << QStringLiteral("\"discovered\" must be");
        QTest::newRow("thresholds a list") << QByteArray(R"({"version": 1, "thresholds": []})")
                                           << QStringLiteral("\"thresholds\" must be");
        QTest::newRow("history length negative")
            << QByteArray(R"({"version": 1, "historyMemoryMiB": -3})")
            << QStringLiteral("\"historyMemoryMiB\" must be");
        QTest::newRow("colour not a colour")
            << QByteArray(R"({"version": 1, "charts": [{"series": [{"source": "s",
                 "counter": "x", "color": "blurple"}]}]})")
            << QStringLiteral("\"color\" must be");
        QTest::newRow("label a number")
            << QByteArray(R"({"version": 1, "charts": [{"series": [{"source": "s",
                 "counter": "x", "label": 3}]}]})")
            << QStringLiteral("\"label\" must be");
        QTest::newRow("per process text") << QByteArray(R"({"version": 1, "perProcess": "yes"})")
                                          << QStringLiteral("\"perProcess\" must be");
    }
    void shouldRefuseBadFilesWithAClearError()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        Layout layout = sample();
        const Layout before = layout;
        QVERIFY(!layout.fromJson(json));
        QVERIFY2(layout.errorString().contains(error), qPrintable(layout.errorString()));
        QVERIFY(layout == before); // never half read
    }

    void shouldNameTheFileInItsErrors()
    {
        QTemporaryDir dir;
        Layout layout;
        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        QVERIFY(!layout.load(missing));
        QVERIFY2(layout.errorString().contains(QLatin1String("missing.json")),
                 qPrintable(layout.errorString()));
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 7}");
        file.close();
        QVERIFY(!layout.load(bad));
        QVERIFY2(layout.errorString().contains(QLatin1String("bad.json: layout version 7")),
                 qPrintable(layout.errorString()));
        QVERIFY(!layout.save(dir.filePath(QStringLiteral("no/such/dir/layout.json"))));
        QVERIFY(layout.errorString().contains(QLatin1String("cannot write")));
    }
};

QTEST_APPLESS_MAIN(LayoutTest)
#include "tst_layout.moc"
