// SPDX-License-Identifier: MIT
// README's "Testing your instrumentation", as a user would write it: the code under test raises
// events through the shortcuts, and the test drives the global registry with a ManualClock.
#include <counters/counters.h>

#include <QTest>

#include <chrono>

using namespace std::chrono_literals;

// The code under test, instrumented as in the tutorial.
struct PaymentGateway
{
    virtual ~PaymentGateway() = default;
    virtual bool charge(int cents) = 0;
};

bool checkout(PaymentGateway &gateway, int cents)
{
    counters::value("basket_cents", cents);
    return counters::time("checkout_time", [&] { return gateway.charge(cents); });
}

// The test.
class SlowGateway : public PaymentGateway
{
public:
    explicit SlowGateway(counters::ManualClock &clock) : m_clock(clock) { }
    bool charge(int) override
    {
        m_clock.advance(250ms); // the time a real gateway would take
        return true;
    }

private:
    counters::ManualClock &m_clock;
};

class CheckoutMetricsTest : public QObject
{
    Q_OBJECT
    counters::ManualClock clock; // 1000 s; wall time 1.7e9 s + that

private Q_SLOTS:
    void init() { QVERIFY(counters::Registry::global().setClock(&clock)); }
    void cleanup()
    {
        counters::Registry::global().unregisterAll();
        QVERIFY(counters::Registry::global().setClock(counters::Clock::system()));
    }

    void checkoutShouldBeTimedAndItsBasketAveraged()
    {
        SlowGateway gateway(clock);
        QVERIFY(checkout(gateway, 1200));
        QVERIFY(checkout(gateway, 800));

        const counters::Snapshot report = counters::Registry::global().collect();
        QCOMPARE(report.value(u"checkout_time"), 0.25);
        QCOMPARE(report.value(u"basket_cents"), 1000.0);
        QCOMPARE(report.row(u"checkout_time")->count, 2u);
        QVERIFY(counters::mismatchedShortcuts().isEmpty());

        clock.advance(6min); // past the 5-minute window
        QCOMPARE(counters::Registry::global().collect().value(u"checkout_time"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(CheckoutMetricsTest)
#include "checkout_test.moc"
