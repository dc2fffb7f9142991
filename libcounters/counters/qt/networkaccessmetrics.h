// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counter/registry.h>
#include <counters/counters_qt_export.h>

#include <QObject>

#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace counters {

/**
 * Times every reply of a QNetworkAccessManager, from when the manager makes it to its
 * finished() signal, and counts the replies that failed, by host:
 * - `http_client_request_time` (labels `host`, `method`, `status`): a PercentileWindowCounter
 *   family in seconds; `host` is the URL's host, or its scheme when it has none ("file",
 *   "data", "qrc"); `method` is the HTTP verb, a custom one included; `status` is the HTTP
 *   status, "error" when none came and the reply failed (a refused connection, a timeout), or
 *   "none" when none came for a reply that did not fail (a local file);
 * - `http_client_errors` (labels `host`, `error`): an EventCounter family counting replies that
 *   finished with an error, by host (or scheme, as above) and QNetworkReply::NetworkError's
 *   name ("ConnectionRefusedError", "ContentNotFoundError"…).
 *
 *     auto *manager = new QNetworkAccessManager(this);
 *     new counters::NetworkAccessMetrics(manager); // the manager's child: deleted with it
 *
 * It watches the manager's children (replies are made as its children) and its finished()
 * signal, in the manager's thread. It is always the manager's child, so it lives in that
 * thread and goes with the manager; make it with new. A reply moved to another parent before
 * it finishes is not timed. The family names can be changed with the prefix
 * (`<prefix>_request_time`, `<prefix>_errors`).
 */
class COUNTERS_QT_EXPORT NetworkAccessMetrics : public QObject
{
    Q_OBJECT

public:
    explicit NetworkAccessMetrics(QNetworkAccessManager *manager,
                                  const QString &prefix = QStringLiteral("http_client"),
                                  Registry &registry = Registry::global());
    ~NetworkAccessMetrics() override;

    /// False when a family could not be made (a family of that name exists already).
    bool isValid() const;
    QString errorString() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void finished(QNetworkReply *reply);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace counters
