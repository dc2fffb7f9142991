// SPDX-License-Identifier: MIT
#pragma once
// Test support: a second encoder of the JSON report, written independently of JsonCodec's
// byte writer and built on QJsonObject, so that tests can check the writer's bytes against it
// (docs/formats.md is what both follow).

#include <counters/base/loghistogram.h>
#include <counters/base/snapshot.h>
#include <counters/format/jsoncodec.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <cmath>
#include <limits>

namespace testsupport {

namespace crosscheck {

inline bool isReservedKey(const QString &key)
{
    return key == counters::JsonCodec::CollectionTimeKey
        || key == counters::JsonCodec::NodeReportsKey || key == counters::JsonCodec::MetadataKey;
}

inline QJsonValue number(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QJsonValue(QJsonValue::Null);
    return QJsonValue(*value);
}

inline bool hasRow(const QList<counters::CounterRow> &rows, const QString &name)
{
    for (const counters::CounterRow &row : rows) {
        if (row.name == name)
            return true;
    }
    return false;
}

inline QJsonObject flat(const QList<counters::CounterRow> &rows)
{
    QJsonObject object;
    for (const counters::CounterRow &row : rows) {
        if (isReservedKey(row.name))
            continue;
        object.insert(row.name, number(row.value));
        if (row.type != counters::CounterType::PercentileWindow)
            continue;
        for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it) {
            const QString key = row.name + QLatin1Char('.') + it.key();
            if (counters::LogHistogram::quantileOfKey(it.key()) && !hasRow(rows, key))
                object.insert(key, number(it.value()));
        }
    }
    return object;
}

inline QJsonObject source(const counters::SnapshotSource &source)
{
    QJsonObject object{{QStringLiteral("service"), source.service},
                       {QStringLiteral("host"), source.host},
                       {QStringLiteral("pid"), qint64(source.pid)},
                       {QStringLiteral("process_start"), number(source.processStart)},
                       {QStringLiteral("node"), source.node}};
    if (source.stale)
        object.insert(QStringLiteral("stale"), true);
    return object;
}

inline QJsonObject counters(const QList<counters::CounterRow> &rows)
{
    QJsonObject result;
    for (const counters::CounterRow &row : rows) {
        QJsonObject entry{
            {QStringLiteral("type"), counters::counterTypeName(row.type)},
            {QStringLiteral("unit"), counters::unitName(row.unit)},
            {QStringLiteral("statistic"), counters::statisticName(row.statistic)},
            {QStringLiteral("window"), number(row.window)},
            // A count past qint64 (a saturated one read from a report) as a double.
            {QStringLiteral("count"),
             row.count <= quint64(std::numeric_limits<qint64>::max())
                 ? QJsonValue(qint64(row.count))
                 : QJsonValue(double(row.count))},
        };
        if (!row.family.isEmpty()) {
            entry.insert(QStringLiteral("family"), row.family);
            QJsonObject labels;
            for (auto it = row.labels.cbegin(); it != row.labels.cend(); ++it)
                labels.insert(it.key(), it.value());
            entry.insert(QStringLiteral("labels"), labels);
        }
        if (row.dropped > 0)
            entry.insert(QStringLiteral("dropped"), qint64(row.dropped));
        if (row.overflowed > 0)
            entry.insert(QStringLiteral("overflowed"), qint64(row.overflowed));
        if (row.merge)
            entry.insert(QStringLiteral("merge"), mergeRuleName(*row.merge));
        if (!row.subValues.isEmpty()) {
            QJsonObject sub;
            for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it)
                sub.insert(it.key(), number(it.value()));
            entry.insert(QStringLiteral("sub"), sub);
        }
        if (!row.histogram.isEmpty()) {
            QJsonArray buckets;
            for (const counters::LogHistogram::Bucket &b : row.histogram.buckets()) {
                buckets.append(b.key);
                buckets.append(qint64(b.count));
            }
            entry.insert(QStringLiteral("histogram"),
                         QJsonObject{{QStringLiteral("scheme"), QStringLiteral("log2x64")},
                                     {QStringLiteral("buckets"), buckets}});
        }
        if (isReservedKey(row.name))
            entry.insert(QStringLiteral("value"), number(row.value));
        result.insert(row.name, entry);
    }
    return result;
}

} // namespace crosscheck

/// `snapshot` as the JSON report object of docs/formats.md.
inline QJsonObject reportObject(const counters::Snapshot &snapshot)
{
    using namespace crosscheck;
    QJsonObject object = flat(snapshot.rows());
    object.insert(counters::JsonCodec::CollectionTimeKey, number(snapshot.time()));
    QJsonObject metadata{{QStringLiteral("version"), counters::JsonCodec::Version},
                         {QStringLiteral("source"), source(snapshot.source())},
                         {QStringLiteral("counters"), counters(snapshot.rows())}};
    const QList<counters::Snapshot> &nodes = snapshot.nodes();
    if (!nodes.isEmpty()) {
        QStringList ids; // the node id, unless empty or taken: "node<i>"
        QJsonObject reports;
        QJsonObject nodesMeta;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const counters::Snapshot &node = nodes.at(i);
            QString id = node.source().node;
            if (id.isEmpty() || ids.contains(id))
                id = QStringLiteral("node%1").arg(i);
            while (ids.contains(id))
                id += QLatin1Char('_');
            ids.append(id);
            reports.insert(id, flat(node.rows()));
            nodesMeta.insert(id,
                             QJsonObject{{QStringLiteral("index"), qint64(i)},
                                         {QStringLiteral("time"), number(node.time())},
                                         {QStringLiteral("source"), source(node.source())},
                                         {QStringLiteral("counters"), counters(node.rows())}});
        }
        object.insert(counters::JsonCodec::NodeReportsKey, reports);
        metadata.insert(QStringLiteral("nodes"), nodesMeta);
    }
    object.insert(counters::JsonCodec::MetadataKey, metadata);
    return object;
}

} // namespace testsupport
