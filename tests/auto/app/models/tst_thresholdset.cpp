// SPDX-License-Identifier: MIT
#include "models/thresholdset.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using dashboard::Threshold;
using dashboard::ThresholdSet;
using dashboard::ThresholdState;

namespace {
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
}

class ThresholdSetTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldTellTheStateOfAValue_data()
    {
        QTest::addColumn<double>("warning");
        QTest::addColumn<double>("critical");
        QTest::addColumn<double>("value");
        QTest::addColumn<ThresholdState>("state");

        QTest::newRow("below both") << 10.0 << 20.0 << 9.99 << ThresholdState::Normal;
        QTest::newRow("at warning") << 10.0 << 20.0 << 10.0 << ThresholdState::Warning;
        QTest::newRow("between") << 10.0 << 20.0 << 15.0 << ThresholdState::Warning;
        QTest::newRow("at critical") << 10.0 << 20.0 << 20.0 << ThresholdState::Critical;
        QTest::newRow("above critical") << 10.0 << 20.0 << 1e9 << ThresholdState::Critical;
        QTest::newRow("no value") << 10.0 << 20.0 << kNone << ThresholdState::Normal;
        QTest::newRow("warning only, above") << 10.0 << kNone << 30.0 << ThresholdState::Warning;
        QTest::newRow("critical only, below") << kNone << 20.0 << 19.0 << ThresholdState::Normal;
        QTest::newRow("critical only, above") << kNone << 20.0 << 21.0 << ThresholdState::Critical;
        QTest::newRow("lower is worse, fine") << 100.0 << 10.0 << 150.0 << ThresholdState::Normal;
        QTest::newRow("lower is worse, warning")
            << 100.0 << 10.0 << 100.0 << ThresholdState::Warning;
        QTest::newRow("lower is worse, critical")
            << 100.0 << 10.0 << 5.0 << ThresholdState::Critical;
        QTest::newRow("negative levels") << -5.0 << -1.0 << -3.0 << ThresholdState::Warning;
        QTest::newRow("none") << kNone << kNone << 1e9 << ThresholdState::Normal;
    }
    void shouldTellTheStateOfAValue()
    {
        QFETCH(double, warning);
        QFETCH(double, critical);
        QFETCH(double, value);
        QFETCH(ThresholdState, state);
        QCOMPARE(Threshold({warning, critical}).stateOf(value), state);
        ThresholdSet set;
        set.setThreshold(QStringLiteral("c"), Threshold{warning, critical});
        QCOMPARE(set.stateOf(QStringLiteral("c"), value), state);
        QCOMPARE(set.stateOf(QStringLiteral("other"), value), ThresholdState::Normal);
    }

    void shouldSignalOnlyRealChanges()
    {
        ThresholdSet set;
        QSignalSpy changed(&set, &ThresholdSet::thresholdsChanged);
        set.setThreshold(QStringLiteral("a"), Threshold{1, 2});
        set.setThreshold(QStringLiteral("a"), Threshold{1, 2});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{QStringLiteral("a")});
        set.setThreshold(QStringLiteral("b"), Threshold());
        QCOMPARE(changed.size(), 1);
        QVERIFY(!set.contains(QStringLiteral("b")));
        set.setThresholds(
            {{QStringLiteral("a"), Threshold{1, 2}}, {QStringLiteral("b"), Threshold{3, kNone}}});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).toStringList(), QStringList{QStringLiteral("b")});
        set.clear();
        QCOMPARE(changed.size(), 3);
        QVERIFY(set.thresholds().isEmpty());
    }

    void shouldRoundTripThroughJson()
    {
        ThresholdSet set;
        set.setThreshold(QStringLiteral("requests_time"), Threshold{0.05, 0.2});
        set.setThreshold(QStringLiteral("free"), Threshold{kNone, 10});
        const QByteArray json = QJsonDocument(set.toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(json,
                 QByteArrayLiteral("{\"free\":{\"critical\":10},"
                                   "\"requests_time\":{\"critical\":0.2,\"warning\":0.05}}"));
        const auto read = ThresholdSet::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(read, set.thresholds());
        // Garbage is skipped, not fatal.
        const auto partial = ThresholdSet::fromJson(
            QJsonDocument::fromJson(
                "{\"a\": 3, \"b\": {\"warning\": \"x\"}, \"c\": {\"warning\": 1, \"x\": 2}}")
                .object());
        QCOMPARE(partial.size(), 1);
        QCOMPARE(partial.value(QStringLiteral("c")).warning, 1.0);
    }
};

QTEST_APPLESS_MAIN(ThresholdSetTest)
#include "tst_thresholdset.moc"
