// SPDX-License-Identifier: MIT
#include <counters/counter/registry.h>
#include <counters/counter/totalcounter.h>
#include <counters/format/jsoncodec.h>
#include <counters/qt/servicereporting.h>

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace counters;
using namespace Qt::StringLiterals;

namespace {

std::optional<double> valueInReport(const QString &path, const QString &name)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const std::optional<Snapshot> snapshot = JsonCodec::fromJson(file.readAll());
    return snapshot ? snapshot->value(name) : std::nullopt;
}

} // namespace

class ServiceReportingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneCallShouldStartTheReportTheSocketAndTheExporter();
    void stoppingShouldWriteTheLastReport();
    void aPortInUseShouldStartNothing();
    void aPeriodThatIsNotPositiveShouldBeRefused();

private:
    QTemporaryDir m_runtime;
};

void ServiceReportingTest::initTestCase()
{
    // Sockets in a directory of this test's own, away from running services.
    QVERIFY(qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path())));
}

void ServiceReportingTest::oneCallShouldStartTheReportTheSocketAndTheExporter()
{
    Registry registry;
    auto total = std::make_shared<TotalCounter>(u"orders"_s);
    QVERIFY(registry.registerCounter(total));
    total->reportValue(3);

    QTemporaryDir dir;
    ServiceReporting reporting(registry);
    ServiceReporting::Options options;
    options.jsonFile = dir.filePath(u"counters.json"_s);
    options.jsonPeriod = Seconds(0.1);
    options.localSocketName = u"service-reporting-test"_s;
    options.httpPort = 0;
    options.httpPeriod = Seconds(0.1);
    QVERIFY2(reporting.start(options), qPrintable(reporting.errorString()));
    QVERIFY(reporting.isRunning());

    QTRY_COMPARE(valueInReport(options.jsonFile, u"orders"_s), std::optional<double>(3));
    QVERIFY(reporting.localSocketPath().contains(u"service-reporting-test"_s));
    QVERIFY(QFileInfo::exists(reporting.localSocketPath()));
    QVERIFY(reporting.httpPort() != 0);

    QNetworkAccessManager client;
    QByteArray metrics;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 QNetworkReply *reply = client.get(QNetworkRequest(QUrl(
                                     u"http://127.0.0.1:%1/metrics"_s.arg(reporting.httpPort()))));
                                 if (!QTest::qWaitFor([reply] { return reply->isFinished(); }))
                                     reply->abort();
                                 metrics = reply->readAll();
                                 delete reply;
                                 return metrics.contains("orders");
                             }()),
                             10000);
    QVERIFY2(metrics.contains("orders{service=\"ServiceReportingTest\"} 3")
                 || metrics.contains("orders 3"),
             metrics.constData());

    const QString socket = reporting.localSocketPath();
    reporting.stop();
    QVERIFY(!reporting.isRunning());
    QVERIFY(!QFileInfo::exists(socket));
}

void ServiceReportingTest::stoppingShouldWriteTheLastReport()
{
    Registry registry;
    auto total = std::make_shared<TotalCounter>(u"orders"_s);
    QVERIFY(registry.registerCounter(total));
    QTemporaryDir dir;
    ServiceReporting reporting(registry);
    ServiceReporting::Options options;
    options.jsonFile = dir.filePath(u"counters.json"_s);
    options.jsonPeriod = Seconds(3600); // one report at the start, and the last one
    options.localSocket = false;
    QVERIFY(reporting.start(options));
    QTRY_VERIFY(QFileInfo::exists(options.jsonFile));
    total->reportValue(5);
    reporting.stop();
    QCOMPARE(valueInReport(options.jsonFile, u"orders"_s), std::optional<double>(5));
}

void ServiceReportingTest::aPortInUseShouldStartNothing()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    Registry registry;
    QTemporaryDir dir;
    ServiceReporting reporting(registry);
    ServiceReporting::Options options;
    options.jsonFile = dir.filePath(u"counters.json"_s);
    options.localSocketName = u"service-reporting-busy"_s;
    options.httpPort = taken.serverPort();
    QVERIFY(!reporting.start(options));
    QVERIFY2(reporting.errorString().startsWith(u"cannot serve HTTP: "_s),
             qPrintable(reporting.errorString()));
    QVERIFY(!reporting.isRunning());
    QVERIFY(reporting.localSocketPath().isEmpty());
    QTest::qWait(100);
    QVERIFY(!QFileInfo::exists(options.jsonFile));
    QCOMPARE(QDir(m_runtime.filePath(u"counters"_s)).entryList(QDir::System | QDir::Files),
             QStringList());
}

void ServiceReportingTest::aPeriodThatIsNotPositiveShouldBeRefused()
{
    Registry registry;
    ServiceReporting reporting(registry);
    ServiceReporting::Options options;
    options.localSocketPeriod = Seconds(0);
    QVERIFY(!reporting.start(options));
    QCOMPARE(reporting.errorString(),
             u"the local socket's period is not a positive number of seconds: 0"_s);
    QVERIFY(!reporting.isRunning());
}

QTEST_GUILESS_MAIN(ServiceReportingTest)
#include "tst_servicereporting.moc"
