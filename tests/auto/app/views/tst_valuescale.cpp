// SPDX-License-Identifier: MIT
// How a chart writes the values of a unit on its value axis.

#include "models/valueformat.h"
#include "views/valuescale.h"

#include <QTest>

using counters::Unit;
using dashboard::ValueScale;

class ValueScaleTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldScaleByTheLargestValue_data()
    {
        QTest::addColumn<int>("unit"); // counters::Unit
        QTest::addColumn<double>("largest");
        QTest::addColumn<double>("factor");
        QTest::addColumn<QString>("title");
        QTest::newRow("seconds") << int(Unit::Second) << 2.5 << 1.0 << QStringLiteral("s");
        QTest::newRow("nothing yet, in seconds")
            << int(Unit::Second) << 0.0 << 1.0 << QStringLiteral("s");
        QTest::newRow("milliseconds") << int(Unit::Second) << 0.04 << 1e3 << QStringLiteral("ms");
        QTest::newRow("microseconds") << int(Unit::Second) << 2e-5 << 1e6 << QStringLiteral("µs");
        QTest::newRow("nanoseconds") << int(Unit::Second) << 5e-8 << 1e9 << QStringLiteral("ns");
        QTest::newRow("bytes") << int(Unit::Byte) << 512.0 << 1.0 << QStringLiteral("B");
        QTest::newRow("KiB") << int(Unit::Byte) << 4096.0 << 1.0 / 1024 << QStringLiteral("KiB");
        QTest::newRow("MiB") << int(Unit::Byte) << 3e6 << 1.0 / (1024.0 * 1024)
                             << QStringLiteral("MiB");
        QTest::newRow("GiB") << int(Unit::Byte) << 5e9 << 1.0 / (1024.0 * 1024 * 1024)
                             << QStringLiteral("GiB");
        QTest::newRow("rates") << int(Unit::PerSecond) << 5e5 << 1.0
                               << QStringLiteral("per second");
        QTest::newRow("millions of events a second")
            << int(Unit::PerSecond) << 1e6 << 1e-6 << QStringLiteral("per second");
        QTest::newRow("plain numbers") << int(Unit::None) << 5e5 << 1.0 << QString();
        QTest::newRow("millions") << int(Unit::None) << 1.5e6 << 1e-6 << QString();
        QTest::newRow("billions") << int(Unit::None) << 2e9 << 1e-9 << QString();
    }
    void shouldScaleByTheLargestValue()
    {
        QFETCH(int, unit);
        QFETCH(double, largest);
        QFETCH(double, factor);
        QFETCH(QString, title);
        const ValueScale scale = ValueScale::of(Unit(unit), largest);
        QCOMPARE(scale.factor, factor);
        QCOMPARE(scale.title, title);
    }

    // Counts and rates carry their SI prefix on each tick: 0.5 M, 1 M, 1.5 M.
    void shouldPutTheSIPrefixOnTheTicks()
    {
        QCOMPARE(ValueScale::of(Unit::None, 1.5e6).suffix, QStringLiteral(" M"));
        QCOMPARE(ValueScale::of(Unit::PerSecond, 3e9).suffix, QStringLiteral(" G"));
        QCOMPARE(ValueScale::of(Unit::None, 5e5).suffix, QString());
        QCOMPARE(ValueScale::of(Unit::Second, 5e6).suffix, QString()); // the title says "s"
    }

    void shouldUseTheUnitsOfTheTexts_data()
    {
        QTest::addColumn<int>("unit"); // counters::Unit
        QTest::addColumn<double>("largest");
        QTest::newRow("just below 1 ms") << int(Unit::Second) << 999.96e-6;
        QTest::newRow("just below 1 µs") << int(Unit::Second) << 0.99996e-6;
        QTest::newRow("999.9 µs") << int(Unit::Second) << 999.9e-6;
        QTest::newRow("just below 1 s") << int(Unit::Second) << 0.99999;
        QTest::newRow("1023.4 B") << int(Unit::Byte) << 1023.4;
        QTest::newRow("1023.6 B") << int(Unit::Byte) << 1023.6;
        QTest::newRow("just below 1 MiB") << int(Unit::Byte) << 1048575.0;
        QTest::newRow("2 TiB") << int(Unit::Byte) << 2.2e12;
    }
    void shouldUseTheUnitsOfTheTexts()
    {
        // The largest value's text and the axis title name the same unit.
        QFETCH(int, unit);
        QFETCH(double, largest);
        const ValueScale scale = ValueScale::of(Unit(unit), largest);
        const QString text = dashboard::ValueFormat::value(largest, Unit(unit), QLocale::c());
        QVERIFY2(text.endsWith(QLatin1Char(' ') + scale.title), qPrintable(text));
        QCOMPARE(text.section(QLatin1Char(' '), 0, 0).toDouble(),
                 QLocale::c().toString(largest * scale.factor, 'g', 4).toDouble());
    }

    void shouldPickRoundSteps_data()
    {
        QTest::addColumn<double>("raw");
        QTest::addColumn<double>("step");
        QTest::newRow("1") << 1.0 << 1.0;
        QTest::newRow("1.2") << 1.2 << 2.0;
        QTest::newRow("3") << 3.0 << 5.0;
        QTest::newRow("7") << 7.0 << 10.0;
        QTest::newRow("0.03") << 0.03 << 0.05;
        QTest::newRow("1,234") << 1234.0 << 2000.0;
        QTest::newRow("none") << 0.0 << 1.0;
    }
    void shouldPickRoundSteps()
    {
        QFETCH(double, raw);
        QFETCH(double, step);
        QCOMPARE(ValueScale::niceStep(raw), step);
    }
};

QTEST_GUILESS_MAIN(ValueScaleTest)
#include "tst_valuescale.moc"
