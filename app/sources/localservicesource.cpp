// SPDX-License-Identifier: MIT
#include "localservicesource.h"

#include "localservicediscovery.h"
#include "sourceslogging.h"

#include <counters/transport/frame.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalSocket>

namespace dashboard {

namespace {

QUrl localUrl(const QString &nameOrPath)
{
    QUrl url;
    url.setScheme(QStringLiteral("local"));
    url.setPath(nameOrPath);
    return url;
}

} // namespace

LocalServiceSource::LocalServiceSource(const QString &nameOrPath, QObject *parent)
    : StreamSource(localUrl(nameOrPath), QFileInfo(nameOrPath).fileName(), parent),
      m_name(nameOrPath)
{
}

LocalServiceSource::~LocalServiceSource()
{
    stop();
}

QString LocalServiceSource::socketPath() const
{
    if (QDir::isAbsolutePath(m_name))
        return m_name;
    // Looked up at every attempt: the folder may appear only when the first service starts.
    return LocalServiceDiscovery::socketPath(m_name);
}

QIODevice *LocalServiceSource::device() const
{
    return m_socket;
}

void LocalServiceSource::openConnection()
{
    Q_ASSERT(!m_socket);
    const QString path = socketPath();
    if (!QFileInfo::exists(path)) {
        // Not an error of ours: the service is not running (yet). Keep trying quietly.
        connectionFailed(tr("The service “%1” is not running (no socket %2); waiting for it")
                             .arg(m_name, QDir::toNativeSeparators(path)));
        return;
    }
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, &LocalServiceSource::connectionOpened);
    connect(m_socket, &QLocalSocket::readyRead, this, &LocalServiceSource::dataArrived);
    connect(m_socket, &QLocalSocket::disconnected, this, &LocalServiceSource::connectionClosed);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &LocalServiceSource::onSocketError);
    m_socket->connectToServer(path);
}

void LocalServiceSource::closeConnection()
{
    if (!m_socket)
        return;
    QLocalSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void LocalServiceSource::onSocketError()
{
    if (!m_socket)
        return;
    if (isConnected()) {
        // A close by the peer: read what is left, then tell a clean close from a torn frame.
        if (m_socket->error() == QLocalSocket::PeerClosedError)
            connectionClosed();
        else
            dropConnection(State::Error, tr("The connection to the service “%1” failed: %2")
                                             .arg(m_name, m_socket->errorString()));
        return;
    }
    connectionFailed(tr("Cannot connect to the service “%1”: %2")
                         .arg(m_name, m_socket->errorString()));
}

bool LocalServiceSource::onHello(const QJsonObject &hello, QString *error)
{
    const QJsonValue protocol = hello.value(QLatin1String("protocol"));
    if (!protocol.isUndefined() && protocol.toInt(-1) != counters::kProtocolVersion) {
        *error = tr("The service speaks protocol version %1; this dashboard speaks %2")
                     .arg(protocol.toVariant().toString())
                     .arg(counters::kProtocolVersion);
        return false;
    }
    const QString role = hello.value(QLatin1String("role")).toString();
    if (!role.isEmpty() && role != QLatin1String("service")) {
        *error = tr("The peer is not a service (it says it is a “%1”)").arg(role);
        return false;
    }
    m_pid = hello.value(QLatin1String("pid")).toInteger();
    m_host = hello.value(QLatin1String("host")).toString();
    m_announcedCounters = int(hello.value(QLatin1String("counters")).toArray().size());
    const QString service = hello.value(QLatin1String("service")).toString();
    if (!service.isEmpty())
        setDisplayName(m_pid > 0 ? tr("%1 (pid %2)").arg(service).arg(m_pid) : service);
    markHealthy();
    setState(State::Live, tr("Connected; %n counter(s)", nullptr, m_announcedCounters));
    qCDebug(lcSources) << "hello from" << service << "pid" << m_pid;
    return true;
}

} // namespace dashboard
