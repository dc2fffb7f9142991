// SPDX-License-Identifier: MIT
#include "snapshots.h"
#include "sources/reportparts.h"

#include <QSet>
#include <QTest>

using counters::CounterRow;
using counters::CounterType;
using counters::Snapshot;
using dashboard::reportParts;
using dashboard::rowCountOf;
using testdata::node;
using testdata::row;
using testdata::series;
using testdata::snapshot;

namespace {

QList<CounterRow> counterRows(int count, const QString &prefix = QStringLiteral("c"))
{
    QList<CounterRow> rows;
    for (int i = 0; i < count; ++i)
        rows.append(row(prefix + QString::number(i).rightJustified(4, QLatin1Char('0')),
                        CounterType::Total, double(i)));
    return rows;
}

/// Every row of `parts` (level: -1 the report's own, i node i) as "level/name", once each.
QStringList rowsOf(const QList<Snapshot> &parts)
{
    QStringList names;
    for (const Snapshot &part : parts) {
        for (const CounterRow &r : part.rows())
            names.append(QStringLiteral("-1/") + r.name);
        for (qsizetype i = 0; i < part.nodes().size(); ++i) {
            for (const CounterRow &r : part.nodes().at(i).rows())
                names.append(QString::number(i) + QLatin1Char('/') + r.name);
        }
    }
    return names;
}

} // namespace

class ReportPartsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldCutIntoPartsOfAtMostMaxRows_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("maxRows");
        QTest::addColumn<int>("parts");
        QTest::newRow("empty") << 0 << 10 << 1;
        QTest::newRow("fewer rows") << 9 << 10 << 1;
        QTest::newRow("as many rows") << 10 << 10 << 1;
        QTest::newRow("one more") << 11 << 10 << 2;
        QTest::newRow("whole parts") << 30 << 10 << 3;
        QTest::newRow("a last small part") << 31 << 10 << 4;
        QTest::newRow("one row a part") << 5 << 1 << 5;
        QTest::newRow("zero taken for one") << 3 << 0 << 3;
    }
    void shouldCutIntoPartsOfAtMostMaxRows()
    {
        QFETCH(int, rows);
        QFETCH(int, maxRows);
        QFETCH(int, parts);
        const Snapshot report = snapshot(1000, counterRows(rows));
        const QList<Snapshot> cut = reportParts(report, maxRows);
        QCOMPARE(cut.size(), parts);
        if (parts == 1)
            QCOMPARE(cut.constFirst(), report); // the report itself
        QStringList expected;
        for (const CounterRow &r : report.rows())
            expected.append(QStringLiteral("-1/") + r.name);
        QCOMPARE(rowsOf(cut), expected); // every row once, in order
        for (const Snapshot &part : cut) {
            QCOMPARE(part.time(), report.time());
            QCOMPARE(part.source(), report.source());
            QVERIFY(part.rows().size() <= std::max(1, maxRows));
        }
    }

    // A part's family totals must be the family's: its rows stay together, even past
    // maxRows.
    void shouldKeepAFamilyInOnePart()
    {
        QList<CounterRow> rows = counterRows(3, QStringLiteral("a"));
        for (int i = 0; i < 4; ++i)
            rows.append(series(QStringLiteral("b_requests"),
                               {{QStringLiteral("code"), QString::number(200 + i)}},
                               CounterType::Total, i));
        rows += counterRows(3, QStringLiteral("c"));
        const Snapshot report = snapshot(1000, rows);
        const QList<Snapshot> cut = reportParts(report, 4);
        QCOMPARE(cut.size(), 2);
        // The family begins in the first part, full with its first series: it goes on there.
        QCOMPARE(cut.at(0).rows().size(), 3 + 4);
        QCOMPARE(cut.at(1).rows().size(), 3);
        QSet<int> partsWithFamily;
        for (int p = 0; p < cut.size(); ++p) {
            for (const CounterRow &r : cut.at(p).rows()) {
                if (!r.family.isEmpty())
                    partsWithFamily.insert(p);
            }
        }
        QCOMPARE(partsWithFamily.size(), 1);
        QCOMPARE(rowsOf(cut).size(), rows.size());
    }

    // Nodes keep their place (their index names them) and their time, in every part.
    void shouldGiveEveryPartEveryNode()
    {
        const Snapshot report =
            snapshot(1000, counterRows(5),
                     {node(QStringLiteral("n1"), 998, counterRows(5)),
                      node(QStringLiteral("n2"), 990, counterRows(2), /*stale=*/true)});
        QCOMPARE(rowCountOf(report), 12);
        const QList<Snapshot> cut = reportParts(report, 4);
        QCOMPARE(cut.size(), 3);
        for (const Snapshot &part : cut) {
            QCOMPARE(part.nodes().size(), 2);
            QCOMPARE(part.nodes().at(0).time(), 998.0);
            QCOMPARE(part.nodes().at(0).source().node, QStringLiteral("n1"));
            QCOMPARE(part.nodes().at(1).time(), 990.0);
            QVERIFY(part.nodes().at(1).source().stale);
            QCOMPARE(rowCountOf(part), 4);
        }
        const QStringList names = rowsOf(cut);
        QCOMPARE(names.size(), 12);
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), 12);
        QCOMPARE(cut.at(1).rows().size(), 1); // c0004, then n1's first three
        QCOMPARE(cut.at(1).nodes().at(0).rows().size(), 3);
        QCOMPARE(cut.at(2).nodes().at(1).rows().size(), 2);
    }
};

QTEST_GUILESS_MAIN(ReportPartsTest)
#include "tst_reportparts.moc"
