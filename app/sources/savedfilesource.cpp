// SPDX-License-Identifier: MIT
#include "savedfilesource.h"

#include "reportfilereader.h"
#include "sourceslogging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

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
    connect(&m_loading, &QFutureWatcher<ReportFileReader::Result>::finished, this,
            &SavedFileSource::loaded);
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
}

void SavedFileSource::load()
{
    if (!isStarted())
        return;
    // A read in flight for an earlier start is dropped: the watcher follows the new one.
    m_loading.setFuture(
        QtConcurrent::run([path = m_path] { return ReportFileReader::read(path); }));
}

void SavedFileSource::loaded()
{
    if (!isStarted() || !m_loading.future().isValid() || m_loading.future().resultCount() == 0)
        return;
    const ReportFileReader::Result result = m_loading.result();
    if (!result.ok()) {
        m_reportCount = 0;
        setState(State::Error,
                 result.error.isEmpty()
                     ? tr("%1 holds no reports").arg(QDir::toNativeSeparators(m_path))
                     : result.error);
        return;
    }
    m_reportCount = int(result.snapshots.size());
    QString summary;
    if (result.isHistory) {
        summary = tr("%n report(s), %1", nullptr, m_reportCount)
                      .arg(formatSpan(result.snapshots.constFirst().time(),
                                      result.snapshots.constLast().time()));
        if (result.corruptLines > 0)
            summary += QLatin1String("; ")
                + tr("%n corrupt line(s) skipped", nullptr, result.corruptLines);
    } else {
        summary = tr("Report of %1").arg(formatTime(result.snapshots.constFirst().time()));
    }
    qCDebug(lcSources) << m_path << "loaded" << m_reportCount << "reports";
    setState(State::Offline, summary);
    deliverHistory(result.snapshots);
}

} // namespace dashboard
