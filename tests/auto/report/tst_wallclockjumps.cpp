// SPDX-License-Identifier: MIT
// Wall-clock jumps (an NTP step, a hand-set date): windows and durations run on the steady
// clock and must not notice; reports carry the wall time, whatever it says now.

#include <counters/base/clock.h>
#include <counters/counter/averagetimecounter.h>
#include <counters/counter/frequencycounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/windowcounter.h>
#include <counters/event/event.h>
#include <counters/format/jsoncodec.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace counters;

namespace {

/// A manual clock whose wall time can jump on its own, as the system's does: steady time moves
/// only with advance(), the wall time is steady time plus an offset that jumpWall() changes.
class JumpingClock final : public Clock
{
public:
    JumpingClock() : Clock(&m_now) { }

    void advance(Seconds delta) noexcept { m_now.fetch_add(toNanoseconds(delta)); }
    void jumpWall(Seconds delta) noexcept
    {
        m_wallOffset.store(m_wallOffset.load() + delta.count());
    }

    qint64 preciseNanoseconds() const noexcept override { return m_now.load(); }
    double wallSeconds() const noexcept override
    {
        return m_wallOffset.load() + double(m_now.load()) / 1e9;
    }

private:
    std::atomic<qint64> m_now{toNanoseconds(Seconds(1000))};
    std::atomic<double> m_wallOffset{1.7e9};
};

/// The three kinds of window a jump could disturb, on `clock`, in `registry`.
void registerCounters(Registry &registry, const Clock *clock)
{
    const QStringList values{QStringLiteral("wall_jump_value")};
    const QStringList blocks{QStringLiteral("wall_jump_block")};
    const std::shared_ptr<Counter> counters[] = {
        std::make_shared<FrequencyCounter>(QStringLiteral("jump_frequency"), Seconds(10), values),
        std::make_shared<WindowCounter>(QStringLiteral("jump_window"), Seconds(10), values),
        std::make_shared<AverageTimeCounter>(QStringLiteral("jump_time"), Seconds(10), blocks),
    };
    for (const std::shared_ptr<Counter> &counter : counters) {
        counter->setClock(clock);
        QVERIFY(registry.registerCounter(counter));
    }
}

} // namespace

class WallClockJumpsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowsShouldIgnoreJumpsOfTheWallClock_data()
    {
        QTest::addColumn<double>("jump");
        QTest::newRow("back one hour") << -3600.0;
        QTest::newRow("forward one day") << 86400.0;
        QTest::newRow("back to 1970") << -1.7e9;
    }

    void windowsShouldIgnoreJumpsOfTheWallClock()
    {
        QFETCH(double, jump);
        // Given two registries fed the same events at the same steady times, one of whose
        // wall clocks jumps in the middle,
        JumpingClock jumping;
        JumpingClock steady;
        Registry withJumps(&jumping);
        Registry reference(&steady);
        registerCounters(withJumps, &jumping);
        registerCounters(reference, &steady);
        const Event value("wall_jump_value");
        const Event block("wall_jump_block");
        const auto advance = [&](double seconds) {
            jumping.advance(Seconds(seconds));
            steady.advance(Seconds(seconds));
        };

        // when events arrive before and after the jump, and a timed block spans it,
        for (int i = 0; i < 12; ++i) {
            value.value(1);
            advance(1);
        }
        block.start();
        advance(0.25);
        jumping.jumpWall(Seconds(jump));
        block.end();
        for (int i = 0; i < 5; ++i) {
            value.value(1);
            advance(1);
        }

        // then every window holds exactly what the steady clock says it should,
        const Snapshot jumped = withJumps.collect();
        const Snapshot expected = reference.collect();
        QCOMPARE(jumped.rows(), expected.rows());
        const CounterRow *time = jumped.row(QStringLiteral("jump_time"));
        QVERIFY(time && time->value);
        QCOMPARE(*time->value, 0.25); // the block's duration, not 0.25 s plus the jump
        const CounterRow *window = jumped.row(QStringLiteral("jump_window"));
        QVERIFY(window && window->value);
        QVERIFY2(*window->value >= 9 && *window->value <= 11, // 10 s of one per second
                 qPrintable(QString::number(*window->value)));

        // and the report is stamped with the wall time of now, jump included.
        QCOMPARE(jumped.time(), jumping.wallSeconds());
        QCOMPARE(jumped.time(), expected.time() + jump);
        const QJsonObject report = QJsonDocument::fromJson(JsonCodec::toJson(jumped)).object();
        QCOMPARE(report.value(QStringLiteral("__collection_time__")).toDouble(), jumped.time());
    }

    void reportsShouldFollowTheWallClockBackwards()
    {
        // Given a report taken, when the wall clock is set back an hour and the next report is
        // taken a second (steady) later,
        JumpingClock clock;
        Registry registry(&clock);
        registerCounters(registry, &clock);
        const Snapshot before = registry.collect();
        clock.jumpWall(Seconds(-3600));
        clock.advance(Seconds(1));
        const Snapshot after = registry.collect();

        // then it carries the new wall time (what log readers and munin compare against),
        // a valid, finite epoch time, and round-trips through the JSON report.
        QCOMPARE(after.time(), before.time() - 3599);
        QVERIFY(std::isfinite(after.time()) && after.time() > 0);
        const std::optional<Snapshot> decoded = JsonCodec::fromJson(JsonCodec::toJson(after));
        QVERIFY(decoded);
        QCOMPARE(decoded->time(), after.time());
    }
};

QTEST_GUILESS_MAIN(WallClockJumpsTest)

#include "tst_wallclockjumps.moc"
