// SPDX-License-Identifier: MIT
#pragma once

#include "counterhistory.h"
#include "serieskey.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <limits>

namespace dashboard {

class HistoryStore;

/**
 * The data behind a chart as CSV: a header line `time,<title>,<title>…`, then one line per
 * distinct time of any column (oldest first, ISO 8601 UTC with milliseconds) with each series'
 * value at that time, empty where a series has none. Numbers are written in C notation, as
 * short as round-trips exactly. Only times in the range (epoch seconds, both ends included)
 * are written.
 *
 * Not thread-safe; reads the HistoryStore, which must outlive it.
 */
class CsvExport
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::CsvExport)
public:
    explicit CsvExport(const HistoryStore *history);

    /// A column of `key`'s values, or of another of its points' numbers (`field`: a
    /// percentile counter's P90 or P99, a window's minimum or maximum).
    void addColumn(const SeriesKey &key, const QString &title,
                   PointField field = PointField::Value);
    int columnCount() const { return int(m_columns.size()); }
    void setRange(double fromSeconds, double toSeconds);

    QByteArray toCsv() const;
    /// Writes toCsv() to `path` atomically; false and errorString() on failure.
    bool write(const QString &path);
    QString errorString() const { return m_errorString; }

    /// `text` as a CSV field (quoted when it holds a comma, a quote or a line break).
    static QString field(const QString &text);
    /// A time (epoch seconds) as written in the time column: ISO 8601 UTC with milliseconds.
    static QString timeField(double seconds);
    /// A value as written: C notation, as short as round-trips exactly.
    static QString valueField(double value);

private:
    struct Column
    {
        SeriesKey key;
        QString title;
        PointField field = PointField::Value;
    };

    const HistoryStore *m_history;
    QList<Column> m_columns;
    double m_from = -std::numeric_limits<double>::infinity();
    double m_to = std::numeric_limits<double>::infinity();
    QString m_errorString;
};

} // namespace dashboard
