// SPDX-License-Identifier: MIT
// Fuzzes the dashboard's dashboard::ReportFileReader::read(), the reader of the files a user
// opens: a JSON report (ours or PyCounters') or a JSON Lines history, told apart by content
// (the history lines go through counters::JsonHistoryReporter::readHistory()).
//
// Asserts beyond "no crash, no leak": a read that fails says why and gives no snapshots; the
// snapshots of a history come oldest first and every snapshot has a time (the file's
// modification time stands in for a missing one); corrupt lines are counted only in a history.

#include "fuzzsupport.h"
#include "sources/reportfilereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace counters;

namespace {

QString filePath;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::initializeQt(argc, argv);
    // One file, rewritten per input, in a folder removed at exit (a static, never a leak); in
    // memory when the system has a tmpfs there, as file system calls dominate this target.
    const QString base = QFileInfo(QStringLiteral("/dev/shm")).isWritable()
        ? QStringLiteral("/dev/shm")
        : QDir::tempPath();
    static QTemporaryDir dir(base + QStringLiteral("/fuzz_report_file-XXXXXX"));
    if (!dir.isValid())
        return 1;
    filePath = dir.filePath(QStringLiteral("report.json"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    {
        QFile file(filePath);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }
    const dashboard::ReportFileReader::Result result = dashboard::ReportFileReader::read(filePath);
    if (!result.ok()) {
        FUZZ_CHECK(!result.error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(result.isHistory || (result.snapshots.size() == 1 && result.corruptLines == 0));
    for (qsizetype i = 0; i < result.snapshots.size(); ++i) {
        FUZZ_CHECK(result.snapshots.at(i).time() > 0);
        if (i > 0)
            FUZZ_CHECK(result.snapshots.at(i - 1).time() <= result.snapshots.at(i).time());
    }
    return 0;
}
