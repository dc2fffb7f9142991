// SPDX-License-Identifier: MIT
#include "welcomepage.h"

#include "theme.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace dashboard {

namespace {

/// The menu's text (not the toolbar's short one), with the shortcut.
QString buttonText(const QAction *action)
{
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    if (!action->shortcut().isEmpty())
        text += QStringLiteral("   ") + action->shortcut().toString(QKeySequence::NativeText);
    return text;
}

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setIconSize(QSize(24, 24));
    button->setText(buttonText(action));
    // The button takes the action's state as it changes, then its own text again (the action
    // tells its buttons before its changed() signal).
    QObject::connect(action, &QAction::changed, button,
                     [button, action] { button->setText(buttonText(action)); });
    return button;
}

} // namespace

WelcomePage::WelcomePage(const QList<QAction *> &actions, QAction *discovery, QWidget *parent)
    : QWidget(parent),
      m_discovery(discovery),
      m_title(new QLabel(this)),
      m_intro(new QLabel(this)),
      m_discoveryText(new QLabel(this)),
      m_recentTitle(new QLabel(this)),
      m_recentLayout(new QVBoxLayout)
{
    setObjectName(QStringLiteral("WelcomePage"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro->setWordWrap(true);
    m_discoveryText->setWordWrap(true);
    QFont bold = font();
    bold.setBold(true);
    m_recentTitle->setFont(bold);

    // A column of readable width in the middle of the window.
    auto *column = new QVBoxLayout;
    column->setSpacing(8);
    auto *icon = new QLabel(this);
    icon->setPixmap(Theme::applicationIcon().pixmap(64, 64));
    column->addWidget(icon);
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addSpacing(8);
    for (QAction *action : actions)
        column->addWidget(actionButton(action, this));
    column->addSpacing(8);
    column->addWidget(actionButton(discovery, this));
    column->addWidget(m_discoveryText);
    column->addSpacing(8);
    column->addWidget(m_recentTitle);
    m_recentLayout->setSpacing(0);
    column->addLayout(m_recentLayout);

    auto *frame = new QWidget(this);
    frame->setLayout(column);
    frame->setMaximumWidth(fontMetrics().averageCharWidth() * 80);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *middle = new QVBoxLayout;
    middle->addStretch(1);
    middle->addWidget(frame);
    middle->addStretch(2);
    outer->addLayout(middle, 4);
    outer->addStretch(1);

    connect(discovery, &QAction::toggled, this, &WelcomePage::updateDiscoveryText);
    retranslate();
    setRecentFiles({});
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::setRecentFiles(const QStringList &paths)
{
    m_recentFiles = paths;
    // (Later: the button clicked may be the one asking for this.)
    while (QLayoutItem *item = m_recentLayout->takeAt(0)) {
        if (QWidget *button = item->widget()) {
            button->hide();
            button->deleteLater();
        }
        delete item;
    }
    for (const QString &path : paths) {
        auto *button = new QToolButton(this);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setText(tr("%1 — %2").arg(QFileInfo(path).fileName(),
                                          QDir::toNativeSeparators(QFileInfo(path).path())));
        button->setToolTip(QDir::toNativeSeparators(path));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        connect(button, &QToolButton::clicked, this, [this, path] { Q_EMIT fileChosen(path); });
        m_recentLayout->addWidget(button);
    }
    m_recentTitle->setVisible(!paths.isEmpty());
}

void WelcomePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void WelcomePage::retranslate()
{
    m_title->setText(tr("Counters Dashboard"));
    m_intro->setText(tr("No source yet. Watch the counters of running services live, or open "
                        "reports and histories they saved:"));
    m_recentTitle->setText(tr("Opened lately"));
    updateDiscoveryText();
}

void WelcomePage::updateDiscoveryText()
{
    m_discoveryText->setText(
        m_discovery->isChecked()
            ? tr("Services on this machine that publish their counters on a local socket appear "
                 "by themselves as they start; none runs yet.")
            : tr("Local services are not looked for: turn discovery on to list those of this "
                 "machine as they start."));
}

} // namespace dashboard
