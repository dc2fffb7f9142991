// SPDX-License-Identifier: MIT
#include "historycsvexport.h"

#include "models/csvexport.h"
#include "models/familyaggregates.h"

#include <QDir>
#include <QEventLoop>

#include <algorithm>

namespace dashboard {

HistoryCsvExport::HistoryCsvExport(const QString &historyPath, QObject *parent)
    : QObject(parent), m_historyPath(historyPath)
{
    // A line per report: reports come whole, however many rows they have.
    m_streamer.setPartRows(0);
    connect(&m_streamer, &HistoryStreamer::batchReady, this, &HistoryCsvExport::onBatch);
    connect(&m_streamer, &HistoryStreamer::finished, this, &HistoryCsvExport::onFinished);
}

HistoryCsvExport::~HistoryCsvExport()
{
    m_streamer.stop();
}

std::optional<double> HistoryCsvExport::valueOf(const counters::Snapshot &snapshot,
                                                const Column &column)
{
    const counters::CounterRow *row = snapshot.row(column.key.counter);
    if (!row)
        return std::nullopt;
    QString sub;
    switch (column.field) {
    case PointField::Value:
        return row->value;
    case PointField::WindowMin:
        sub = QStringLiteral("min");
        break;
    case PointField::WindowMax:
        sub = QStringLiteral("max");
        break;
    case PointField::P90:
        sub = QStringLiteral("p90");
        break;
    case PointField::P99:
        sub = QStringLiteral("p99");
        break;
    }
    const auto it = row->subValues.constFind(sub);
    return it == row->subValues.cend() ? std::nullopt : std::optional(*it);
}

void HistoryCsvExport::addColumn(const SeriesKey &key, const QString &title, PointField field)
{
    m_columns.append({key, title, field});
    m_aggregates = m_aggregates || isAggregate(key.counter);
}

void HistoryCsvExport::setRange(double fromSeconds, double toSeconds)
{
    m_from = fromSeconds;
    m_to = toSeconds;
}

bool HistoryCsvExport::start(const QString &csvPath)
{
    m_file = std::make_unique<QSaveFile>(csvPath);
    m_rows = 0;
    m_cancelled = false;
    m_errorString.clear();
    if (!m_file->open(QIODevice::WriteOnly)) {
        m_errorString =
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(csvPath), m_file->errorString());
        m_file.reset();
        return false;
    }
    QString header = QStringLiteral("time");
    for (const Column &column : std::as_const(m_columns))
        header += QLatin1Char(',') + CsvExport::field(column.title);
    m_file->write(header.toUtf8() + '\n');
    m_running = true;
    m_streamer.start(m_historyPath);
    return true;
}

void HistoryCsvExport::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_streamer.cancel();
}

bool HistoryCsvExport::exec(const QString &csvPath)
{
    if (!start(csvPath))
        return false;
    QEventLoop loop;
    bool ok = false;
    connect(this, &HistoryCsvExport::finished, &loop, [&](bool result) {
        ok = result;
        loop.quit();
    });
    loop.exec();
    if (m_running) {
        // The application quit meanwhile (every event loop returns): nothing is written.
        m_streamer.stop();
        m_file->cancelWriting();
        m_file.reset();
        m_running = false;
        m_errorString = tr("Export interrupted");
        return false;
    }
    return ok;
}

void HistoryCsvExport::onBatch(const QList<counters::Snapshot> &snapshots, qint64 read,
                               qint64 total)
{
    if (!m_running || m_cancelled)
        return;
    QString text;
    text.reserve(snapshots.size() * (24 + 12 * m_columns.size()));
    for (const counters::Snapshot &report : snapshots) {
        if (report.time() < m_from || report.time() > m_to)
            continue;
        const counters::Snapshot snapshot = m_aggregates ? withFamilyAggregates(report) : report;
        text += CsvExport::timeField(snapshot.time());
        for (const Column &column : std::as_const(m_columns)) {
            text += QLatin1Char(',');
            const counters::Snapshot *values = &snapshot;
            if (column.key.isNode()) {
                values = nullptr;
                for (qsizetype i = 0; i < snapshot.nodes().size() && !values; ++i) {
                    if (SeriesKey::nodeIdOf(snapshot.nodes().at(i), i) == column.key.node)
                        values = &snapshot.nodes().at(i);
                }
            }
            if (const std::optional<double> value =
                    values ? valueOf(*values, column) : std::nullopt)
                text += CsvExport::valueField(*value);
        }
        text += QLatin1Char('\n');
        ++m_rows;
    }
    const QByteArray bytes = text.toUtf8();
    if (m_file->write(bytes) != bytes.size()) {
        fail(tr("Cannot write %1: %2")
                 .arg(QDir::toNativeSeparators(m_file->fileName()), m_file->errorString()));
        return;
    }
    Q_EMIT progressChanged(total > 0 ? double(read) / double(total) : 0);
}

void HistoryCsvExport::fail(const QString &error)
{
    m_errorString = error;
    m_cancelled = true; // what follows is dropped; finished() says why
    m_streamer.cancel();
}

void HistoryCsvExport::onFinished(const HistoryStreamer::Summary &summary)
{
    m_running = false;
    if (m_cancelled || summary.cancelled) {
        m_file->cancelWriting();
        m_file.reset();
        if (m_errorString.isEmpty())
            m_errorString = tr("Export cancelled");
        Q_EMIT finished(false);
        return;
    }
    if (summary.reports == 0) {
        m_file->cancelWriting();
        m_file.reset();
        m_errorString = summary.error.isEmpty()
            ? tr("%1 holds no reports").arg(QDir::toNativeSeparators(m_historyPath))
            : summary.error;
        Q_EMIT finished(false);
        return;
    }
    const bool ok = m_file->commit();
    if (!ok)
        m_errorString =
            tr("Cannot write %1: %2")
                .arg(QDir::toNativeSeparators(m_file->fileName()), m_file->errorString());
    m_file.reset();
    Q_EMIT finished(ok);
}

} // namespace dashboard
