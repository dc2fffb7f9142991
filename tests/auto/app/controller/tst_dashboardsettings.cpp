// SPDX-License-Identifier: MIT
// What the dashboard remembers between sessions: saved and read back, defaults when nothing was.

#include "controller/dashboardsettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using dashboard::DashboardSettings;

class DashboardSettingsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        // Settings of this test only, in a folder of its own.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("CountersTests"));
        QCoreApplication::setApplicationName(QStringLiteral("DashboardSettingsTest"));
    }

    void shouldDefaultWhenNothingWasSaved()
    {
        const DashboardSettings loaded = DashboardSettings::load();
        QVERIFY(loaded.windowGeometry.isEmpty());
        QVERIFY(loaded.recentFiles.isEmpty());
        QVERIFY(!loaded.perProcess);
        QCOMPARE(loaded.historyMemoryMiB, 0);
        QVERIFY(loaded.lastLayout.isEmpty());
    }

    void shouldReadBackWhatItSaved()
    {
        DashboardSettings saved;
        saved.windowGeometry = QByteArrayLiteral("\x01\x02geometry");
        saved.windowState = QByteArrayLiteral("state");
        saved.splitterState = QByteArrayLiteral("splitter");
        saved.recentFiles = {QStringLiteral("/tmp/a.json"), QStringLiteral("/tmp/b.jsonl")};
        saved.perProcess = true;
        saved.historyMemoryMiB = 2048;
        saved.lastLayout = QByteArrayLiteral("{\"charts\":[]}");
        saved.save();
        const DashboardSettings loaded = DashboardSettings::load();
        QCOMPARE(loaded.windowGeometry, saved.windowGeometry);
        QCOMPARE(loaded.windowState, saved.windowState);
        QCOMPARE(loaded.splitterState, saved.splitterState);
        QCOMPARE(loaded.recentFiles, saved.recentFiles);
        QCOMPARE(loaded.perProcess, true);
        QCOMPARE(loaded.historyMemoryMiB, 2048);
        QCOMPARE(loaded.lastLayout, saved.lastLayout);
    }

    void shouldIgnoreANegativeHistoryMemory()
    {
        QSettings().setValue(QStringLiteral("view/historyMemoryMiB"), -5);
        QCOMPARE(DashboardSettings::load().historyMemoryMiB, 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(DashboardSettingsTest)
#include "tst_dashboardsettings.moc"
