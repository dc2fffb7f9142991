// SPDX-License-Identifier: MIT
#include <counters/event/event.h>
#include <counters/event/eventlogger.h>

#include <QLoggingCategory>
#include <QTest>

#include <mutex>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcTestEvents, "test.events", QtDebugMsg)

// Every message of the "test.events" and "counters.events" categories, as "<category>: <text>".
QStringList g_messages;
std::mutex g_mutex;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QLatin1StringView category(context.category ? context.category : "");
    if (category == "test.events"_L1 || category == "counters.events"_L1) {
        std::lock_guard lock(g_mutex);
        g_messages.append(category + u": "_s + message);
        return;
    }
    g_previous(type, context, message);
}

QStringList takeMessages()
{
    std::lock_guard lock(g_mutex);
    return std::exchange(g_messages, {});
}

} // namespace

class EventLoggerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { g_previous = qInstallMessageHandler(capture); }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }
    void init() { takeMessages(); }

    void everyEventShouldBeLoggedWithNameKindAndValue();
    void filtersShouldMatchAtTheStart_data();
    void filtersShouldMatchAtTheStart();
    void anInvalidFilterShouldBeRefusedWithTheReason();
    void theDefaultCategoryShouldBeSilentUntilEnabled();
    void nothingShouldBeLoggedAfterTheLoggerIsGone();
};

void EventLoggerTest::everyEventShouldBeLoggedWithNameKindAndValue()
{
    EventLogger logger({}, {}, lcTestEvents(), QtInfoMsg);
    QVERIFY(logger.isValid());
    reportValue("logged", 0.1);
    reportStart("logged.block");
    reportEnd("logged.block");
    QCOMPARE(takeMessages(),
             QStringList({u"test.events: Event: name=logged kind=value value=0.1"_s,
                          u"test.events: Event: name=logged.block kind=start value=none"_s,
                          u"test.events: Event: name=logged.block kind=end value=none"_s}));
}

void EventLoggerTest::filtersShouldMatchAtTheStart_data()
{
    QTest::addColumn<QString>("nameFilter");
    QTest::addColumn<QString>("kindFilter");
    QTest::addColumn<QStringList>("logged"); // of db.query (a block and a value), cache.db

    QTest::newRow("no filters") << QString() << QString()
                                << QStringList({u"db.query start"_s, u"db.query end"_s,
                                                u"db.query value"_s, u"cache.db value"_s});
    QTest::newRow("name: at the start only")
        << u"db"_s << QString()
        << QStringList({u"db.query start"_s, u"db.query end"_s, u"db.query value"_s});
    QTest::newRow("name: anywhere, by asking")
        << u".*\\.db"_s << QString() << QStringList({u"cache.db value"_s});
    QTest::newRow("kind: values") << QString() << u"value"_s
                                  << QStringList({u"db.query value"_s, u"cache.db value"_s});
    QTest::newRow("kind: blocks") << u"db"_s << u"start|end"_s
                                  << QStringList({u"db.query start"_s, u"db.query end"_s});
    QTest::newRow("kind: nothing") << QString() << u"stop"_s << QStringList();
}

void EventLoggerTest::filtersShouldMatchAtTheStart()
{
    QFETCH(QString, nameFilter);
    QFETCH(QString, kindFilter);
    QFETCH(QStringList, logged);
    EventLogger logger{QRegularExpression(nameFilter), QRegularExpression(kindFilter),
                       lcTestEvents()};
    reportStart("db.query");
    reportEnd("db.query");
    reportValue("db.query", 3);
    reportValue("cache.db", 4);
    QStringList seen;
    for (const QString &message : takeMessages()) {
        const QStringList words = message.split(u' ');
        seen.append(words.at(2).mid(5) + u' ' + words.at(3).mid(5)); // name=…, kind=…
    }
    QCOMPARE(seen, logged);
}

void EventLoggerTest::anInvalidFilterShouldBeRefusedWithTheReason()
{
    EventLogger logger(QRegularExpression(u"db("_s), {}, lcTestEvents());
    QVERIFY(!logger.isValid());
    QVERIFY(!logger.isListening());
    QVERIFY2(logger.errorString().contains(u"\"db(\""_s), qPrintable(logger.errorString()));
    reportValue("db.query", 1);
    QCOMPARE(takeMessages(), QStringList());
}

void EventLoggerTest::theDefaultCategoryShouldBeSilentUntilEnabled()
{
    EventLogger logger;
    QCOMPARE(EventLogger::defaultCategory().categoryName(), "counters.events");
    reportValue("quiet", 1);
    QCOMPARE(takeMessages(), QStringList());
    QLoggingCategory::setFilterRules(u"counters.events.debug=true"_s);
    reportValue("loud", 1);
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(takeMessages(),
             QStringList({u"counters.events: Event: name=loud kind=value value=1"_s}));
}

void EventLoggerTest::nothingShouldBeLoggedAfterTheLoggerIsGone()
{
    {
        EventLogger logger({}, {}, lcTestEvents());
        reportValue("before", 1);
    }
    reportValue("after", 1);
    QCOMPARE(takeMessages().size(), 1);
}

QTEST_GUILESS_MAIN(EventLoggerTest)
#include "tst_eventlogger.moc"
