// SPDX-License-Identifier: MIT
#include "httppeer.h"
#include "snapshots.h"
#include "sources/httpsource.h"

#include <counters/format/jsoncodec.h>

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using dashboard::HttpSource;
using dashboard::Source;
using namespace testdata;

namespace {

QUrl endpoint(quint16 port, const QString &path = QString())
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

} // namespace

class HttpSourceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldPollTheReport()
    {
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.body = counters::JsonCodec::toJson(tutorial(1000));
        HttpSource source(endpoint(peer.port()));
        QCOMPARE(source.reportUrl().path(), QStringLiteral("/report.json"));
        source.setPollInterval(30);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE(snapshots.size(), 1);
        QCOMPARE(source.state(), Source::State::Live);
        QCOMPARE(snapshots.at(0).at(0).value<counters::Snapshot>(), tutorial(1000));
        QCOMPARE(peer.requests().constFirst(), QStringLiteral("GET /report.json HTTP/1.1"));

        // The same report again is not a new reading; a new one is.
        QTRY_VERIFY(peer.requests().size() >= 3);
        QCOMPARE(snapshots.size(), 1);
        peer.body = counters::JsonCodec::toJson(tutorial(1001, 1));
        QTRY_COMPARE(snapshots.size(), 2);
    }

    void shouldReadAPyCountersReportAndDateIt()
    {
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.body = QByteArrayLiteral("{\"requests_time\": 0.25, \"requests_frequency\": NaN}");
        HttpSource source(endpoint(peer.port(), QStringLiteral("/stats.json")));
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        const double before = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        source.start();
        QTRY_COMPARE(snapshots.size(), 1);
        QCOMPARE(peer.requests().constFirst(), QStringLiteral("GET /stats.json HTTP/1.1"));
        const auto snapshot = snapshots.at(0).at(0).value<counters::Snapshot>();
        QCOMPARE(snapshot.value(QStringLiteral("requests_time")), std::optional(0.25));
        QVERIFY(!snapshot.value(QStringLiteral("requests_frequency")));
        QVERIFY(snapshot.time() >= before - 1);
    }

    void shouldShowAnHttpError()
    {
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.status = 404;
        peer.reason = "Not Found";
        HttpSource source(endpoint(peer.port()));
        source.setRetryDelays(20, 40);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("HTTP 404")),
                 qPrintable(source.errorString()));
        // Recovers once the endpoint answers.
        peer.status = 200;
        peer.reason = "OK";
        peer.body = counters::JsonCodec::toJson(tutorial(1000));
        QTRY_COMPARE(source.state(), Source::State::Live);
    }

    void shouldShowABodyThatIsNotAReport()
    {
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.body = QByteArrayLiteral("<html>hello</html>");
        HttpSource source(endpoint(peer.port()));
        source.setRetryDelays(5000, 5000);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("is not a report")),
                 qPrintable(source.errorString()));
        QCOMPARE(snapshots.size(), 0);
    }

    void shouldCutAnAnswerTooLargeToHold()
    {
        // 1 GiB announced: refused on the headers, without waiting for (or holding) the body.
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.body = QByteArray(4096, ' ');
        peer.contentLength = qint64(1) << 30;
        HttpSource source(endpoint(peer.port()));
        source.setRetryDelays(5000, 5000);
        source.setRequestTimeout(60000);
        QSignalSpy snapshots(&source, &Source::snapshotReceived);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("sent more than 64 MiB")),
                 qPrintable(source.errorString()));
        QCOMPARE(snapshots.size(), 0);
    }

    // A server that trickles a byte now and then never trips the transfer timeout: the answer
    // has a total deadline (six request timeouts), instead of "Requesting…" for ever.
    void shouldGiveUpOnAnAnswerThatNeverEnds()
    {
        HttpPeer peer;
        QVERIFY(peer.listen());
        peer.body = QByteArray(100000, ' ');
        peer.trickleMs = 20;
        HttpSource source(endpoint(peer.port()));
        source.setRetryDelays(5000, 5000);
        source.setRequestTimeout(200);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.state(), Source::State::Error, 5000);
        QVERIFY2(
            source.errorString().contains(QLatin1String("did not finish its answer within 1.2 s")),
            qPrintable(source.errorString()));
    }

    void shouldShowARefusedConnection()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            port = closed.serverPort();
        }
        HttpSource source(endpoint(port));
        source.setRetryDelays(5000, 5000);
        source.start();
        QTRY_COMPARE(source.state(), Source::State::Error);
        QVERIFY2(source.errorString().contains(QLatin1String("Cannot fetch")),
                 qPrintable(source.errorString()));
        source.stop();
        QCOMPARE(source.state(), Source::State::Offline);
    }

    void shouldTakeTheIntervalFromTheUrl()
    {
        HttpSource source(QUrl(QStringLiteral("http://localhost:1/?interval=2.5")));
        QCOMPARE(source.pollInterval(), 2500);
        QCOMPARE(source.reportUrl().toString(), QStringLiteral("http://localhost:1/report.json"));
    }
};

QTEST_GUILESS_MAIN(HttpSourceTest)
#include "tst_httpsource.moc"
