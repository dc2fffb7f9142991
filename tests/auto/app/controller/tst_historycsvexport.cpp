// SPDX-License-Identifier: MIT
#include "controller/historycsvexport.h"
#include "snapshots.h"

#include <counters/format/jsoncodec.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using counters::CounterType;
using dashboard::HistoryCsvExport;
using dashboard::SeriesKey;
using namespace testdata;

namespace {

constexpr double kStart = 1'800'000'000;

/// A multi-process history of `reports` reports, one a second: `hits` = i, and node "b"'s
/// `hits` = 10 i; every third report has no value for `hits`.
QString writeHistory(const QTemporaryDir &dir, int reports)
{
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return path;
    for (int i = 0; i < reports; ++i) {
        counters::CounterRow hits = row(QStringLiteral("hits"), CounterType::Total, double(i));
        if (i % 3 == 2)
            hits.value.reset();
        const counters::Snapshot report =
            snapshot(kStart + i, {hits},
                     {node(QStringLiteral("b"), kStart + i,
                           {row(QStringLiteral("hits"), CounterType::Total, 10.0 * i)})});
        file.write(counters::JsonCodec::toJson(report) + '\n');
    }
    return path;
}

QByteArrayList linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArrayList lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class HistoryCsvExportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    // Every report of the file, at full resolution, in the range asked.
    void shouldWriteEveryReport()
    {
        const QString history = writeHistory(*m_dir, 3000);
        const QString csvPath = m_dir->filePath(QStringLiteral("out.csv"));
        HistoryCsvExport csv(history);
        csv.addColumn(SeriesKey{QStringLiteral("src"), {}, QStringLiteral("hits")},
                      QStringLiteral("hits"));
        csv.addColumn(SeriesKey{QStringLiteral("src"), QStringLiteral("b"), QStringLiteral("hits")},
                      QStringLiteral("hits @ b"));
        csv.setRange(kStart + 100, kStart + 2099);
        QSignalSpy progress(&csv, &HistoryCsvExport::progressChanged);
        QVERIFY2(csv.exec(csvPath), qPrintable(csv.errorString()));
        QCOMPARE(csv.rowsWritten(), 2000);
        QVERIFY(!progress.isEmpty());
        const QByteArrayList lines = linesOf(csvPath);
        QCOMPARE(lines.size(), 2001);
        QCOMPARE(lines.at(0), QByteArray("time,hits,hits @ b"));
        QCOMPARE(lines.at(1), QByteArray("2027-01-15T08:01:40.000Z,100,1000"));
        QCOMPARE(lines.at(5), QByteArray("2027-01-15T08:01:44.000Z,,1040"));        // 104: no value
        QCOMPARE(lines.constLast(), QByteArray("2027-01-15T08:34:59.000Z,,20990")); // 2099 too
    }

    // A percentile counter's p90 and p99 sub-values, as columns of their own.
    void shouldWriteAPercentilesNumbers()
    {
        const QString path = m_dir->filePath(QStringLiteral("percentiles.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 2; ++i) {
            counters::CounterRow p =
                row(QStringLiteral("lat"), CounterType::PercentileWindow, 0.001 * i);
            p.subValues = {{QStringLiteral("p50"), 0.001 * i},
                           {QStringLiteral("p90"), 0.002 * i},
                           {QStringLiteral("p99"), 0.004 * i}};
            file.write(counters::JsonCodec::toJson(snapshot(kStart + i, {p})) + '\n');
        }
        file.close();
        const QString csvPath = m_dir->filePath(QStringLiteral("out.csv"));
        HistoryCsvExport csv(path);
        const SeriesKey lat{QStringLiteral("src"), {}, QStringLiteral("lat")};
        csv.addColumn(lat, QStringLiteral("lat"));
        csv.addColumn(lat, QStringLiteral("lat p90"), dashboard::PointField::P90);
        csv.addColumn(lat, QStringLiteral("lat p99"), dashboard::PointField::P99);
        QVERIFY2(csv.exec(csvPath), qPrintable(csv.errorString()));
        const QByteArrayList lines = linesOf(csvPath);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), QByteArray("time,lat,lat p90,lat p99"));
        QCOMPARE(lines.at(2), QByteArray("2027-01-15T08:00:02.000Z,0.002,0.004,0.008"));
    }

    void shouldWriteNothingWhenCancelledOrUnreadable()
    {
        const QString history = writeHistory(*m_dir, 5000);
        const QString csvPath = m_dir->filePath(QStringLiteral("out.csv"));
        HistoryCsvExport csv(history);
        csv.addColumn(SeriesKey{QStringLiteral("src"), {}, QStringLiteral("hits")},
                      QStringLiteral("hits"));
        QSignalSpy finished(&csv, &HistoryCsvExport::finished);
        QVERIFY(csv.start(csvPath));
        csv.cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!QFile::exists(csvPath));

        HistoryCsvExport missing(m_dir->filePath(QStringLiteral("missing.jsonl")));
        QVERIFY(!missing.exec(csvPath));
        QVERIFY2(missing.errorString().contains(QLatin1String("missing.jsonl")),
                 qPrintable(missing.errorString()));
        QVERIFY(!QFile::exists(csvPath));

        HistoryCsvExport unwritable(history);
        QVERIFY(!unwritable.start(m_dir->filePath(QStringLiteral("no/such/folder/out.csv"))));
        QVERIFY(unwritable.errorString().startsWith(QLatin1String("Cannot write")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(HistoryCsvExportTest)
#include "tst_historycsvexport.moc"
