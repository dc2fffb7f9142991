// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QProgressBar;
class QToolButton;
QT_END_NAMESPACE

namespace dashboard {

class Source;
class Workspace;

/**
 * The status bar's progress of the files loading (Source::loadProgress()): one bar for all
 * of them (their mean), with the files in its tooltip, and a Cancel button that stops every
 * load, keeping what was read. Hidden while nothing loads.
 *
 * Not thread-safe (GUI thread).
 */
class LoadProgress : public QWidget
{
    Q_OBJECT
public:
    explicit LoadProgress(Workspace *workspace, QWidget *parent = nullptr);

    /// Stops every load in progress.
    void cancel();

private:
    void watch(Source *source);
    void update();

    Workspace *m_workspace;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace dashboard
