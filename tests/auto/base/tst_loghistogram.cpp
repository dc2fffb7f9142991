// SPDX-License-Identifier: MIT
#include <counters/base/loghistogram.h>

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace counters;

class LogHistogramTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldPutEveryValueInsideItsBucket_data();
    void shouldPutEveryValueInsideItsBucket();
    void shouldOrderKeysLikeValues();
    void shouldRepresentEveryBucketWithinTheStatedError();
    void shouldClampMagnitudesOutsideTheRange_data();
    void shouldClampMagnitudesOutsideTheRange();
    void shouldAnswerTheCeilRankQuantile_data();
    void shouldAnswerTheCeilRankQuantile();
    void shouldBeEmptyWithoutValues();
    void shouldIgnoreNaN();
    void shouldMergeToTheHistogramOfAllValues();
    void shouldRejectInvalidBucketLists_data();
    void shouldRejectInvalidBucketLists();
    void shouldSortAndCombineUnsortedBuckets();
    void shouldNameQuantiles_data();
    void shouldNameQuantiles();
    void shouldNotTakeOtherKeysForQuantiles_data();
    void shouldNotTakeOtherKeysForQuantiles();
};

void LogHistogramTest::shouldPutEveryValueInsideItsBucket_data()
{
    QTest::addColumn<double>("value");
    QTest::addRow("one") << 1.0;
    QTest::addRow("just below two") << std::nextafter(2.0, 0.0);
    QTest::addRow("two") << 2.0;
    QTest::addRow("1 + 1/64") << 1.015625;
    QTest::addRow("just below 1 + 1/64") << std::nextafter(1.015625, 0.0);
    QTest::addRow("1 ns") << 1e-9;
    QTest::addRow("0.25 ms") << 0.00025;
    QTest::addRow("pi") << M_PI;
    QTest::addRow("1e12") << 1e12;
    QTest::addRow("-1") << -1.0;
    QTest::addRow("-0.003") << -0.003;
    QTest::addRow("smallest in range") << std::ldexp(1.0, -64);
    QTest::addRow("largest in range") << std::nextafter(std::ldexp(1.0, 64), 0.0);
}

void LogHistogramTest::shouldPutEveryValueInsideItsBucket()
{
    QFETCH(double, value);
    const qint32 key = LogHistogram::keyOf(value);
    QVERIFY(LogHistogram::isValidKey(key));
    QCOMPARE(key < 0, value < 0);
    const double magnitude = std::abs(value);
    QVERIFY2(LogHistogram::lowerMagnitude(key) <= magnitude,
             qPrintable(QString::number(LogHistogram::lowerMagnitude(key), 'g', 17)));
    QVERIFY2(magnitude < LogHistogram::upperMagnitude(key),
             qPrintable(QString::number(LogHistogram::upperMagnitude(key), 'g', 17)));
    const double r = LogHistogram::representative(key);
    QVERIFY(std::abs(r - value) <= LogHistogram::relativeError() * magnitude * (1 + 1e-12));
}

void LogHistogramTest::shouldOrderKeysLikeValues()
{
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> exponent(-70, 70);
    std::vector<double> values{0.0, -0.0};
    for (int i = 0; i < 20000; ++i) {
        const double v = std::exp2(exponent(random));
        values.push_back(i % 2 ? v : -v);
    }
    std::sort(values.begin(), values.end());
    for (size_t i = 1; i < values.size(); ++i)
        QVERIFY(LogHistogram::keyOf(values[i - 1]) <= LogHistogram::keyOf(values[i]));
}

void LogHistogramTest::shouldRepresentEveryBucketWithinTheStatedError()
{
    // Every bucket: its representative is within the bound of both of its ends, so of every
    // value between them.
    for (qint32 key = 1; key <= LogHistogram::MaxKey; ++key) {
        const double lo = LogHistogram::lowerMagnitude(key);
        const double hi = LogHistogram::upperMagnitude(key);
        const double r = LogHistogram::representative(key);
        QVERIFY(lo < r && r < hi);
        QVERIFY((r - lo) / lo <= LogHistogram::relativeError() * (1 + 1e-12));
        QVERIFY((hi - r) / hi <= LogHistogram::relativeError() * (1 + 1e-12));
        QCOMPARE(LogHistogram::keyOf(lo), key);
        QCOMPARE(LogHistogram::representative(-key), -r);
        if (key < LogHistogram::MaxKey)
            QCOMPARE(LogHistogram::lowerMagnitude(key + 1), hi);
    }
    QCOMPARE(LogHistogram::relativeError(), 1.0 / 129);
}

void LogHistogramTest::shouldClampMagnitudesOutsideTheRange_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<qint32>("key");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("zero") << 0.0 << 0;
    QTest::addRow("negative zero") << -0.0 << 0;
    QTest::addRow("below 2^-64") << 1e-30 << 1;
    QTest::addRow("subnormal") << std::numeric_limits<double>::denorm_min() << 1;
    QTest::addRow("negative tiny") << -1e-30 << -1;
    QTest::addRow("2^64") << std::ldexp(1.0, 64) << LogHistogram::MaxKey;
    QTest::addRow("1e300") << 1e300 << LogHistogram::MaxKey;
    QTest::addRow("infinity") << inf << LogHistogram::MaxKey;
    QTest::addRow("-infinity") << -inf << -LogHistogram::MaxKey;
}

void LogHistogramTest::shouldClampMagnitudesOutsideTheRange()
{
    QFETCH(double, value);
    QFETCH(qint32, key);
    QCOMPARE(LogHistogram::keyOf(value), key);
}

void LogHistogramTest::shouldAnswerTheCeilRankQuantile_data()
{
    // Quantile q of n sorted values is the ⌈q·n⌉-th (at least the first).
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    const QList<double> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::addRow("q 0 is the smallest") << ten << 0.0 << 1.0;
    QTest::addRow("q 0.1 of 10 is the 1st") << ten << 0.1 << 1.0;
    QTest::addRow("q 0.11 of 10 is the 2nd") << ten << 0.11 << 2.0;
    QTest::addRow("median of 10 is the 5th") << ten << 0.5 << 5.0;
    QTest::addRow("q 0.9 of 10 is the 9th") << ten << 0.9 << 9.0;
    QTest::addRow("q 0.99 of 10 is the 10th") << ten << 0.99 << 10.0;
    QTest::addRow("q 1 is the largest") << ten << 1.0 << 10.0;
    QTest::addRow("q above 1 clamps") << ten << 1.5 << 10.0;
    QTest::addRow("q below 0 clamps") << ten << -1.0 << 1.0;
    QTest::addRow("one value") << QList<double>{42} << 0.99 << 42.0;
    QTest::addRow("unsorted input") << QList<double>{9, 1, 5} << 0.5 << 5.0;
    QTest::addRow("negatives and zero") << QList<double>{-3, -2, 0, 0, 0, 1} << 0.25 << -2.0;
    QTest::addRow("zeros") << QList<double>{-3, -2, 0, 0, 0, 1} << 0.5 << 0.0;
}

void LogHistogramTest::shouldAnswerTheCeilRankQuantile()
{
    QFETCH(QList<double>, values);
    QFETCH(double, q);
    QFETCH(double, expected);
    LogHistogram h;
    for (double v : values)
        h.add(v);
    QCOMPARE(h.count(), quint64(values.size()));
    const std::optional<double> actual = h.quantile(q);
    QVERIFY(actual);
    // At a bucket's lower end (powers of two here) the error is exactly the bound.
    QVERIFY2(std::abs(*actual - expected)
                 <= LogHistogram::relativeError() * std::abs(expected) * (1 + 1e-12),
             qPrintable(QString::number(*actual, 'g', 17)));
}

void LogHistogramTest::shouldBeEmptyWithoutValues()
{
    const LogHistogram h;
    QVERIFY(h.isEmpty());
    QCOMPARE(h.count(), quint64(0));
    QCOMPARE(h.quantile(0.5), std::nullopt);
}

void LogHistogramTest::shouldIgnoreNaN()
{
    LogHistogram h;
    h.add(std::nan(""));
    h.add(1.0, 0);
    QVERIFY(h.isEmpty());
}

void LogHistogramTest::shouldMergeToTheHistogramOfAllValues()
{
    std::mt19937_64 random(11);
    std::lognormal_distribution<double> lognormal(-5, 2);
    LogHistogram all;
    std::vector<LogHistogram> parts(5);
    for (int i = 0; i < 50000; ++i) {
        const double v = lognormal(random);
        all.add(v);
        parts[size_t(i) % parts.size()].add(v);
    }
    LogHistogram merged;
    for (const LogHistogram &p : parts)
        merged.merge(p);
    QCOMPARE(merged, all);
    QCOMPARE(merged.count(), quint64(50000));
    LogHistogram withEmpty = merged;
    withEmpty.merge(LogHistogram());
    QCOMPARE(withEmpty, all);
}

void LogHistogramTest::shouldRejectInvalidBucketLists_data()
{
    using B = LogHistogram::Bucket;
    QTest::addColumn<QList<B>>("buckets");
    QTest::addColumn<QString>("message");
    QTest::addRow("key too large")
        << QList<B>{{LogHistogram::MaxKey + 1, 1}} << QStringLiteral("out of range");
    QTest::addRow("key too small")
        << QList<B>{{-LogHistogram::MaxKey - 1, 1}} << QStringLiteral("out of range");
    QTest::addRow("zero count") << QList<B>{{5, 0}} << QStringLiteral("no values");
    QTest::addRow("unsorted") << QList<B>{{5, 1}, {4, 1}} << QStringLiteral("not increasing");
    QTest::addRow("repeated") << QList<B>{{5, 1}, {5, 1}} << QStringLiteral("not increasing");
    QTest::addRow("overflow") << QList<B>{{1, ~quint64(0)}, {2, 1}} << QStringLiteral("overflows");
}

void LogHistogramTest::shouldRejectInvalidBucketLists()
{
    QFETCH(QList<LogHistogram::Bucket>, buckets);
    QFETCH(QString, message);
    QString error;
    QCOMPARE(LogHistogram::fromBuckets(buckets, &error), std::nullopt);
    QVERIFY2(error.contains(message), qPrintable(error));
}

void LogHistogramTest::shouldSortAndCombineUnsortedBuckets()
{
    const LogHistogram h = LogHistogram::fromUnsortedBuckets({{7, 2}, {-3, 1}, {7, 3}, {0, 0}});
    const QList<LogHistogram::Bucket> expected{{-3, 1}, {7, 5}};
    QCOMPARE(h.buckets(), expected);
    QCOMPARE(h.count(), quint64(6));
    QCOMPARE(LogHistogram::fromBuckets(expected), h);
}

void LogHistogramTest::shouldNameQuantiles_data()
{
    QTest::addColumn<double>("q");
    QTest::addColumn<QString>("key");
    QTest::addRow("median") << 0.5 << QStringLiteral("p50");
    QTest::addRow("0.9") << 0.9 << QStringLiteral("p90");
    QTest::addRow("0.99") << 0.99 << QStringLiteral("p99");
    QTest::addRow("0.999") << 0.999 << QStringLiteral("p99.9");
    QTest::addRow("0.9999") << 0.9999 << QStringLiteral("p99.99");
    QTest::addRow("0") << 0.0 << QStringLiteral("p0");
    QTest::addRow("1") << 1.0 << QStringLiteral("p100");
    QTest::addRow("0.25") << 0.25 << QStringLiteral("p25");
    QTest::addRow("0.05") << 0.05 << QStringLiteral("p5");
    QTest::addRow("0.001") << 0.001 << QStringLiteral("p0.1");
    QTest::addRow("0.123") << 0.123 << QStringLiteral("p12.3");
}

void LogHistogramTest::shouldNameQuantiles()
{
    QFETCH(double, q);
    QFETCH(QString, key);
    QCOMPARE(LogHistogram::quantileKey(q), key);
    const std::optional<double> back = LogHistogram::quantileOfKey(key);
    QVERIFY(back);
    QCOMPARE(*back, q);
}

void LogHistogramTest::shouldNotTakeOtherKeysForQuantiles_data()
{
    QTest::addColumn<QString>("key");
    QTest::addRow("min") << QStringLiteral("min");
    QTest::addRow("p alone") << QStringLiteral("p");
    QTest::addRow("word") << QStringLiteral("peak");
    QTest::addRow("above 100") << QStringLiteral("p101");
    QTest::addRow("leading zero") << QStringLiteral("p050");
    QTest::addRow("trailing dot") << QStringLiteral("p50.");
    QTest::addRow("sign") << QStringLiteral("p-5");
}

void LogHistogramTest::shouldNotTakeOtherKeysForQuantiles()
{
    QFETCH(QString, key);
    QCOMPARE(LogHistogram::quantileOfKey(key), std::nullopt);
}

QTEST_APPLESS_MAIN(LogHistogramTest)
#include "tst_loghistogram.moc"
