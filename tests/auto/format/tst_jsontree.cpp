// SPDX-License-Identifier: MIT
#include <counters/format/jsontree_p.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using counters::detail::JsonTree;

class JsonTreeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldLeaveAllButPlainJsonToQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("json");

        QTest::newRow("empty") << QByteArray();
        QTest::newRow("spaces") << QByteArray(" \n");
        QTest::newRow("an array") << QByteArray("[1]");
        QTest::newRow("a number") << QByteArray("1");
        QTest::newRow("unclosed") << QByteArray(R"({"a":1)");
        QTest::newRow("trailing bytes") << QByteArray(R"({"a":1} x)");
        QTest::newRow("two documents") << QByteArray(R"({"a":1}{"b":2})");
        QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
        QTest::newRow("a bare key") << QByteArray(R"({a:1})");
        QTest::newRow("an escape") << QByteArray("{\"a\\\"b\":1}");
        QTest::newRow("a unicode escape") << QByteArray(R"({"a":"\u00e9"})");
        QTest::newRow("UTF-8") << QByteArray("{\"caf\xc3\xa9\":1}");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"a\xff\":1}");
        QTest::newRow("a control character") << QByteArray("{\"a\tb\":1}");
        QTest::newRow("a repeated key") << QByteArray(R"({"a":1,"b":2,"a":3})");
        QByteArray many = "{";
        for (int i = 0; i < 40; ++i)
            many += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
        QTest::newRow("a repeated key among many") << many + R"("k7":1})";
        QTest::newRow("a leading zero") << QByteArray(R"({"a":01})");
        QTest::newRow("a bare fraction point") << QByteArray(R"({"a":1.})");
        QTest::newRow("a bare exponent") << QByteArray(R"({"a":1e})");
        QTest::newRow("a plus sign") << QByteArray(R"({"a":+1})");
        QTest::newRow("out of range") << QByteArray(R"({"a":1e400})");
        QTest::newRow("a truncated literal") << QByteArray(R"({"a":nul})");
        QTest::newRow("NaN glued to a word") << QByteArray(R"({"a":NaNx})");
        QTest::newRow("too deep") << QByteArray(R"({"a":)") + QByteArray(70, '[')
                + QByteArray(70, ']') + "}";
    }

    void shouldLeaveAllButPlainJsonToQJsonDocument()
    {
        QFETCH(QByteArray, json);
        JsonTree tree;
        QVERIFY(!tree.parse(json));
        QCOMPARE(tree.root().size(), 0);
    }

    void shouldReadValuesAsQJsonValueDoes_data()
    {
        QTest::addColumn<QByteArray>("literal");

        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("minus zero") << QByteArray("-0");
        QTest::newRow("minus zero, a fraction") << QByteArray("-0.0");
        QTest::newRow("minus zero, an exponent") << QByteArray("-0e5");
        QTest::newRow("a whole exponent") << QByteArray("1.5e3");
        QTest::newRow("an integer") << QByteArray("-42");
        QTest::newRow("beyond 2^53") << QByteArray("9007199254740993");
        QTest::newRow("qint64's largest") << QByteArray("9223372036854775807");
        QTest::newRow("beyond qint64") << QByteArray("9223372036854775808");
        QTest::newRow("beyond quint64") << QByteArray("18446744073709551616");
        QTest::newRow("a fraction") << QByteArray("0.1");
        QTest::newRow("a whole fraction") << QByteArray("2.0");
        QTest::newRow("an exponent") << QByteArray("1e3");
        QTest::newRow("a negative exponent") << QByteArray("-1.5E-7");
        QTest::newRow("a subnormal") << QByteArray("5e-324");
        QTest::newRow("the largest double") << QByteArray("1.7976931348623157e308");
        QTest::newRow("true") << QByteArray("true");
        QTest::newRow("false") << QByteArray("false");
        QTest::newRow("null") << QByteArray("null");
        QTest::newRow("a string") << QByteArray(R"("seconds")");
        QTest::newRow("an empty string") << QByteArray(R"("")");
    }

    void shouldReadValuesAsQJsonValueDoes()
    {
        QFETCH(QByteArray, literal);
        const QByteArray json = R"({ "v" : )" + literal + " }";
        JsonTree tree;
        QVERIFY(tree.parse(json));
        const QJsonValue expected = QJsonDocument::fromJson(json).object().value(u"v");
        const JsonTree::Value value = tree.root().value(u"v");
        QCOMPARE(value.type(), expected.type());
        QCOMPARE(value.toDouble(), expected.toDouble());
        // QCOMPARE takes -0 for 0: the sign is compared on its own.
        QCOMPARE(std::signbit(value.toDouble()), std::signbit(expected.toDouble()));
        QCOMPARE(value.toInteger(-7), expected.toInteger(-7));
        QCOMPARE(value.toBool(), expected.toBool());
        QCOMPARE(value.toString(), expected.toString());
    }

    void shouldReadPythonTokensAsNull_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("NaN") << QByteArray("NaN");
        QTest::newRow("Infinity") << QByteArray("Infinity");
        QTest::newRow("-Infinity") << QByteArray("-Infinity");
    }

    void shouldReadPythonTokensAsNull()
    {
        QFETCH(QByteArray, token);
        JsonTree tree;
        const QByteArray json = "{\"v\":" + token + ",\"w\":[" + token + "]}";
        QVERIFY(tree.parse(json));
        QVERIFY(tree.root().value(u"v").isNull());
        QVERIFY(tree.root().value(u"w").toArray().at(0).isNull());
    }

    void shouldFindEveryKeyOfSmallAndLargeObjects_data()
    {
        QTest::addColumn<int>("members");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("just below the index") << 15;
        QTest::newRow("just at the index") << 16;
        QTest::newRow("a thousand") << 1000;
    }

    void shouldFindEveryKeyOfSmallAndLargeObjects()
    {
        QFETCH(int, members);
        // Keys in an order other than the sorted one, with a nested value in between.
        QByteArray json = "{";
        for (int i = members - 1; i >= 0; --i)
            json += "\"key" + QByteArray::number(i) + "\":{\"n\":[" + QByteArray::number(i) + "]},";
        if (members > 0)
            json.chop(1);
        json += "}";
        JsonTree tree;
        QVERIFY(tree.parse(json));
        const JsonTree::Object root = tree.root();
        QCOMPARE(root.size(), members);
        for (int i = 0; i < members; ++i) {
            const QString key = QStringLiteral("key%1").arg(i);
            QVERIFY2(root.contains(key), qPrintable(key));
            QVERIFY(root.contains(QLatin1String(key.toLatin1())));
            QCOMPARE(root.value(key).toObject().value(u"n").toArray().at(0).toInteger(), i);
        }
        QVERIFY(!root.contains(u"key"));
        QVERIFY(!root.contains(QStringLiteral("key%1").arg(members)));
        QVERIFY(!root.contains(QLatin1String("")));
        QVERIFY(root.value(u"key-1").isUndefined());
        QCOMPARE(root.keys(), QJsonDocument::fromJson(json).object().keys());
        int visited = 0;
        for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
            QCOMPARE(it.key(), QStringLiteral("key%1").arg(members - 1 - visited));
            QVERIFY(it.value().isObject());
            ++visited;
        }
        QCOMPARE(visited, members);
    }

    void shouldIndexArraysOfScalarsAndOfContainers()
    {
        JsonTree tree;
        QVERIFY(tree.parse(R"({"flat":[1,2,3],"nested":[[1],{"a":2},3,[]],"empty":[]})"));
        const JsonTree::Array flat = tree.root().value(u"flat").toArray();
        QCOMPARE(flat.size(), 3);
        QCOMPARE(flat.at(2).toInteger(), 3);
        QVERIFY(flat.at(3).isUndefined());
        QVERIFY(flat.at(-1).isUndefined());
        const JsonTree::Array nested = tree.root().value(u"nested").toArray();
        QCOMPARE(nested.size(), 4);
        QCOMPARE(nested.at(0).toArray().at(0).toInteger(), 1);
        QCOMPARE(nested.at(1).toObject().value(u"a").toInteger(), 2);
        QCOMPARE(nested.at(2).toInteger(), 3);
        QCOMPARE(nested.at(3).toArray().size(), 0);
        QCOMPARE(tree.root().value(u"empty").toArray().size(), 0);
        // Conversions to the wrong kind give empty values, as QJsonValue's do.
        QCOMPARE(tree.root().value(u"flat").toObject().size(), 0);
        QCOMPARE(tree.root().value(u"missing").toArray().size(), 0);
        QCOMPARE(tree.root().value(u"missing").toObject().constBegin()
                     != JsonTree::Object().constEnd(),
                 false);
    }

    void shouldShareRepeatedStringsWithinAThread()
    {
        // Successive reports name the same counters: their names share one QString.
        JsonTree first;
        QVERIFY(first.parse(R"({"requests_time":{"unit":"seconds"}})"));
        const QString name = first.root().constBegin().key();
        const QString unit =
            first.root().value(u"requests_time").toObject().value(u"unit").toString();
        JsonTree second;
        QVERIFY(second.parse(R"({"requests_time":{"unit":"seconds"}})"));
        QCOMPARE(second.root().constBegin().key(), name);
        QCOMPARE(second.root().constBegin().key().constData(), name.constData());
        QCOMPARE(
            second.root().value(u"requests_time").toObject().value(u"unit").toString().constData(),
            unit.constData());
    }
};

QTEST_GUILESS_MAIN(JsonTreeTest)
#include "tst_jsontree.moc"
