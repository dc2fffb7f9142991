// SPDX-License-Identifier: MIT
#include "screenshotter.h"

#include "controller/workspace.h"
#include "sources/source.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPixmap>

namespace dashboard {

Screenshotter::Screenshotter(MainWindow *window, const QString &path, double deadlineSeconds,
                             QObject *parent)
    : QObject(parent), m_window(window), m_workspace(window->workspace()), m_path(path)
{
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(int(deadlineSeconds * 1000));
    connect(&m_deadline, &QTimer::timeout, this, &Screenshotter::shoot);
    // After the last source delivered: let one frame apply and the charts lay out.
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, &Screenshotter::shoot);
}

Screenshotter::~Screenshotter() = default;

void Screenshotter::start()
{
    connect(m_workspace, &Workspace::frameApplied, this, &Screenshotter::check);
    for (Source *source : m_workspace->sources()) {
        connect(source, &Source::stateChanged, this, &Screenshotter::check);
        connect(source, &Source::loadProgressChanged, this, &Screenshotter::check);
    }
    m_deadline.start();
    check();
}

void Screenshotter::check()
{
    if (m_done || m_settle.isActive())
        return;
    bool allDelivered = true;
    for (const Source *source : m_workspace->sources()) {
        if (source->state() == Source::State::Error && !source->willRetry()) {
            // This one will never deliver: no use waiting for the others.
            m_settle.start();
            return;
        }
        // A file still loading has delivered only part of its reports.
        allDelivered &= source->hasData() && source->loadProgress() < 0;
    }
    if (allDelivered)
        m_settle.start();
}

void Screenshotter::shoot()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    m_settle.stop();
    m_workspace->flush();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();

    QStringList failures;
    for (const Source *source : m_workspace->sources()) {
        if (source->hasData())
            continue;
        const QString reason =
            source->message().isEmpty() ? tr("no data arrived") : source->message();
        failures.append(tr("%1: %2").arg(source->url().toDisplayString(), reason));
    }

    if (!m_csvPath.isEmpty()) {
        QString error;
        if (!m_window->exportAllCsv(m_csvPath, &error)) {
            Q_EMIT finished(1, tr("counters-dashboard: %1").arg(error));
            return;
        }
    }
    if (!m_path.isEmpty()) {
        const QImage image = m_window->grab().toImage();
        if (image.isNull() || !image.save(m_path, "PNG")) {
            Q_EMIT finished(1,
                            tr("counters-dashboard: cannot write the screenshot %1")
                                .arg(QDir::toNativeSeparators(m_path)));
            return;
        }
    }
    const QString written = m_path.isEmpty() ? m_csvPath : m_path;
    if (m_workspace->sources().isEmpty()) {
        Q_EMIT finished(1,
                        tr("counters-dashboard: %1 written, but there was no source to show: name "
                           "report files or addresses (local:NAME, http://HOST:PORT, …) on the "
                           "command line, or a layout with --layout FILE")
                            .arg(QDir::toNativeSeparators(written)));
        return;
    }
    if (!failures.isEmpty()) {
        Q_EMIT finished(
            1,
            tr("counters-dashboard: %1 written, but a source failed:\n  %2")
                .arg(QDir::toNativeSeparators(written), failures.join(QStringLiteral("\n  "))));
        return;
    }
    Q_EMIT finished(0, QString());
}

} // namespace dashboard
