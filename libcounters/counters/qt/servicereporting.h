// SPDX-License-Identifier: MIT
#pragma once

#include <counters/base/clock.h>
#include <counters/counter/registry.h>
#include <counters/counters_qt_export.h>

#include <QHostAddress>
#include <QString>

#include <memory>
#include <optional>

namespace counters {

/**
 * A service's reports set up in one call: the JSON report file, the local socket (so that the
 * dashboard lists the service by itself) and, optionally, the Prometheus/OpenMetrics HTTP
 * exporter, each with its own period.
 *
 *     counters::ServiceReporting reporting;
 *     counters::ServiceReporting::Options options;
 *     options.jsonFile = QStringLiteral("/var/lib/my-service/counters.json");
 *     options.httpPort = 9464;
 *     if (!reporting.start(options))
 *         qFatal("%ls", qUtf16Printable(reporting.errorString()));
 *
 * Each output has its own ReportingController over the same registry, so a JSON file written
 * every minute and a dashboard fed every second do not wait for each other. stop() (and the
 * destructor) stops them and writes the JSON report one last time, so that nothing counted is
 * lost. Requires a QCoreApplication (the socket and the exporter are Qt networking); destroy
 * it before the application object. Used from one thread.
 */
class COUNTERS_QT_EXPORT ServiceReporting
{
public:
    struct Options
    {
        /// The JSON report (JsonFileReporter), rewritten whole every jsonPeriod; empty: none.
        QString jsonFile;
        Seconds jsonPeriod{60};
        /// The local socket's name (LocalSocketReporter); empty: the application's name.
        QString localSocketName;
        bool localSocket = true;
        Seconds localSocketPeriod{1};
        /// The HTTP exporter's port (0: any free one); none: no exporter.
        std::optional<quint16> httpPort;
        QHostAddress httpAddress = QHostAddress(QHostAddress::LocalHost);
        Seconds httpPeriod{5};
    };

    explicit ServiceReporting(Registry &registry = Registry::global());
    ~ServiceReporting();
    ServiceReporting(const ServiceReporting &) = delete;
    ServiceReporting &operator=(const ServiceReporting &) = delete;

    /**
     * Starts every output `options` asks for, each reporting at once and then every period.
     * False when one cannot start (a socket or port that cannot be bound, a period that is not
     * positive): errorString() says which and why, and nothing runs. Starting again restarts
     * with the new options.
     */
    bool start(const Options &options);
    /// Stops every output; the JSON report is written one last time.
    void stop();
    bool isRunning() const;
    QString errorString() const;

    /// Where the local socket listens; empty without one.
    QString localSocketPath() const;
    /// The HTTP exporter's port; 0 without one.
    quint16 httpPort() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace counters
