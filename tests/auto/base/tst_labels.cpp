// SPDX-License-Identifier: MIT
// The labels of a counter family's series: which names Prometheus accepts, and the name a
// labelled series goes by in reports.
#include <counters/base/labels.h>

#include <QTest>

using namespace counters;

class LabelsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void labelNamesShouldFollowPrometheusRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("error"); // a part of the message
        QTest::newRow("letters") << QStringLiteral("method") << true << QString();
        QTest::newRow("underscore and digits")
            << QStringLiteral("_status_2xx") << true << QString();
        QTest::newRow("capitals") << QStringLiteral("HTTPMethod") << true << QString();
        QTest::newRow("empty") << QString() << false << QStringLiteral("cannot be empty");
        QTest::newRow("leading digit")
            << QStringLiteral("2xx") << false << QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("dash") << QStringLiteral("content-type") << false
                              << QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("colon") << QStringLiteral("a:b") << false
                               << QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("non-ASCII letter")
            << QStringLiteral("größe") << false << QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("reserved") << QStringLiteral("__name__") << false
                                  << QStringLiteral("reserves");
    }

    void labelNamesShouldFollowPrometheusRules()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QString, error);
        QString message;
        QCOMPARE(isValidLabelName(name, &message), valid);
        QCOMPARE(isValidLabelName(name), valid); // the error may be null
        if (valid)
            QVERIFY(message.isEmpty());
        else
            QVERIFY2(message.contains(error), qPrintable(message));
    }

    void seriesNamesShouldBePrometheusNotation_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<QString>("name");
        QTest::newRow("no labels")
            << QStringLiteral("requests") << Labels() << QStringLiteral("requests");
        QTest::newRow("one") << QStringLiteral("request_time")
                             << Labels{{QStringLiteral("kind"), QStringLiteral("text")}}
                             << QStringLiteral("request_time{kind=\"text\"}");
        QTest::newRow("sorted by name") << QStringLiteral("t")
                                        << Labels{{QStringLiteral("status"), QStringLiteral("200")},
                                                  {QStringLiteral("method"), QStringLiteral("GET")}}
                                        << QStringLiteral("t{method=\"GET\",status=\"200\"}");
        QTest::newRow("escapes") << QStringLiteral("t")
                                 << Labels{{QStringLiteral("v"), QStringLiteral("a\\b\"c\nd")}}
                                 << QStringLiteral("t{v=\"a\\\\b\\\"c\\nd\"}");
        QTest::newRow("any text, an empty value")
            << QStringLiteral("t")
            << Labels{{QStringLiteral("a"), QStringLiteral("größe, 😀 {}=")},
                      {QStringLiteral("b"), QString()}}
            << QStringLiteral("t{a=\"größe, 😀 {}=\",b=\"\"}");
    }

    void seriesNamesShouldBePrometheusNotation()
    {
        QFETCH(QString, family);
        QFETCH(Labels, labels);
        QFETCH(QString, name);
        QCOMPARE(seriesName(family, labels), name);
    }

    void differentLabelSetsShouldHaveDifferentNames()
    {
        // Values that would run together without quotes and escapes stay apart.
        const QString a =
            seriesName(QStringLiteral("t"), {{QStringLiteral("x"), QStringLiteral("1\",y=\"2")}});
        const QString b = seriesName(QStringLiteral("t"),
                                     {{QStringLiteral("x"), QStringLiteral("1")},
                                      {QStringLiteral("y"), QStringLiteral("2")}});
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(LabelsTest)
#include "tst_labels.moc"
