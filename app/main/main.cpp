// SPDX-License-Identifier: MIT
// counters-dashboard: live charts of Counters services. Everything but this
// file is in dashboard_core, which the tests link too.

#include "main/dashboardapplication.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    dashboard::DashboardApplication::prepareEnvironment(argc, argv);
    QApplication app(argc, argv);
    dashboard::DashboardApplication::initialize(app);
    return dashboard::DashboardApplication::run(app);
}
