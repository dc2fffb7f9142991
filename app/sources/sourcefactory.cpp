// SPDX-License-Identifier: MIT
#include "sourcefactory.h"

#include "httpsource.h"
#include "leadersource.h"
#include "localservicesource.h"
#include "prometheussource.h"
#include "savedfilesource.h"
#include "watchedfilesource.h"

#include <QUrl>
#include <QUrlQuery>

namespace dashboard {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

Source *SourceFactory::create(const QString &address, QObject *parent, QString *error)
{
    const QString trimmed = address.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, tr("The address is empty"));
        return nullptr;
    }
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString scheme = colon > 0 ? trimmed.left(colon).toLower() : QString();

    if (scheme == QLatin1String("local")) {
        QString name = trimmed.mid(colon + 1);
        qint64 pid = 0;
        const qsizetype query = name.indexOf(QLatin1Char('?'));
        if (query >= 0) {
            const QUrlQuery items(name.mid(query + 1));
            bool ok = false;
            pid = items.queryItemValue(QStringLiteral("pid")).toLongLong(&ok);
            if (!ok || pid <= 0) {
                fail(error, tr("“%1”: write local:NAME or local:NAME?pid=PID").arg(trimmed));
                return nullptr;
            }
            name.truncate(query);
        }
        if (name.isEmpty() || name.startsWith(QLatin1String("//"))) {
            fail(error, tr("“%1”: write local:NAME, the name the service listens as").arg(trimmed));
            return nullptr;
        }
        return new LocalServiceSource(name, pid, parent);
    }

    const QUrl url(trimmed, QUrl::StrictMode);
    if (scheme == QLatin1String("file")) {
        QString path = url.isValid() ? url.toLocalFile() : QString();
        if (path.isEmpty())
            path = trimmed.mid(colon + 1);
        if (path.isEmpty()) {
            fail(error, tr("“%1”: no file name").arg(trimmed));
            return nullptr;
        }
        return new WatchedFileSource(path, parent);
    }

    if (scheme == QLatin1String("prometheus")) {
        if (!url.isValid() || url.host().isEmpty()) {
            fail(error,
                 tr("“%1”: write prometheus://HOST[:PORT], the address of a Prometheus "
                    "server")
                     .arg(trimmed));
            return nullptr;
        }
        return new PrometheusSource(url, parent);
    }

    if (scheme == QLatin1String("tcp") || scheme == QLatin1String("http")
        || scheme == QLatin1String("https")) {
        if (!url.isValid()) {
            fail(error, tr("“%1” is not a valid URL: %2").arg(trimmed, url.errorString()));
            return nullptr;
        }
        if (url.host().isEmpty()) {
            fail(error, tr("“%1” has no host").arg(trimmed));
            return nullptr;
        }
        if (scheme == QLatin1String("tcp")) {
            if (url.port() <= 0) {
                fail(error, tr("“%1” needs a port: tcp://HOST:PORT").arg(trimmed));
                return nullptr;
            }
            return new LeaderSource(url, parent);
        }
        const QString interval = QUrlQuery(url).queryItemValue(QStringLiteral("interval"));
        if (!interval.isEmpty()) {
            bool ok = false;
            const double seconds = interval.toDouble(&ok);
            if (!ok || !(seconds > 0)) {
                fail(error, tr("“%1”: interval must be a positive number of seconds").arg(trimmed));
                return nullptr;
            }
        }
        return new HttpSource(url, parent);
    }

    fail(error,
         tr("“%1”: unknown kind of address; use local:NAME, tcp://HOST:PORT, "
            "http://HOST:PORT, prometheus://HOST[:PORT] or file:///PATH")
             .arg(trimmed));
    return nullptr;
}

Source *SourceFactory::openFile(const QString &path, QObject *parent)
{
    return new SavedFileSource(path, parent);
}

} // namespace dashboard
