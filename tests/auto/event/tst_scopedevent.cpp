// SPDX-License-Identifier: MIT
#include "recordingcounter.h"

#include <counters/counter/registry.h>
#include <counters/event/scopedevent.h>

#include <QTest>

#include <memory>
#include <stdexcept>
#include <type_traits>

using namespace counters;

namespace {
QStringList entries(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *entry : list)
        result.append(QString::fromUtf8(entry));
    return result;
}
} // namespace

class ScopedEventTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void shouldStartOnConstructionAndEndOnDestruction();
    void nestedScopesShouldEndInReverseOrder();
    void shouldEndWhenAnExceptionLeavesTheScope();
    void reportStartEndShouldWrapTheCall();
    void reportStartEndShouldPassTheReturnValueThrough();
    void reportStartEndShouldSupportVoid();
    void reportStartEndShouldPassMoveOnlyTypesThrough();
    void reportStartEndShouldPassReferencesThrough();
    void reportStartEndShouldEndAndRethrowOnException();
    void reportStartEndShouldEmitStartAndEndPerName();

private:
    EventLog m_log;
    std::unique_ptr<Registry> m_registry;
};

void ScopedEventTest::init()
{
    m_log.clear();
    m_registry = std::make_unique<Registry>();
    for (const char *name : {"scope.a", "scope.b", "f", "h"})
        QVERIFY(m_registry->registerCounter(
            std::make_shared<RecordingCounter>(QString::fromUtf8(name), &m_log)));
}

void ScopedEventTest::cleanup()
{
    m_registry.reset();
}

void ScopedEventTest::shouldStartOnConstructionAndEndOnDestruction()
{
    const Event a{"scope.a"};
    {
        ScopedEvent scope{a};
        QCOMPARE(m_log.entries(), entries({"scope.a:start"}));
    }
    QCOMPARE(m_log.entries(), entries({"scope.a:start", "scope.a:end"}));
}

void ScopedEventTest::nestedScopesShouldEndInReverseOrder()
{
    {
        ScopedEvent outer{Event{"scope.a"}};
        ScopedEvent inner{Event{"scope.b"}};
    }
    QCOMPARE(m_log.entries(),
             entries({"scope.a:start", "scope.b:start", "scope.b:end", "scope.a:end"}));
}

void ScopedEventTest::shouldEndWhenAnExceptionLeavesTheScope()
{
    bool caught = false;
    try {
        ScopedEvent scope{Event{"scope.a"}};
        throw std::runtime_error("boom");
    } catch (const std::runtime_error &) {
        caught = true;
        // The scope is gone by the time the handler runs.
        QCOMPARE(m_log.entries(), entries({"scope.a:start", "scope.a:end"}));
    }
    QVERIFY(caught);
}

void ScopedEventTest::reportStartEndShouldWrapTheCall()
{
    QStringList seenInside;
    reportStartEnd(Event{"scope.a"}, [&] { seenInside = m_log.entries(); });
    QCOMPARE(seenInside, entries({"scope.a:start"}));
    QCOMPARE(m_log.entries(), entries({"scope.a:start", "scope.a:end"}));
}

void ScopedEventTest::reportStartEndShouldPassTheReturnValueThrough()
{
    const int byHandle = reportStartEnd(Event{"scope.a"}, [] { return 42; });
    QCOMPARE(byHandle, 42);
    const QString byName = reportStartEnd("scope.b", [] { return QStringLiteral("reply"); });
    QCOMPARE(byName, QStringLiteral("reply"));
    QCOMPARE(m_log.entries(),
             entries({"scope.a:start", "scope.a:end", "scope.b:start", "scope.b:end"}));
}

void ScopedEventTest::reportStartEndShouldSupportVoid()
{
    int calls = 0;
    auto call = [&] { ++calls; };
    static_assert(std::is_void_v<decltype(reportStartEnd("scope.a", call))>);
    reportStartEnd("scope.a", call);
    QCOMPARE(calls, 1);
    QCOMPARE(m_log.entries(), entries({"scope.a:start", "scope.a:end"}));
}

void ScopedEventTest::reportStartEndShouldPassMoveOnlyTypesThrough()
{
    std::unique_ptr<int> result =
        reportStartEnd("scope.a", [] { return std::make_unique<int>(7); });
    QVERIFY(result);
    QCOMPARE(*result, 7);

    // A move-only callable works too.
    auto owned = std::make_unique<int>(9);
    const int fromMoveOnlyCallable =
        reportStartEnd("scope.b", [p = std::move(owned)]() mutable { return *p; });
    QCOMPARE(fromMoveOnlyCallable, 9);
    QCOMPARE(m_log.entries(),
             entries({"scope.a:start", "scope.a:end", "scope.b:start", "scope.b:end"}));
}

void ScopedEventTest::reportStartEndShouldPassReferencesThrough()
{
    int target = 1;
    int &ref = reportStartEnd("scope.a", [&]() -> int & { return target; });
    QCOMPARE(&ref, &target);
    ref = 5;
    QCOMPARE(target, 5);
}

void ScopedEventTest::reportStartEndShouldEndAndRethrowOnException()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, reportStartEnd("scope.a", []() -> int {
                                 throw std::runtime_error("boom");
                             }));
    QCOMPARE(m_log.entries(), entries({"scope.a:start", "scope.a:end"}));

    // The exception object arrives unchanged.
    try {
        reportStartEnd(Event{"scope.b"}, [] { throw std::invalid_argument("the original"); });
        QFAIL("no exception");
    } catch (const std::invalid_argument &e) {
        QCOMPARE(QByteArray(e.what()), QByteArray("the original"));
    }
    QCOMPARE(m_log.entries(),
             entries({"scope.a:start", "scope.a:end", "scope.b:start", "scope.b:end"}));
}

void ScopedEventTest::reportStartEndShouldEmitStartAndEndPerName()
{
    // Port of PyCounters test_report_start_end: a wrapper on f and one on h; the captured events
    // are exactly f start, f end, h start, h end. Adapted: C++ has no function __name__, so the
    // name is always given, and there is no unnamed context manager whose use raises; the
    // recording counters stand in for PyCounters 0.6's EventCatcher.
    auto f = [] { return 1; };
    auto h = [] { return 2; };
    QCOMPARE(reportStartEnd("f", f), 1);
    QCOMPARE(reportStartEnd("h", h), 2);

    QCOMPARE(m_log.entries(), entries({"f:start", "f:end", "h:start", "h:end"}));
}

QTEST_GUILESS_MAIN(ScopedEventTest)
#include "tst_scopedevent.moc"
