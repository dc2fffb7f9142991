// SPDX-License-Identifier: MIT
#include "dashboardsettings.h"

#include <QSettings>

#include <algorithm>

namespace dashboard {

namespace {

const QLatin1String kGeometry("window/geometry");
const QLatin1String kState("window/state");
const QLatin1String kSplitter("window/splitter");
const QLatin1String kRecent("files/recent");
const QLatin1String kPerProcess("view/perProcess");
const QLatin1String kHistoryMemory("view/historyMemoryMiB");
const QLatin1String kLastLayout("layout/last");
const QLatin1String kHiddenColumns("table/hiddenColumns");

} // namespace

DashboardSettings DashboardSettings::load()
{
    const QSettings settings;
    DashboardSettings loaded;
    loaded.windowGeometry = settings.value(kGeometry).toByteArray();
    loaded.windowState = settings.value(kState).toByteArray();
    loaded.splitterState = settings.value(kSplitter).toByteArray();
    loaded.recentFiles = settings.value(kRecent).toStringList();
    loaded.perProcess = settings.value(kPerProcess, false).toBool();
    loaded.historyMemoryMiB = std::max(0, settings.value(kHistoryMemory, 0).toInt());
    loaded.lastLayout = settings.value(kLastLayout).toByteArray();
    if (settings.contains(kHiddenColumns))
        loaded.hiddenColumns = settings.value(kHiddenColumns).toStringList();
    return loaded;
}

void DashboardSettings::save() const
{
    QSettings settings;
    settings.setValue(kGeometry, windowGeometry);
    settings.setValue(kState, windowState);
    settings.setValue(kSplitter, splitterState);
    settings.setValue(kRecent, recentFiles);
    settings.setValue(kPerProcess, perProcess);
    settings.setValue(kHistoryMemory, historyMemoryMiB);
    settings.setValue(kLastLayout, lastLayout);
    if (hiddenColumns)
        settings.setValue(kHiddenColumns, *hiddenColumns);
    else
        settings.remove(kHiddenColumns);
}

} // namespace dashboard
