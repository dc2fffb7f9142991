// SPDX-License-Identifier: MIT
#include "muninplugin.h"

#include <counters/report/jsonfilereporter.h>
#include <counters/report/logreporter.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace counters {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool hasSpaceOrLineBreak(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

bool hasLineBreak(const QString &text)
{
    return text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
}

// One JSON object of options into text, skipping `skip`. `where` names the object in errors.
bool readOptions(const QJsonObject &object, QLatin1String skip, const QString &where,
                 MuninPlugin::Options *options, QString *error)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        if (key == skip)
            continue;
        if (key.isEmpty() || hasSpaceOrLineBreak(key))
            return fail(error,
                        QStringLiteral("%1: the option name \"%2\" is empty or has white "
                                       "space")
                            .arg(where, key));
        QString value;
        switch (it.value().type()) {
        case QJsonValue::String:
            value = it.value().toString();
            break;
        case QJsonValue::Double:
            value = LogReporter::formatNumber(it.value().toDouble());
            break;
        case QJsonValue::Bool:
            value = it.value().toBool() ? QStringLiteral("yes") : QStringLiteral("no");
            break;
        default:
            return fail(error,
                        QStringLiteral("%1: option \"%2\" must be a string, a number or a "
                                       "boolean")
                            .arg(where, key));
        }
        if (hasLineBreak(value))
            return fail(
                error,
                QStringLiteral("%1: option \"%2\" has a line break in its value").arg(where, key));
        options->append({key, value});
    }
    return true;
}

// A data item's "labels": an object of strings under valid label names (or nothing).
bool readLabels(QJsonObject &item, const QString &where, Labels *labels, QString *error)
{
    const QJsonValue value = item.take(QLatin1String("labels"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return fail(error, where + QStringLiteral(": \"labels\" must be an object of strings"));
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QString invalid;
        if (!isValidLabelName(it.key(), &invalid))
            return fail(error, where + QStringLiteral(": ") + invalid);
        if (!it.value().isString())
            return fail(
                error, where + QStringLiteral(": the label \"%1\" must be a string").arg(it.key()));
        labels->insert(it.key(), it.value().toString());
    }
    return true;
}

// The field names of a graph's data items, cleaned and unique within the graph.
QStringList fieldNames(const MuninPlugin::Graph &graph)
{
    QStringList names;
    QSet<QString> taken;
    for (const MuninPlugin::Field &field : graph.fields) {
        QString source = field.counter;
        for (const QString &value : field.labels)
            source += QLatin1Char('_') + value;
        const QString base = MuninPlugin::fieldName(source);
        QString name = base;
        for (int n = 2; taken.contains(name); ++n)
            name = base + QLatin1Char('_') + QString::number(n);
        taken.insert(name);
        names.append(name);
    }
    return names;
}

QString formatValue(double value)
{
    // munin's "unknown"; JSON reports cannot hold these, snapshots made in process can.
    if (!std::isfinite(value))
        return QStringLiteral("U");
    return LogReporter::formatNumber(value);
}

} // namespace

bool operator==(const MuninPlugin::Field &a, const MuninPlugin::Field &b)
{
    return a.counter == b.counter && a.options == b.options && a.labels == b.labels;
}

bool operator==(const MuninPlugin::Graph &a, const MuninPlugin::Graph &b)
{
    return a.id == b.id && a.options == b.options && a.fields == b.fields;
}

MuninPlugin::MuninPlugin() : m_clock(Clock::system()) { }

MuninPlugin::MuninPlugin(QList<Graph> graphs, QString reportPath)
    : m_graphs(std::move(graphs)), m_reportPath(std::move(reportPath)), m_clock(Clock::system())
{
}

std::optional<QList<MuninPlugin::Graph>> MuninPlugin::parseGraphs(const QByteArray &json,
                                                                  QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(error,
             QStringLiteral("not JSON: %1 at byte %2")
                 .arg(parseError.errorString())
                 .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isArray()) {
        fail(error,
             QStringLiteral("the graphs must be a JSON list of {\"id\", \"global\", "
                            "\"data\"} objects"));
        return std::nullopt;
    }
    QList<Graph> graphs;
    const QJsonArray list = document.array();
    for (qsizetype g = 0; g < list.size(); ++g) {
        const QString where = QStringLiteral("graph %1").arg(g + 1);
        if (!list.at(g).isObject()) {
            fail(error, where + QStringLiteral(" is not an object"));
            return std::nullopt;
        }
        const QJsonObject object = list.at(g).toObject();
        Graph graph;
        graph.id = object.value(QLatin1String("id")).toString();
        if (graph.id.isEmpty()) {
            fail(error, where + QStringLiteral(": missing graph id (\"id\")"));
            return std::nullopt;
        }
        if (hasSpaceOrLineBreak(graph.id)) {
            fail(error, QStringLiteral("graph \"%1\": the id has white space").arg(graph.id));
            return std::nullopt;
        }
        const QString named = QStringLiteral("graph \"%1\"").arg(graph.id);
        const QJsonValue global = object.value(QLatin1String("global"));
        if (!global.isUndefined() && !global.isObject()) {
            fail(error, named + QStringLiteral(": \"global\" must be an object of options"));
            return std::nullopt;
        }
        if (!readOptions(global.toObject(), QLatin1String(), named, &graph.options, error))
            return std::nullopt;
        const QJsonValue data = object.value(QLatin1String("data"));
        if (!data.isArray()) {
            fail(error, named + QStringLiteral(" has no \"data\" list"));
            return std::nullopt;
        }
        const QJsonArray items = data.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString item = named + QStringLiteral(", data item %1").arg(i + 1);
            QJsonObject itemObject = items.at(i).toObject();
            Field field;
            field.counter = itemObject.value(QLatin1String("counter")).toString();
            if (!items.at(i).isObject() || field.counter.isEmpty()) {
                fail(error, item + QStringLiteral(": missing \"counter\""));
                return std::nullopt;
            }
            if (!readLabels(itemObject, item, &field.labels, error))
                return std::nullopt;
            if (!readOptions(itemObject, QLatin1String("counter"), item, &field.options, error))
                return std::nullopt;
            graph.fields.append(field);
        }
        graphs.append(graph);
    }
    return graphs;
}

std::optional<QList<MuninPlugin::Graph>> MuninPlugin::readGraphs(const QString &path,
                                                                 QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error,
             QStringLiteral("cannot read the graph config %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QString reason;
    auto graphs = parseGraphs(file.readAll(), &reason);
    if (!graphs)
        fail(error, QStringLiteral("the graph config %1 is invalid: %2").arg(path, reason));
    return graphs;
}

void MuninPlugin::setGraphs(const QList<Graph> &graphs)
{
    m_graphs = graphs;
}

QList<MuninPlugin::Graph> MuninPlugin::graphs() const
{
    return m_graphs;
}

void MuninPlugin::setReportPath(const QString &path)
{
    m_reportPath = path;
}

QString MuninPlugin::reportPath() const
{
    return m_reportPath;
}

void MuninPlugin::setMaxAge(Seconds maxAge)
{
    m_maxAge = maxAge;
}

Seconds MuninPlugin::maxAge() const
{
    return m_maxAge;
}

void MuninPlugin::setClock(const Clock *clock)
{
    Q_ASSERT(clock);
    m_clock = clock;
}

const Clock *MuninPlugin::clock() const
{
    return m_clock;
}

QString MuninPlugin::fieldName(QStringView counter)
{
    // munin's clean_fieldname: s/^[^A-Za-z_]/_/; s/[^A-Za-z0-9_]/_/g
    QString name;
    name.reserve(counter.size());
    for (qsizetype i = 0; i < counter.size(); ++i) {
        const char16_t c = counter.at(i).unicode();
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (QChar::isHighSurrogate(c) && i + 1 < counter.size()
            && counter.at(i + 1).isLowSurrogate())
            ++i; // one '_' per code point
        name += (letter || (digit && !name.isEmpty())) ? QChar(c) : QLatin1Char('_');
    }
    return name.isEmpty() ? QStringLiteral("_") : name;
}

QStringList MuninPlugin::config() const
{
    QStringList lines;
    for (const Graph &graph : m_graphs) {
        lines.append(QLatin1String("multigraph ") + graph.id);
        for (const auto &[option, value] : graph.options)
            lines.append(QLatin1String("graph_") + option + QLatin1Char(' ') + value);
        const QStringList names = fieldNames(graph);
        for (qsizetype i = 0; i < graph.fields.size(); ++i) {
            for (const auto &[option, value] : graph.fields.at(i).options)
                lines.append(names.at(i) + QLatin1Char('.') + option + QLatin1Char(' ') + value);
        }
        lines.append(QString());
    }
    return lines;
}

namespace {

/// The value of the row `name` (of its series `labels`), else the sub-value `key` of the row
/// `counter` for a name `counter.key` (tried at every dot: names and keys may hold dots
/// themselves).
std::optional<double> valueOf(const Snapshot &report, const QString &name, const Labels &labels)
{
    if (const CounterRow *row = report.row(seriesName(name, labels)))
        return row->value;
    for (qsizetype dot = name.indexOf(u'.'); dot >= 0; dot = name.indexOf(u'.', dot + 1)) {
        const CounterRow *row = report.row(seriesName(name.left(dot), labels));
        if (!row)
            continue;
        const auto sub = row->subValues.constFind(name.mid(dot + 1));
        if (sub != row->subValues.cend())
            return *sub;
    }
    return std::nullopt;
}

} // namespace

std::optional<QStringList> MuninPlugin::fetch(const Snapshot &report, QString *error) const
{
    if (m_maxAge.count() > 0) {
        if (report.time() <= 0) {
            fail(error,
                 QStringLiteral("the report has no __collection_time__ (it was written by "
                                "an old version of PyCounters?): upgrade its writer, or "
                                "set the maximum age to 0 to turn the age check off"));
            return std::nullopt;
        }
        if (m_clock->wallSeconds() - report.time() > m_maxAge.count())
            return QStringList();
    }
    QStringList lines;
    for (const Graph &graph : m_graphs) {
        lines.append(QLatin1String("multigraph ") + graph.id);
        const QStringList names = fieldNames(graph);
        for (qsizetype i = 0; i < graph.fields.size(); ++i) {
            if (const std::optional<double> value =
                    valueOf(report, graph.fields.at(i).counter, graph.fields.at(i).labels))
                lines.append(names.at(i) + QLatin1String(".value ") + formatValue(*value));
        }
    }
    return lines;
}

std::optional<QStringList> MuninPlugin::fetch(QString *error) const
{
    if (m_reportPath.isEmpty()) {
        fail(error, QStringLiteral("no report file given"));
        return std::nullopt;
    }
    QString reason;
    const std::optional<Snapshot> report = JsonFileReporter::safeRead(m_reportPath, &reason);
    if (!report) {
        fail(error, reason);
        return std::nullopt;
    }
    std::optional<QStringList> lines = fetch(*report, &reason);
    if (!lines)
        fail(error, QStringLiteral("%1: %2").arg(m_reportPath, reason));
    return lines;
}

QString MuninPlugin::autoconf() const
{
    if (m_graphs.isEmpty())
        return QStringLiteral("no (no graphs configured)");
    QString error;
    if (!fetch(&error))
        return QStringLiteral("no (%1)").arg(error.simplified());
    return QStringLiteral("yes");
}

std::optional<QStringList> MuninPlugin::run(Command command, QString *error) const
{
    switch (command) {
    case Command::Config:
        return config();
    case Command::Autoconf:
        return QStringList{autoconf()};
    case Command::Fetch:
        break;
    }
    return fetch(error);
}

} // namespace counters
