// SPDX-License-Identifier: MIT
#include "recordingreporter.h"
#include "rows.h"

#include <counters/base/clock.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/report/logreporter.h>
#include <counters/report/reportingcontroller.h>

#include <QLoggingCategory>
#include <QTest>

#include <cmath>
#include <limits>

using namespace counters;

Q_LOGGING_CATEGORY(lcMetrics, "myapp.metrics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcQuiet, "myapp.quiet", QtWarningMsg)

namespace {

// A total, or a PyCounters accumulator when it has sub-values.
CounterRow row(const QString &name, std::optional<double> value,
               QMap<QString, double> subValues = {})
{
    const CounterType type = subValues.isEmpty() ? CounterType::Total : CounterType::Unknown;
    return testsupport::row(name, type, value, 0, 0, std::move(subValues));
}

Snapshot snapshotOf(QList<CounterRow> rows)
{
    return Snapshot(1.7e9, {}, std::move(rows));
}

} // namespace

class LogReporterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNumberShouldUseTwelveSignificantDigits_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("third") << 1.0 / 3 << QStringLiteral("0.333333333333");
        QTest::newRow("integral") << 2.0 << QStringLiteral("2");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
        QTest::newRow("negative") << -1.5 << QStringLiteral("-1.5");
        QTest::newRow("small") << 1e-05 << QStringLiteral("1e-05");
        // Python 2's str() writes 12 integer digits in exponent form already (printf would not).
        QTest::newRow("twelve integer digits")
            << 123456789012.0 << QStringLiteral("1.23456789012e+11");
        QTest::newRow("twelve integer digits, negative")
            << -123456789012.0 << QStringLiteral("-1.23456789012e+11");
        QTest::newRow("1e11") << 1e11 << QStringLiteral("1e+11");
        QTest::newRow("trailing zeros") << 123450000000.0 << QStringLiteral("1.2345e+11");
        QTest::newRow("rounded up to twelve integer digits")
            << 99999999999.99999 << QStringLiteral("1e+11");
        QTest::newRow("eleven integer digits") << 99999999999.5 << QStringLiteral("99999999999.5");
        QTest::newRow("thirteen digits") << 1234567890123.0 << QStringLiteral("1.23456789012e+12");
        QTest::newRow("rounded") << 0.589342236519321 << QStringLiteral("0.589342236519");
        QTest::newRow("large") << 1e16 << QStringLiteral("1e+16");
        QTest::newRow("NaN") << std::nan("") << QStringLiteral("nan");
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity()
                                  << QStringLiteral("inf");
    }

    void formatNumberShouldUseTwelveSignificantDigits()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(LogReporter::formatNumber(value), text);
    }

    void shouldLogOneLinePerCounter_data()
    {
        QTest::addColumn<Snapshot>("snapshot");
        QTest::addColumn<QStringList>("lines");

        QTest::newRow("one value")
            << snapshotOf({row(QStringLiteral("posting"), 0.589342236519321)})
            << QStringList{QStringLiteral("posting 0.589342236519")};
        QTest::newRow("sorted by name")
            << snapshotOf({row(QStringLiteral("b"), 2), row(QStringLiteral("a"), 1),
                           row(QStringLiteral("C"), 3)})
            << QStringList{QStringLiteral("C 3"), QStringLiteral("a 1"), QStringLiteral("b 2")};
        QTest::newRow("no value is None") << snapshotOf({row(QStringLiteral("idle"), std::nullopt)})
                                          << QStringList{QStringLiteral("idle None")};
        QTest::newRow("dunder names skipped")
            << snapshotOf({row(QStringLiteral("__collection_time__"), 1.7e9),
                           row(QStringLiteral("__x__"), 1), row(QStringLiteral("_y_"), 2),
                           row(QStringLiteral("__z"), 3), row(QStringLiteral("w__"), 4)})
            << QStringList{QStringLiteral("__z 3"), QStringLiteral("_y_ 2"),
                           QStringLiteral("w__ 4")};
        QTest::newRow("accumulator as PyCounters 0.6 printed its dict")
            << snapshotOf({row(QStringLiteral("acc"), std::nullopt,
                               {{QStringLiteral("s1"), 3}, {QStringLiteral("s2"), 0.5}})})
            << QStringList{QStringLiteral("acc {'s1': 3, 's2': 0.5}")};
        QTest::newRow("value wins over sub-values")
            << snapshotOf({row(QStringLiteral("avg"), 2.5, {{QStringLiteral("min"), 1}})})
            << QStringList{QStringLiteral("avg 2.5")};
        QTest::newRow("empty snapshot") << snapshotOf({}) << QStringList{};
    }

    void shouldLogOneLinePerCounter()
    {
        QFETCH(Snapshot, snapshot);
        QFETCH(QStringList, lines);
        LogReporter reporter;
        const MessageCapture capture;
        QVERIFY(reporter.report(snapshot));
        QCOMPARE(capture.texts(), lines);
    }

    void shouldLogAtInfoLevelInTheCountersCategory()
    {
        LogReporter reporter;
        QCOMPARE(QLatin1String(reporter.category().categoryName()), QLatin1String("counters"));
        const MessageCapture capture;
        QVERIFY(reporter.report(
            snapshotOf({row(QStringLiteral("a"), 1), row(QStringLiteral("b"), 2)})));
        const auto messages = capture.messages();
        QCOMPARE(messages.size(), 2);
        for (const auto &m : messages) {
            QCOMPARE(m.type, QtInfoMsg);
            QCOMPARE(m.category, QStringLiteral("counters"));
        }
    }

    void shouldLogToTheCategoryGiven()
    {
        LogReporter reporter(lcMetrics());
        const MessageCapture capture;
        QVERIFY(reporter.report(snapshotOf({row(QStringLiteral("a"), 1)})));
        QCOMPARE(capture.texts(QStringLiteral("myapp.metrics")),
                 QStringList{QStringLiteral("a 1")});
        QVERIFY(capture.texts(QStringLiteral("counters")).isEmpty());
    }

    void shouldSucceedSilentlyWhenInfoIsDisabled()
    {
        LogReporter reporter(lcQuiet());
        const MessageCapture capture;
        QVERIFY(reporter.report(snapshotOf({row(QStringLiteral("a"), 1)})));
        QVERIFY(capture.messages().isEmpty());
        QCOMPARE(reporter.reportCount(), 1u);
    }

    void shouldLogWhatTheRegistryCollects()
    {
        // PyCounters 0.6's test_multiple_counters_one_event through the log: two counters on one
        // event.
        ManualClock clock;
        Registry registry(&clock);
        auto first = std::make_shared<TotalCounter>(QStringLiteral("test1"),
                                                    QStringList{QStringLiteral("lr_test")});
        auto second = std::make_shared<EventCounter>(QStringLiteral("test2"),
                                                     QStringList{QStringLiteral("lr_test")});
        QVERIFY(registry.registerCounter(first));
        QVERIFY(registry.registerCounter(second));
        first->reportValue(1);
        second->reportValue(1);
        ReportingController controller(registry);
        QVERIFY(controller.registerReporter(std::make_shared<LogReporter>()));
        const MessageCapture capture;
        QVERIFY(controller.outputReport());
        QCOMPARE(capture.texts(QStringLiteral("counters")),
                 (QStringList{QStringLiteral("test1 1"), QStringLiteral("test2 1")}));
    }
};

QTEST_GUILESS_MAIN(LogReporterTest)
#include "tst_logreporter.moc"
