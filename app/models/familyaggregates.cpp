// SPDX-License-Identifier: MIT
#include "familyaggregates.h"

#include <QHash>
#include <QSet>

#include <map>

namespace dashboard {

using counters::CounterRow;
using counters::Labels;
using counters::Snapshot;

namespace {

CounterRow aggregate(const QList<CounterRow> &rows, const QString &name, const QString &family,
                     const Labels &labels)
{
    CounterRow row = counters::mergeRows(rows);
    row.name = name;
    row.family = family;
    row.labels = labels;
    row.overflowed = 0;
    return row;
}

QList<CounterRow> aggregatesOf(const QList<CounterRow> &rows)
{
    // Families in the order they first appear, so that reports stay in a stable order.
    QStringList order;
    QHash<QString, QList<CounterRow>> byFamily;
    for (const CounterRow &row : rows) {
        if (row.family.isEmpty())
            continue;
        auto it = byFamily.find(row.family);
        if (it == byFamily.end()) {
            order.append(row.family);
            it = byFamily.insert(row.family, {});
        }
        it->append(row);
    }
    QList<CounterRow> result;
    for (const QString &family : std::as_const(order)) {
        const QList<CounterRow> &series = byFamily[family];
        result.append(aggregate(series, totalName(family), family, {}));
        QSet<QString> names;
        for (const CounterRow &row : series) {
            for (auto it = row.labels.cbegin(); it != row.labels.cend(); ++it)
                names.insert(it.key());
        }
        if (names.size() < 2)
            continue;
        QStringList sorted(names.cbegin(), names.cend());
        sorted.sort();
        for (const QString &label : std::as_const(sorted)) {
            std::map<QString, QList<CounterRow>> byValue; // sorted by value
            for (const CounterRow &row : series)
                byValue[row.labels.value(label)].append(row);
            for (const auto &[value, rowsOfValue] : byValue) {
                result.append(aggregate(rowsOfValue, splitName(family, label, value), family,
                                        {{label, value}}));
            }
        }
    }
    return result;
}

} // namespace

Snapshot withFamilyAggregates(const Snapshot &snapshot)
{
    bool changed = false;
    QList<Snapshot> nodes;
    nodes.reserve(snapshot.nodes().size());
    for (const Snapshot &node : snapshot.nodes()) {
        const QList<CounterRow> extra = aggregatesOf(node.rows());
        changed = changed || !extra.isEmpty();
        nodes.append(extra.isEmpty()
                         ? node
                         : Snapshot(node.time(), node.source(), node.rows() + extra, node.nodes()));
    }
    const QList<CounterRow> extra = aggregatesOf(snapshot.rows());
    if (extra.isEmpty() && !changed)
        return snapshot;
    return Snapshot(snapshot.time(), snapshot.source(), snapshot.rows() + extra, nodes);
}

QString totalName(const QString &family)
{
    return family + QLatin1String("{*}");
}

QString splitName(const QString &family, const QString &label, const QString &value)
{
    QString name = counters::seriesName(family, {{label, value}});
    name.insert(name.size() - 1, QLatin1String(",*"));
    return name;
}

bool isAggregate(QStringView name)
{
    return name.endsWith(QLatin1String("*}"));
}

bool isTotal(QStringView name)
{
    return name.endsWith(QLatin1String("{*}"));
}

QString displayName(const QString &name)
{
    if (isTotal(name))
        return name.chopped(3) + QLatin1String(" (all)");
    if (!isAggregate(name))
        return name;
    // F{label="value",*}: the value unescaped.
    const qsizetype brace = name.indexOf(QLatin1Char('{'));
    const qsizetype equals = name.indexOf(QLatin1Char('='), brace);
    if (brace < 0 || equals < 0)
        return name;
    QString value;
    const QStringView quoted = QStringView(name).mid(equals + 2).chopped(4); // `",*}`
    for (qsizetype i = 0; i < quoted.size(); ++i) {
        QChar c = quoted.at(i);
        if (c == u'\\' && i + 1 < quoted.size()) {
            c = quoted.at(++i);
            if (c == u'n')
                c = u'\n';
        }
        value += c;
    }
    return name.left(brace) + QLatin1String(" (") + name.mid(brace + 1, equals - brace - 1)
        + QLatin1Char('=') + value + QLatin1Char(')');
}

} // namespace dashboard
