// SPDX-License-Identifier: MIT
#include "models/valueformat.h"

#include <QTest>

#include <limits>

using counters::Unit;
using dashboard::ValueFormat;

class ValueFormatTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldWriteNumbersReadably_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("german");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0") << QStringLiteral("0");
        QTest::newRow("integer") << 1234567.0 << QStringLiteral("1,234,567")
                                 << QStringLiteral("1.234.567");
        QTest::newRow("four digits")
            << 12.3456 << QStringLiteral("12.35") << QStringLiteral("12,35");
        QTest::newRow("no trailing zeros") << 2.5 << QStringLiteral("2.5") << QStringLiteral("2,5");
        QTest::newRow("large fraction")
            << 12345.6 << QStringLiteral("12,346") << QStringLiteral("12.346");
        QTest::newRow("small") << 0.00123 << QStringLiteral("0.00123") << QStringLiteral("0,00123");
        QTest::newRow("tiny") << 1.5e-7 << QStringLiteral("1.5E-07") << QStringLiteral("1,5E-07");
        QTest::newRow("negative") << -3.25 << QStringLiteral("-3.25") << QStringLiteral("-3,25");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QString() << QString();
    }
    void shouldWriteNumbersReadably()
    {
        QFETCH(double, value);
        QFETCH(QString, english);
        QFETCH(QString, german);
        QCOMPARE(ValueFormat::number(value, QLocale(QLocale::English, QLocale::UnitedStates)),
                 english);
        QCOMPARE(ValueFormat::number(value, QLocale(QLocale::German, QLocale::Germany)), german);
    }

    void shouldWriteValuesInTheirUnit_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit"); // a counters::Unit
        QTest::addColumn<QString>("text");
        using counters::Unit;
        QTest::newRow("milliseconds") << 0.0123 << int(Unit::Second) << QStringLiteral("12.3 ms");
        QTest::newRow("microseconds") << 0.000045 << int(Unit::Second) << QStringLiteral("45 µs");
        QTest::newRow("nanoseconds") << 2e-8 << int(Unit::Second) << QStringLiteral("20 ns");
        QTest::newRow("seconds") << 1.5 << int(Unit::Second) << QStringLiteral("1.5 s");
        QTest::newRow("frequency") << 3.25 << int(Unit::PerSecond) << QStringLiteral("3.25/s");
        QTest::newRow("plain") << 100.0 << int(Unit::None) << QStringLiteral("100");
        QTest::newRow("plain below a million")
            << 999999.0 << int(Unit::None) << QStringLiteral("999,999");
        QTest::newRow("millions") << 1.5e6 << int(Unit::None) << QStringLiteral("1.5 M");
        QTest::newRow("billions") << 1e9 << int(Unit::None) << QStringLiteral("1 G");
        QTest::newRow("what rounds to 1,000 M is 1 G")
            << 999.96e6 << int(Unit::None) << QStringLiteral("1 G");
        QTest::newRow("a rate in millions")
            << 2.5e6 << int(Unit::PerSecond) << QStringLiteral("2.5 M/s");
        QTest::newRow("bytes") << 512.0 << int(Unit::Byte) << QStringLiteral("512 B");
        QTest::newRow("just below a KiB") << 1023.0 << int(Unit::Byte) << QStringLiteral("1,023 B");
        QTest::newRow("KiB") << 1536.0 << int(Unit::Byte) << QStringLiteral("1.5 KiB");
        QTest::newRow("MiB") << 5.0 * 1024 * 1024 << int(Unit::Byte) << QStringLiteral("5 MiB");
        QTest::newRow("GiB") << 2.25 * 1024 * 1024 * 1024 << int(Unit::Byte)
                             << QStringLiteral("2.25 GiB");
        QTest::newRow("PiB and beyond") << 2048.0 * 1024 * 1024 * 1024 * 1024 * 1024
                                        << int(Unit::Byte) << QStringLiteral("2,048 PiB");
        QTest::newRow("what would round to 1,024 B is in KiB")
            << 1023.9 << int(Unit::Byte) << QStringLiteral("0.9999 KiB");
        QTest::newRow("what rounds to 1,024 KiB is 1 MiB")
            << 1023.99 * 1024 << int(Unit::Byte) << QStringLiteral("1 MiB");
        QTest::newRow("negative bytes") << -2048.0 << int(Unit::Byte) << QStringLiteral("-2 KiB");
    }
    void shouldWriteValuesInTheirUnit()
    {
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(QString, text);
        QCOMPARE(ValueFormat::value(value, counters::Unit(unit), QLocale(QLocale::English)), text);
    }

    // What a user types back: in the unit shown, or with a symbol of the unit's own.
    void shouldReadWhatIsTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("unit");       // counters::Unit
        QTest::addColumn<double>("shownAs"); // the magnitude that picks the unit shown
        QTest::addColumn<double>("value");   // NaN: refused
        const double refused = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("ms shown") << QStringLiteral("20") << int(Unit::Second) << 0.004 << 0.02;
        QTest::newRow("seconds typed")
            << QStringLiteral("1.5 s") << int(Unit::Second) << 0.004 << 1.5;
        QTest::newRow("µs typed") << QStringLiteral("500µs") << int(Unit::Second) << 1.0 << 5e-4;
        QTest::newRow("us typed") << QStringLiteral("500 us") << int(Unit::Second) << 1.0 << 5e-4;
        QTest::newRow("minutes") << QStringLiteral("2 min") << int(Unit::Second) << 1.0 << 120.0;
        QTest::newRow("KiB shown") << QStringLiteral("4") << int(Unit::Byte) << 4096.0 << 4096.0;
        QTest::newRow("kB typed") << QStringLiteral("2 kB") << int(Unit::Byte) << 1.0 << 2000.0;
        QTest::newRow("M shown") << QStringLiteral("1.5") << int(Unit::None) << 3e6 << 1.5e6;
        QTest::newRow("k typed") << QStringLiteral("800 k") << int(Unit::None) << 1.0 << 8e5;
        QTest::newRow("rate with /s")
            << QStringLiteral("3.5/s") << int(Unit::PerSecond) << 1.0 << 3.5;
        QTest::newRow("exponent") << QStringLiteral("1e-3") << int(Unit::Second) << 1.0 << 1e-3;
        QTest::newRow("a small rate in a dialog of millions")
            << QStringLiteral("3.5/s") << int(Unit::PerSecond) << 5e6 << 3.5;
        QTest::newRow("PiB") << QStringLiteral("2 PiB") << int(Unit::Byte) << 1.0
                             << 2.0 * 1024 * 1024 * 1024 * 1024 * 1024;
        QTest::newRow("Greek mu") << QStringLiteral("500 μs") << int(Unit::Second) << 1.0 << 5e-4;
        // Scaled in decimal: 2.1 ms is the double of 0.0021, not 2.1 / 1000.
        QTest::newRow("decimal scaling")
            << QStringLiteral("2.1") << int(Unit::Second) << 0.004 << 0.0021;
        QTest::newRow("another unit's symbol")
            << QStringLiteral("5 MiB") << int(Unit::Second) << 1.0 << refused;
        QTest::newRow("a word") << QStringLiteral("fast") << int(Unit::None) << 1.0 << refused;
        QTest::newRow("infinite") << QStringLiteral("inf") << int(Unit::None) << 1.0 << refused;
    }
    void shouldReadWhatIsTyped()
    {
        QFETCH(QString, text);
        QFETCH(int, unit);
        QFETCH(double, shownAs);
        QFETCH(double, value);
        const auto read = ValueFormat::parse(
            text, Unit(unit), ValueFormat::prefix(Unit(unit), shownAs), QLocale::c());
        if (std::isnan(value)) {
            QVERIFY(!read);
            return;
        }
        QVERIFY(read);
        QCOMPARE(*read, value);
    }

    void shouldNameNodes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::newRow("PyCounters 0.6 node id")
            << QStringLiteral("vm_101_0_1732699990") << QStringLiteral("vm:101");
        QTest::newRow("host with underscores")
            << QStringLiteral("build_vm_7_2_1732699990.25") << QStringLiteral("build_vm:7");
        QTest::newRow("other") << QStringLiteral("node3") << QStringLiteral("node3");
        QTest::newRow("not numbers") << QStringLiteral("a_b_c_d") << QStringLiteral("a_b_c_d");
    }
    void shouldNameNodes()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QCOMPARE(ValueFormat::nodeName(id), name);
    }

    void shouldWriteNoValueAsADash()
    {
        QCOMPARE(ValueFormat::value(std::nullopt, counters::Unit::None), QStringLiteral("—"));
    }

    void shouldWriteWindowsAndAges_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("window");
        QTest::addColumn<QString>("age");
        QTest::newRow("sub-second") << 0.5 << QStringLiteral("0.5 s") << QStringLiteral("now");
        QTest::newRow("seconds") << 90.0 << QStringLiteral("90 s") << QStringLiteral("90 s");
        QTest::newRow("five minutes")
            << 300.0 << QStringLiteral("5 min") << QStringLiteral("5 min");
        QTest::newRow("hours") << 7200.0 << QStringLiteral("2 h") << QStringLiteral("2 h");
        QTest::newRow("days") << 172800.0 << QStringLiteral("2 d") << QStringLiteral("2 d");
    }
    void shouldWriteWindowsAndAges()
    {
        QFETCH(double, seconds);
        QFETCH(QString, window);
        QFETCH(QString, age);
        const QLocale english(QLocale::English);
        QCOMPARE(ValueFormat::window(seconds, english), window);
        QCOMPARE(ValueFormat::age(seconds, english), age);
        QCOMPARE(ValueFormat::window(0, english), QString());
        QCOMPARE(ValueFormat::age(-1, english), QString());
    }
};

QTEST_GUILESS_MAIN(ValueFormatTest)
#include "tst_valueformat.moc"
