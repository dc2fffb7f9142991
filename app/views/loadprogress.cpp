// SPDX-License-Identifier: MIT
#include "loadprogress.h"

#include "controller/workspace.h"
#include "sources/source.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace dashboard {

LoadProgress::LoadProgress(Workspace *workspace, QWidget *parent)
    : QWidget(parent),
      m_workspace(workspace),
      m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Whole percent: the bar repaints a hundred times per load, not once per batch.
    m_bar->setRange(0, 100);
    m_bar->setTextVisible(true);
    m_bar->setFixedWidth(QFontMetrics(m_bar->font()).horizontalAdvance(tr("Loading 100%")) + 40);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading, keeping what was read so far"));
    m_cancel->setAutoRaise(true);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &LoadProgress::cancel);
    for (Source *source : m_workspace->sources())
        watch(source);
    connect(m_workspace, &Workspace::sourceAdded, this, &LoadProgress::watch);
    connect(m_workspace, &Workspace::sourceRemoved, this, &LoadProgress::update,
            Qt::QueuedConnection); // once the source is gone
    update();
}

void LoadProgress::watch(Source *source)
{
    connect(source, &Source::loadProgressChanged, this, &LoadProgress::update);
    update();
}

void LoadProgress::cancel()
{
    for (Source *source : m_workspace->sources())
        source->cancelLoading();
}

void LoadProgress::update()
{
    double sum = 0;
    QStringList names;
    for (const Source *source : m_workspace->sources()) {
        const double progress = source->loadProgress();
        if (progress < 0)
            continue;
        sum += progress;
        names.append(source->displayName());
    }
    setVisible(!names.isEmpty());
    if (names.isEmpty())
        return;
    m_bar->setValue(int(sum / double(names.size()) * 100));
    // The names are in the tooltip: a status bar has no room for them.
    m_bar->setFormat(tr("Loading %p%"));
    m_bar->setToolTip(
        names.size() == 1
            ? tr("Loading %1").arg(names.constFirst())
            : tr("Loading %1 files:\n%2").arg(names.size()).arg(names.join(QLatin1Char('\n'))));
}

} // namespace dashboard
