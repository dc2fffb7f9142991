// SPDX-License-Identifier: MIT
#pragma once
// The real programs of the integration tests, started on free loopback ports in temporary
// folders and always stopped: counters-demo-server and prometheus. Shared with the
// dashboard's Prometheus source test.

#include "exposition.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>

#include <csignal>

namespace exposition {

/// Ends `process`: SIGTERM, then SIGKILL when it does not stop within `graceMs`.
inline void stopProcess(QProcess &process, int graceMs = 10000)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(graceMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

/// counters-demo-server with --port=0, --http=0 and whatever else is asked.
class DemoServerProcess
{
public:
    ~DemoServerProcess() { stopProcess(process); }

    /// Starts it and reads its banner; false with `error` when it does not come up.
    bool start(const QString &executable, const QStringList &extraArguments, QString *error)
    {
        process.start(executable,
                      QStringList{QStringLiteral("--port=0"), QStringLiteral("--http=0")}
                          + extraArguments);
        if (!process.waitForStarted(10000)) {
            *error = process.errorString();
            return false;
        }
        QByteArray banner;
        const QDeadlineTimer deadline(15000);
        static const QRegularExpression servePattern(QStringLiteral("serving on .*:(\\d+)\n"));
        static const QRegularExpression httpPattern(
            QStringLiteral("HTTP exporter on (http://\\S+):(\\d+)/metrics\n"));
        while (!deadline.hasExpired()) {
            process.waitForReadyRead(100);
            banner += process.readAllStandardOutput();
            const QString text = QString::fromUtf8(banner);
            const auto serve = servePattern.match(text);
            const auto http = httpPattern.match(text);
            if (serve.hasMatch() && http.hasMatch()) {
                port = quint16(serve.captured(1).toUInt());
                httpPort = quint16(http.captured(2).toUInt());
                return true;
            }
            if (process.state() == QProcess::NotRunning)
                break;
        }
        *error = QStringLiteral("no banner from the demo server: ")
            + QString::fromUtf8(banner + process.readAllStandardError());
        return false;
    }

    /// One request to the upper-casing server; its answer.
    QByteArray ask(const QByteArray &text) const
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return "<no connection>";
        socket.write(text);
        QByteArray answer;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
            answer += socket.readAll();
        return answer + socket.readAll();
    }

    QProcess process;
    quint16 port = 0;
    quint16 httpPort = 0;
};

/// A real Prometheus on a free loopback port, with its configuration and its data in a
/// temporary folder, scraping `targets` every second. Killed when destroyed.
class PrometheusProcess
{
public:
    ~PrometheusProcess() { stopProcess(process); }

    /// Starts it and waits until it is ready; false with `error` otherwise (a missing
    /// executable included: integration tests must fail, not skip, without it).
    bool start(const QStringList &targets, QString *error,
               const QString &job = QStringLiteral("counters-demo"))
    {
        const QString executable = findTool(QStringLiteral("prometheus"));
        if (executable.isEmpty()) {
            *error = QStringLiteral("prometheus is not installed: install Debian's prometheus "
                                    "package (scripts/test.sh does it)");
            return false;
        }
        if (!dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        QStringList quoted;
        for (const QString &target : targets)
            quoted.append(QLatin1Char('\'') + target + QLatin1Char('\''));
        const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = file.errorString();
            return false;
        }
        file.write(QStringLiteral("global:\n"
                                  "  scrape_interval: 1s\n"
                                  "  scrape_timeout: 1s\n"
                                  "  evaluation_interval: 1s\n"
                                  "scrape_configs:\n"
                                  "  - job_name: '%1'\n"
                                  "    static_configs:\n"
                                  "      - targets: [%2]\n")
                       .arg(job, quoted.join(QStringLiteral(", ")))
                       .toUtf8());
        file.close();

        // A port taken between freePort() and Prometheus' bind makes it exit: try again.
        for (int attempt = 0; attempt < 3; ++attempt) {
            port = freePort();
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.start(
                executable,
                {QStringLiteral("--config.file=") + config,
                 QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                 QStringLiteral("--log.level=warn")});
            if (!process.waitForStarted(10000)) {
                *error = process.errorString();
                return false;
            }
            const QDeadlineTimer deadline(20000);
            while (!deadline.hasExpired() && process.state() == QProcess::Running) {
                if (request(url(QStringLiteral("/-/ready")), "GET", {}, 2000).status == 200)
                    return true;
                QThread::msleep(100);
            }
            output += process.readAll();
            stopProcess(process);
        }
        *error = QStringLiteral("prometheus did not become ready: ") + QString::fromUtf8(output);
        return false;
    }

    QUrl url(const QString &path, const QUrlQuery &query = QUrlQuery()) const
    {
        QUrl result(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
        result.setQuery(query);
        return result;
    }

    /// GET `path` of the HTTP API; the "data" member of a successful answer, else null.
    QJsonValue api(const QString &path, const QUrlQuery &query, QString *error) const
    {
        const HttpAnswer answer = request(url(path, query));
        const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
        if (answer.status != 200
            || object.value(QLatin1String("status")).toString() != QLatin1String("success")) {
            *error = QStringLiteral("%1 answered %2: %3")
                         .arg(path)
                         .arg(answer.status)
                         .arg(QString::fromUtf8(answer.body + answer.error.toUtf8()));
            return QJsonValue();
        }
        return object.value(QLatin1String("data"));
    }

    QProcess process;
    QTemporaryDir dir;
    quint16 port = 0;
    QByteArray output;
};

} // namespace exposition
