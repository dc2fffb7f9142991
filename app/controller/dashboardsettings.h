// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace dashboard {

/**
 * What the dashboard remembers between sessions, and the one place that knows how it is
 * stored (QSettings of the application: organisation and application name): the window's
 * geometry, state and splitter (opaque to this class), the recent files, the per-process view,
 * the history's memory budget and the last layout (Layout::toJson()).
 *
 * A plain value; load() and save() touch QSettings (GUI thread).
 */
struct DashboardSettings
{
    QByteArray windowGeometry;
    QByteArray windowState;
    QByteArray splitterState;
    QStringList recentFiles;
    bool perProcess = false;
    int historyMemoryMiB = 0; ///< The history's memory budget in MiB; 0: the default.
    QByteArray lastLayout;    ///< Empty: none.
    /// The counter table's hidden columns, by name ("P50Column"); std::nullopt: the defaults.
    std::optional<QStringList> hiddenColumns;

    /// What was saved, defaults for what was not.
    static DashboardSettings load();
    void save() const;
};

} // namespace dashboard
