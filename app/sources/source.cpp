// SPDX-License-Identifier: MIT
#include "source.h"

#include "sourceslogging.h"

#include <QMetaEnum>

namespace dashboard {

Source::Source(const QUrl &url, const QString &displayName, QObject *parent)
    : QObject(parent), m_url(url), m_displayName(displayName)
{
}

Source::~Source() = default;

QString Source::id() const
{
    return SourceId{kind(), m_url}.toString();
}

QString SourceId::toString() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Source::Kind>().valueToKey(int(kind)))
        + QLatin1Char(' ') + url.toString();
}

std::optional<SourceId> SourceId::fromString(const QString &text)
{
    const qsizetype space = text.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return std::nullopt;
    bool known = false;
    const int kind =
        QMetaEnum::fromType<Source::Kind>().keyToValue(text.left(space).toLatin1(), &known);
    const QUrl url(text.mid(space + 1));
    if (!known || url.isEmpty())
        return std::nullopt;
    return SourceId{Source::Kind(kind), url};
}

void Source::start()
{
    if (m_started)
        return;
    m_started = true;
    qCDebug(lcSources) << "starting" << m_url.toString();
    doStart();
}

void Source::stop()
{
    if (!m_started)
        return;
    m_started = false;
    qCDebug(lcSources) << "stopping" << m_url.toString();
    doStop();
    setState(State::Offline, tr("Stopped"));
}

void Source::restart()
{
    stop();
    start();
}

void Source::setState(State state, const QString &message)
{
    const bool stateChanges = state != m_state;
    const bool messageChanges = message != m_message;
    if (!stateChanges && !messageChanges)
        return;
    m_state = state;
    m_message = message;
    if (state == State::Error)
        qCInfo(lcSources).noquote() << m_url.toString() << "error:" << message;
    if (stateChanges)
        Q_EMIT stateChanged(state);
    else
        Q_EMIT messageChanged(message);
}

void Source::setDisplayName(const QString &name)
{
    if (name == m_displayName || name.isEmpty())
        return;
    m_displayName = name;
    Q_EMIT displayNameChanged(name);
}

void Source::deliver(const counters::Snapshot &snapshot)
{
    ++m_snapshotCount;
    m_lastSnapshotTime = std::max(m_lastSnapshotTime, snapshot.time());
    Q_EMIT snapshotReceived(snapshot);
}

void Source::deliverHistory(const QList<counters::Snapshot> &snapshots, bool continued,
                            qsizetype rowsToCome)
{
    if (snapshots.isEmpty())
        return;
    m_snapshotCount += snapshots.size() - (continued ? 1 : 0);
    for (const counters::Snapshot &snapshot : snapshots)
        m_lastSnapshotTime = std::max(m_lastSnapshotTime, snapshot.time());
    Q_EMIT historyReceived(snapshots, rowsToCome);
}

} // namespace dashboard
