// SPDX-License-Identifier: MIT
// The dashboard's Prometheus source against a real Prometheus that scrapes two Counters
// exporters (two instances of one service) and one target without counters.

#include "integrationprocesses.h"
#include "rows.h"
#include "sources/prometheussource.h"
#include "sources/sourcefactory.h"

#include <counters/transport/httpexporter.h>

#include <QSignalSpy>
#include <QTest>

using namespace dashboard;
using namespace counters;
using namespace exposition;

namespace {

Snapshot report(double requests, double time)
{
    const auto make = [](const char *name, CounterType type, double value, double window) {
        return testsupport::row(QString::fromLatin1(name), type, value, window, 2);
    };
    return Snapshot(Clock::system()->wallSeconds(), SnapshotSource{},
                    {make("calls", CounterType::Event, requests, 0),
                     make("requests_time", CounterType::AverageTime, time, 300),
                     make("requests_frequency", CounterType::Frequency, 0.5, 60)});
}

const CounterRow *rowNamed(const Snapshot &snapshot, const QString &metric, quint16 port)
{
    return snapshot.row(
        QStringLiteral("%1{instance=\"127.0.0.1:%2\",service=\"shop\"}").arg(metric).arg(port));
}

} // namespace

class PrometheusSourceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadItsUrl()
    {
        PrometheusSource source(QUrl(QStringLiteral(
            "prometheus://metrics.example:9091/prom/?job=shop&range=60&interval=2")));
        QCOMPARE(source.kind(), Source::Kind::Prometheus);
        QCOMPARE(source.apiUrl(), QUrl(QStringLiteral("http://metrics.example:9091/prom")));
        QCOMPARE(source.job(), QStringLiteral("shop"));
        QCOMPARE(source.backfillRange(), 60.0);
        QCOMPARE(source.pollInterval(), 2000);
        QVERIFY(source.query().contains(QStringLiteral("job=\"shop\"")));
        QCOMPARE(source.displayName(), QStringLiteral("Prometheus metrics.example:9091"));

        PrometheusSource defaults(QUrl(QStringLiteral("prometheus://localhost")));
        QCOMPARE(defaults.apiUrl(), QUrl(QStringLiteral("http://localhost:9090")));
        QCOMPARE(defaults.backfillRange(), 900.0);
        QCOMPARE(defaults.pollInterval(), 5000);

        QString error;
        std::unique_ptr<Source> created(
            SourceFactory::create(QStringLiteral("prometheus://127.0.0.1:9090"), nullptr, &error));
        QVERIFY2(created, qPrintable(error));
        QCOMPARE(created->kind(), Source::Kind::Prometheus);
        QVERIFY(!SourceFactory::create(QStringLiteral("prometheus://"), nullptr, &error));
    }

    void shouldRetryWhilePrometheusIsUnreachable()
    {
        PrometheusSource source(QUrl(QStringLiteral("prometheus://127.0.0.1:%1").arg(freePort())));
        source.setRetryDelays(50, 100);
        QSignalSpy states(&source, &Source::stateChanged);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.message().contains(QStringLiteral("127.0.0.1")),
                 qPrintable(source.message()));
        QVERIFY(source.willRetry());
        QTRY_VERIFY(states.size() >= 2);
        source.stop();
        QCOMPARE(source.state(), Source::State::Offline);
    }

    // Backfill from query_range, then live instant queries: one row per series and instance,
    // typed from the exporter's HELP texts; nothing from targets that are not Counters.
    void shouldChartTheCountersOfEveryInstance()
    {
        HttpExporter first;
        HttpExporter second;
        HttpExporter silent; // a target without counters: only Prometheus' "up" for it
        for (HttpExporter *exporter : {&first, &second, &silent}) {
            QVERIFY2(exporter->listen(), qPrintable(exporter->listenErrorString()));
            QVERIFY(
                exporter->setConstantLabels({{QStringLiteral("service"), QStringLiteral("shop")}}));
        }
        QVERIFY(first.report(report(3, 0.25)));
        QVERIFY(second.report(report(7, 0.5)));

        PrometheusProcess prometheus;
        QString error;
        QVERIFY2(prometheus.start({QStringLiteral("127.0.0.1:%1").arg(first.serverPort()),
                                   QStringLiteral("127.0.0.1:%1").arg(second.serverPort()),
                                   QStringLiteral("127.0.0.1:%1").arg(silent.serverPort())},
                                  &error, QStringLiteral("shop")),
                 qPrintable(error));
        // Two scrapes of both, so that the backfill has some history.
        QUrlQuery count;
        count.addQueryItem(QStringLiteral("query"),
                           QStringLiteral("count_over_time(calls_total[1m])"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray result =
                    prometheus.api(QStringLiteral("/api/v1/query"), count, &error)
                        .toObject()
                        .value(QLatin1String("result"))
                        .toArray();
                if (result.size() != 2)
                    return false;
                for (const QJsonValue &series : result) {
                    if (series[QLatin1String("value")].toArray().at(1).toString().toInt() < 2)
                        return false;
                }
                return true;
            }(),
            20000);

        PrometheusSource source(
            QUrl(QStringLiteral("prometheus://127.0.0.1:%1?interval=0.5&range=120")
                     .arg(prometheus.port)));
        QSignalSpy history(&source, &Source::historyReceived);
        QSignalSpy live(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(history.size(), 1, 10000);
        QTRY_COMPARE(source.state(), Source::State::Live);
        const auto backfill = history.first().first().value<QList<Snapshot>>();
        QVERIFY(backfill.size() >= 2);
        for (qsizetype i = 1; i < backfill.size(); ++i)
            QVERIFY(backfill.at(i - 1).time() < backfill.at(i).time());

        const Snapshot latest = backfill.last();
        // Per instance: calls, time and frequency, and the window counts of the last two.
        QCOMPARE(latest.rows().size(), 2 * 5);
        QCOMPARE(source.seriesCount(), 10);
        for (const CounterRow &row : latest.rows()) {
            QVERIFY2(!row.name.startsWith(QLatin1String("up")), qPrintable(row.name));
            QVERIFY2(!row.name.startsWith(QLatin1String("scrape_")), qPrintable(row.name));
            QVERIFY2(!row.name.startsWith(QLatin1String("counters_report")), qPrintable(row.name));
        }
        const CounterRow *calls =
            rowNamed(latest, QStringLiteral("calls_total"), first.serverPort());
        QVERIFY(calls);
        QCOMPARE(calls->type, CounterType::Event);
        QCOMPARE(calls->value, std::optional<double>(3));
        const CounterRow *time =
            rowNamed(latest, QStringLiteral("requests_time_seconds"), second.serverPort());
        QVERIFY(time);
        // What it is comes from the exporter's info samples, which a real Prometheus kept.
        QCOMPARE(time->type, CounterType::AverageTime);
        QCOMPARE(time->unit, Unit::Second);
        QCOMPARE(time->statistic, Statistic::Mean);
        QCOMPARE(time->window, 300.0);
        QCOMPARE(time->value, std::optional<double>(0.5));
        const CounterRow *events =
            rowNamed(latest, QStringLiteral("requests_time_window_events"), first.serverPort());
        QVERIFY(events);
        QCOMPARE(events->type, CounterType::AverageTime); // the counter it belongs to
        QCOMPARE(events->statistic, Statistic::Count);
        QCOMPARE(events->unit, Unit::None);
        QCOMPARE(events->window, 300.0);
        QCOMPARE(events->value, std::optional<double>(2));
        const CounterRow *frequency =
            rowNamed(latest, QStringLiteral("requests_frequency"), first.serverPort());
        QCOMPARE(frequency->type, CounterType::Frequency);
        QCOMPARE(frequency->unit, Unit::PerSecond);
        QCOMPARE(frequency->window, 60.0);

        // Live: a new report reaches the chart after the next scrape and poll.
        QVERIFY(first.report(report(4, 0.125)));
        QTRY_VERIFY_WITH_TIMEOUT(!live.isEmpty()
                                     && rowNamed(live.last().first().value<Snapshot>(),
                                                 QStringLiteral("calls_total"), first.serverPort())
                                             ->value
                                         == std::optional<double>(4),
                                 15000);
        const Snapshot now = live.last().first().value<Snapshot>();
        QVERIFY(now.time() > latest.time());
        QCOMPARE(rowNamed(now, QStringLiteral("calls_total"), second.serverPort())->value,
                 std::optional<double>(7));

        // A job filter that matches nothing: live, with no series.
        PrometheusSource other(
            QUrl(QStringLiteral("prometheus://127.0.0.1:%1?job=other&interval=0.2")
                     .arg(prometheus.port)));
        QSignalSpy otherHistory(&other, &Source::historyReceived);
        other.start();
        QTRY_COMPARE(other.state(), Source::State::Live);
        QCOMPARE(other.seriesCount(), 0);
        QVERIFY(otherHistory.isEmpty());
        QVERIFY(other.message().contains(QStringLiteral("No Counters series")));
    }
};

QTEST_GUILESS_MAIN(PrometheusSourceTest)
#include "tst_prometheussource.moc"
