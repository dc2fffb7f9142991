// SPDX-License-Identifier: MIT
#include "localservicesource.h"

#include "sourceslogging.h"

#include <counters/transport/localdiscovery.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QUrlQuery>

namespace dashboard {

namespace {

QUrl localUrl(const QString &nameOrPath, qint64 pid)
{
    QUrl url;
    url.setScheme(QStringLiteral("local"));
    url.setPath(nameOrPath);
    if (pid > 0)
        url.setQuery(QStringLiteral("pid=%1").arg(pid));
    return url;
}

} // namespace

LocalServiceSource::LocalServiceSource(const QString &nameOrPath, qint64 pid, QObject *parent)
    : StreamSource(localUrl(nameOrPath, pid), QFileInfo(nameOrPath).fileName(), parent),
      m_name(nameOrPath),
      m_requestedPid(pid)
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
    // Looked up at every attempt: a restarted service listens on a new socket (new pid).
    QString path;
    QDateTime newest;
    const QList<counters::DiscoveredService> services = counters::LocalDiscovery::services();
    for (const counters::DiscoveredService &service : services) {
        if (service.name != m_name || (m_requestedPid > 0 && service.pid != m_requestedPid))
            continue;
        const QDateTime created = QFileInfo(service.socketPath).lastModified();
        if (path.isEmpty() || created > newest) {
            path = service.socketPath;
            newest = created;
        }
    }
    return path;
}

QIODevice *LocalServiceSource::device() const
{
    return m_socket;
}

void LocalServiceSource::openConnection()
{
    Q_ASSERT(!m_socket);
    const QString path = socketPath();
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        // Not a fault: the service is not running (yet). Offline, and keep trying.
        dropConnection(
            State::Offline,
            m_requestedPid > 0
                ? tr("The service “%1” (pid %2) is not running").arg(m_name).arg(m_requestedPid)
                : tr("The service “%1” is not running; waiting for it").arg(m_name));
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
            dropConnection(State::Error,
                           tr("The connection to the service “%1” failed: %2")
                               .arg(m_name, m_socket->errorString()));
        return;
    }
    connectionFailed(
        tr("Cannot connect to the service “%1”: %2").arg(m_name, m_socket->errorString()));
}

bool LocalServiceSource::onHello(const QByteArray &payload, QString *error)
{
    QString reason; // set by fromJson() when it fails, or below when the hello is not for us
    std::optional<counters::Hello> info = counters::Hello::fromJson(payload, &reason);
    if (info && info->protocol != counters::kProtocolVersion) {
        reason = tr("protocol version %1 (this dashboard speaks version %2)")
                     .arg(info->protocol)
                     .arg(counters::kProtocolVersion);
    } else if (info && info->role != counters::Hello::Role::Service) {
        reason = tr("it introduced itself as a %1, not as a service")
                     .arg(counters::Hello::roleName(info->role));
    }
    if (!info || !reason.isEmpty()) {
        *error =
            tr("The service “%1” sent a hello this dashboard cannot read: %2").arg(m_name, reason);
        return false;
    }
    m_info = std::move(*info);
    setDisplayName(m_info.pid > 0 ? tr("%1 (pid %2)").arg(m_info.service).arg(m_info.pid)
                                  : m_info.service);
    markHealthy();
    setState(State::Live,
             m_info.host.isEmpty()
                 ? tr("Connected; %n counter(s)", nullptr, int(m_info.counters.size()))
                 : tr("Connected (host %1); %n counter(s)", nullptr, int(m_info.counters.size()))
                       .arg(m_info.host));
    qCDebug(lcSources) << "hello from" << m_info.service << "pid" << m_info.pid;
    return true;
}

} // namespace dashboard
