// SPDX-License-Identifier: MIT
#include "savedfilesource.h"

#include "reportfilereader.h"
#include "sourceslogging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace dashboard {

namespace {

QString formatTime(double epochSeconds)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(epochSeconds * 1000)),
                              QLocale::ShortFormat);
}

} // namespace

SavedFileSource::SavedFileSource(const QString &path, QObject *parent)
    : Source(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()), QFileInfo(path).fileName(),
             parent),
      m_path(QFileInfo(path).absoluteFilePath())
{
    m_loadTimer.setSingleShot(true);
    connect(&m_loadTimer, &QTimer::timeout, this, &SavedFileSource::load);
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
    const ReportFileReader::Result result = ReportFileReader::read(m_path);
    if (!result.ok()) {
        m_reportCount = 0;
        setState(State::Error, result.error.isEmpty()
                                   ? tr("%1 holds no reports").arg(QDir::toNativeSeparators(m_path))
                                   : result.error);
        return;
    }
    m_reportCount = int(result.snapshots.size());
    QString summary;
    if (result.isHistory) {
        summary = tr("History of %n report(s), %1 – %2", nullptr, m_reportCount)
                      .arg(formatTime(result.snapshots.constFirst().time()),
                           formatTime(result.snapshots.constLast().time()));
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
