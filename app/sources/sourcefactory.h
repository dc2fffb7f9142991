// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace dashboard {

class Source;

/**
 * Makes the right Source for what a user typed (`--connect`, the Connect dialog) or opened.
 *
 * Addresses:
 * - `local:NAME` (or `local:/abs/path`): a service's local socket (LocalServiceSource);
 * - `tcp://HOST:PORT[?token=T]`: a multi-process leader (LeaderSource);
 * - `http://HOST:PORT[/PATH][?interval=S]`, `https://…`: an HTTP endpoint (HttpSource);
 * - `file:///PATH` or `file:PATH`: a report file followed live (WatchedFileSource).
 *
 * Stateless and thread-safe; the sources made belong to the caller (or `parent`) and are not
 * started.
 */
class SourceFactory
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::SourceFactory)
public:
    SourceFactory() = delete;

    /// The source for `address`, or nullptr and `*error` when it is not a valid address.
    static Source *create(const QString &address, QObject *parent = nullptr,
                          QString *error = nullptr);
    /// A saved report or history file, opened offline (SavedFileSource).
    static Source *openFile(const QString &path, QObject *parent = nullptr);
};

} // namespace dashboard
