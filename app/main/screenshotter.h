// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace dashboard {

class MainWindow;
class Workspace;

/**
 * Takes the `--screenshot` and writes the `--export-csv`: waits until every source of the
 * workspace has delivered data (or a source failed for good, or the deadline passed), applies
 * the last frame, renders the window offscreen and writes it as PNG (when `path` is not
 * empty), and writes every counter's history as CSV (when setCsvPath() was given one).
 * finished() then tells the exit code and a message: 0 when every source delivered, 1 when
 * one failed or delivered nothing (the files are written anyway; the picture shows the
 * error) or a file cannot be written.
 *
 * Not thread-safe (GUI thread).
 */
class Screenshotter : public QObject
{
    Q_OBJECT
public:
    Screenshotter(MainWindow *window, const QString &path, double deadlineSeconds,
                  QObject *parent = nullptr);
    ~Screenshotter() override;

    /// Also writes MainWindow::exportAllCsv() to `path`.
    void setCsvPath(const QString &path) { m_csvPath = path; }

    /// Starts waiting; checks at once (sources that are already done).
    void start();
    /// Renders and writes now, whatever the sources' state.
    void shoot();

Q_SIGNALS:
    void finished(int exitCode, const QString &message);

private:
    void check();

    MainWindow *m_window;
    Workspace *m_workspace;
    QString m_path;
    QString m_csvPath;
    QTimer m_deadline;
    QTimer m_settle;
    bool m_done = false;
};

} // namespace dashboard
