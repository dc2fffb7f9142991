// SPDX-License-Identifier: MIT
#include "historystreamer.h"

#include "reportfilereader.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <vector>

namespace dashboard {

namespace {

constexpr qint64 kBlockBytes = qint64(4) << 20;

struct Line
{
    QByteArray text;
    int file = 0; // index into the file list
    int number = 0;
};

/// What parsing some lines gave, in line order.
struct Parsed
{
    QList<counters::Snapshot> snapshots;
    std::vector<int> lineIndexes; // the non-blank line (of all files) each snapshot came from
    int corrupt = 0;
    QStringList problems; // the first few corrupt lines
};

} // namespace

/// The state a reading shares between its thread and the streamer: the credits for batches in
/// flight and the cancel flag. Shared, so that a thread finishing after the streamer is gone
/// touches nothing freed.
class HistoryStreamer::Reading : public std::enable_shared_from_this<Reading>
{
public:
    QString path;
    QSemaphore credits{2};
    std::atomic<bool> cancelled{false};
    QPointer<HistoryStreamer> streamer;

    void run();

private:
    /// Posts `work` to the streamer's thread, if the streamer is still there.
    template <typename F>
    void post(F work)
    {
        QMetaObject::invokeMethod(streamer.data(), std::move(work), Qt::QueuedConnection);
    }
    /// Waits for a credit; false when cancelled meanwhile.
    bool waitForCredit()
    {
        while (!credits.tryAcquire(1, 50)) {
            if (cancelled)
                return false;
        }
        return !cancelled;
    }
    bool deliver(QList<counters::Snapshot> snapshots, qint64 read, qint64 total);
    void finish(Summary summary);
    Parsed parse(const std::vector<Line> &lines, int from, int to, const QStringList &files) const;
    bool readHistory(const QStringList &files, Summary &summary);
    /// Counts the non-blank lines of `files` into m_lineCount; false when cancelled.
    bool countLines(const QStringList &files);

    /// The batches handed over and not known to be handled yet: kept so that the last
    /// reference, and so the freeing of their thousands of rows, falls on this thread rather
    /// than the GUI's.
    std::deque<QList<counters::Snapshot>> m_handedOver;

    /// Dating of reports without a time: ending at `m_end`, one second apart, by the index of
    /// their non-blank line among `m_lineCount`.
    double m_end = 0;
    qint64 m_lineCount = -1;
    int m_nonBlank = 0; // non-blank lines handed to parse() so far
};

bool HistoryStreamer::Reading::deliver(QList<counters::Snapshot> snapshots, qint64 read,
                                       qint64 total)
{
    if (!waitForCredit())
        return false;
    // A credit back means a batch handed over before was handled: free the oldest here.
    while (m_handedOver.size() >= 2)
        m_handedOver.pop_front();
    m_handedOver.push_back(snapshots);
    // The credit comes back once the receiver handled the batch. A batch of an earlier
    // reading (start() again meanwhile) is dropped.
    post([streamer = streamer, snapshots = std::move(snapshots), read, total,
          self = shared_from_this()] {
        if (streamer && streamer->m_reading == self) {
            Q_EMIT streamer->batchReady(snapshots, read, total);
            self->credits.release();
        }
    });
    return true;
}

void HistoryStreamer::Reading::finish(Summary summary)
{
    post([streamer = streamer, summary = std::move(summary), self = shared_from_this()] {
        if (streamer && streamer->m_reading == self) {
            streamer->m_running = false;
            Q_EMIT streamer->finished(summary);
        }
    });
}

Parsed HistoryStreamer::Reading::parse(const std::vector<Line> &lines, int from, int to,
                                       const QStringList &files) const
{
    Parsed parsed;
    int index = m_nonBlank;
    for (int i = 0; i < from; ++i)
        index += lines[std::size_t(i)].text.isEmpty() ? 0 : 1;
    for (int i = from; i < to; ++i) {
        const Line &line = lines[std::size_t(i)];
        if (line.text.isEmpty())
            continue;
        QString error;
        std::optional<counters::Snapshot> snapshot =
            counters::JsonCodec::fromJson(line.text, &error);
        if (snapshot) {
            parsed.snapshots.append(std::move(*snapshot));
            parsed.lineIndexes.push_back(index);
        } else {
            ++parsed.corrupt;
            if (parsed.problems.size() < 3)
                parsed.problems.append(QStringLiteral("%1:%2: %3")
                                           .arg(files.at(line.file))
                                           .arg(line.number)
                                           .arg(error));
        }
        ++index;
    }
    return parsed;
}

bool HistoryStreamer::Reading::countLines(const QStringList &files)
{
    qint64 count = 0;
    for (const QString &name : files) {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        bool blank = true; // the current line has only white space so far
        while (!cancelled) {
            const QByteArray block = file.read(kBlockBytes);
            if (block.isEmpty())
                break;
            for (const char c : block) {
                if (c == '\n') {
                    count += blank ? 0 : 1;
                    blank = true;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    blank = false;
                }
            }
        }
        count += blank ? 0 : 1; // a last line without a newline
    }
    m_lineCount = count;
    return !cancelled;
}

bool HistoryStreamer::Reading::readHistory(const QStringList &files, Summary &summary)
{
    qint64 total = 0;
    for (const QString &file : files)
        total += QFileInfo(file).size();
    m_end = ReportFileReader::modificationTime(path);
    qint64 read = 0;
    QStringList problems;
    std::vector<Line> batch;
    batch.reserve(BatchLines);

    const auto flush = [&]() {
        if (batch.empty())
            return true;
        // Two halves on two threads: parsing is most of the work.
        const int middle = int(batch.size()) / 2;
        QFuture<Parsed> first = QtConcurrent::run([&] { return parse(batch, 0, middle, files); });
        Parsed second = parse(batch, middle, int(batch.size()), files);
        Parsed parsed = first.result();
        for (const Line &line : batch)
            m_nonBlank += line.text.isEmpty() ? 0 : 1;
        batch.clear();
        parsed.snapshots += std::move(second.snapshots);
        parsed.lineIndexes.insert(parsed.lineIndexes.end(), second.lineIndexes.begin(),
                                  second.lineIndexes.end());
        parsed.corrupt += second.corrupt;
        parsed.problems += second.problems;
        summary.corruptLines += parsed.corrupt;
        for (const QString &problem : std::as_const(parsed.problems)) {
            if (problems.size() < 3)
                problems.append(problem);
        }
        for (qsizetype i = 0; i < parsed.snapshots.size(); ++i) {
            counters::Snapshot &snapshot = parsed.snapshots[i];
            if (snapshot.time() > 0)
                continue;
            if (m_lineCount < 0 && !countLines(files))
                return false;
            const double time =
                m_end - double(m_lineCount - 1 - parsed.lineIndexes[std::size_t(i)]);
            snapshot =
                counters::Snapshot(time, snapshot.source(), snapshot.rows(), snapshot.nodes());
        }
        if (parsed.snapshots.isEmpty())
            return !cancelled;
        const double oldest = parsed.snapshots.constFirst().time();
        const double newest = parsed.snapshots.constLast().time();
        const qsizetype count = parsed.snapshots.size();
        if (!deliver(std::move(parsed.snapshots), read, total))
            return false;
        // Only what was delivered counts.
        if (summary.reports == 0)
            summary.first = oldest;
        summary.last = newest;
        summary.reports += count;
        return true;
    };

    int readable = 0;
    for (int f = 0; f < files.size(); ++f) {
        QFile file(files.at(f));
        if (QFileInfo(files.at(f)).isDir() || !file.open(QIODevice::ReadOnly)) {
            problems.append(tr("cannot read %1: %2").arg(files.at(f), file.errorString()));
            continue;
        }
        ++readable;
        QByteArray rest;
        int number = 0;
        while (!cancelled) {
            const QByteArray block = file.read(kBlockBytes);
            const bool end = block.isEmpty();
            read += block.size();
            QByteArray text = rest + block;
            qsizetype start = 0;
            while (true) {
                qsizetype newline = text.indexOf('\n', start);
                if (newline < 0 && !(end && start < text.size()))
                    break;
                if (newline < 0)
                    newline = text.size(); // the last line, without a newline
                ++number;
                batch.push_back({text.mid(start, newline - start).trimmed(), f, number});
                start = newline + 1;
                if (int(batch.size()) >= BatchLines && !flush())
                    return false;
            }
            rest = text.mid(start);
            if (end)
                break;
        }
    }
    if (cancelled || !flush())
        return false;
    if (readable == 0)
        problems.prepend(tr("cannot read history %1").arg(path));
    if (summary.corruptLines > 0)
        problems.prepend(tr("skipped %1 corrupt line(s)").arg(summary.corruptLines));
    summary.error = problems.join(QStringLiteral("; "));
    return true;
}

void HistoryStreamer::Reading::run()
{
    Summary summary;
    const auto done = [&]() {
        summary.cancelled = cancelled;
        finish(summary);
    };
    summary.error = ReportFileReader::unreadable(path);
    if (!summary.error.isEmpty())
        return done();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        summary.error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return done();
    }
    const QByteArray head = file.read(1 << 20);
    file.close();
    if (!ReportFileReader::looksLikeHistory(head)) {
        // A single report is read whole (ReportFileReader limits its size).
        const ReportFileReader::Result result = ReportFileReader::read(path);
        summary.error = result.error;
        if (result.ok()
            && deliver(result.snapshots, QFileInfo(path).size(), QFileInfo(path).size())) {
            summary.reports = result.snapshots.size();
            summary.first = result.snapshots.constFirst().time();
            summary.last = result.snapshots.constLast().time();
        }
        return done();
    }
    summary.isHistory = true;
    if (QFileInfo(path).size() > ReportFileReader::MaxHistoryBytes) {
        summary.error = tr("%1 has %2 MiB, more than the %3 MiB a history may have")
                            .arg(path)
                            .arg(QFileInfo(path).size() >> 20)
                            .arg(ReportFileReader::MaxHistoryBytes >> 20);
        return done();
    }
    readHistory(counters::JsonHistoryReporter::historyFiles(path), summary);
    m_handedOver.clear();
    done();
}

HistoryStreamer::HistoryStreamer(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Summary>();
}

HistoryStreamer::~HistoryStreamer()
{
    stop();
}

void HistoryStreamer::stop()
{
    if (m_reading)
        m_reading->cancelled = true;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_reading.reset();
    m_running = false;
}

void HistoryStreamer::start(const QString &path)
{
    stop();
    m_reading = std::make_shared<Reading>();
    m_reading->path = path;
    m_reading->streamer = this;
    m_running = true;
    m_thread = QThread::create([reading = m_reading] { reading->run(); });
    m_thread->setObjectName(QStringLiteral("history reader"));
    m_thread->start();
}

void HistoryStreamer::cancel()
{
    if (m_reading)
        m_reading->cancelled = true;
}

} // namespace dashboard
