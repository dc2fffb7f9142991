// SPDX-License-Identifier: MIT
#include "models/csvexport.h"
#include "models/historystore.h"
#include "snapshots.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using counters::CounterType;
using dashboard::CsvExport;
using dashboard::HistoryStore;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

const QString kSource = QStringLiteral("src");

SeriesKey key(const QString &counter)
{
    return SeriesKey{kSource, QString(), counter};
}

} // namespace

class CsvExportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldWriteOneColumnPerSeriesAndOneLinePerTime()
    {
        // Given two counters reported at different times (b misses 1001, a misses 1003)
        HistoryStore history;
        const auto a = [](double v) { return row(QStringLiteral("a"), CounterType::Total, v); };
        const auto b = [](std::optional<double> v) {
            return row(QStringLiteral("b"), CounterType::AverageWindow, v);
        };
        history.appendSnapshots(kSource,
                                {snapshot(1000, {a(1), b(0.25)}), snapshot(1001, {a(2)}),
                                 snapshot(1002.5, {a(3), b(std::nullopt)}),
                                 snapshot(1003, {b(1e-7)})});
        CsvExport csv(&history);
        csv.addColumn(key(QStringLiteral("a")), QStringLiteral("a"));
        csv.addColumn(key(QStringLiteral("b")), QStringLiteral("b, the average"));
        QCOMPARE(csv.toCsv(),
                 QByteArrayLiteral("time,a,\"b, the average\"\n"
                                   "1970-01-01T00:16:40.000Z,1,0.25\n"
                                   "1970-01-01T00:16:41.000Z,2,\n"
                                   "1970-01-01T00:16:42.500Z,3,\n"
                                   "1970-01-01T00:16:43.000Z,,1e-07\n"));
        // The visible range only, ends included.
        csv.setRange(1001, 1002.5);
        QCOMPARE(csv.toCsv(),
                 QByteArrayLiteral("time,a,\"b, the average\"\n"
                                   "1970-01-01T00:16:41.000Z,2,\n"
                                   "1970-01-01T00:16:42.500Z,3,\n"));
    }

    // A percentile counter's p90 and p99 are columns of their own.
    void shouldWriteAPercentilesNumbers()
    {
        HistoryStore history;
        for (int i = 1; i <= 2; ++i) {
            counters::CounterRow p = row(QStringLiteral("p"), CounterType::PercentileWindow, i);
            p.subValues = {{QStringLiteral("p50"), double(i)},
                           {QStringLiteral("p90"), 2.0 * i},
                           {QStringLiteral("p99"), 4.0 * i}};
            history.appendSnapshots(kSource, {snapshot(1000 + i, {p})});
        }
        CsvExport csv(&history);
        csv.addColumn(key(QStringLiteral("p")), QStringLiteral("p"));
        csv.addColumn(key(QStringLiteral("p")), QStringLiteral("p p90"),
                      dashboard::PointField::P90);
        csv.addColumn(key(QStringLiteral("p")), QStringLiteral("p p99"),
                      dashboard::PointField::P99);
        QCOMPARE(csv.toCsv(),
                 QByteArrayLiteral("time,p,p p90,p p99\n"
                                   "1970-01-01T00:16:41.000Z,1,2,4\n"
                                   "1970-01-01T00:16:42.000Z,2,4,8\n"));
    }

    void shouldMatchTheSourceDataExactly()
    {
        HistoryStore history;
        QList<counters::Snapshot> snapshots;
        for (int i = 0; i < 20; ++i)
            snapshots.append(tutorial(1700000000 + i * 0.5, i));
        history.appendSnapshots(kSource, snapshots);
        CsvExport csv(&history);
        csv.addColumn(key(QStringLiteral("requests_time")), QStringLiteral("requests_time"));
        const QList<QByteArray> lines = csv.toCsv().split('\n');
        QCOMPARE(lines.size(), 1 + 20 + 1);
        for (int i = 0; i < 20; ++i) {
            const QList<QByteArray> fields = lines.at(1 + i).split(',');
            QCOMPARE(fields.size(), 2);
            const QDateTime time =
                QDateTime::fromString(QString::fromLatin1(fields.at(0)), Qt::ISODateWithMs);
            QCOMPARE(time.toMSecsSinceEpoch(), qint64(1700000000000) + i * 500);
            const auto &rows = snapshots.at(i).rows();
            const auto timeRow = std::find_if(rows.cbegin(), rows.cend(), [](const auto &r) {
                return r.name == QLatin1String("requests_time");
            });
            QVERIFY(timeRow != rows.cend());
            // Shortest round trip: exactly the same double, not a fuzzy one.
            QVERIFY2(fields.at(1).toDouble() == *timeRow->value, fields.at(1).constData());
        }
    }

    void shouldWriteAHeaderOnlyWithoutData()
    {
        HistoryStore history;
        CsvExport csv(&history);
        csv.addColumn(key(QStringLiteral("gone")), QStringLiteral("gone"));
        QCOMPARE(csv.toCsv(), QByteArrayLiteral("time,gone\n"));
    }

    void shouldReportAFileThatCannotBeWritten()
    {
        HistoryStore history;
        CsvExport csv(&history);
        QTemporaryDir dir;
        QVERIFY(!csv.write(dir.filePath(QStringLiteral("no/such/dir/data.csv"))));
        QVERIFY2(csv.errorString().contains(QLatin1String("data.csv")),
                 qPrintable(csv.errorString()));
        QVERIFY(csv.write(dir.filePath(QStringLiteral("data.csv"))));
    }
};

QTEST_APPLESS_MAIN(CsvExportTest)
#include "tst_csvexport.moc"
