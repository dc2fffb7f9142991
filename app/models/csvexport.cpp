// SPDX-License-Identifier: MIT
#include "csvexport.h"

#include "historystore.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <vector>

namespace dashboard {

CsvExport::CsvExport(const HistoryStore *history) : m_history(history) { }

void CsvExport::addColumn(const SeriesKey &key, const QString &title, PointField field)
{
    m_columns.append({key, title, field});
}

void CsvExport::setRange(double fromSeconds, double toSeconds)
{
    m_from = fromSeconds;
    m_to = toSeconds;
}

QString CsvExport::field(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString CsvExport::timeField(double seconds)
{
    // toUTC(): written with a "Z" on every Qt 6 (the time-spec overload is deprecated
    // from 6.8, and a QTimeZone one writes "+00:00" on 6.4).
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(seconds * 1000)))
        .toUTC()
        .toString(Qt::ISODateWithMs);
}

QString CsvExport::valueField(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray CsvExport::toCsv() const
{
    std::vector<const CounterHistory *> histories;
    std::vector<double> times;
    QString text = QStringLiteral("time");
    for (const Column &column : m_columns) {
        text += QLatin1Char(',') + field(column.title);
        const CounterHistory *history = m_history->history(column.key);
        histories.push_back(history);
        for (int i = 0; history && i < history->size(); ++i) {
            const double time = history->at(i).time;
            if (time >= m_from && time <= m_to)
                times.push_back(time);
        }
    }
    text += QLatin1Char('\n');
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    // Each history is sorted by time: one cursor per column walks it once.
    std::vector<int> cursors(histories.size(), 0);
    for (const double time : times) {
        text += timeField(time);
        for (std::size_t column = 0; column < histories.size(); ++column) {
            text += QLatin1Char(',');
            const CounterHistory *history = histories[column];
            int &cursor = cursors[column];
            while (history && cursor < history->size() && history->at(cursor).time < time)
                ++cursor;
            if (history && cursor < history->size() && history->at(cursor).time == time) {
                const double value = history->at(cursor).field(m_columns.at(column).field);
                if (!std::isnan(value))
                    text += valueField(value);
            }
        }
        text += QLatin1Char('\n');
    }
    return text.toUtf8();
}

bool CsvExport::write(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toCsv()) < 0 || !file.commit()) {
        m_errorString =
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace dashboard
