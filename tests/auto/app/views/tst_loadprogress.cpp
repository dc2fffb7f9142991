// SPDX-License-Identifier: MIT
#include "controller/workspace.h"
#include "fakesource.h"
#include "views/loadprogress.h"

#include <QProgressBar>
#include <QTest>
#include <QToolButton>

using dashboard::LoadProgress;
using dashboard::Workspace;

class LoadProgressTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldShowTheFilesLoadingAndCancelThem()
    {
        Workspace workspace;
        auto *first = new FakeSource(QStringLiteral("day.jsonl"));
        workspace.addSource(first);
        QWidget window; // as in a status bar: shown with its window, unless it hides
        auto &progress = *new LoadProgress(&workspace, &window);
        window.show();
        QVERIFY(!progress.isVisible());
        auto *bar = progress.findChild<QProgressBar *>();
        auto *cancel = progress.findChild<QToolButton *>();
        QVERIFY(bar && cancel);

        first->setFakeProgress(0.25);
        QVERIFY(progress.isVisible());
        QCOMPARE(bar->value(), 25);
        QCOMPARE(bar->text(), QStringLiteral("Loading 25%"));
        QCOMPARE(bar->toolTip(), QStringLiteral("Loading day.jsonl"));

        // A second file: one bar for both, the mean of their progress.
        auto *second = new FakeSource(QStringLiteral("week.jsonl"));
        workspace.addSource(second);
        second->setFakeProgress(0.75);
        QCOMPARE(bar->value(), 50);
        QCOMPARE(bar->text(), QStringLiteral("Loading 50%"));
        QVERIFY(bar->toolTip().startsWith(QLatin1String("Loading 2 files:")));
        QVERIFY(bar->toolTip().contains(QLatin1String("week.jsonl")));

        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(first->cancels, 1);
        QCOMPARE(second->cancels, 1);
        QVERIFY(!progress.isVisible());
    }
};

QTEST_MAIN(LoadProgressTest)
#include "tst_loadprogress.moc"
