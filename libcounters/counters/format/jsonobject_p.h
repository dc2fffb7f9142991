// SPDX-License-Identifier: MIT
#pragma once

// Internal: the first step of reading a JSON payload, shared by the codecs of small payloads
// (the hello, the group handshake, the multi-process requests and answers).

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>

#include <optional>

namespace counters::detail {

/// `json` as a JSON object; std::nullopt and `*reason` ("not JSON (at byte N: …)", "not a JSON
/// object") otherwise.
inline std::optional<QJsonObject> parseJsonObject(const QByteArray &json, QString *reason)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *reason = QStringLiteral("not JSON (at byte %1: %2)")
                      .arg(parseError.offset)
                      .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *reason = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    return document.object();
}

/// A refusal of a decoder: std::nullopt, and "invalid <what>: <reason>" in `*error` if given.
template <typename T>
std::optional<T> invalid(QString *error, const QString &what, const QString &reason)
{
    if (error)
        *error = QStringLiteral("invalid %1: %2").arg(what, reason);
    return std::nullopt;
}

} // namespace counters::detail
