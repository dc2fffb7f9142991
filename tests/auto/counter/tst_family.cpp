// SPDX-License-Identifier: MIT
// Counter families: a series per label set, of every counter type, named and labelled in every
// row; bounded by an overflow series; found again without a lock; refused when misnamed.
#include <counters/counters.h>

#include <QRegularExpression>
#include <QTest>

#include <thread>
#include <vector>

using namespace counters;

namespace {

template <typename T>
std::unique_ptr<FamilyBase> makeFamily(Registry &registry)
{
    return std::make_unique<Family<T>>(
        QStringLiteral("requests"), QStringList{QStringLiteral("method"), QStringLiteral("status")},
        registry);
}

using FamilyFactory = std::function<std::unique_ptr<FamilyBase>(Registry &)>;

} // namespace

Q_DECLARE_METATYPE(FamilyFactory)

class FamilyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTypeShouldMakeASeriesPerLabelSet_data()
    {
        QTest::addColumn<FamilyFactory>("factory");
        QTest::addColumn<int>("type");
        QTest::newRow("Event") << FamilyFactory(&makeFamily<EventCounter>)
                               << int(CounterType::Event);
        QTest::newRow("Total") << FamilyFactory(&makeFamily<TotalCounter>)
                               << int(CounterType::Total);
        QTest::newRow("AverageWindow")
            << FamilyFactory(&makeFamily<AverageWindowCounter>) << int(CounterType::AverageWindow);
        QTest::newRow("AverageTime")
            << FamilyFactory(&makeFamily<AverageTimeCounter>) << int(CounterType::AverageTime);
        QTest::newRow("Frequency")
            << FamilyFactory(&makeFamily<FrequencyCounter>) << int(CounterType::Frequency);
        QTest::newRow("Window") << FamilyFactory(&makeFamily<WindowCounter>)
                                << int(CounterType::Window);
        QTest::newRow("MaxWindow")
            << FamilyFactory(&makeFamily<MaxWindowCounter>) << int(CounterType::MaxWindow);
        QTest::newRow("MinWindow")
            << FamilyFactory(&makeFamily<MinWindowCounter>) << int(CounterType::MinWindow);
        QTest::newRow("PercentileWindow") << FamilyFactory(&makeFamily<PercentileWindowCounter>)
                                          << int(CounterType::PercentileWindow);
    }

    void everyTypeShouldMakeASeriesPerLabelSet()
    {
        QFETCH(FamilyFactory, factory);
        QFETCH(int, type);
        ManualClock clock;
        Registry registry(&clock);
        const auto family = factory(registry);
        QVERIFY(family->isValid());

        const Event get = family->with({u"GET", u"200"});
        const Event post = family->with({u"POST", u"500"});
        QVERIFY(get.slot() != post.slot());
        QCOMPARE(family->with({u"GET", u"200"}).slot(), get.slot()); // found again
        QCOMPARE(family->with(QStringList{QStringLiteral("GET"), QStringLiteral("200")}).slot(),
                 get.slot());
        QCOMPARE(family
                     ->with(Labels{{QStringLiteral("status"), QStringLiteral("200")},
                                   {QStringLiteral("method"), QStringLiteral("GET")}})
                     .slot(),
                 get.slot());
        QCOMPARE(family->seriesCount(), 2);

        for (const Event &e : {get, get, post}) {
            e.start();
            clock.advance(Seconds(0.5));
            e.value(2);
            e.end();
        }
        clock.advance(Seconds(1));
        const Snapshot snapshot = registry.collect();
        QCOMPARE(snapshot.rows().size(), 2);
        const CounterRow *row = snapshot.row(u"requests{method=\"GET\",status=\"200\"}");
        QVERIFY(row);
        QCOMPARE(int(row->type), type);
        QCOMPARE(row->family, QStringLiteral("requests"));
        QCOMPARE(row->labels,
                 (Labels{{QStringLiteral("method"), QStringLiteral("GET")},
                         {QStringLiteral("status"), QStringLiteral("200")}}));
        QVERIFY(row->value.has_value());
        const CounterRow *other = snapshot.row(u"requests{method=\"POST\",status=\"500\"}");
        QVERIFY(other);
        QCOMPARE(other->labels.value(QStringLiteral("status")), QStringLiteral("500"));
        // The two series counted apart: GET saw two of each event, POST one.
        if (type == int(CounterType::Event))
            QCOMPARE(*row->value, 2 * 2.0 + 2);
    }

    void seriesBeyondTheLimitShouldShareTheOverflowSeries()
    {
        Registry registry;
        Family<EventCounter> family(QStringLiteral("hits"), {QStringLiteral("path")}, registry);
        family.setMaxSeries(3);
        for (const char16_t *path : {u"/a", u"/b", u"/c"})
            family.with({path}).end();
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("counter family hits has 3 series, "
                                              "its limit.*\\{/d\\}.*__overflow__")));
        const Event d = family.with({u"/d"});
        const Event e = family.with({u"/e"});
        QCOMPARE(d.slot(), e.slot());
        QCOMPARE(family.with({u"/d"}).slot(), d.slot()); // remembered: counted once
        d.end();
        e.end();
        QCOMPARE(family.seriesCount(), 3);
        QCOMPARE(family.overflowedLabelSets(), quint64(2));
        const Snapshot snapshot = registry.collect();
        QCOMPARE(snapshot.rows().size(), 4);
        const CounterRow *overflow = snapshot.row(u"hits{path=\"__overflow__\"}");
        QVERIFY(overflow);
        QCOMPARE(overflow->labels.value(QStringLiteral("path")), FamilyBase::overflowValue());
        QCOMPARE(overflow->value, std::optional<double>(2));
        QCOMPARE(overflow->overflowed, quint64(2)); // reports show it
        QCOMPARE(snapshot.row(u"hits{path=\"/a\"}")->overflowed, quint64(0));
    }

    void misnamedFamiliesShouldBeRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QString>("error");
        QTest::newRow("no name") << QString() << QStringList{QStringLiteral("a")}
                                 << QStringLiteral("needs a name");
        QTest::newRow("bad label") << QStringLiteral("f") << QStringList{QStringLiteral("a-b")}
                                   << QStringLiteral("[a-zA-Z_][a-zA-Z0-9_]*");
        QTest::newRow("reserved label")
            << QStringLiteral("f") << QStringList{QStringLiteral("__x")} << QStringLiteral("__");
        QTest::newRow("twice") << QStringLiteral("f")
                               << QStringList{QStringLiteral("a"), QStringLiteral("a")}
                               << QStringLiteral("listed twice");
        QTest::newRow("braces in the name")
            << QStringLiteral("f{a=\"x\"}") << QStringList{QStringLiteral("b")}
            << QStringLiteral("cannot hold { or }");
    }

    void misnamedFamiliesShouldBeRefused()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, labels);
        QFETCH(QString, error);
        Registry registry;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(error)));
        Family<EventCounter> family(name, labels, registry);
        QVERIFY(!family.isValid());
        QVERIFY2(family.errorString().contains(error), qPrintable(family.errorString()));
        const Event handle = family.with({u"x"});
        handle.end(); // records nothing, harms nothing
        QVERIFY(!handle.hasListeners());
        QVERIFY(registry.counters().isEmpty());
    }

    void threadsShouldShareOneSeriesPerLabelSet()
    {
        Registry registry;
        Family<TotalCounter> family(QStringLiteral("bytes"), {QStringLiteral("peer")}, registry);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&family] {
                for (int i = 0; i < 2000; ++i) {
                    const QString peer = QString::number(i % 50);
                    family.with({QStringView(peer)}).value(1);
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(family.seriesCount(), 50);
        const Snapshot snapshot = registry.collect();
        QCOMPARE(snapshot.rows().size(), 50);
        for (const CounterRow &row : snapshot.rows())
            QCOMPARE(row.value, std::optional<double>(4 * 2000 / 50));
    }

    void destroyingTheFamilyShouldUnregisterItsSeries()
    {
        Registry registry;
        {
            Family<EventCounter> family(QStringLiteral("gone"), {QStringLiteral("k")}, registry);
            family.with({u"a"}).end();
            QCOMPARE(registry.counters().size(), 1);
        }
        QVERIFY(registry.counters().isEmpty());
    }

    void aFactoryShouldChooseTheWindow()
    {
        Registry registry;
        Family<AverageWindowCounter> family(
            QStringLiteral("size"), {QStringLiteral("kind")},
            [](const QString &series) {
                return std::make_shared<AverageWindowCounter>(series, Seconds(60));
            },
            registry);
        family.with({u"text"}).value(3);
        QCOMPARE(registry.collect().rows().first().window, 60.0);
    }

    // Label sets known only at run time reach a family by its name, in its registry.
    void labelledEventShouldFindTheFamilyByName()
    {
        Registry registry;
        Registry other;
        const Labels get{{QStringLiteral("method"), QStringLiteral("GET")}};
        QCOMPARE(labelledEvent("by.name", get, registry).slot()->name,
                 QStringLiteral("by.name{method=\"GET\"}"));
        QCOMPARE(registry.counters().size(), 0); // no family: nobody hears it, nothing made
        {
            Family<AverageWindowCounter> family(QStringLiteral("by.name"),
                                                {QStringLiteral("method")}, registry);
            labelledEvent("by.name", get, registry).value(2);
            labelledEvent(QStringLiteral("by.name"), get, registry).value(4);
            QCOMPARE(family.seriesCount(), 1);
            QCOMPARE(registry.collect().value(u"by.name{method=\"GET\"}"),
                     std::optional<double>(3));
            // Another registry has no such family: nothing is made there (the event still
            // has the series' name, and events are heard by name in every registry).
            QCOMPARE(labelledEvent("by.name", get, other).slot(), family.with({u"GET"}).slot());
            QCOMPARE(other.counters().size(), 0);
            // A label the family does not have is ignored, with one warning.
            QTest::ignoreMessage(QtWarningMsg,
                                 "counter family by.name has no label \"route\"; ignored");
            const Labels extra{{QStringLiteral("method"), QStringLiteral("GET")},
                               {QStringLiteral("route"), QStringLiteral("/")}};
            labelledEvent("by.name", extra, registry).value(6);
            labelledEvent("by.name", extra, registry).value(6);
            QCOMPARE(registry.collect().value(u"by.name{method=\"GET\"}").value_or(-1), 4.5);
        }
        QCOMPARE(registry.counters().size(), 0);
        labelledEvent("by.name", get, registry).value(1); // the family is gone
        QCOMPARE(registry.counters().size(), 0);
    }

    void aSecondFamilyOfANameShouldBeRefused()
    {
        Registry registry;
        Registry other;
        Family<EventCounter> first(QStringLiteral("twice"), {QStringLiteral("a")}, registry);
        QTest::ignoreMessage(QtWarningMsg,
                             "counter family twice: the registry has a counter "
                             "family of that name already");
        Family<TotalCounter> second(QStringLiteral("twice"), {QStringLiteral("b")}, registry);
        QVERIFY(first.isValid());
        QVERIFY(!second.isValid());
        QVERIFY(second.errorString().contains(QStringLiteral("already")));
        Family<TotalCounter> elsewhere(QStringLiteral("twice"), {QStringLiteral("b")}, other);
        QVERIFY(elsewhere.isValid());
        second.with({u"x"}).value(1);
        QCOMPARE(registry.counters().size(), 0);
        // The refused one leaves the first in place when it goes.
        {
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("already")));
            Family<TotalCounter> third(QStringLiteral("twice"), {QStringLiteral("b")}, registry);
        }
        labelledEvent("twice", {{QStringLiteral("a"), QStringLiteral("y")}}, registry).end();
        QCOMPARE(registry.collect().value(u"twice{a=\"y\"}"), std::optional<double>(1));
    }
};

QTEST_GUILESS_MAIN(FamilyTest)
#include "tst_family.moc"
