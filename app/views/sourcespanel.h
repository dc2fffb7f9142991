// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QListView;
class QToolBar;
QT_END_NAMESPACE

namespace dashboard {

class Source;
class Workspace;

/**
 * The sources panel: every source of the workspace with its live state and message
 * (SourceDelegate), a toolbar to add sources (the actions are given by the main window) and
 * to reconnect or remove the selected one.
 *
 * Not thread-safe (GUI thread).
 */
class SourcesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SourcesPanel(Workspace *workspace, QWidget *parent = nullptr);
    ~SourcesPanel() override;

    /// Puts `actions` (open, connect…) at the front of the panel's toolbar.
    void addSourceActions(const QList<QAction *> &actions);
    QListView *view() const { return m_view; }
    /// The selected source, or nullptr.
    Source *selectedSource() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateActions();
    void applyIcons();

    Workspace *m_workspace;
    QToolBar *m_toolBar;
    QListView *m_view;
    QAction *m_reconnect;
    QAction *m_remove;
};

} // namespace dashboard
