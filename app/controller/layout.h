// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"
#include "models/thresholdset.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace dashboard {

/// One chart of a Layout: its series (merged keys, in order), the hidden ones, those drawn
/// without bands, the colours and names the user chose, its time range ("1m", "5m", "15m",
/// "1h" or "all"), its value axis' scale and whether it starts at zero (std::nullopt: as the
/// unit suggests).
struct ChartLayout
{
    QList<SeriesKey> series;
    QList<SeriesKey> hidden;
    QList<SeriesKey> withoutBands;
    QHash<SeriesKey, QColor> colors;  ///< "color": "#rrggbb"
    QHash<SeriesKey, QString> labels; ///< "label": a name of the user's
    QString range = QStringLiteral("all");
    bool logScale = false;
    std::optional<bool> fromZero;

    friend bool operator==(const ChartLayout &a, const ChartLayout &b)
    {
        return a.series == b.series && a.hidden == b.hidden && a.withoutBands == b.withoutBands
            && a.colors == b.colors && a.labels == b.labels && a.range == b.range
            && a.logScale == b.logScale && a.fromZero == b.fromZero;
    }
};

/**
 * What a dashboard shows, saved to and loaded from a JSON file: the sources (Source::id()),
 * the discovered local services that charts show, the charts with their counters, hidden
 * series and time ranges, the thresholds, the history's memory budget and the per-process
 * toggle. A plain value.
 *
 * The file is an object with `"version": 1`; keys this version does not know are ignored, so
 * newer dashboards can add some. A file that is not JSON, not an object, of another version or
 * with a known key of the wrong type is refused with a clear errorString(), never half read.
 */
class Layout
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::Layout)
public:
    static constexpr int Version = 1;

    QStringList sources;
    /// Sources found by local discovery (Source::id()) that charts show: followed again as
    /// discovered sources, so that the charts come back when the service is found again.
    QStringList discovered;
    QList<ChartLayout> charts;
    QMap<QString, Threshold> thresholds;
    int historyMemoryMiB = 0; ///< The history's memory budget in MiB; 0: leave as it is.
    bool perProcess = false;

    QByteArray toJson() const;
    /// Replaces this layout by the one in `json`; false and errorString() when it is bad (the
    /// layout is then unchanged).
    bool fromJson(const QByteArray &json);
    /// fromJson() of a file; the error names the file.
    bool load(const QString &path);
    /// Writes toJson() atomically; false and errorString() on failure.
    bool save(const QString &path);
    QString errorString() const { return m_errorString; }

    friend bool operator==(const Layout &a, const Layout &b)
    {
        return a.sources == b.sources && a.discovered == b.discovered && a.charts == b.charts
            && a.thresholds == b.thresholds && a.historyMemoryMiB == b.historyMemoryMiB
            && a.perProcess == b.perProcess;
    }

private:
    QString m_errorString;
};

} // namespace dashboard
