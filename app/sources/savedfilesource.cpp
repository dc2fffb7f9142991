// SPDX-License-Identifier: MIT
#include "savedfilesource.h"

#include "sourceslogging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace dashboard {

namespace {

QDateTime toDateTime(double epochSeconds)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(epochSeconds * 1000));
}

QString formatTime(double epochSeconds)
{
    return QLocale().toString(toDateTime(epochSeconds), QLocale::ShortFormat);
}

/// "27.11.24 09:33 – 09:53", the date only once when both ends fall on the same day.
QString formatSpan(double from, double to)
{
    const QLocale locale;
    const QDateTime start = toDateTime(from);
    const QDateTime end = toDateTime(to);
    const QString last = start.date() == end.date()
        ? locale.toString(end.time(), QLocale::ShortFormat)
        : locale.toString(end, QLocale::ShortFormat);
    return locale.toString(start, QLocale::ShortFormat) + QStringLiteral(" – ") + last;
}

} // namespace

SavedFileSource::SavedFileSource(const QString &path, QObject *parent)
    : Source(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()), QFileInfo(path).fileName(),
             parent),
      m_path(QFileInfo(path).absoluteFilePath())
{
    m_loadTimer.setSingleShot(true);
    connect(&m_loadTimer, &QTimer::timeout, this, &SavedFileSource::load);
    connect(&m_streamer, &HistoryStreamer::batchReady, this, &SavedFileSource::onBatch);
    connect(&m_streamer, &HistoryStreamer::finished, this, &SavedFileSource::onFinished);
}

SavedFileSource::~SavedFileSource()
{
    stop();
}

void SavedFileSource::doStart()
{
    setState(State::Connecting, tr("Reading %1…").arg(QDir::toNativeSeparators(m_path)));
    m_loadTimer.start(0);
}

void SavedFileSource::doStop()
{
    m_loadTimer.stop();
    // A reading stopped is forgotten: nothing of it reaches a later start.
    if (m_streamer.isRunning()) {
        m_streamer.stop();
        setProgress(-1);
    }
}

void SavedFileSource::cancelLoading()
{
    m_streamer.cancel();
}

void SavedFileSource::load()
{
    if (!isStarted())
        return;
    m_reportCount = 0;
    m_outOfOrder = 0;
    m_newest = 0;
    m_messageClock.start();
    setProgress(0);
    m_streamer.start(m_path);
}

void SavedFileSource::setProgress(double progress)
{
    if (progress == m_progress)
        return;
    m_progress = progress;
    Q_EMIT loadProgressChanged(progress);
}

void SavedFileSource::onBatch(const QList<counters::Snapshot> &snapshots, qint64 read, qint64 total,
                              bool continued, qsizetype rowsToCome)
{
    if (!isStarted())
        return;
    // A part of a big report that goes on is no report of its own.
    m_reportCount += snapshots.size() - (continued ? 1 : 0);
    // A history is charted in time order: a report not newer than one before it (a clock set
    // back) may not find its place, and is counted rather than passed over in silence.
    for (qsizetype i = continued ? 1 : 0; i < snapshots.size(); ++i) {
        const counters::Snapshot &snapshot = snapshots.at(i);
        if (snapshot.time() <= m_newest)
            ++m_outOfOrder;
        else
            m_newest = snapshot.time();
    }
    setProgress(total > 0 ? std::min(1.0, double(read) / double(total)) : 0);
    // The message says how far it got, a few times a second rather than per batch.
    if (m_messageClock.elapsed() >= 250) {
        m_messageClock.restart();
        setState(State::Connecting,
                 tr("Reading %1: %2 %, %3 reports")
                     .arg(QFileInfo(m_path).fileName())
                     .arg(int(m_progress * 100))
                     .arg(QLocale().toString(m_reportCount)));
    }
    deliverHistory(snapshots, continued, rowsToCome);
}

void SavedFileSource::onFinished(const HistoryStreamer::Summary &summary)
{
    const double progress = m_progress;
    setProgress(-1);
    if (!isStarted())
        return;
    if (summary.cancelled && !summary.isHistory && m_reportCount > 0) {
        // A big report cancelled after some of its parts came: the table shows them, and says
        // they are a part.
        setState(State::Offline,
                 tr("Cancelled at %1 %: part of the report of %2")
                     .arg(int(progress * 100))
                     .arg(formatTime(m_newest)));
        return;
    }
    if (summary.reports == 0) {
        m_reportCount = 0;
        setState(State::Error,
                 summary.cancelled
                     ? tr("Reading %1 was cancelled").arg(QDir::toNativeSeparators(m_path))
                     : summary.error.isEmpty()
                     ? tr("%1 holds no reports").arg(QDir::toNativeSeparators(m_path))
                     : summary.error);
        return;
    }
    QString text;
    if (summary.isHistory) {
        text = tr("%n report(s), %1", nullptr, int(summary.reports))
                   .arg(formatSpan(summary.first, summary.last));
        if (summary.cancelled)
            text = tr("Cancelled at %1 %: ").arg(int(progress * 100)) + text;
        if (summary.corruptLines > 0)
            text += QLatin1String("; ")
                + tr("%n corrupt line(s) skipped", nullptr, summary.corruptLines);
        if (m_outOfOrder > 0)
            text += QLatin1String("; ") + tr("%1 report(s) out of time order").arg(m_outOfOrder);
    } else {
        text = tr("Report of %1").arg(formatTime(summary.first));
    }
    qCDebug(lcSources) << m_path << "loaded" << summary.reports << "reports";
    setState(State::Offline, text);
}

} // namespace dashboard
