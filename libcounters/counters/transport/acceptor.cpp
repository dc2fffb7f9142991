// SPDX-License-Identifier: MIT
#include "acceptor_p.h"
#include "transportlogging_p.h"

#include <counters/base/platform_p.h>

#include <QSocketNotifier>
#include <QTimer>

namespace counters::detail {

namespace {

constexpr int kRetryMs = 1000;
/// Connections taken per wake-up: under a flood of connections the thread still gets back to
/// its event loop (timers, closing sockets); the notifier fires again for the rest.
constexpr int kMaxPerWakeUp = 64;

} // namespace

bool Acceptor::isSupported()
{
    return platform::canAcceptConnections();
}

Acceptor::Acceptor(qintptr listener, const QString &what, Adopt adopt, QObject *parent)
    : QObject(parent),
      m_notifier(new QSocketNotifier(listener, QSocketNotifier::Read, this)),
      m_what(what),
      m_adopt(std::move(adopt))
{
    // QLocalServer's listening socket blocks: accept() would then wait when a connection
    // went away between the notification and the call.
    platform::makeNonBlocking(listener);
    connect(m_notifier, &QSocketNotifier::activated, this, &Acceptor::acceptWaiting);
}

void Acceptor::acceptWaiting()
{
    const qintptr listener = m_notifier->socket();
    for (int taken = 0; taken < kMaxPerWakeUp; ++taken) {
        qintptr descriptor = -1;
        QString error;
        switch (platform::acceptConnection(listener, &descriptor, &error)) {
        case platform::AcceptResult::Accepted:
            if (m_shedding) {
                m_shedding = false;
                qCInfo(lcTransport,
                       "%ls: accepting connections again (%llu closed at once while no file "
                       "descriptor was left)",
                       qUtf16Printable(m_what),
                       static_cast<unsigned long long>(m_shedSinceWarning));
            }
            m_adopt(descriptor);
            continue;
        case platform::AcceptResult::WouldBlock:
        case platform::AcceptResult::Unsupported:
            return;
        case platform::AcceptResult::Shed:
            ++m_shed;
            if (!m_shedding) {
                m_shedding = true;
                m_shedSinceWarning = 0;
                qCWarning(lcTransport,
                          "%ls: no file descriptor left for a connection (%ls): connections are "
                          "closed at once until some are free",
                          qUtf16Printable(m_what), qUtf16Printable(error));
            }
            ++m_shedSinceWarning;
            continue;
        case platform::AcceptResult::Failed:
            qCWarning(lcTransport, "%ls: cannot accept a connection: %ls; retrying in %d ms",
                      qUtf16Printable(m_what), qUtf16Printable(error), kRetryMs);
            m_notifier->setEnabled(false);
            QTimer::singleShot(kRetryMs, m_notifier,
                               [notifier = m_notifier] { notifier->setEnabled(true); });
            return;
        }
    }
}

} // namespace counters::detail
