// SPDX-License-Identifier: MIT
#include "sourcespanel.h"

#include "controller/workspace.h"
#include "models/sourcelistmodel.h"
#include "sourcedelegate.h"
#include "theme.h"

#include <QAction>
#include <QListView>
#include <QToolBar>
#include <QVBoxLayout>

namespace dashboard {

SourcesPanel::SourcesPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent),
      m_workspace(workspace),
      m_toolBar(new QToolBar(this)),
      m_view(new QListView(this)),
      m_reconnect(new QAction(tr("Reconnect"), this)),
      m_remove(new QAction(tr("Remove Source"), this))
{
    m_view->setModel(workspace->sourceList());
    m_view->setItemDelegate(new SourceDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setFrameShape(QFrame::NoFrame);

    m_reconnect->setToolTip(tr("Reconnect to the selected source now (or read its file again)"));
    m_remove->setToolTip(tr("Stop following the selected source and forget its data"));
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_remove);
    connect(m_reconnect, &QAction::triggered, this, [this] {
        if (Source *source = selectedSource())
            source->restart();
    });
    connect(m_remove, &QAction::triggered, this, [this] {
        if (Source *source = selectedSource())
            m_workspace->removeSource(source);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SourcesPanel::updateActions);
    connect(workspace->sourceList(), &QAbstractItemModel::rowsRemoved, this,
            &SourcesPanel::updateActions);

    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    QWidget *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(m_reconnect);
    m_toolBar->addAction(m_remove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view, 1);

    applyIcons();
    updateActions();
}

SourcesPanel::~SourcesPanel() = default;

void SourcesPanel::addSourceActions(const QList<QAction *> &actions)
{
    QAction *first = m_toolBar->actions().value(0);
    m_toolBar->insertActions(first, actions);
}

Source *SourcesPanel::selectedSource() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_workspace->sourceList()->sourceAt(rows.constFirst().row());
}

void SourcesPanel::updateActions()
{
    const Source *source = selectedSource();
    m_reconnect->setEnabled(source);
    m_remove->setEnabled(source);
}

void SourcesPanel::applyIcons()
{
    m_reconnect->setIcon(Theme::icon(QStringLiteral("reconnect"), palette()));
    m_remove->setIcon(Theme::icon(QStringLiteral("remove"), palette()));
}

void SourcesPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyIcons();
}

} // namespace dashboard
