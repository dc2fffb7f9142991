// SPDX-License-Identifier: MIT
#include "historystreamer.h"

#include "reportfilereader.h"
#include "reportparts.h"

#include <counters/format/jsoncodec.h>
#include <counters/report/jsonhistoryreporter.h>

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <optional>
#include <vector>

namespace dashboard {

namespace {

constexpr qint64 kBlockBytes = qint64(4) << 20;
/// Batches parsed ahead of the window: enough that the parsing goes on while the window draws
/// a frame.
constexpr int kBatchesInFlight = 4;

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
    int partRows = PartRows; // 0: reports whole
    QSemaphore credits{kBatchesInFlight};
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
    /// Hands `snapshots` over, a big report in parts; false when cancelled.
    bool deliver(QList<counters::Snapshot> snapshots, qint64 read, qint64 total);
    bool deliverBatch(QList<counters::Snapshot> snapshots, qint64 read, qint64 total,
                      bool continued = false, qsizetype rowsToCome = 0);
    void finish(Summary summary);

    /// A batch, or the summary that ends the reading, on its way to the streamer's thread.
    struct Handover
    {
        QList<counters::Snapshot> snapshots;
        qint64 read = 0;
        qint64 total = 0;
        bool continued = false;
        qsizetype rowsToCome = 0;
        std::optional<Summary> summary;
    };
    /// Queues `handover` for the streamer's thread, which takes one per pass of its event loop
    /// (takeOne()): batches parsed while the window was busy are not all handled in one go.
    void hand(Handover handover);
    void takeOne();
    /// Hands `handover` to the streamer (in its thread).
    void take(Handover handover);
    QMutex m_queueMutex;
    std::deque<Handover> m_queue; // guarded by m_queueMutex
    bool m_takeScheduled = false; // guarded by m_queueMutex
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
    qint64 m_delivered = 0; // bytes read when the last batch was handed over
    int m_nonBlank = 0;     // non-blank lines handed to parse() so far
};

bool HistoryStreamer::Reading::deliver(QList<counters::Snapshot> snapshots, qint64 read,
                                       qint64 total)
{
    QList<counters::Snapshot> batch;
    for (const counters::Snapshot &snapshot : std::as_const(snapshots)) {
        if (partRows == 0 || rowCountOf(snapshot) <= partRows) {
            batch.append(snapshot);
            continue;
        }
        if (!batch.isEmpty() && !deliverBatch(std::exchange(batch, {}), m_delivered, total))
            return false;
        // The parts share the bytes that their report took, for the progress bar.
        const QList<counters::Snapshot> parts = reportParts(snapshot, partRows);
        const qint64 from = m_delivered;
        qsizetype rowsToCome = rowCountOf(snapshot);
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const qint64 at = from + (read - from) * (i + 1) / parts.size();
            rowsToCome -= rowCountOf(parts.at(i));
            if (!deliverBatch({parts.at(i)}, at, total, i > 0, rowsToCome))
                return false;
        }
    }
    return batch.isEmpty() || deliverBatch(std::move(batch), read, total);
}

bool HistoryStreamer::Reading::deliverBatch(QList<counters::Snapshot> snapshots, qint64 read,
                                            qint64 total, bool continued, qsizetype rowsToCome)
{
    if (!waitForCredit())
        return false;
    // A credit back means a batch handed over before was handled: free the oldest here.
    while (m_handedOver.size() >= kBatchesInFlight)
        m_handedOver.pop_front();
    m_handedOver.push_back(snapshots);
    m_delivered = read;
    hand({std::move(snapshots), read, total, continued, rowsToCome, std::nullopt});
    return true;
}

void HistoryStreamer::Reading::finish(Summary summary)
{
    hand({{}, 0, 0, false, 0, std::move(summary)});
}

void HistoryStreamer::Reading::hand(Handover handover)
{
    const QMutexLocker lock(&m_queueMutex);
    m_queue.push_back(std::move(handover));
    if (!std::exchange(m_takeScheduled, true))
        post([self = shared_from_this()] { self->takeOne(); });
}

void HistoryStreamer::Reading::takeOne()
{
    Handover handover;
    {
        const QMutexLocker lock(&m_queueMutex);
        handover = std::move(m_queue.front());
        m_queue.pop_front();
    }
    take(std::move(handover));
    const QMutexLocker lock(&m_queueMutex);
    if (m_queue.empty() || !streamer) {
        m_takeScheduled = false;
        return;
    }
    // The next one comes in a later pass of the event loop, after the paints and the timers
    // that fell due meanwhile: by a timer, since Qt sends the posted events of a pass before
    // its timers (and a 0 ms single shot is a posted event).
    QTimer::singleShot(1, Qt::PreciseTimer, streamer.data(),
                       [self = shared_from_this()] { self->takeOne(); });
}

void HistoryStreamer::Reading::take(Handover handover)
{
    // What an earlier reading (start() again meanwhile) hands over is dropped.
    if (!streamer || streamer->m_reading.get() != this)
        return;
    if (handover.summary) {
        streamer->m_running = false;
        Q_EMIT streamer->finished(*handover.summary);
        return;
    }
    Q_EMIT streamer->batchReady(handover.snapshots, handover.read, handover.total,
                                handover.continued, handover.rowsToCome);
    // The credit comes back once the receiver handled the batch.
    credits.release();
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
        // One buffer: the block read, after what is left of the line the last block cut.
        // Lines are views into it, so the batch is parsed before the buffer changes.
        QByteArray buffer;
        int number = 0;
        while (!cancelled) {
            const qsizetype kept = buffer.size();
            buffer.resize(kept + kBlockBytes);
            const qint64 got = file.read(buffer.data() + kept, kBlockBytes);
            buffer.resize(kept + std::max<qint64>(got, 0));
            const bool end = got <= 0;
            read += std::max<qint64>(got, 0);
            qsizetype start = 0;
            while (true) {
                qsizetype newline = buffer.indexOf('\n', start);
                if (newline < 0 && !(end && start < buffer.size()))
                    break;
                if (newline < 0)
                    newline = buffer.size(); // the last line, without a newline
                ++number;
                const QByteArray line =
                    QByteArray::fromRawData(buffer.constData() + start, newline - start);
                batch.push_back({line.trimmed(), f, number});
                start = newline + 1;
                if (int(batch.size()) >= BatchLines && !flush())
                    return false;
            }
            if (!flush())
                return false;
            buffer.remove(0, std::min(start, buffer.size()));
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
    m_reading->partRows = m_partRows;
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
