// SPDX-License-Identifier: MIT
#include "layout.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace dashboard {

namespace {

const QLatin1String kVersion("version");
const QLatin1String kSources("sources");
const QLatin1String kDiscovered("discovered");
const QLatin1String kCharts("charts");
const QLatin1String kSeries("series");
const QLatin1String kSource("source");
const QLatin1String kCounter("counter");
const QLatin1String kHidden("hidden");
const QLatin1String kRange("range");
const QLatin1String kBand("band");
const QLatin1String kScale("scale");
const QLatin1String kLinear("linear");
const QLatin1String kLog("log");
const QLatin1String kFromZero("fromZero");
const QLatin1String kThresholds("thresholds");
const QLatin1String kHistoryMemory("historyMemoryMiB");
const QLatin1String kPerProcess("perProcess");
const QLatin1String kColor("color");
const QLatin1String kLabel("label");

/// The file size a layout never reaches: anything larger is not one.
constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

} // namespace

QByteArray Layout::toJson() const
{
    QJsonObject root;
    root.insert(kVersion, Version);
    root.insert(kSources, QJsonArray::fromStringList(sources));
    if (!discovered.isEmpty())
        root.insert(kDiscovered, QJsonArray::fromStringList(discovered));
    QJsonArray chartArray;
    for (const ChartLayout &chart : charts) {
        QJsonArray seriesArray;
        for (const SeriesKey &key : chart.series) {
            QJsonObject series{{kSource, key.sourceId}, {kCounter, key.counter}};
            if (chart.hidden.contains(key))
                series.insert(kHidden, true);
            if (chart.withoutBands.contains(key))
                series.insert(kBand, false);
            if (const QColor color = chart.colors.value(key); color.isValid())
                series.insert(kColor, color.name(QColor::HexRgb));
            if (const QString label = chart.labels.value(key); !label.isEmpty())
                series.insert(kLabel, label);
            seriesArray.append(series);
        }
        QJsonObject chartObject{{kRange, chart.range},
                                {kScale, chart.logScale ? kLog : kLinear},
                                {kSeries, seriesArray}};
        if (chart.fromZero)
            chartObject.insert(kFromZero, *chart.fromZero);
        chartArray.append(chartObject);
    }
    root.insert(kCharts, chartArray);
    ThresholdSet set;
    set.setThresholds(thresholds);
    root.insert(kThresholds, set.toJson());
    if (historyMemoryMiB > 0)
        root.insert(kHistoryMemory, historyMemoryMiB);
    root.insert(kPerProcess, perProcess);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool Layout::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_errorString = tr("not a layout: invalid JSON at byte %1 (%2)")
                            .arg(parseError.offset)
                            .arg(parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        m_errorString = tr("not a layout: the JSON is not an object");
        return false;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(kVersion);
    if (!version.isDouble()) {
        m_errorString = tr("not a layout: it has no \"version\"");
        return false;
    }
    if (version.toDouble() != Version) {
        m_errorString = tr("layout version %1 is not supported (this dashboard reads version %2)")
                            .arg(version.toDouble())
                            .arg(Version);
        return false;
    }
    const auto wrongType = [this](const QString &key, const QString &expected) {
        m_errorString = tr("bad layout: \"%1\" must be %2").arg(key, expected);
        return false;
    };

    // A list of source ids (absent: empty); false when it is something else.
    const auto readSources = [&root](const QString &key, QStringList *out) {
        const QJsonValue list = root.value(key);
        if (list.isUndefined())
            return true;
        if (!list.isArray())
            return false;
        for (const QJsonValue &source : list.toArray()) {
            if (!source.isString() || source.toString().isEmpty())
                return false;
            out->append(source.toString());
        }
        return true;
    };
    Layout read;
    if (!readSources(kSources, &read.sources))
        return wrongType(kSources, tr("a list of source addresses"));
    if (!readSources(kDiscovered, &read.discovered))
        return wrongType(kDiscovered, tr("a list of source addresses"));
    const QJsonValue chartList = root.value(kCharts);
    if (!chartList.isUndefined()) {
        if (!chartList.isArray())
            return wrongType(kCharts, tr("a list of charts"));
        for (const QJsonValue &chartValue : chartList.toArray()) {
            if (!chartValue.isObject())
                return wrongType(kCharts, tr("a list of charts"));
            const QJsonObject chartObject = chartValue.toObject();
            ChartLayout chart;
            const QJsonValue range = chartObject.value(kRange);
            if (range.isString())
                chart.range = range.toString();
            else if (!range.isUndefined())
                return wrongType(kRange, tr("a text such as \"5m\""));
            const QJsonValue scale = chartObject.value(kScale);
            if (scale == kLog)
                chart.logScale = true;
            else if (!scale.isUndefined() && scale != kLinear)
                return wrongType(kScale, tr("\"linear\" or \"log\""));
            const QJsonValue fromZero = chartObject.value(kFromZero);
            if (fromZero.isBool())
                chart.fromZero = fromZero.toBool();
            else if (!fromZero.isUndefined())
                return wrongType(kFromZero, tr("true or false"));
            const QJsonValue seriesList = chartObject.value(kSeries);
            if (!seriesList.isUndefined() && !seriesList.isArray())
                return wrongType(kSeries, tr("a list of counters"));
            for (const QJsonValue &seriesValue : seriesList.toArray()) {
                const QJsonObject series = seriesValue.toObject();
                const QString counter = series.value(kCounter).toString();
                if (!seriesValue.isObject() || counter.isEmpty())
                    return wrongType(kSeries, tr("a list of counters"));
                const SeriesKey key{series.value(kSource).toString(), QString(), counter};
                if (chart.series.contains(key))
                    continue;
                chart.series.append(key);
                if (series.value(kHidden).toBool())
                    chart.hidden.append(key);
                if (series.value(kBand) == false)
                    chart.withoutBands.append(key);
                const QJsonValue color = series.value(kColor);
                if (!color.isUndefined()) {
                    const QColor parsed = QColor::fromString(color.toString());
                    if (!color.isString() || !parsed.isValid())
                        return wrongType(kColor, tr("a colour such as \"#1f77b4\""));
                    chart.colors.insert(key, parsed);
                }
                const QJsonValue label = series.value(kLabel);
                if (!label.isUndefined()) {
                    if (!label.isString())
                        return wrongType(kLabel, tr("a text"));
                    if (!label.toString().trimmed().isEmpty())
                        chart.labels.insert(key, label.toString().trimmed());
                }
            }
            read.charts.append(chart);
        }
    }
    const QJsonValue thresholdObject = root.value(kThresholds);
    if (!thresholdObject.isUndefined()) {
        if (!thresholdObject.isObject())
            return wrongType(kThresholds, tr("an object of counters"));
        read.thresholds = ThresholdSet::fromJson(thresholdObject.toObject());
    }
    // Layouts of earlier versions kept a number of points ("historyLength"): a budget is not
    // derived from it, the current one stays.
    const QJsonValue historyValue = root.value(kHistoryMemory);
    if (!historyValue.isUndefined()) {
        if (!historyValue.isDouble() || historyValue.toDouble() < 1
            || historyValue.toDouble() > 1048576)
            return wrongType(kHistoryMemory, tr("a number of MiB from 1 to 1048576"));
        read.historyMemoryMiB = historyValue.toInt();
    }
    const QJsonValue perProcessValue = root.value(kPerProcess);
    if (!perProcessValue.isUndefined()) {
        if (!perProcessValue.isBool())
            return wrongType(kPerProcess, tr("true or false"));
        read.perProcess = perProcessValue.toBool();
    }
    *this = read;
    return true;
}

bool Layout::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errorString =
            tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.size() > kMaxFileSize) {
        m_errorString =
            tr("%1: not a layout: the file is too large").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!fromJson(file.readAll())) {
        m_errorString = tr("%1: %2").arg(QDir::toNativeSeparators(path), m_errorString);
        return false;
    }
    return true;
}

bool Layout::save(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        m_errorString =
            tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace dashboard
