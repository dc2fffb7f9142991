// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QVBoxLayout;
QT_END_NAMESPACE

namespace dashboard {

/**
 * What the window shows while there is no source: how to begin, as buttons for the actions
 * that add one (open, watch, connect, a layout), whether local services are looked for (they
 * appear by themselves then; the discovery action's button turns it on), and the files
 * opened lately. The buttons trigger the window's own actions, so that shortcuts, texts and
 * enabled states stay those of the menus.
 *
 * Not thread-safe (GUI thread).
 */
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    /// Buttons for `actions` (in order), and one for the checkable `discovery`.
    WelcomePage(const QList<QAction *> &actions, QAction *discovery, QWidget *parent = nullptr);
    ~WelcomePage() override;

    /// The files opened lately, newest first (each a button that emits fileChosen()).
    void setRecentFiles(const QStringList &paths);
    QStringList recentFiles() const { return m_recentFiles; }

Q_SIGNALS:
    void fileChosen(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateDiscoveryText();
    void retranslate();

    QAction *m_discovery;
    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_discoveryText;
    QLabel *m_recentTitle;
    QVBoxLayout *m_recentLayout;
    QStringList m_recentFiles;
};

} // namespace dashboard
