// SPDX-License-Identifier: MIT
#include "controller/workspace.h"
#include "fakesource.h"
#include "framepeer.h"
#include "snapshots.h"
#include "sources/localservicesource.h"
#include "sources/reportparts.h"

#include <counters/report/jsonfilereporter.h>
#include <counters/transport/localdiscovery.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using dashboard::SeriesKey;
using dashboard::Source;
using dashboard::Workspace;
using namespace testdata;

namespace {

/// A report of `rows` counters (c00000, c00001, ...; each with its time plus its index), in
/// parts of Workspace::MaxPendingRows rows.
QList<counters::Snapshot> bigReport(double time, int rows)
{
    QList<counters::CounterRow> list;
    for (int i = 0; i < rows; ++i)
        list.append(row(QStringLiteral("c%1").arg(i, 5, 10, QLatin1Char('0')),
                        counters::CounterType::Total, time + i));
    return dashboard::reportParts(snapshot(time, list), Workspace::MaxPendingRows);
}

} // namespace

class WorkspaceTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A layout keeps the sources, thresholds and history length, and brings them back with the
    // charts whose sources are there again.
    void shouldCaptureAndRestoreWhatALayoutKeeps()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        QVERIFY(counters::JsonFileReporter::safeWrite(tutorial(1000), path));
        dashboard::Layout layout;
        {
            Workspace workspace;
            Source *file = workspace.openFile(path);
            workspace.thresholds()->setThreshold(QStringLiteral("requests_time"), {0.1, 0.5});
            workspace.history()->setMemoryBudget(qint64(123) << 20);
            dashboard::ChartLayout chart;
            chart.series = {SeriesKey{file->id(), {}, QStringLiteral("requests_time")}};
            dashboard::ChartLayout gone;
            gone.series = {
                SeriesKey{QStringLiteral("Http http://nowhere:1"), {}, QStringLiteral("x")}};
            layout.charts = {chart, gone};
            workspace.captureInto(layout);
            QCOMPARE(layout.sources, QStringList{file->id()});
            QVERIFY(layout.discovered.isEmpty());
            QCOMPARE(layout.historyMemoryMiB, 123);
        }
        Workspace restored;
        const QList<dashboard::ChartLayout> charts = restored.restore(layout, true);
        QCOMPARE(restored.sources().size(), 1);
        QCOMPARE(restored.sources().first()->id(), layout.sources.first());
        QCOMPARE(restored.history()->memoryBudget(), qint64(123) << 20);
        QCOMPARE(restored.thresholds()->threshold(QStringLiteral("requests_time")).critical, 0.5);
        QCOMPARE(charts.size(), 1); // the chart of a source that is not there is left out
        // Without opening sources, a workspace that has some keeps them as they are.
        layout.sources = {QStringLiteral("Carrier pigeon://x")};
        QCOMPARE(restored.restore(layout, false).size(), 1);
        QCOMPARE(restored.sources().size(), 1);
    }

    void shouldMarkCrossedThresholdsInTheTableAndTheSourceList()
    {
        using dashboard::CounterListModel;
        using dashboard::SourceListModel;
        using dashboard::Threshold;
        using dashboard::ThresholdState;
        Workspace workspace;
        workspace.setFrameInterval(10000);
        auto *a = new FakeSource(QStringLiteral("a"));
        auto *b = new FakeSource(QStringLiteral("b"));
        workspace.addSource(a);
        workspace.addSource(b);
        a->push(tutorial(1000, 0));  // requests_frequency 2.5, requests_time 10 ms
        b->push(tutorial(1000, 10)); // requests_frequency 12.5, requests_time 20 ms
        workspace.flush();
        const CounterListModel *list = workspace.counterList();
        const SourceListModel *sources = workspace.sourceList();
        const auto rowState = [&](Source *source, const QString &counter) {
            const int row = list->rowOf(SeriesKey{source->id(), {}, counter});
            return ThresholdState(list->index(row, CounterListModel::ValueColumn)
                                      .data(CounterListModel::ThresholdStateRole)
                                      .toInt());
        };
        const auto sourceState = [&](int row) {
            return ThresholdState(
                sources->index(row).data(SourceListModel::ThresholdStateRole).toInt());
        };
        QCOMPARE(rowState(a, QStringLiteral("requests_frequency")), ThresholdState::Normal);
        QCOMPARE(sourceState(0), ThresholdState::Normal);

        // Setting levels marks the rows and sources at once, no frame needed.
        QSignalSpy changed(list, &QAbstractItemModel::dataChanged);
        workspace.thresholds()->setThreshold(QStringLiteral("requests_frequency"),
                                             Threshold{5, 10});
        QVERIFY(!changed.isEmpty());
        QCOMPARE(rowState(a, QStringLiteral("requests_frequency")), ThresholdState::Normal);
        QCOMPARE(rowState(b, QStringLiteral("requests_frequency")), ThresholdState::Critical);
        QVERIFY(
            list->index(list->rowOf(SeriesKey{b->id(), {}, QStringLiteral("requests_frequency")}),
                        CounterListModel::ValueColumn)
                .data(Qt::BackgroundRole)
                .isValid());
        QCOMPARE(sourceState(0), ThresholdState::Normal);
        QCOMPARE(sourceState(1), ThresholdState::Critical);
        QCOMPARE(sources->index(1).data(SourceListModel::ThresholdCountersRole).toStringList(),
                 QStringList{QStringLiteral("requests_frequency")});

        // A new frame crosses the warning level of a.
        a->push(tutorial(1001, 3)); // requests_frequency 5.5
        workspace.flush();
        QCOMPARE(rowState(a, QStringLiteral("requests_frequency")), ThresholdState::Warning);
        QCOMPARE(sourceState(0), ThresholdState::Warning);
        // …and falls back below it.
        a->push(tutorial(1002, 0));
        workspace.flush();
        QCOMPARE(sourceState(0), ThresholdState::Normal);
        QVERIFY(
            !sources->index(0).data(Qt::ToolTipRole).toString().contains(QLatin1String("Warning")));

        workspace.thresholds()->clear();
        QCOMPARE(sourceState(1), ThresholdState::Normal);
        QCOMPARE(rowState(b, QStringLiteral("requests_frequency")), ThresholdState::Normal);
    }

    // The list of counters in warning or critical state, and since when.
    void shouldListTheAlertsAndSinceWhen()
    {
        using dashboard::Threshold;
        using dashboard::ThresholdState;
        using Alert = Workspace::Alert;
        Workspace workspace;
        workspace.setFrameInterval(10000);
        auto *a = new FakeSource(QStringLiteral("a"));
        auto *b = new FakeSource(QStringLiteral("b"));
        workspace.addSource(a);
        workspace.addSource(b);
        QSignalSpy changed(&workspace, &Workspace::alertsChanged);
        workspace.thresholds()->setThreshold(QStringLiteral("requests_frequency"),
                                             Threshold{5, 10});
        a->push(tutorial(1000, 3));  // requests_frequency 5.5: warning
        b->push(tutorial(1000, 10)); // 12.5: critical
        workspace.flush();
        const SeriesKey aKey{a->id(), {}, QStringLiteral("requests_frequency")};
        const SeriesKey bKey{b->id(), {}, QStringLiteral("requests_frequency")};
        QCOMPARE(workspace.alerts(),
                 (QList<Alert>{{bKey, ThresholdState::Critical, 1000},
                               {aKey, ThresholdState::Warning, 1000}}));
        QVERIFY(!changed.isEmpty());
        // Still in its state a report later: since the first reading in it.
        a->push(tutorial(1001, 4));
        workspace.flush();
        QCOMPARE(workspace.alerts().at(1), (Alert{aKey, ThresholdState::Warning, 1000}));
        // From warning to critical: critical since then.
        a->push(tutorial(1002, 20));
        workspace.flush();
        QCOMPARE(workspace.alerts(),
                 (QList<Alert>{{bKey, ThresholdState::Critical, 1000},
                               {aKey, ThresholdState::Critical, 1002}}));
        // Back to normal, or its source removed: off the list.
        a->push(tutorial(1003, 0));
        workspace.flush();
        QCOMPARE(workspace.alerts().size(), 1);
        workspace.removeSource(b);
        QVERIFY(workspace.alerts().isEmpty());
    }

    void shouldApplyABurstOfSnapshotsAsOneFrame()
    {
        Workspace workspace;
        workspace.setFrameInterval(10000); // frames only when flushed
        auto *source = new FakeSource(QStringLiteral("a"));
        QCOMPARE(workspace.addSource(source), source);
        QCOMPARE(source->starts, 1);
        QSignalSpy frames(&workspace, &Workspace::frameApplied);
        QSignalSpy rows(workspace.counterList(), &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 5; ++i)
            source->push(tutorial(1000 + i, i));
        QCOMPARE(frames.size(), 0);
        QCOMPARE(workspace.counterList()->rowCount(), 0);
        workspace.flush();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(rows.size(), 1);
        const SeriesKey frequency{source->id(), {}, QStringLiteral("requests_frequency")};
        QCOMPARE(workspace.history()->history(frequency)->size(), 5);
        const int row = workspace.counterList()->rowOf(frequency);
        QCOMPARE(workspace.counterList()
                     ->index(row, 0)
                     .data(dashboard::CounterListModel::ValueRole)
                     .toDouble(),
                 6.5); // the newest
        workspace.flush();
        QCOMPARE(frames.size(), 1); // nothing new, no frame
    }

    // A file loading faster than frames go by goes into the models at once (what waits stays
    // small), but the charts and the window still hear of it once a frame.
    void shouldApplyABigLoadAtOnceButSignalOnceAFrame()
    {
        Workspace workspace;
        workspace.setFrameInterval(10000); // frames only when flushed
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        QSignalSpy frames(&workspace, &Workspace::frameApplied);
        QSignalSpy changed(workspace.history(), &dashboard::HistoryStore::historyChanged);
        const int batch = (Workspace::MaxPendingRows + 5) / 6; // six rows each
        for (int b = 0; b < 4; ++b) {
            QList<counters::Snapshot> snapshots;
            for (int i = 0; i < batch; ++i)
                snapshots.append(tutorial(1000 + b * batch + i, i));
            source->pushHistory(snapshots);
        }
        const SeriesKey frequency{source->id(), {}, QStringLiteral("requests_frequency")};
        QCOMPARE(workspace.history()->history(frequency)->size(), 4 * batch);
        QCOMPARE(frames.size(), 0);
        QCOMPARE(changed.size(), 0);
        // The table and the source list too change once a frame: each change repaints them.
        QCOMPARE(workspace.counterList()->rowCount(), 0);
        QSignalSpy sourceChanged(workspace.sourceList(), &QAbstractItemModel::dataChanged);
        workspace.flush();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(workspace.counterList()->rowCount(), 6);
        QCOMPARE(sourceChanged.size(), 1);
        QCOMPARE(workspace.sourceList()
                     ->index(0)
                     .data(dashboard::SourceListModel::SnapshotCountRole)
                     .toLongLong(),
                 4 * batch);
    }

    // A report of many thousands of counters comes in parts (a file's, a part per pass of the
    // event loop): the table takes them as they come, not all in the frame's one pass, and
    // the next report's parts update the rows in place.
    void shouldPutTheRowsOfABigReportIntoTheTableAsTheyCome()
    {
        Workspace workspace;
        workspace.setFrameInterval(60000); // frames only when flushed
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        QSignalSpy frames(&workspace, &Workspace::frameApplied);
        // Two parts of MaxPendingRows rows and a smaller last one.
        const int parts = Workspace::MaxPendingRows;
        const int rest = parts * 4 / 5;
        const QList<counters::Snapshot> first = bigReport(1000, 2 * parts + rest);
        QCOMPARE(first.size(), 3);
        source->pushHistory({first.at(0)}, false, parts + rest);
        QCOMPARE(workspace.counterList()->rowCount(), parts);
        source->pushHistory({first.at(1)}, true, rest);
        QCOMPARE(workspace.counterList()->rowCount(), 2 * parts);
        source->pushHistory({first.at(2)}, true, 0); // fewer rows: they wait for the frame
        QCOMPARE(workspace.counterList()->rowCount(), 2 * parts);
        QCOMPARE(frames.size(), 0);
        workspace.flush();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(workspace.counterList()->rowCount(), 2 * parts + rest);
        QCOMPARE(workspace.history()->seriesCount(), 2 * parts + rest);
        QCOMPARE(source->snapshotCount(), 1);

        // The next report, without the last `rest` counters: rows change in place, and go
        // only once the report is whole.
        QSignalSpy removed(workspace.counterList(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(workspace.counterList(), &QAbstractItemModel::rowsInserted);
        const QList<counters::Snapshot> second = bigReport(2000, 2 * parts);
        QCOMPARE(second.size(), 2);
        source->pushHistory({second.at(0)}, false, parts);
        QCOMPARE(workspace.counterList()->rowCount(), 2 * parts + rest);
        source->pushHistory({second.at(1)}, true, 0);
        workspace.flush();
        QCOMPARE(workspace.counterList()->rowCount(), 2 * parts);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 1);
        const int last = 2 * parts - 1;
        const int row = workspace.counterList()->rowOf(
            {source->id(), {}, QStringLiteral("c%1").arg(last, 5, 10, QLatin1Char('0'))});
        QCOMPARE(workspace.counterList()->counterRow(row).value, 2000.0 + last);
        QCOMPARE(source->snapshotCount(), 2);
    }

    // A report's last part that never reaches the table (the next report came before the
    // frame) does not keep its rows there: the next report replaces them all.
    void shouldReplaceAReportWhoseLastPartWasOvertaken()
    {
        Workspace workspace;
        workspace.setFrameInterval(60000);
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        const int rest = Workspace::MaxPendingRows / 2;
        const QList<counters::Snapshot> parts =
            bigReport(1000, 2 * Workspace::MaxPendingRows + rest);
        source->pushHistory({parts.at(0)}, false, Workspace::MaxPendingRows + rest);
        source->pushHistory({parts.at(1)}, true, rest);
        source->pushHistory({parts.at(2)}, true, 0); // waits for the frame
        source->pushHistory({snapshot(2000, parts.at(0).rows().mid(0, 1))});
        workspace.flush();
        QCOMPARE(workspace.counterList()->rowCount(), 1);
    }

    // Two reports of the same time in one frame add up, even when the second is empty (a part
    // before another is never a report's last).
    void shouldAddUpReportsOfTheSameTimeInAFrame()
    {
        Workspace workspace;
        workspace.setFrameInterval(60000);
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        const counters::Snapshot report = tutorial(1000);
        source->pushHistory({report, snapshot(1000, {})});
        workspace.flush();
        QCOMPARE(workspace.counterList()->rowCount(), report.rows().size());
    }

    // A live source of many rows (a leader of many processes) is no file that loads: its
    // snapshots wait for the frame.
    void shouldApplyABigLiveSnapshotOnTheFrame()
    {
        Workspace workspace;
        workspace.setFrameInterval(60000);
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        QList<counters::CounterRow> rows;
        for (int i = 0; i < Workspace::MaxPendingRows + 1; ++i)
            rows.append(row(QStringLiteral("c%1").arg(i), counters::CounterType::Total, i));
        source->push(snapshot(1000, rows));
        QCOMPARE(workspace.counterList()->rowCount(), 0);
        QCOMPARE(workspace.history()->seriesCount(), 0);
        workspace.flush();
        QCOMPARE(workspace.counterList()->rowCount(), Workspace::MaxPendingRows + 1);
    }

    // Frames redraw every chart: while a file loads they come every loadingFrameInterval(),
    // then as often as before.
    void shouldSpaceFramesOutWhileAFileLoads()
    {
        Workspace workspace;
        workspace.setFrameInterval(20);
        workspace.setLoadingFrameInterval(60000);
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        QSignalSpy frames(&workspace, &Workspace::frameApplied);
        const auto load = [&](int from) {
            QList<counters::Snapshot> snapshots;
            for (int i = 0; i < (Workspace::MaxPendingRows + 5) / 6; ++i)
                snapshots.append(tutorial(1000 + from + i, i));
            source->pushHistory(snapshots);
        };
        load(0);
        QVERIFY(frames.wait(2000)); // the load's first frame comes as usual
        load(1000);
        QTest::qWait(300); // many frame intervals, no loading frame interval
        QCOMPARE(frames.size(), 1);
        workspace.flush();
        QCOMPARE(frames.size(), 2);
        workspace.flush(); // a frame without loading: the interval is back to normal
        source->pushHistory({tutorial(5000)});
        QVERIFY(frames.wait(2000));
        QCOMPARE(frames.size(), 3);
    }

    void shouldApplyFramesByItself()
    {
        Workspace workspace;
        workspace.setFrameInterval(20);
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        QSignalSpy frames(&workspace, &Workspace::frameApplied);
        source->pushHistory({tutorial(1000), tutorial(1001, 1)});
        QVERIFY(frames.wait(2000));
        QCOMPARE(workspace.counterList()->rowCount(), 6);
        QCOMPARE(workspace.sourceList()
                     ->index(0)
                     .data(dashboard::SourceListModel::SnapshotCountRole)
                     .toLongLong(),
                 2);
    }

    void shouldNotRollTheListBackForABackfill()
    {
        Workspace workspace;
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        source->push(tutorial(1005, 5));
        workspace.flush();
        source->pushHistory({tutorial(1000, 0), tutorial(1001, 1)});
        workspace.flush();
        const SeriesKey frequency{source->id(), {}, QStringLiteral("requests_frequency")};
        const int row = workspace.counterList()->rowOf(frequency);
        QCOMPARE(workspace.counterList()
                     ->index(row, 0)
                     .data(dashboard::CounterListModel::ValueRole)
                     .toDouble(),
                 7.5);
    }

    void shouldRefuseADuplicateAndForgetRemovedSources()
    {
        Workspace workspace;
        auto *first = new FakeSource(QStringLiteral("a"));
        workspace.addSource(first);
        QPointer<FakeSource> duplicate = new FakeSource(QStringLiteral("a"));
        QCOMPARE(workspace.addSource(duplicate), first);
        QVERIFY(duplicate.isNull());
        QCOMPARE(workspace.sources().size(), 1);

        first->push(tutorial(1000));
        workspace.flush();
        QVERIFY(workspace.counterList()->rowCount() > 0);
        QSignalSpy removed(&workspace, &Workspace::sourceRemoved);
        QPointer<FakeSource> watch = first;
        workspace.removeSource(first);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(first->stops, 1);
        QCOMPARE(workspace.counterList()->rowCount(), 0);
        QCOMPARE(workspace.history()->seriesCount(), 0);
        QCOMPARE(workspace.sourceList()->rowCount(), 0);
        QTRY_VERIFY(watch.isNull()); // deleted later
    }

    void shouldRejectABadAddress()
    {
        Workspace workspace;
        QString error;
        QVERIFY(!workspace.connectTo(QStringLiteral("gopher://x"), &error));
        QVERIFY(error.contains(QLatin1String("gopher://x")));
        QCOMPARE(workspace.sources().size(), 0);
    }

    void shouldFollowDiscoveredServicesThroughARestart()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        QFile::setPermissions(runtime.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        const QString socket = counters::LocalDiscovery::directory() + QLatin1Char('/')
            + counters::LocalDiscovery::socketFileName(QStringLiteral("svc"),
                                                       QCoreApplication::applicationPid());
        const auto serve = [](FramePeer &peer) {
            QObject::connect(&peer, &FramePeer::clientConnected, &peer, [&peer] {
                peer.sendHello(FramePeer::serviceHello(1, QCoreApplication::applicationPid()));
                peer.sendSnapshot(tutorial(1000 + peer.connections()));
            });
        };

        Workspace workspace;
        workspace.setFrameInterval(10);
        {
            FramePeer peer(FramePeer::Kind::Local);
            serve(peer);
            QVERIFY(peer.listenLocal(socket));
            workspace.setDiscoveryEnabled(true);
            QTRY_COMPARE(workspace.sources().size(), 1);
            Source *source = workspace.sources().constFirst();
            QCOMPARE(source->url().toString(), QStringLiteral("local:svc"));
            QVERIFY(workspace.sourceList()->isDiscovered(source));
            QTRY_COMPARE(source->state(), Source::State::Live);
            QTRY_VERIFY(workspace.counterList()->rowCount() > 0);
        } // the service stops (its socket file goes with it)

        Source *source = workspace.sources().constFirst();
        QTRY_VERIFY(source->state() != Source::State::Live);
        QCOMPARE(workspace.sources().size(), 1); // it had data: it stays, with its charts

        FramePeer restarted(FramePeer::Kind::Local);
        serve(restarted);
        QVERIFY(restarted.listenLocal(socket));
        QTRY_COMPARE_WITH_TIMEOUT(source->state(), Source::State::Live, 10000);
        QCOMPARE(workspace.sources().size(), 1);

        workspace.setDiscoveryEnabled(false);
        qunsetenv("XDG_RUNTIME_DIR");
    }

    void shouldGiveASecondInstanceItsOwnSource()
    {
        QTemporaryDir runtime;
        QFile::setPermissions(runtime.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        const auto socketOf = [](qint64 pid) -> QString {
            return counters::LocalDiscovery::directory() + QLatin1Char('/')
                + counters::LocalDiscovery::socketFileName(QStringLiteral("svc"), pid);
        };
        const qint64 ours = QCoreApplication::applicationPid();
        const qint64 other = qint64(::getppid()); // a live process, as discovery requires

        Workspace workspace;
        FramePeer first(FramePeer::Kind::Local);
        connect(&first, &FramePeer::clientConnected, &first,
                [&first, ours] { first.sendHello(FramePeer::serviceHello(1, ours)); });
        QVERIFY(first.listenLocal(socketOf(ours)));
        workspace.setDiscoveryEnabled(true);
        QTRY_COMPARE(workspace.sources().size(), 1);
        QTRY_COMPARE(workspace.sources().constFirst()->state(), Source::State::Live);

        auto second = std::make_unique<FramePeer>(FramePeer::Kind::Local); // never says a word
        QVERIFY(second->listenLocal(socketOf(other)));
        QTRY_COMPARE(workspace.sources().size(), 2);
        const auto *instance =
            qobject_cast<dashboard::LocalServiceSource *>(workspace.sources().at(1));
        QVERIFY(instance);
        QCOMPARE(instance->requestedPid(), other);
        QVERIFY(!instance->hasData());

        // It vanishes without having shown anything: forgotten.
        second.reset();
        QTRY_COMPARE(workspace.sources().size(), 1);
        QCOMPARE(workspace.sources().constFirst()->url().toString(), QStringLiteral("local:svc"));
        qunsetenv("XDG_RUNTIME_DIR");
    }

    void shouldRenameTheCountersSource()
    {
        Workspace workspace;
        auto *source = new FakeSource(QStringLiteral("a"));
        workspace.addSource(source);
        source->push(tutorial(1000));
        workspace.flush();
        source->setFakeName(QStringLiteral("svc (pid 42)"));
        QCOMPARE(workspace.counterList()
                     ->index(0, dashboard::CounterListModel::SourceColumn)
                     .data()
                     .toString(),
                 QStringLiteral("svc (pid 42)"));
    }
};

QTEST_MAIN(WorkspaceTest)
#include "tst_workspace.moc"
